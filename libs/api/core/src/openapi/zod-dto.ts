// The one place allowed to use nestjs-zod's factory directly.
// eslint-disable-next-line no-restricted-imports
import { createZodDto } from 'nestjs-zod';

type PropertySchema = Record<string, unknown> & { type?: unknown };

/** nestjs-zod's marker keys and Nest's own property keys stay on the property, outside `anyOf`. */
const PROPERTY_LEVEL = /^(x-nestjs_zod|required$|selfRequired$|description$|example$|title$|deprecated$)/;

/**
 * zod describes a nullable value with a type array (`["string", "null"]`), which @nestjs/swagger
 * mistakes for an array of strings on a DTO's own properties. Rewritten as `anyOf` with an empty
 * type, nestjs-zod's cleanup then drops the empty type and the document says what the code does.
 */
export function fixNullableProperties(
  properties: Record<string, PropertySchema>,
): Record<string, PropertySchema> {
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      if (!Array.isArray(property.type)) return [name, property];
      const types = property.type.filter((t): t is string => typeof t === 'string');
      const outer: PropertySchema = { type: '' };
      const value: PropertySchema = {};
      for (const [key, v] of Object.entries(property)) {
        if (key === 'type') continue;
        (PROPERTY_LEVEL.test(key) ? outer : value)[key] = v;
      }
      const others = types.filter((t) => t !== 'null');
      const branches = others.map((t) => ({ ...value, type: t }));
      outer['anyOf'] = types.includes('null') ? [...branches, { type: 'null' }] : branches;
      return [name, outer];
    }),
  );
}

/**
 * The one way to declare a request or response shape: a zod schema that validates it and, through
 * this class, describes it in OpenAPI. Use instead of nestjs-zod's createZodDto.
 */
export function zodDto<S extends Parameters<typeof createZodDto>[0]>(schema: S) {
  const Base = createZodDto(schema);
  // Captured before the override below, and called with the class as `this` (it reads this.schema).
  const original: unknown = Reflect.get(Base, '_OPENAPI_METADATA_FACTORY');
  const describe = () => Reflect.apply(original as () => unknown, Base, []) as Record<string, PropertySchema>;
  Object.defineProperty(Base, '_OPENAPI_METADATA_FACTORY', {
    value: () => fixNullableProperties(describe()),
  });
  return Base;
}
