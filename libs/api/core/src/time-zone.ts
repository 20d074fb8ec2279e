import { z } from 'zod';

/** Zones already accepted: a finite set (the runtime's IANA database), so the memo stays small. */
const accepted = new Set<string>();

/**
 * Whether `zone` is an IANA time zone name the runtime knows, such as `America/Bogota`, or `UTC`.
 * Bare abbreviations and offsets (`EST`, `Z`, `+05:00`) are refused: they name no rules for daylight
 * saving. Remembers what it accepted, because constructing the `Intl.DateTimeFormat` that decides
 * costs more than the rest of validating a booking.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (accepted.has(zone)) return true;
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  accepted.add(zone);
  return true;
}

/** A request field holding an IANA time zone (trimmed), as clinics and appointments take it. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  .meta({ example: 'Europe/Berlin' });
