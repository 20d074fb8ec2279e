import { Column, Entity } from 'typeorm';
import { MappingColumns } from './mapping-columns';

/** The Google Calendar event (with its Meet conference) of an appointment as Google last confirmed it. */
@Entity({ name: 'appointment_google_meet_mappings' })
export class GoogleMeetMappingEntity extends MappingColumns {
  /** Chosen by televisit from the appointment id, so unique. */
  @Column({ name: 'google_event_id', type: 'varchar', length: 64, nullable: true, unique: true })
  vendorMeetingId!: string | null;

  /** The Google account whose primary calendar holds the event. */
  @Column({ name: 'host_account_id', type: 'varchar', length: 255, nullable: true })
  hostAccountId!: string | null;
}
