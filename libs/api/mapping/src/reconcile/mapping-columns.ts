import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingHostedBy } from '../video-provider/video-provider.port';

export type MappingStatus = 'pending' | 'ready' | 'failed' | 'cancelled';

/**
 * What every vendor's mapping table keeps: what the vendor last confirmed for an appointment, and at
 * which version. Join URL and passcode are sealed. Each vendor's entity adds its own names for the
 * meeting's id (`vendorMeetingId`, and `vendorMeetingUuid` where it has a second) and its host
 * (`hostAccountId`).
 */
export abstract class MappingColumns {
  @PrimaryColumn({ name: 'appointment_id', type: 'varchar', length: 36 })
  appointmentId!: string;

  abstract vendorMeetingId: string | null;
  abstract hostAccountId: string | null;

  /** Whose vendor account hosts the meeting; null for meetings recorded before it was kept. */
  @Column({ name: 'hosted_by', type: 'varchar', length: 16, nullable: true })
  hostedBy!: MeetingHostedBy | null;

  @Column({ type: 'varchar', length: 64 })
  marker!: string;

  @Column({ name: 'join_url', type: 'text', nullable: true })
  sealedJoinUrl!: string | null;

  @Column({ name: 'passcode', type: 'text', nullable: true })
  sealedPasscode!: string | null;

  /** The settings the vendor returned (JSON), not those sent. */
  @Column({ type: 'text', nullable: true })
  settings!: string | null;

  @Column({ name: 'observed_version', type: 'int', nullable: true })
  observedVersion!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: MappingStatus;

  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  /** Set, and committed, before the first create call: a retry must look for the meeting first. */
  @Column({ name: 'create_attempted_at', type: 'datetime', precision: 3, nullable: true })
  createAttemptedAt!: Date | null;

  /** When televisit last wrote the meeting at the vendor (a confirmed create or update); null before. */
  @Column({ name: 'written_at', type: 'datetime', precision: 3, nullable: true })
  writtenAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
