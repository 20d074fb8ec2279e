import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MeetingHostedBy } from '../video-provider/video-provider.port';

/** What the vendor last confirmed for an appointment, and at which version. Join URL and passcode are sealed. */
@Entity({ name: 'appointment_zoom_mappings' })
export class ZoomMappingEntity {
  @PrimaryColumn({ name: 'appointment_id', type: 'varchar', length: 36 })
  appointmentId!: string;

  @Column({ name: 'zoom_meeting_id', type: 'varchar', length: 32, nullable: true })
  vendorMeetingId!: string | null;

  @Column({ name: 'zoom_meeting_uuid', type: 'varchar', length: 64, nullable: true })
  vendorMeetingUuid!: string | null;

  @Column({ name: 'host_user_id', type: 'varchar', length: 64, nullable: true })
  hostAccountId!: string | null;

  /** Whose Zoom account hosts the meeting; null for meetings recorded before it was kept. */
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
  status!: 'pending' | 'ready' | 'failed' | 'cancelled';

  @Column({ name: 'last_error', type: 'varchar', length: 64, nullable: true })
  lastError!: string | null;

  /** Set, and committed, before the first create call: a retry must look for the meeting first. */
  @Column({ name: 'create_attempted_at', type: 'datetime', precision: 3, nullable: true })
  createAttemptedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
