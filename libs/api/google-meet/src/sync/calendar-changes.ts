import { sha256Hex } from '@televisit/api-core';
import type { InboundVendorEvent } from '@televisit/api-mapping';
import { type CalendarEvent, GOOGLE_MEET } from '../meetings/google-meet-event-body';

/** The ids televisit gives its events (`eventIdFor`): other events on the calendar are none of ours. */
const TELEVISIT_EVENT_ID = /^tv[0-9a-f]{32}$/;

/**
 * What a page of changed events means for the visits, as events for the webhook inbox. Each of
 * televisit's events that is now deleted (`cancelled`) is a `meeting.deleted`; each still there is a
 * `meeting.moved` carrying the times Google has (mapping tells a move from our own update seen again).
 * The event id for dedupe is a digest of the event and its `updated` time, so the same change seen
 * twice (a notification and a poll, two processes, a full resync) is queued once. Other people's
 * events mean nothing here; nothing of them is kept.
 */
export function changesIn(items: readonly CalendarEvent[], now: Date): InboundVendorEvent[] {
  const changes: InboundVendorEvent[] = [];
  for (const item of items) {
    if (!item.id || !TELEVISIT_EVENT_ID.test(item.id)) continue;
    const updated = item.updated ? new Date(item.updated) : null;
    const occurredAt = updated && !Number.isNaN(updated.getTime()) ? updated : now;
    const identity = { vendor: GOOGLE_MEET, eventId: sha256Hex(`${item.id}\n${item.updated ?? ''}`) };
    if (item.status === 'cancelled') {
      changes.push({
        ...identity,
        eventType: 'calendar.event.cancelled',
        vendorMeetingId: item.id,
        kind: 'meeting.deleted',
        occurredAt,
      });
      continue;
    }
    const times = timesOf(item);
    if (!times) continue;
    changes.push({
      ...identity,
      eventType: 'calendar.event.changed',
      vendorMeetingId: item.id,
      kind: 'meeting.moved',
      occurredAt,
      details: times,
    });
  }
  return changes;
}

/** Start and length of a timed event; none for an all-day one, or times that make no sense. */
function timesOf(item: CalendarEvent): { startTime: string; durationMinutes: number } | null {
  const start = item.start?.dateTime ? new Date(item.start.dateTime) : null;
  const end = item.end?.dateTime ? new Date(item.end.dateTime) : null;
  if (!start || !end || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null;
  const durationMinutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  if (durationMinutes <= 0) return null;
  return { startTime: start.toISOString(), durationMinutes };
}
