import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hash the first event links to; audit_head starts with it (see the migration). */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the serialisation below ever changes, so old and new rows stay verifiable. */
const FORMAT = 'televisit.audit.v1';

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Record<string, AuditDetailValue>;

/** Every stored column of an audit event except `prev_hash` (passed separately) and `hash`. */
export interface ChainedEvent {
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  clinicId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: AuditDetails | null;
}

/** ISO 8601 with milliseconds; an unparsable stored time must still hash (to something else). */
function isoTime(value: Date): string {
  return Number.isNaN(value.getTime()) ? 'invalid-date' : value.toISOString();
}

/**
 * sha256 (hex) over the previous event's hash and this event's fields in a fixed order, with
 * explicit nulls, times as ISO strings with milliseconds and details as canonical JSON. Changing
 * any field, or the link to the previous event, changes the hash.
 */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  const fields = [
    FORMAT,
    prevHash,
    event.seq,
    event.id,
    isoTime(event.occurredAt),
    event.actorType,
    event.actorId,
    event.clinicId,
    event.action,
    event.targetType,
    event.targetId,
    event.outcome,
    event.ip,
    event.userAgent,
    event.requestId,
    event.details,
  ];
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}
