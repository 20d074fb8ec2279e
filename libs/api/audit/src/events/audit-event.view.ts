import type { AuditEventEntity } from './audit-event.entity';
import type { AuditEvent } from './audit-event.schema';
import type { AuditAction, AuditActorType, AuditOutcome } from './audit-vocabulary';
import { parseStoredDetails } from './stored-details';

/** A stored row as the API shows it. */
export function toAuditEvent(row: AuditEventEntity): AuditEvent {
  const details = parseStoredDetails(row.detailsJson);
  return {
    id: row.id,
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType as AuditActorType, id: row.actorId },
    clinicId: row.clinicId,
    action: row.action as AuditAction,
    target:
      row.targetType !== null && row.targetId !== null ? { type: row.targetType, id: row.targetId } : null,
    outcome: row.outcome as AuditOutcome,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    // A row whose details were tampered into something unreadable shows none; audit:verify names it.
    details: (details.ok ? details.details : null) ?? {},
    hash: row.hash,
  };
}
