import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from '../events/audit-event.entity';
import { AUDIT_HEAD_ID, AuditHeadEntity } from '../events/audit-head.entity';
import { runInTransaction } from '@televisit/api-database';
import type { AuditVerifyResult } from './audit-verify-result';
import { ChainVerifier } from './chain-verifier';

const DEFAULT_BATCH = 500;

/**
 * Re-walks the whole audit trail in seq order, a batch at a time, recomputing every hash and
 * checking seq continuity, every prev_hash link and the head. Reads happen in one transaction
 * (a consistent snapshot on MariaDB and SQLite WAL), so events appended meanwhile are not
 * mistaken for forgeries. The DataSource must know the audit entities (AUDIT_ENTITIES).
 */
export function verifyAuditChain(
  dataSource: DataSource,
  options: { batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  const mysql = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
  const batch = options.batchSize ?? DEFAULT_BATCH;
  return runInTransaction(
    dataSource,
    (manager) => walk(manager, batch),
    mysql ? 'REPEATABLE READ' : undefined,
  );
}

async function walk(manager: EntityManager, batch: number): Promise<AuditVerifyResult> {
  const head = await manager.findOneBy(AuditHeadEntity, { id: AUDIT_HEAD_ID });
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const verifier = new ChainVerifier(head);
  let pending: AuditEventEntity | undefined;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await manager
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.seq > :after', { after })
      .orderBy('e.seq', 'ASC')
      .limit(batch)
      .getMany();
    for (const row of rows) {
      // Each row is judged once its successor is known.
      const problem = pending ? verifier.check(pending, row.prevHash) : null;
      if (problem) return { ok: false, count: verifier.count, first: problem };
      pending = row;
    }
    if (rows.length < batch || !pending) break;
    after = pending.seq;
  }
  const problem = (pending ? verifier.check(pending, head.hash) : null) ?? verifier.finish();
  return problem ? { ok: false, count: verifier.count, first: problem } : { ok: true, count: verifier.count };
}
