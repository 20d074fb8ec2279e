import type { AuditDetails } from '../chain/chain-hash';
import { AuditInputError } from './audit-input.error';
import { wellFormed } from './storable';

const MAX_KEYS = 20;
const MAX_VALUE_LENGTH = 500;
const KEY_FORMAT = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
/** Names under which a secret would travel. A guard against accidents, not a PHI filter. */
const SECRET_KEY =
  /passw|passphrase|passcode|secret|token|credential|authorization|cookie|private_?key|^api_?key$/i;

/**
 * Validates and normalises an event's details: null when there are none, otherwise a flat object
 * of scalars with safe key names and bounded strings. Throws AuditInputError on a secret-like key.
 */
export function normaliseDetails(details: AuditDetails | undefined): AuditDetails | null {
  if (details === undefined) return null;
  const entries = Object.entries(details);
  if (entries.length === 0) return null;
  if (entries.length > MAX_KEYS) throw new AuditInputError(`details carry more than ${MAX_KEYS} keys`);
  const normalised: AuditDetails = {};
  for (const [key, value] of entries) {
    if (!KEY_FORMAT.test(key)) throw new AuditInputError(`details key "${key}" is not a plain identifier`);
    if (SECRET_KEY.test(key)) throw new AuditInputError(`details key "${key}" looks like a secret`);
    if (typeof value === 'string') {
      const text = wellFormed(value);
      if ([...text].length > MAX_VALUE_LENGTH)
        throw new AuditInputError(`details "${key}" is longer than ${MAX_VALUE_LENGTH} characters`);
      normalised[key] = text;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new AuditInputError(`details "${key}" is not a finite number`);
      normalised[key] = Object.is(value, -0) ? 0 : value;
    } else if (typeof value === 'boolean' || value === null) {
      normalised[key] = value;
    } else {
      throw new AuditInputError(`details "${key}" is not a string, number, boolean or null`);
    }
  }
  return normalised;
}
