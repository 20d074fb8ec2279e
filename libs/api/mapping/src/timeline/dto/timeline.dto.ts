import { zodDto } from '@televisit/api-core';
import { z } from 'zod';
import { PARTICIPANT_ROLES, TIMELINE_KINDS } from '../timeline-kinds';

export const timelineEntrySchema = z
  .object({
    kind: z.enum(TIMELINE_KINDS),
    occurredAt: z.iso.datetime({ offset: true }),
    details: z
      .object({
        role: z.enum(PARTICIPANT_ROLES).optional(),
        participants: z
          .number()
          .int()
          .min(0)
          .optional()
          .meta({ description: 'How many were in the meeting after this event' }),
        deletedBy: z
          .enum(['televisit', 'vendor'])
          .optional()
          .meta({ description: 'meeting.deleted: televisit when the appointment was cancelled here first' }),
      })
      .meta({ description: 'Roles, counts and flags only: never names or contact details' }),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export class TimelineDto extends zodDto(
  z.object({ data: z.array(timelineEntrySchema).meta({ description: 'Oldest first' }) }),
) {}
