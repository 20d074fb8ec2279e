import { AppointmentEntity } from '../appointments/appointment.entity';

/**
 * A scheduled Zoom visit of clinic `c1`'s provider `p1`, its meeting pending and due at `now`: the row
 * a booking commits, for specs that write appointments straight to the database.
 */
export function pendingAppointment(
  id: string,
  now: Date,
  over: Partial<AppointmentEntity> = {},
): AppointmentEntity {
  return Object.assign(new AppointmentEntity(), {
    id,
    clinicId: 'c1',
    externalId: null,
    providerId: 'p1',
    startTime: new Date('2026-07-02T09:00:00.000Z'),
    durationMinutes: 30,
    timezone: 'UTC',
    status: 'scheduled',
    videoProvider: 'zoom',
    title: 'Video visit',
    patientDisplayName: 'Pat',
    patientEmail: null,
    version: 1,
    meetingStatus: 'pending',
    meetingLastError: null,
    vendorMeetingId: null,
    dueAt: now,
    leaseOwner: null,
    leaseUntil: null,
    attempts: 0,
    createdBy: 'key-1',
    createdAt: now,
    updatedAt: now,
    ...over,
  } satisfies AppointmentEntity);
}
