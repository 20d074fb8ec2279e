import { Column, Entity } from 'typeorm';
import { MappingColumns } from './mapping-columns';

/** The Zoom meeting of an appointment as Zoom last confirmed it. */
@Entity({ name: 'appointment_zoom_mappings' })
export class ZoomMappingEntity extends MappingColumns {
  @Column({ name: 'zoom_meeting_id', type: 'varchar', length: 32, nullable: true })
  vendorMeetingId!: string | null;

  @Column({ name: 'zoom_meeting_uuid', type: 'varchar', length: 64, nullable: true })
  vendorMeetingUuid!: string | null;

  /** The Zoom user hosting it. */
  @Column({ name: 'host_user_id', type: 'varchar', length: 64, nullable: true })
  hostAccountId!: string | null;
}
