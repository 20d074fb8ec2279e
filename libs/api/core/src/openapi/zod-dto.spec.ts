import { z } from 'zod';
import { fixNullableProperties, zodDto } from './zod-dto';

describe('zodDto', () => {
  it('describes nullable properties with anyOf instead of a type array', () => {
    class Thing extends zodDto(
      z.object({
        id: z.string(),
        note: z.string().max(5).nullable(),
        count: z.number().int().nullable(),
        tags: z.array(z.string()),
      }),
    ) {}
    const properties = (
      Thing as unknown as { _OPENAPI_METADATA_FACTORY(): Record<string, Record<string, unknown>> }
    )._OPENAPI_METADATA_FACTORY();
    expect(properties['id']?.['type']).toBe('string');
    expect(properties['tags']?.['type']).toBe('array');
    expect(properties['note']).toMatchObject({
      type: '',
      required: true,
      anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }],
    });
    expect(properties['count']).toMatchObject({ type: '', anyOf: [{ type: 'integer' }, { type: 'null' }] });
  });

  it('still validates with the zod schema', () => {
    class Body extends zodDto(z.object({ name: z.string() }).strict()) {}
    expect(Body.schema.safeParse({ name: 'x', extra: 1 }).success).toBe(false);
  });

  it('leaves ordinary properties untouched', () => {
    const properties = { a: { type: 'string', required: true } };
    expect(fixNullableProperties(properties)).toEqual(properties);
  });
});
