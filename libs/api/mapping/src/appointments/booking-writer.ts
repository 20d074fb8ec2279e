import { Injectable } from '@nestjs/common';
import { type AuditInput, AuditService, type PreparedAuditEvent } from '@televisit/api-audit';
import { BatchQueue, insertEntities, runInTransaction, type Settled } from '@televisit/api-database';
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

/**
 * How a commit came out. `inStatements`: it failed in the bookings' own statements, before any COMMIT,
 * so nothing of them was kept and the failure may belong to one booking alone.
 */
type Attempt = { ok: true } | { ok: false; error: unknown; inStatements: boolean };

const DONE: Settled<void> = { ok: true, value: undefined };

/** Bookings written in one transaction at most (23 columns a row: well under every placeholder limit). */
const MAX_BATCH = 50;

/**
 * Commits new appointments. Bookings arriving while one batch commits share the next transaction: one
 * multi-row INSERT each for the appointments, their join links and their audit rows (one turn of the
 * audit head's lock), and one COMMIT, where each booking alone took seven round trips to MariaDB. Each
 * booking still commits with its link, its key binding and its audit row, and its caller hears only
 * once that is durable. Its audit event is checked before it joins a batch; when the database refuses
 * one of a batch's statements (one booking's `externalId` taken, a provider just deleted, a value it
 * cannot hold), each of its bookings is tried again alone, so that the refusal fails only the booking
 * it belongs to.
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
    const together = await this.commit(batch);
    if (together.ok) return batch.map(() => DONE);
    // Only a failed statement may be one booking's fault, and it leaves nothing of the batch behind.
    // Anything else answers the whole batch as it is: no connection (BEGIN failing) is nobody's row,
    // and after a failed COMMIT the outcome is unknown (a retry could meet its own committed row and
    // answer `external_id_taken` for a booking that exists).
    if (batch.length === 1 || !together.inStatements) throw together.error;
    const outcomes: Array<Settled<void>> = [];
    let failing: Attempt | undefined;
    for (const booking of batch) {
      // Once one alone fails outside its statements, the database is failing, not a booking: the
      // rest get that answer instead of each waiting on it in turn while the queue stands still.
      const alone = failing ?? (await this.commit([booking]));
      outcomes.push(alone.ok ? DONE : { ok: false, error: alone.error });
      if (!alone.ok && !alone.inStatements) failing = alone;
    }
    return outcomes;
  }

  /** Commits `bookings` in one transaction, each with its link, its key binding and its audit row. */
  private async commit(bookings: Queued[]): Promise<Attempt> {
    let inStatements = false;
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        try {
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
        } catch (error) {
          inStatements = true;
          throw error;
        }
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, error, inStatements };
    }
  }
}
