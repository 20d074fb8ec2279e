import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';

/** The parts of the OpenAPI 3.0 document the fake reads. */
interface OpenApiOperation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
  security?: Array<Record<string, string[]>>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The operations televisit uses, keyed by a short name, with their path in the document. */
export const ZOOM_OPERATIONS = {
  getUser: { method: 'get', path: '/users/{userId}' },
  listUsers: { method: 'get', path: '/users' },
  createMeeting: { method: 'post', path: '/users/{userId}/meetings' },
  listMeetings: { method: 'get', path: '/users/{userId}/meetings' },
  getMeeting: { method: 'get', path: '/meetings/{meetingId}' },
  updateMeeting: { method: 'patch', path: '/meetings/{meetingId}' },
  deleteMeeting: { method: 'delete', path: '/meetings/{meetingId}' },
} as const;
export type ZoomOperation = keyof typeof ZOOM_OPERATIONS;

export interface FieldError {
  field: string;
  message: string;
}

let loaded: { doc: OpenApiDocument; ajv: Ajv } | undefined;
const compiled = new Map<string, ValidateFunction | null>();

/**
 * Loaded on first use: the document is 2 MB and most sandbox users never touch Zoom. A literal
 * `require` so that a webpack bundle of the API carries the file.
 */
function load(): { doc: OpenApiDocument; ajv: Ajv } {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a typed JSON import would make tsc infer a type for 2 MB of JSON
    const doc = require('../../vendor-specs/zoom-meeting-api.openapi.json') as OpenApiDocument;
    // strict: false because the document carries OpenAPI-only keywords (example, extensions, x-*) and
    // formats JSON Schema does not know ("Hex color code"); those are ignored, as Zoom's docs intend.
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    // Zoom accepts a local `yyyy-MM-ddTHH:mm:ss` read in the meeting's `timezone`, so the offset is optional.
    ajv.addFormat('date-time', fullFormats['iso-date-time']);
    loaded = { doc, ajv };
  }
  return loaded;
}

export function operation(name: ZoomOperation): OpenApiOperation {
  const { method, path } = ZOOM_OPERATIONS[name];
  const op = load().doc.paths[path]?.[method];
  if (!op) throw new Error(`Zoom OpenAPI document has no ${method.toUpperCase()} ${path}`);
  return op;
}

/** The OAuth scopes of which a token needs at least one, as the document lists them for the operation. */
export function operationScopes(name: ZoomOperation): string[] {
  return operation(name).security?.find((entry) => entry['openapi_oauth'])?.['openapi_oauth'] ?? [];
}

function validatorFor(key: string, schema: object | undefined): ValidateFunction | null {
  if (!compiled.has(key)) compiled.set(key, schema ? load().ajv.compile(schema) : null);
  return compiled.get(key) ?? null;
}

/** Validates a request body against the operation's JSON request schema; no schema means anything goes. */
export function validateRequest(name: ZoomOperation, body: unknown): FieldError[] {
  const schema = operation(name).requestBody?.content?.['application/json']?.schema;
  const validate = validatorFor(`${name} request`, schema);
  if (!validate || validate(body)) return [];
  return toFieldErrors(validate.errors ?? []);
}

/**
 * Validates a response against the operation's schema for that status. A status the document does not
 * list is an error. A listed success without a JSON schema (204) must have no body; listed error
 * statuses describe their `{code, message}` body only in prose, so only the status is checked.
 */
export function validateResponse(name: ZoomOperation, status: number, body: unknown): FieldError[] {
  const response = operation(name).responses?.[String(status)];
  if (!response) return [{ field: '(status)', message: `status ${status} is not documented` }];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    const empty = body === undefined || body === '';
    return status >= 400 || empty ? [] : [{ field: '(body)', message: 'no body is documented' }];
  }
  const validate = validatorFor(`${name} ${status}`, schema);
  if (!validate || validate(body)) return [];
  return toFieldErrors(validate.errors ?? []);
}

/** Ajv's errors in Zoom's `errors[]` shape: a dotted field path and a short message. */
function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    const path = error.instancePath.split('/').filter(Boolean).join('.');
    const missing = (error.params as { missingProperty?: string }).missingProperty;
    const field = missing ? [path, missing].filter(Boolean).join('.') : path;
    return { field: field || '(root)', message: error.message ?? 'Invalid field.' };
  });
}
