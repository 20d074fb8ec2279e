import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const APPOINTMENT_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const MEETING_STATUSES = ['pending', 'ready', 'failed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** The desired state of a visit (time, duration, status) with its version, and its place in the due-queue. */
@Entity({ name: 'appointments' })
export class AppointmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'clinic_id', type: 'varchar', length: 36 })
  clinicId!: string;

  @Column({ name: 'external_id', type: 'varchar', length: 128, nullable: true })
  externalId!: string | null;

  @Column({ name: 'provider_id', type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ name: 'start_time', type: 'datetime', precision: 3 })
  startTime!: Date;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AppointmentStatus;

  @Column({ name: 'video_provider', type: 'varchar', length: 32 })
  videoProvider!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'patient_display_name', type: 'varchar', length: 200 })
  patientDisplayName!: string;

  @Column({ name: 'patient_email', type: 'varchar', length: 254, nullable: true })
  patientEmail!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'meeting_status', type: 'varchar', length: 16 })
  meetingStatus!: MeetingStatus;

  @Column({ name: 'meeting_last_error', type: 'varchar', length: 64, nullable: true })
  meetingLastError!: string | null;

  @Column({ name: 'vendor_meeting_id', type: 'varchar', length: 64, nullable: true })
  vendorMeetingId!: string | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ name: 'lease_until', type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
