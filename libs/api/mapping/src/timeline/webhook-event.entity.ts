import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TimelineKind } from './timeline-kinds';

/**
 * A vendor webhook event, once: (vendor, event_id) is unique, so a redelivery fails to insert. Rows
 * with processed_at NULL and next_attempt_at <= now are the queue. No payload is kept: only what
 * processing needs, never PHI.
 */
@Entity({ name: 'webhook_events' })
export class WebhookEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  vendor!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 64 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType!: string;

  @Column({ name: 'vendor_meeting_id', type: 'varchar', length: 64, nullable: true })
  vendorMeetingId!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  kind!: TimelineKind | null;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3, nullable: true })
  occurredAt!: Date | null;

  /** JSON of `TimelineDetails`. */
  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3, nullable: true })
  processedAt!: Date | null;

  /** When the queue may try it (again); NULL once given up on. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;
}
