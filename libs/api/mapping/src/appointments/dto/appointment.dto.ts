import {
  type InstantRange,
  rfc3339Within,
  STORABLE_INSTANTS,
  timeZoneSchema,
  zodDto,
} from '@televisit/api-core';
import { z } from 'zod';
import { APPOINTMENT_STATUSES, MEETING_STATUSES } from '../appointment.entity';

export const VIDEO_PROVIDER_KEYS = ['zoom', 'google_meet'] as const;

/**
 * When a visit may start (its UTC instant). Fixed, not relative to now, so that a request valid once
 * stays valid (an EHR's retry, an Idempotency-Key's replay), and wide on both sides: EHRs record visits
 * already held (a past booking is accepted, its patient link answering 410), and clinics book far
 * ahead. No video visit predates 2000, nor does any clinic schedule past 2100; beyond those, a time
 * is a typo or a probe, and at the extremes (years −1 and 10000 in UTC) one the database cannot hold.
 */
const BOOKABLE: InstantRange = { earliest: '2000-01-01T00:00:00Z', latest: '2100-01-01T00:00:00Z' };
const startTime = rfc3339Within(BOOKABLE).meta({
  description: `RFC 3339 with an offset; between ${BOOKABLE.earliest} and ${BOOKABLE.latest} in UTC`,
});
/** A list filter is a bound, not a visit: anything the database can compare with is accepted. */
const bound = rfc3339Within(STORABLE_INSTANTS);
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
      startTime,
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
      startTime: startTime.optional(),
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
      from: bound.optional(),
      to: bound.optional(),
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
