import type { ChainedEvent } from '../chain/chain-hash';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditActorType } from '../events/audit-vocabulary';
import type { AuditActor, AuditInput } from './audit-input';
import { normaliseDetails } from './audit-details';
import { AuditInputError } from './audit-input.error';
import { storable } from './storable';

/** Column widths from the migration. */
const WIDTH = { id: 36, targetType: 32, targetId: 64, ip: 64, userAgent: 255, requestId: 64 } as const;

export function actorColumns(actor: AuditActor): { actorType: AuditActorType; actorId: string | null } {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user', actorId: actor.userId };
    case 'api_key':
      return { actorType: 'api_key', actorId: actor.apiKeyId };
    case 'user_id':
      return { actorType: 'user', actorId: actor.userId };
    case 'system':
      return { actorType: 'system', actorId: null };
    case 'anonymous':
      return { actorType: 'anonymous', actorId: null };
  }
}

/** Ids come from our own code: one that does not fit its column is a bug, not something to cut. */
function fitting(value: string | null | undefined, max: number, what: string): string | null {
  if (value === null || value === undefined) return null;
  const stored = storable(value, Number.MAX_SAFE_INTEGER);
  if (stored.length === 0 || [...stored].length > max)
    throw new AuditInputError(`${what} must be 1 to ${max} characters`);
  return stored;
}

/** What came with the request is the caller's to choose: cut to fit. */
function cut(value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : storable(value, max);
}

/**
 * The row for an input, everything but its place in the chain (seq, prev_hash, hash). Pure:
 * the id and time are given.
 */
export function buildAuditRow(input: AuditInput, id: string, occurredAt: Date): Omit<ChainedEvent, 'seq'> {
  if (!(AUDIT_ACTIONS as readonly string[]).includes(input.action))
    throw new AuditInputError(`unknown action "${input.action}"`);
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(input.outcome))
    throw new AuditInputError(`unknown outcome "${input.outcome}"`);
  const { actorType, actorId } = actorColumns(input.actor);
  return {
    id,
    occurredAt,
    actorType,
    actorId: fitting(actorId, WIDTH.id, 'actor id'),
    clinicId: fitting(input.clinicId, WIDTH.id, 'clinic id'),
    action: input.action,
    targetType: fitting(input.target?.type, WIDTH.targetType, 'target type'),
    targetId: fitting(input.target?.id, WIDTH.targetId, 'target id'),
    outcome: input.outcome,
    ip: cut(input.meta?.ip, WIDTH.ip),
    userAgent: cut(input.meta?.userAgent, WIDTH.userAgent),
    requestId: cut(input.meta?.requestId, WIDTH.requestId),
    details: normaliseDetails(input.details),
  };
}
