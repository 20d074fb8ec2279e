import { zodDto } from '@televisit/api-core';
import { z } from 'zod';
import type { ClinicZoomAccountEntity } from '../clinic-zoom-account.entity';

const zoomAccountObject = z.object({
  clinicId: z.string(),
  accountId: z.string(),
  clientId: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export function toZoomAccountView(row: ClinicZoomAccountEntity): z.infer<typeof zoomAccountObject> {
  return {
    clinicId: row.clinicId,
    accountId: row.accountId,
    clientId: row.clientId,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const id = (what: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(128)
    .regex(/^[A-Za-z0-9_.-]+$/, `must be the ${what} exactly as Zoom shows it`);

export class SaveZoomAccountDto extends zodDto(
  z
    .object({
      accountId: id('Account ID'),
      clientId: id('Client ID'),
      clientSecret: z.string().trim().min(1, 'must not be empty').max(256),
    })
    .strict(),
) {}

/** Never carries the client secret: it is sealed at rest and never returned. */
export class ZoomAccountDto extends zodDto(zoomAccountObject) {}

const zoomAccountUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
  })
  .meta({ id: 'ZoomAccountUser' });

export class ZoomAccountUsersDto extends zodDto(z.object({ data: z.array(zoomAccountUser) })) {}
