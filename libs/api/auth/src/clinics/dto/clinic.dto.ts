import { zodDto } from '@televisit/api-core';
import { z } from 'zod';
import type { ClinicEntity } from '../clinic.entity';

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
  .meta({ example: 'Europe/Berlin' });

const clinicObject = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
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
    createdAt: clinic.createdAt.toISOString(),
    updatedAt: clinic.updatedAt.toISOString(),
  };
}

export class CreateClinicDto extends zodDto(
  z
    .object({ name: z.string().trim().min(1, 'must not be empty').max(200), timezone: timeZoneSchema })
    .strict(),
) {}
export class ClinicDto extends zodDto(clinicObject) {}
export class ClinicListDto extends zodDto(z.object({ data: z.array(clinicSchema) })) {}
