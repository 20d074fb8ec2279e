import { rfc3339Within, STORABLE_INSTANTS, zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { auditEventSchema } from '../events/audit-event.schema';
import { AUDIT_ACTIONS } from '../events/audit-vocabulary';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

// Filter bounds: any instant the database can compare with; one past it would be compared wrongly.
const rfc3339 = rfc3339Within(STORABLE_INSTANTS);
const id = z.string().min(1).max(36);

/**
 * Filters for the audit log. Unknown parameters are refused (a mistyped filter must not silently
 * widen an audit query). `from` is inclusive, `to` exclusive.
 */
export const listAuditEventsQuerySchema = z
  .object({
    from: rfc3339.optional().describe('Events at or after this time (RFC 3339 with offset)'),
    to: rfc3339.optional().describe('Events before this time (RFC 3339 with offset)'),
    action: z.enum(AUDIT_ACTIONS).optional(),
    actorId: id.optional().describe('User or API key id'),
    clinicId: id
      .optional()
      .describe("Platform admins: one clinic's events. Clinic admins only ever see their own clinic's."),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    cursor: z.string().min(1).max(64).optional().describe('nextCursor of the previous page'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    path: ['to'],
    message: 'must be later than from',
  });
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuerySchema>;

export const auditEventPageSchema = z.object({
  data: z.array(auditEventSchema).describe('Newest first'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last'),
});
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

export class ListAuditEventsQueryDto extends zodDto(listAuditEventsQuerySchema) {}
export class AuditEventPageDto extends zodDto(auditEventPageSchema) {}
