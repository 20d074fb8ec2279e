import { sha256Hex } from '@televisit/api-core';
import type { InboundVendorEvent } from '@televisit/api-mapping';
import type { CalendarEvent } from '../meetings/google-meet-event-body';

/** The VideoProvider key of Google Meet visits (appointments, mapping and the timeline name it so). */
export const GOOGLE_MEET = 'google_meet';
/** The ids televisit gives its events (`eventIdFor`): other events on the calendar are none of ours. */
const TELEVISIT_EVENT_ID = /^tv[0-9a-f]{32}$/;

/**
 * What a page of changed events means for the visits: each of televisit's events that is now deleted
 * (`cancelled`) is a `meeting.deleted` for the webhook inbox. Its event id for dedupe is a digest of the
 * event and its `updated` time, so the same deletion seen twice (a notification and a poll, two
 * processes, a full resync) is queued once. Other changes, and other people's events, mean nothing here.
 */
export function deletionsIn(items: readonly CalendarEvent[], now: Date): InboundVendorEvent[] {
  const deletions: InboundVendorEvent[] = [];
  for (const item of items) {
    if (item.status !== 'cancelled' || !item.id || !TELEVISIT_EVENT_ID.test(item.id)) continue;
    const updated = item.updated ? new Date(item.updated) : null;
    const occurredAt = updated && !Number.isNaN(updated.getTime()) ? updated : now;
    deletions.push({
      vendor: GOOGLE_MEET,
      eventId: sha256Hex(`${item.id}\n${item.updated ?? ''}`),
      eventType: 'calendar.event.cancelled',
      vendorMeetingId: item.id,
      kind: 'meeting.deleted',
      occurredAt,
    });
  }
  return deletions;
}
