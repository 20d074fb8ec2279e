import { Injectable } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
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

type AuditFields = Omit<ChainedEvent, 'seq'>;

interface Waiting {
  fields: AuditFields;
  resolve(event: AuditEvent): void;
  reject(error: unknown): void;
}

/** Standalone events appended in one transaction at most; more wait for the next one. */
const MAX_BATCH = 200;
/** Rows a single INSERT carries (14 columns each, well under every engine's placeholder limit). */
const INSERT_CHUNK = 50;

/** Appends events to the hash-chained audit trail. Rows are never updated or deleted. */
@Injectable()
export class AuditService {
  /** Standalone events waiting for the next group commit, in arrival order. */
  private waiting: Waiting[] = [];
  private flushing = false;

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
    const [event] = await this.append(manager, [this.fields(input)]);
    return event as AuditEvent;
  }

  /**
   * Appends an event that goes with no other change (a failed login, a patient opening their link)
   * and resolves once it is committed. Events arriving while one commit is under way share the next
   * one (group commit): one head-lock turn and one fsync for the lot instead of one each, which is
   * what lets a busy /join/{token} audit every use. Each still waits for its own row to be durable.
   */
  recordNow(input: AuditInput): Promise<AuditEvent> {
    return new Promise<AuditEvent>((resolve, reject) => {
      // Validated now: a refused event rejects its caller alone, never the group it would have joined.
      this.waiting.push({ fields: this.fields(input), resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private fields(input: AuditInput): AuditFields {
    return buildAuditRow(input, randomUUID(), this.clock.now());
  }

  /** Commits what waits, batch after batch, until nothing does; one flush runs at a time. */
  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const events = await runInTransaction(this.dataSource, (manager) =>
          this.append(
            manager,
            batch.map((w) => w.fields),
          ),
        );
        batch.forEach((w, i) => w.resolve(events[i] as AuditEvent));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.flushing = false;
  }

  /** Chains `rows` after the head, in order: one head bump and read, the inserts, one head update. */
  private async append(manager: EntityManager, rows: AuditFields[]): Promise<AuditEvent[]> {
    const bumped = await manager
      .createQueryBuilder()
      .update(AuditHeadEntity)
      .set({ seq: () => `seq + ${rows.length}` })
      .where('id = :id', { id: AUDIT_HEAD_ID })
      .execute();
    if (bumped.affected === 0) throw new Error('audit_head is missing: run the migrations');
    const head = await manager.findOneByOrFail(AuditHeadEntity, { id: AUDIT_HEAD_ID });

    let seq = head.seq - rows.length;
    // Bumping seq left the head's hash alone: it is still the last committed row's.
    let prevHash = head.hash;
    const entities = rows.map((fields) => {
      seq += 1;
      const event = { ...fields, seq };
      const hash = chainHash(prevHash, event);
      const { details, ...columns } = event;
      const row = manager.create(AuditEventEntity, {
        ...columns,
        detailsJson: detailsToJson(details),
        prevHash,
        hash,
      });
      prevHash = hash;
      return row;
    });
    for (let i = 0; i < entities.length; i += INSERT_CHUNK) {
      await insertRows(manager, entities.slice(i, i + INSERT_CHUNK));
    }
    await manager.update(AuditHeadEntity, { id: AUDIT_HEAD_ID }, { hash: prevHash });
    return entities.map(toAuditEvent);
  }
}

/**
 * One multi-row INSERT written out rather than built by TypeORM's insert query builder, whose
 * parameter handling cost more than the insert itself on a busy /join/{token}. Values still go
 * through the driver's conversion for each column (dates, the bigint seq), so both engines store
 * exactly what `manager.insert` would.
 */
async function insertRows(manager: EntityManager, rows: AuditEventEntity[]): Promise<void> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(AuditEventEntity);
  const { columns } = metadata;
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = rows.flatMap((row) =>
    columns.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c) as unknown),
  );
  await manager.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${rows.map(() => tuple).join(', ')}`,
    values,
  );
}
