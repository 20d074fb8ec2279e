import { Injectable } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import { BatchQueue, insertEntities, runInTransaction } from '@televisit/api-database';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, type ChainedEvent } from '../chain/chain-hash';
import { AuditEventEntity } from '../events/audit-event.entity';
import type { AuditEvent } from '../events/audit-event.schema';
import { toAuditEvent } from '../events/audit-event.view';
import { AUDIT_HEAD_ID, AuditHeadEntity } from '../events/audit-head.entity';
import { detailsToJson } from '../events/stored-details';
import type { AuditInput } from './audit-input';
import { buildAuditRow } from './audit-row';

/** An event checked and given its id and time (`AuditService.prepare`), waiting to be chained. */
export type PreparedAuditEvent = Omit<ChainedEvent, 'seq'>;

/** Standalone events appended in one transaction at most; more wait for the next one. */
const MAX_BATCH = 200;
/** Rows a single INSERT carries (14 columns each, well under every engine's placeholder limit). */
const INSERT_CHUNK = 50;

/** Appends events to the hash-chained audit trail. Rows are never updated or deleted. */
@Injectable()
export class AuditService {
  /** Standalone events waiting for the next group commit, in arrival order. */
  private readonly standalone = new BatchQueue<PreparedAuditEvent, AuditEvent>(MAX_BATCH, async (batch) => {
    const events = await runInTransaction(this.dataSource, (manager) => this.append(manager, batch));
    return events.map((value) => ({ ok: true, value }));
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends an event inside the caller's transaction, so that the change and its audit row commit
   * or roll back together. Reading the head FOR UPDATE takes its row lock (MariaDB) and so orders
   * concurrent writers: seq is gap-free and each row links to the one committed before it.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEvent> {
    const [event] = await this.recordAll(manager, [this.prepare(input)]);
    return event as AuditEvent;
  }

  /**
   * `record` for several changes committed together (a batch of bookings), chained in this order.
   * Each was checked by `prepare` before it joined the batch, so one refused event never fails others.
   */
  async recordAll(manager: EntityManager, events: readonly PreparedAuditEvent[]): Promise<AuditEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record(All) must run inside the transaction of the change it records');
    }
    return this.append(manager, events);
  }

  /**
   * Appends an event that goes with no other change (a failed login, a patient opening their link)
   * and resolves once it is committed. Events arriving while one commit is under way share the next
   * one (group commit): one head-lock turn and one fsync for the lot instead of one each, which is
   * what lets a busy /join/{token} audit every use. Each still waits for its own row to be durable.
   */
  async recordNow(input: AuditInput): Promise<AuditEvent> {
    // Checked now: a refused event rejects its caller alone, never the group it would have joined.
    return this.standalone.add(this.prepare(input));
  }

  /** Checks `input` (throws `AuditInputError`) and gives it its id and time, ready to chain. */
  prepare(input: AuditInput): PreparedAuditEvent {
    return buildAuditRow(input, randomUUID(), this.clock.now());
  }

  /**
   * Chains `rows` after the head, in order: the head read under its row lock, the inserts, one head
   * update. Written-out SQL (`@televisit/api-database`'s entity-sql): every audited change runs this,
   * and on MariaDB every statement after the lock is a round trip that other writers wait behind.
   */
  private async append(manager: EntityManager, rows: readonly PreparedAuditEvent[]): Promise<AuditEvent[]> {
    const { driver } = manager.connection;
    const head = driver.escape(manager.connection.getMetadata(AuditHeadEntity).tableName);
    // SQLite: the open transaction already holds the database's one write lock.
    const lock = manager.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
    const [current] = await manager.query<Array<{ seq: number | string; hash: string }>>(
      `SELECT seq, hash FROM ${head} WHERE id = ?${lock}`,
      [AUDIT_HEAD_ID],
    );
    if (!current) throw new Error('audit_head is missing: run the migrations');

    let seq = Number(current.seq);
    let prevHash = current.hash;
    const entities = rows.map((fields) => {
      seq += 1;
      const event = { ...fields, seq };
      const hash = chainHash(prevHash, event);
      const { details, ...columns } = event;
      const row: AuditEventEntity = Object.assign(new AuditEventEntity(), columns, {
        detailsJson: detailsToJson(details),
        prevHash,
        hash,
      });
      prevHash = hash;
      return row;
    });
    for (let i = 0; i < entities.length; i += INSERT_CHUNK) {
      await insertEntities(manager, AuditEventEntity, entities.slice(i, i + INSERT_CHUNK));
    }
    await manager.query(`UPDATE ${head} SET seq = ?, hash = ? WHERE id = ?`, [seq, prevHash, AUDIT_HEAD_ID]);
    return entities.map(toAuditEvent);
  }
}
