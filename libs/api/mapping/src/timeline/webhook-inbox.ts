import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, SerialDrain } from '@televisit/api-core';
import { isUniqueViolation, runInTransaction } from '@televisit/api-database';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { backoffMs } from '../reconcile/backoff';
import { AppointmentTimeline } from './appointment-timeline';
import { cleanDetails, type InboundVendorEvent, parseDetails, TIMELINE_KINDS } from './timeline-kinds';
import { WebhookEventEntity } from './webhook-event.entity';

const TICK_MS = 1000;
/** After this many failures a row stops being retried (processed_at and next_attempt_at stay NULL). */
export const MAX_WEBHOOK_ATTEMPTS = 10;
const BATCH = 20;

/**
 * Vendor webhook events: stored once (the unique key on vendor + event id refuses a redelivery), so the
 * receiver can answer 200 right away; then processed in the background, in the order received. The
 * table is the queue, so a restart picks up whatever was not processed. Each row is processed in one
 * transaction with its timeline entry and marked processed there, so it takes effect exactly once even
 * when several processes drain the same table.
 */
@Injectable()
export class WebhookInbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookInbox.name);
  private timer: NodeJS.Timeout | undefined;
  private readonly drainer = new SerialDrain(
    () => this.work(),
    (error) => this.logger.error(`the webhook inbox could not read its queue: ${String(error)}`),
    () => this.timer !== undefined,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly timeline: AppointmentTimeline,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker) return;
    this.timer = setInterval(() => void this.drain(), TICK_MS);
    this.timer.unref();
    // Whatever an earlier process received but did not finish.
    void this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.drainer.current;
  }

  /**
   * Stores the event for processing; `duplicate` when this vendor event id was stored before. Resolves
   * once the row is committed, so answering 200 afterwards is safe: it will be processed.
   */
  async accept(event: InboundVendorEvent): Promise<'accepted' | 'duplicate'> {
    const now = this.clock.now();
    try {
      await runInTransaction(this.dataSource, (manager) =>
        manager.getRepository(WebhookEventEntity).insert({
          id: randomUUID(),
          vendor: event.vendor,
          eventId: event.eventId,
          eventType: event.eventType,
          vendorMeetingId: event.vendorMeetingId,
          kind: event.kind,
          occurredAt: event.occurredAt,
          details: JSON.stringify(cleanDetails(event.details)),
          receivedAt: now,
          processedAt: null,
          nextAttemptAt: now,
          attempts: 0,
          lastError: null,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
    if (this.timer) void this.drain();
    return 'accepted';
  }

  /** Processes every event due now; returns how many it took off the queue. */
  drain(): Promise<number> {
    return this.drainer.run();
  }

  private async work(): Promise<number> {
    let done = 0;
    for (;;) {
      this.drainer.takeAsked(); // this round reads whatever was stored before it
      const due = await this.dataSource.getRepository(WebhookEventEntity).find({
        where: { processedAt: IsNull(), nextAttemptAt: LessThanOrEqual(this.clock.now()) },
        order: { receivedAt: 'ASC', id: 'ASC' },
        take: BATCH,
      });
      for (const row of due) {
        if (await this.process(row)) done++;
      }
      if (due.length < BATCH && !this.drainer.takeAsked()) return done;
    }
  }

  /** One row, in one transaction with its effects; true when this call processed it. */
  private async process(row: WebhookEventEntity): Promise<boolean> {
    try {
      return await runInTransaction(this.dataSource, async (manager) => {
        const repo = manager.getRepository(WebhookEventEntity);
        const now = this.clock.now();
        // Marks it first: a second process waits on the row lock, then finds it done.
        const claimed = await repo.update(
          { id: row.id, processedAt: IsNull() },
          { processedAt: now, attempts: row.attempts + 1, lastError: null },
        );
        if (claimed.affected !== 1) return false;
        const kind = TIMELINE_KINDS.find((k) => k === row.kind);
        if (!kind || !row.vendorMeetingId || !row.occurredAt) {
          await repo.update({ id: row.id }, { lastError: 'not_a_meeting_event' });
          return true;
        }
        const outcome = await this.timeline.recordIn(manager, {
          vendor: row.vendor,
          vendorMeetingId: row.vendorMeetingId,
          kind,
          occurredAt: row.occurredAt,
          details: parseDetails(row.details),
        });
        if (outcome === 'unknown_meeting') await repo.update({ id: row.id }, { lastError: outcome });
        return true;
      });
    } catch (error) {
      await this.failed(row, error).catch((e: unknown) =>
        this.logger.error(`could not record the failure of webhook event ${row.id}: ${String(e)}`),
      );
      return false;
    }
  }

  private async failed(row: WebhookEventEntity, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= MAX_WEBHOOK_ATTEMPTS;
    const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
      0,
      200,
    );
    (giveUp ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger))(
      `${row.vendor} webhook event ${row.id} (${row.eventType}) failed, attempt ${attempts}` +
        `${giveUp ? ', giving up' : ''}: ${message}`,
    );
    await runInTransaction(this.dataSource, (manager) =>
      manager.getRepository(WebhookEventEntity).update(
        { id: row.id, processedAt: IsNull() },
        {
          attempts,
          lastError: message,
          nextAttemptAt: giveUp ? null : new Date(this.clock.now().getTime() + backoffMs(attempts)),
        },
      ),
    );
  }
}
