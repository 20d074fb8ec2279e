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
        startTime: z.iso
          .datetime()
          .optional()
          .meta({ description: 'meeting.moved: the start the vendor had the meeting moved to (UTC)' }),
        durationMinutes: z
          .number()
          .int()
          .min(1)
          .optional()
          .meta({ description: 'meeting.moved: the length the vendor had the meeting changed to' }),
        movedBack: z.boolean().optional().meta({
          description:
            'meeting.moved: true when televisit moves it back to the booking; false when it was left there (moved too often at the vendor: moved_at_vendor_repeatedly)',
        }),
      })
      .meta({ description: 'Roles, counts, flags and vendor times only: never names or contact details' }),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export class TimelineDto extends zodDto(
  z.object({ data: z.array(timelineEntrySchema).meta({ description: 'Oldest first' }) }),
) {}
