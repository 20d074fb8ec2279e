import { z } from 'zod';

/** A span of UTC instants, both ends included, each written as RFC 3339 in UTC. */
export interface InstantRange {
  earliest: string;
  latest: string;
}

/**
 * The instants TypeORM writes faithfully, as a value or a parameter: those with a four-digit UTC year.
 * It pads the year to four digits and no more, so year −1 or 10000 (which `0000-01-01T00:00:00+01:00`
 * and `9999-12-31T23:59:59-14:00` are) comes out mangled: stored corrupted on SQLite, refused by
 * MariaDB, compared wrongly in a filter.
 */
export const STORABLE_INSTANTS: InstantRange = {
  earliest: '0000-01-01T00:00:00Z',
  latest: '9999-12-31T23:59:59.999Z',
};

/**
 * A request field holding an RFC 3339 time with an offset whose UTC instant lies in `range`. The
 * instant is what is checked, not the date as written: `z.iso.datetime` alone accepts any four-digit
 * year with any offset.
 */
export function rfc3339Within(range: InstantRange) {
  const earliest = Date.parse(range.earliest);
  const latest = Date.parse(range.latest);
  return (
    z.iso
      // Aborts on a malformed time, so that it is reported once, as malformed.
      .datetime({ offset: true, abort: true, error: 'must be an RFC 3339 time with an offset' })
      .refine((value) => {
        const at = Date.parse(value);
        return at >= earliest && at <= latest;
      }, `must be between ${range.earliest} and ${range.latest}, as a UTC instant`)
  );
}
