import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import { Brackets, DataSource } from 'typeorm';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { WebhookEventEntity } from '../timeline/webhook-event.entity';

const EVERY_MS = 60 * 60 * 1000;
/**
 * How long a settled vendor event is kept for deduplication: far beyond the longest vendor redelivery
 * (Zoom retries for hours, not days). The timeline keeps what the event meant; this is only the inbox.
 */
export const WEBHOOK_EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes what has served its purpose, every hour, so that neither table grows without bound:
 * Idempotency-Keys past their 24 hours (the service already treats them as absent), and vendor events
 * older than WEBHOOK_EVENT_RETENTION_MS that were processed or given up on. An event still waiting for
 * a retry is kept whatever its age.
 */
@Injectable()
export class MappingJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MappingJanitor.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ idempotencyKeys: number; webhookEvents: number }> {
    try {
      const now = this.clock.now();
      const idempotencyKeys = await this.idempotency.purgeExpired();
      const events = await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(WebhookEventEntity)
        .where('received_at < :before', { before: new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_MS) })
        .andWhere(
          new Brackets((settled) =>
            settled.where('processed_at IS NOT NULL').orWhere('next_attempt_at IS NULL'),
          ),
        )
        .execute();
      const result = { idempotencyKeys, webhookEvents: events.affected ?? 0 };
      if (result.idempotencyKeys || result.webhookEvents) this.logger.log(result, 'swept expired rows');
      return result;
    } catch (error) {
      this.logger.error({ err: error }, 'sweep failed');
      return { idempotencyKeys: 0, webhookEvents: 0 };
    }
  }
}
