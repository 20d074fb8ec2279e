import { Injectable } from '@nestjs/common';
import { type MaybePromise, whenReady } from '@televisit/api-core';
import { driverDate, preparedSelect, type PreparedSelect } from '@televisit/api-database';
import { DataSource } from 'typeorm';
import type { AppointmentStatus } from '../appointments/appointment.entity';
import type { ZoomMappingEntity } from '../reconcile/zoom-mapping.entity';

/** What opening a patient link needs: the appointment's schedule and its meeting, in one read. */
export interface JoinTarget {
  appointmentId: string;
  clinicId: string;
  status: AppointmentStatus;
  startTime: Date;
  durationMinutes: number;
  timezone: string;
  videoProvider: string;
  /** The Zoom mapping, null before the reconciler made one. */
  zoom: Pick<ZoomMappingEntity, 'status' | 'lastError' | 'sealedJoinUrl'> | null;
}

interface Row {
  appointment_id: string;
  clinic_id: string;
  status: AppointmentStatus;
  start_time: unknown;
  duration_minutes: number;
  timezone: string;
  video_provider: string;
  zoom_status: ZoomMappingEntity['status'] | null;
  zoom_last_error: string | null;
  zoom_join_url: string | null;
}

const SQL = `SELECT a.id AS appointment_id, a.clinic_id, a.status, a.start_time, a.duration_minutes, a.timezone,
  a.video_provider, m.status AS zoom_status, m.last_error AS zoom_last_error, m.join_url AS zoom_join_url
FROM join_links l
JOIN appointments a ON a.id = l.appointment_id
LEFT JOIN appointment_zoom_mappings m ON m.appointment_id = a.id
WHERE l.id = ?`;

/**
 * The patient link's one read: join link, appointment and Zoom mapping by the link's primary key, as
 * a prepared statement on the driver (the hot path of `/join/{token}`; see `preparedSelect`).
 */
@Injectable()
export class JoinLookup {
  private select: PreparedSelect<Row> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** The link's target, or null; at once on SQLite (see `preparedSelect`). */
  find(linkId: string): MaybePromise<JoinTarget | null> {
    this.select ??= preparedSelect<Row>(this.dataSource, SQL);
    return whenReady(this.select([linkId]), ([row]) => (row ? targetOf(row) : null));
  }
}

function targetOf(row: Row): JoinTarget {
  return {
    appointmentId: row.appointment_id,
    clinicId: row.clinic_id,
    status: row.status,
    startTime: driverDate(row.start_time),
    durationMinutes: Number(row.duration_minutes),
    timezone: row.timezone,
    videoProvider: row.video_provider,
    zoom: row.zoom_status
      ? { status: row.zoom_status, lastError: row.zoom_last_error, sealedJoinUrl: row.zoom_join_url }
      : null,
  };
}
