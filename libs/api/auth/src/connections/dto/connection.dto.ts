import { zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { CONNECTION_STATUSES } from '../connection.entity';
import type { ConnectionView } from '../connections.service';

export const connectionSchema = z
  .object({
    vendor: z.string().meta({ description: 'zoom or google' }),
    available: z.boolean().meta({
      description:
        'Whether this server can connect the vendor now. False for a vendor whose OAuth client was removed: it is listed only while a stored connection remains, so that it can be disconnected (which erases its tokens)',
    }),
    status: z.enum(CONNECTION_STATUSES),
    accountEmail: z.string().nullable().meta({ description: 'The vendor account this connection acts for' }),
    scopes: z.array(z.string()).meta({ description: 'The scopes the provider granted' }),
    connectedAt: z.iso.datetime({ offset: true }).nullable(),
    lastError: z.string().nullable().meta({
      description: 'Why the connection stopped working or the last connect failed, e.g. invalid_grant',
    }),
  })
  .meta({ id: 'Connection' });

export function toConnectionDto(view: ConnectionView): z.infer<typeof connectionSchema> {
  return { ...view, connectedAt: view.connectedAt?.toISOString() ?? null };
}

export class ConnectionListDto extends zodDto(z.array(connectionSchema)) {}
export class AuthorizationDto extends zodDto(
  z.object({
    authorizationUrl: z
      .url()
      .meta({ description: "Send the provider's browser here to consent at the vendor" }),
  }),
) {}
export class ConnectionCheckDto extends zodDto(
  z.object({ vendor: z.string(), ok: z.boolean(), checkedAt: z.iso.datetime({ offset: true }) }),
) {}
