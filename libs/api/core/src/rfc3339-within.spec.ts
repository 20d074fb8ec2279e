import { type InstantRange, rfc3339Within, STORABLE_INSTANTS } from './rfc3339-within';

const messages = (schema: ReturnType<typeof rfc3339Within>, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('rfc3339Within', () => {
  const range: InstantRange = { earliest: '2000-01-01T00:00:00Z', latest: '2100-01-01T00:00:00Z' };
  const schema = rfc3339Within(range);
  const outside = 'must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z, as a UTC instant';

  it.each([
    '2000-01-01T00:00:00Z',
    '2000-01-01T01:00:00+01:00', // the first instant, written in another offset
    '2026-07-01T09:00:00.123-05:00',
    '2100-01-01T00:00:00.000Z',
    '2100-01-01T13:59:59+14:00', // 2099-12-31T23:59:59Z
    '2099-12-31T23:00:00-01:00', // the last instant, written in another offset
  ])('accepts %s', (value) => {
    expect(messages(schema, value)).toEqual([]);
  });

  it.each([
    '1999-12-31T23:59:59.999Z',
    '2000-01-01T00:30:00+01:00', // 1999-12-31T23:30:00Z
    '2100-01-01T00:00:00.001Z',
    '2099-12-31T23:00:01-01:00', // 2100-01-01T00:00:01Z
    '0000-01-01T00:00:00+01:00', // year −1 in UTC
    '9999-12-31T23:59:59-14:00', // year 10000 in UTC
  ])('refuses %s as out of range', (value) => {
    expect(messages(schema, value)).toEqual([outside]);
  });

  it.each(['tomorrow', '2026-07-01T09:00:00', '2026-02-30T09:00:00Z', '2026-07-01T09:00:00+24:00', 42])(
    'refuses %j once, as malformed',
    (value) => {
      expect(messages(schema, value)).toEqual(['must be an RFC 3339 time with an offset']);
    },
  );

  it('takes every instant with a four-digit UTC year as storable, and nothing beyond', () => {
    const storable = rfc3339Within(STORABLE_INSTANTS);
    for (const value of ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z']) {
      expect(storable.safeParse(value).success).toBe(true);
    }
    for (const value of ['0000-01-01T00:00:00+01:00', '9999-12-31T23:59:59-14:00']) {
      expect(storable.safeParse(value).success).toBe(false);
    }
  });
});
