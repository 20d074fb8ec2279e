import { Injectable } from '@nestjs/common';
import { type AuditInput, AuditService, type PreparedAuditEvent } from '@televisit/api-audit';
import {
  BatchQueue,
  insertEntities,
  isUniqueViolation,
  runInTransaction,
  type Settled,
} from '@televisit/api-database';
import { DataSource } from 'typeorm';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { JoinLinkEntity } from '../join-links/join-link.entity';
import { AppointmentEntity } from './appointment.entity';

/** A new appointment with everything that commits with it. */
export interface Booking {
  appointment: AppointmentEntity;
  link: JoinLinkEntity;
  /** The key the request came with, bound to the appointment in the same transaction. */
  claim: IdempotencyClaim | null;
  audit: AuditInput;
}

/** A booking as it waits for its batch: its audit event already checked. */
type Queued = Omit<Booking, 'audit'> & { event: PreparedAuditEvent };

/** Bookings written in one transaction at most (23 columns a row: well under every placeholder limit). */
const MAX_BATCH = 50;

/**
 * Commits new appointments. Bookings arriving while one batch commits share the next transaction: one
 * multi-row INSERT each for the appointments, their join links and their audit rows (one turn of the
 * audit head's lock), and one COMMIT, where each booking alone took seven round trips to MariaDB. Each
 * booking still commits with its link, its key binding and its audit row, and its caller hears only
 * once that is durable. Its audit event is checked before it joins a batch; when a batch hits a unique
 * violation (one booking's `externalId` is taken), each of its bookings is tried again alone, so that
 * the violation fails only the booking it belongs to; any other failure fails the batch.
 */
@Injectable()
export class BookingWriter {
  private readonly queue = new BatchQueue<Queued, void>(MAX_BATCH, (batch) => this.writeBatch(batch));

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Resolves once `booking` is committed. A refused audit event rejects here, before any batch. */
  async write({ audit, ...booking }: Booking): Promise<void> {
    const event = this.audit.prepare(audit);
    return this.queue.add({ ...booking, event });
  }

  private async writeBatch(batch: Queued[]): Promise<Array<Settled<void>>> {
    try {
      await this.commit(batch);
      return batch.map(() => ({ ok: true, value: undefined }));
    } catch (error) {
      // Only a unique violation (its externalId) belongs to one booking; anything else (the database
      // gone, a COMMIT whose outcome is unknown) answers the whole batch as it is.
      if (batch.length === 1 || !isUniqueViolation(error)) throw error;
    }
    const outcomes: Array<Settled<void>> = [];
    for (const booking of batch) {
      try {
        await this.commit([booking]);
        outcomes.push({ ok: true, value: undefined });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private commit(bookings: Queued[]): Promise<void> {
    return runInTransaction(this.dataSource, async (manager) => {
      await insertEntities(
        manager,
        AppointmentEntity,
        bookings.map((b) => b.appointment),
      );
      await insertEntities(
        manager,
        JoinLinkEntity,
        bookings.map((b) => b.link),
      );
      for (const b of bookings) await b.claim?.bind(manager, b.appointment.id);
      await this.audit.recordAll(
        manager,
        bookings.map((b) => b.event),
      );
    });
  }
}
