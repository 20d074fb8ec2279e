import { Injectable } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash } from '../chain/chain-hash';
import { AuditEventEntity } from '../events/audit-event.entity';
import type { AuditEvent } from '../events/audit-event.schema';
import { toAuditEvent } from '../events/audit-event.view';
import { AUDIT_HEAD_ID, AuditHeadEntity } from '../events/audit-head.entity';
import { detailsToJson } from '../events/stored-details';
import type { AuditInput } from './audit-input';
import { buildAuditRow } from './audit-row';
import { runInTransaction } from '@televisit/api-database';

/** Appends events to the hash-chained audit trail. Rows are never updated or deleted. */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event inside the caller's transaction, so that the change and its audit row commit
   * or roll back together. Bumping the head first takes its row lock (MariaDB) and so orders
   * concurrent writers: seq is gap-free and each row links to the one committed before it.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEvent> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    // Validate before touching the head, so that a refused event leaves no trace.
    const fields = buildAuditRow(input, randomUUID(), this.clock.now());

    const bumped = await manager
      .createQueryBuilder()
      .update(AuditHeadEntity)
      .set({ seq: () => 'seq + 1' })
      .where('id = :id', { id: AUDIT_HEAD_ID })
      .execute();
    if (bumped.affected === 0) throw new Error('audit_head is missing: run the migrations');
    const head = await manager.findOneByOrFail(AuditHeadEntity, { id: AUDIT_HEAD_ID });

    const event = { ...fields, seq: head.seq };
    const hash = chainHash(head.hash, event);
    const { details, ...columns } = event;
    const row = manager.create(AuditEventEntity, {
      ...columns,
      detailsJson: detailsToJson(details),
      prevHash: head.hash,
      hash,
    });
    await manager.insert(AuditEventEntity, row);
    await manager.update(AuditHeadEntity, { id: AUDIT_HEAD_ID }, { hash });
    return toAuditEvent(row);
  }

  /** Appends an event that goes with no other change (a failed login, a denied access). */
  recordNow(input: AuditInput): Promise<AuditEvent> {
    return runInTransaction(this.dataSource, (manager) => this.record(manager, input));
  }
}
