import { AppointmentEntity } from './appointment.entity';

/** What a booking decides; everything else of a new appointment is the state every booking starts in. */
export type AppointmentBooking = Pick<
  AppointmentEntity,
  | 'id'
  | 'clinicId'
  | 'externalId'
  | 'providerId'
  | 'startTime'
  | 'durationMinutes'
  | 'timezone'
  | 'videoProvider'
  | 'title'
  | 'patientDisplayName'
  | 'patientEmail'
  | 'createdBy'
>;

/** A scheduled appointment at version 1, its meeting pending and due at `now` for the reconciler. */
export function newAppointment(booking: AppointmentBooking, now: Date): AppointmentEntity {
  return Object.assign(new AppointmentEntity(), {
    ...booking,
    status: 'scheduled',
    version: 1,
    meetingStatus: 'pending',
    meetingLastError: null,
    vendorMeetingId: null,
    dueAt: now,
    leaseOwner: null,
    leaseUntil: null,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  } satisfies AppointmentEntity);
}
