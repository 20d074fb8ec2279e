import { timeZoneSchema, zodDto } from '@televisit/api-core';
import { z } from 'zod';
import type { ClinicEntity } from '../clinic.entity';

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

const meetingTopicSchema = z.string().trim().min(1, 'must not be empty').max(200).meta({
  description: 'Title of a visit booked without one, shown in Zoom and calendars. Never a patient’s name.',
  example: 'Video visit',
});

const meetingAuthenticationSchema = z.boolean().meta({
  description: 'Require participants to sign in to Zoom (off by default: patients rarely have Zoom accounts)',
});

const clinicObject = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  meetingTopic: meetingTopicSchema,
  meetingAuthentication: meetingAuthenticationSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
/** Nested wherever a Clinic appears; root DTOs use the plain object (nestjs-zod would make a root with an id a $ref to itself). */
export const clinicSchema = clinicObject.meta({ id: 'Clinic' });

export function toClinicView(clinic: ClinicEntity): z.infer<typeof clinicSchema> {
  return {
    id: clinic.id,
    name: clinic.name,
    timezone: clinic.timezone,
    meetingTopic: clinic.meetingTopic,
    meetingAuthentication: clinic.meetingAuthentication,
    createdAt: clinic.createdAt.toISOString(),
    updatedAt: clinic.updatedAt.toISOString(),
  };
}

export class CreateClinicDto extends zodDto(
  z.object({ name: nameSchema, timezone: timeZoneSchema }).strict(),
) {}

export class UpdateClinicDto extends zodDto(
  z
    .object({
      name: nameSchema.optional(),
      timezone: timeZoneSchema.optional(),
      meetingTopic: meetingTopicSchema.optional(),
      meetingAuthentication: meetingAuthenticationSchema.optional(),
    })
    .strict()
    .refine((body) => Object.keys(body).length > 0, 'must name at least one field to change'),
) {}

export class ClinicDto extends zodDto(clinicObject) {}
export class ClinicListDto extends zodDto(z.object({ data: z.array(clinicSchema) })) {}
