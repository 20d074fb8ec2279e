import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from './audit-vocabulary';

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One audit event as the API shows it. */
export const auditEventSchema = z
  .object({
    id: z.string().describe('UUID of the event'),
    seq: z.number().int().describe('Position in the hash chain, gap-free from 1'),
    occurredAt: z.string().describe('When it happened (RFC 3339, UTC, milliseconds)'),
    actor: z.object({
      type: z.enum(AUDIT_ACTOR_TYPES),
      id: z.string().nullable().describe('User or API key id; null for system and anonymous actors'),
    }),
    clinicId: z.string().nullable().describe('null for platform-level events'),
    action: z.enum(AUDIT_ACTIONS),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), detailValue).describe('Ids and flags only: never secrets or PHI'),
    hash: z.string().describe('sha256 over the previous event hash and this event'),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;
