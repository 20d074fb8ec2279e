import type { AppointmentEntity } from '../appointments/appointment.entity';
import { newAppointment } from '../appointments/new-appointment';

/**
 * A scheduled Zoom visit of clinic `c1`'s provider `p1`, its meeting pending and due at `now`: the row
 * a booking commits, for specs that write appointments straight to the database.
 */
export function pendingAppointment(
  id: string,
  now: Date,
  over: Partial<AppointmentEntity> = {},
): AppointmentEntity {
  const appointment = newAppointment(
    {
      id,
      clinicId: 'c1',
      externalId: null,
      providerId: 'p1',
      startTime: new Date('2026-07-02T09:00:00.000Z'),
      durationMinutes: 30,
      timezone: 'UTC',
      videoProvider: 'zoom',
      title: 'Video visit',
      patientDisplayName: 'Pat',
      patientEmail: null,
      createdBy: 'key-1',
    },
    now,
  );
  return Object.assign(appointment, over);
}
