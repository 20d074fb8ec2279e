import { Injectable } from '@nestjs/common';
import { type MaybePromise, whenReady } from '@televisit/api-core';
import { driverDate, preparedSelect, type PreparedSelect } from '@televisit/api-database';
import { DataSource } from 'typeorm';
import type { AppointmentStatus } from '../appointments/appointment.entity';
import type { MappingColumns, MappingStatus } from '../reconcile/mapping-columns';

/** What opening a patient link needs: the appointment's schedule and its meeting, in one read. */
export interface JoinTarget {
  appointmentId: string;
  clinicId: string;
  status: AppointmentStatus;
  startTime: Date;
  durationMinutes: number;
  timezone: string;
  videoProvider: string;
  /** The mapping in the vendor's table (`videoProvider`'s), null before the reconciler made one. */
  meeting: Pick<MappingColumns, 'status' | 'lastError' | 'sealedJoinUrl'> | null;
}

interface Row {
  appointment_id: string;
  clinic_id: string;
  status: AppointmentStatus;
  start_time: unknown;
  duration_minutes: number;
  timezone: string;
  video_provider: string;
  meeting_status: MappingStatus | null;
  meeting_last_error: string | null;
  meeting_join_url: string | null;
}

/** An appointment has a mapping row in its own vendor's table only, so at most one side is not null. */
const SQL = `SELECT a.id AS appointment_id, a.clinic_id, a.status, a.start_time, a.duration_minutes, a.timezone,
  a.video_provider,
  COALESCE(z.status, g.status) AS meeting_status,
  COALESCE(z.last_error, g.last_error) AS meeting_last_error,
  COALESCE(z.join_url, g.join_url) AS meeting_join_url
FROM join_links l
JOIN appointments a ON a.id = l.appointment_id
LEFT JOIN appointment_zoom_mappings z ON z.appointment_id = a.id
LEFT JOIN appointment_google_meet_mappings g ON g.appointment_id = a.id
WHERE l.id = ?`;

/**
 * The patient link's one read: join link, appointment and vendor mapping by the link's primary key, as
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
    meeting: row.meeting_status
      ? { status: row.meeting_status, lastError: row.meeting_last_error, sealedJoinUrl: row.meeting_join_url }
      : null,
  };
}
