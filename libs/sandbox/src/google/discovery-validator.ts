import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import discovery from '../../vendor-specs/google-calendar-v3.discovery.json';
import { apiErrors, type GoogleApiError } from './google-errors';

/** The discovery dialect: a JSON-Schema-like subset with `$ref` by schema name and per-method required flags. */
interface DiscoverySchema {
  type?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  items?: DiscoverySchema;
  enum?: string[];
  annotations?: { required?: string[] };
}

type JsonSchema = Record<string, unknown>;

export interface ValidationOptions {
  /** A method id such as `calendar.events.insert`: turns on the fields the discovery marks required for it. */
  methodId?: string;
  /** Refuse properties the discovery document does not declare (for contract tests of responses). */
  strict?: boolean;
}

export interface ValidationProblem {
  /** JSON path of the offending value, e.g. `end` or `conferenceData.createRequest.requestId`. */
  path: string;
  reason: 'required' | 'invalid';
  message: string;
}

const schemas = discovery.schemas as unknown as Record<string, DiscoverySchema>;

function convert(node: DiscoverySchema, options: ValidationOptions): JsonSchema {
  if (node.$ref) return { $ref: `calendar#/definitions/${node.$ref}` };
  const out: JsonSchema = {};
  if (node.enum) out.enum = node.enum;
  switch (node.type) {
    case 'object': {
      out.type = 'object';
      if (node.properties) {
        out.properties = Object.fromEntries(
          Object.entries(node.properties).map(([name, child]) => [name, convert(child, options)]),
        );
        const required = Object.entries(node.properties)
          .filter(([, child]) => options.methodId && child.annotations?.required?.includes(options.methodId))
          .map(([name]) => name);
        if (required.length) out.required = required;
      }
      if (node.additionalProperties) out.additionalProperties = convert(node.additionalProperties, options);
      else if (options.strict) out.additionalProperties = false;
      break;
    }
    case 'array':
      out.type = 'array';
      if (node.items) out.items = convert(node.items, options);
      break;
    case 'integer':
      out.type = 'integer';
      if (node.format === 'int32') Object.assign(out, { minimum: -2147483648, maximum: 2147483647 });
      if (node.format === 'uint32') Object.assign(out, { minimum: 0, maximum: 4294967295 });
      break;
    case 'number':
      out.type = 'number';
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'string':
      out.type = 'string';
      // 64-bit integers travel as decimal strings in Google's JSON.
      if (node.format === 'int64' || node.format === 'uint64') out.pattern = '^-?[0-9]+$';
      else if (node.format === 'date-time') out.format = 'google-date-time';
      else if (node.format === 'date') out.format = 'google-date';
      break;
    case 'any':
    default:
      break;
  }
  return out;
}

const validators = new Map<string, Ajv>();

function ajvFor(options: ValidationOptions): Ajv {
  const key = `${options.methodId ?? ''}|${options.strict ? 'strict' : 'lenient'}`;
  let ajv = validators.get(key);
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true });
    // RFC 3339; Calendar also takes a dateTime without offset when a timeZone accompanies it.
    ajv.addFormat('google-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i);
    ajv.addFormat('google-date', /^\d{4}-\d{2}-\d{2}$/);
    const definitions = Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, convert(schema, options)]),
    );
    ajv.addSchema({ $id: 'calendar', definitions });
    validators.set(key, ajv);
  }
  return ajv;
}

function validatorFor(schema: string, options: ValidationOptions): ValidateFunction {
  if (!schemas[schema]) throw new Error(`no schema ${schema} in the Calendar discovery document`);
  const validate = ajvFor(options).getSchema(`calendar#/definitions/${schema}`);
  if (!validate) throw new Error(`schema ${schema} did not compile`);
  return validate;
}

function toProblem(error: ErrorObject): ValidationProblem {
  const base = error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const path = base ? `${base}.${missing}` : missing;
    return {
      path,
      reason: 'required',
      message: path === 'end' || path === 'start' ? `Missing ${path} time.` : 'Required',
    };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const path = base ? `${base}.${extra}` : extra;
    return { path, reason: 'invalid', message: `Unknown field: ${path}` };
  }
  return {
    path: base,
    reason: 'invalid',
    message: `Invalid value for ${base || 'body'}: ${error.message ?? ''}`.trim(),
  };
}

/** Validates a value against a discovery schema (`Event`, `Events`, `Channel`, `ConferenceData`, …). */
export function validateResource(
  schema: string,
  value: unknown,
  options: ValidationOptions = {},
): ValidationProblem[] {
  const validate = validatorFor(schema, options);
  return validate(value) ? [] : (validate.errors ?? []).map(toProblem);
}

/**
 * The request body check Calendar does before anything else, as a 400 in Google's shape. Calendar ignores
 * fields it does not know, so only types, formats and the method's required fields are enforced.
 */
export function requestBodyError(
  schema: string,
  body: unknown,
  methodId: string,
): GoogleApiError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return apiErrors.parseError();
  const problems = validateResource(schema, body, { methodId });
  const first = problems.find((p) => p.reason === 'required') ?? problems[0];
  if (!first) return undefined;
  return first.reason === 'required' ? apiErrors.required(first.message) : apiErrors.invalid(first.message);
}
