import { canonicalJson } from '../chain/canonical-json';
import type { AuditDetails } from '../chain/chain-hash';

/** The details column's text: canonical JSON, or null for none. */
export function detailsToJson(details: AuditDetails | null): string | null {
  return details === null ? null : canonicalJson(details);
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Reads a stored details column back. Anything that is not exactly what detailsToJson writes
 * (not JSON, not a flat object of scalars, not canonical) is reported as unreadable: the verifier
 * treats that row as modified.
 */
export function parseStoredDetails(
  text: string | null,
): { ok: true; details: AuditDetails | null } | { ok: false } {
  if (text === null) return { ok: true, details: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false };
  if (!Object.values(parsed).every(isScalar)) return { ok: false };
  const details = parsed as AuditDetails;
  return canonicalJson(details) === text ? { ok: true, details } : { ok: false };
}
