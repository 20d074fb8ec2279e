import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The vendor meeting title of a clinic that has not chosen one: neutral, never a patient's name. */
export const DEFAULT_MEETING_TOPIC = 'Video visit';

/** A clinic: the tenant every user, key and appointment belongs to. */
@Entity({ name: 'clinics' })
export class ClinicEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA zone, e.g. Europe/Berlin: the default for appointments booked without one. */
  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  /** The title of a visit booked without one, shown in Zoom and calendars: no PHI. */
  @Column({ name: 'meeting_topic', type: 'varchar', length: 200, default: DEFAULT_MEETING_TOPIC })
  meetingTopic!: string;

  /** Zoom `meeting_authentication`: off by default, since patients rarely have Zoom accounts. */
  @Column({ name: 'meeting_authentication', type: 'boolean', default: false })
  meetingAuthentication!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
