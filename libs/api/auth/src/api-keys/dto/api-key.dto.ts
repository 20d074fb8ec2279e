import { API_KEY_SCOPES, zodDto } from '@televisit/api-core';
import { z } from 'zod';
import type { ApiKeyEntity } from '../api-key.entity';

const apiKeyObject = z.object({
  id: z.string(),
  clinicId: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
});
/** Nested wherever a ApiKey appears; root DTOs use the plain object (nestjs-zod would make a root with an id a $ref to itself). */
export const apiKeySchema = apiKeyObject.meta({ id: 'ApiKey' });

export function toApiKeyView(key: ApiKeyEntity): z.infer<typeof apiKeySchema> {
  return {
    id: key.id,
    clinicId: key.clinicId,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export class CreateApiKeyDto extends zodDto(
  z
    .object({
      name: z.string().trim().min(1, 'must not be empty').max(100),
      scopes: z
        .array(z.enum(API_KEY_SCOPES))
        .min(1, 'must grant at least one scope')
        .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
    })
    .strict(),
) {}

export class ApiKeyDto extends zodDto(apiKeyObject) {}
export class ApiKeyListDto extends zodDto(z.object({ data: z.array(apiKeySchema) })) {}
export class CreatedApiKeyDto extends zodDto(
  z.object({
    apiKey: apiKeySchema,
    key: z.string().meta({ description: 'The key itself. Shown once: televisit keeps only its hash.' }),
  }),
) {}
