import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TimelineKind } from './timeline-kinds';

/** One entry of an appointment's timeline (what happened in its vendor meeting). Details hold no PHI. */
@Entity({ name: 'appointment_events' })
export class AppointmentEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'appointment_id', type: 'varchar', length: 36 })
  appointmentId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: TimelineKind;

  @Column({ type: 'varchar', length: 32 })
  vendor!: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;

  /** JSON of `TimelineDetails`. */
  @Column({ type: 'text', nullable: true })
  details!: string | null;
}
