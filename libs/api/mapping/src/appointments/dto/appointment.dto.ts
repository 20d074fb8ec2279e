import { timeZoneSchema, zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { APPOINTMENT_STATUSES, MEETING_STATUSES } from '../appointment.entity';

export const VIDEO_PROVIDER_KEYS = ['zoom', 'google_meet'] as const;

const rfc3339 = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 time with an offset' });
const duration = z.number().int('must be whole minutes').min(5).max(480);

const appointmentObject = z.object({
  id: z.string(),
  clinicId: z.string(),
  externalId: z.string().nullable(),
  providerId: z.string(),
  startTime: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int(),
  timezone: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  videoProvider: z.enum(VIDEO_PROVIDER_KEYS),
  title: z.string(),
  patient: z.object({ displayName: z.string(), email: z.string().nullable() }),
  meeting: z
    .object({
      status: z.enum(MEETING_STATUSES),
      vendorMeetingId: z.string().nullable(),
      lastError: z.string().nullable(),
    })
    .meta({ id: 'AppointmentMeeting' }),
  patientJoinUrl: z.url().meta({ description: 'The patient link (/join/…); unchanged by a reschedule' }),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export const appointmentSchema = appointmentObject.meta({ id: 'Appointment' });
export type AppointmentView = z.infer<typeof appointmentSchema>;

export class AppointmentDto extends zodDto(appointmentObject) {}
export class AppointmentListDto extends zodDto(
  z.object({ data: z.array(appointmentSchema), nextCursor: z.string().nullable() }),
) {}

export class CreateAppointmentDto extends zodDto(
  z
    .object({
      externalId: z.string().trim().min(1).max(128).optional(),
      providerId: z.string().min(1).max(36),
      startTime: rfc3339,
      durationMinutes: duration,
      timezone: timeZoneSchema,
      videoProvider: z.enum(VIDEO_PROVIDER_KEYS),
      title: z.string().trim().min(1).max(200).optional().meta({
        description:
          'Vendor meeting title; no PHI. Default: the clinic\'s meetingTopic ("Video visit" unless changed)',
      }),
      patient: z
        .object({
          displayName: z.string().trim().min(1).max(200),
          email: z.email().max(254).optional(),
        })
        .strict(),
    })
    .strict(),
) {}

export class RescheduleAppointmentDto extends zodDto(
  z
    .object({
      startTime: rfc3339.optional(),
      durationMinutes: duration.optional(),
      timezone: timeZoneSchema.optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, 'send at least one of startTime, durationMinutes, timezone'),
) {}

export class ListAppointmentsDto extends zodDto(
  z
    .object({
      clinicId: z
        .string()
        .min(1)
        .max(36)
        .optional()
        .describe(
          "Platform admins: one clinic's appointments. Everyone else only ever sees their own clinic's.",
        ),
      providerId: z.string().max(36).optional(),
      externalId: z.string().max(128).optional(),
      from: rfc3339.optional(),
      to: rfc3339.optional(),
      status: z.enum(APPOINTMENT_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(200).optional(),
    })
    .strict(),
) {}

export class HostLinkDto extends zodDto(
  z.object({
    url: z.url().meta({ description: "The vendor's host (start) link, minted now; never stored" }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
) {}
