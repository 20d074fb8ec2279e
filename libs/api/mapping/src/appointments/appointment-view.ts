import type { AppointmentEntity } from './appointment.entity';
import type { AppointmentView } from './dto/appointment.dto';

/** The public shape of an appointment; the join URL is rebuilt from the sealed token by the caller. */
export function toAppointmentView(a: AppointmentEntity, patientJoinUrl: string): AppointmentView {
  return {
    id: a.id,
    clinicId: a.clinicId,
    externalId: a.externalId,
    providerId: a.providerId,
    startTime: a.startTime.toISOString(),
    durationMinutes: a.durationMinutes,
    timezone: a.timezone,
    status: a.status,
    videoProvider: a.videoProvider as AppointmentView['videoProvider'],
    title: a.title,
    patient: { displayName: a.patientDisplayName, email: a.patientEmail },
    meeting: { status: a.meetingStatus, vendorMeetingId: a.vendorMeetingId, lastError: a.meetingLastError },
    patientJoinUrl,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
