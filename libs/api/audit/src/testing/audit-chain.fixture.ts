import { chainHash, type ChainedEvent, GENESIS_HASH } from '../chain/chain-hash';
import type { AuditEventEntity } from '../events/audit-event.entity';
import { detailsToJson } from '../events/stored-details';

/** For specs: a plausible event at position `seq`; override any field. */
export function anEvent(seq: number, overrides: Partial<ChainedEvent> = {}): ChainedEvent {
  return {
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 0, 1, 9, 0, 0, seq)),
    actorType: 'user',
    actorId: 'user-1',
    clinicId: 'clinic-a',
    action: 'auth.login',
    targetType: null,
    targetId: null,
    outcome: 'success',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    requestId: `req-${seq}`,
    details: { method: 'password' },
    ...overrides,
  };
}

/** A stored row for `event`, linked to `prevHash`, with its hash. */
export function aStoredRow(event: ChainedEvent, prevHash: string): AuditEventEntity {
  const { details, ...columns } = event;
  return { ...columns, detailsJson: detailsToJson(details), prevHash, hash: chainHash(prevHash, event) };
}

/** An intact chain of `count` rows (seq 1…count) and the head that goes with it. */
export function anIntactChain(count: number): {
  rows: AuditEventEntity[];
  head: { seq: number; hash: string };
} {
  const rows: AuditEventEntity[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const row = aStoredRow(anEvent(seq), prevHash);
    rows.push(row);
    prevHash = row.hash;
  }
  return { rows, head: { seq: count, hash: prevHash } };
}
