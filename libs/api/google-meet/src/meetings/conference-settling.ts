import { VideoProviderError } from '@televisit/api-mapping';
import type { CalendarEvent } from './google-meet-event-body';
import { conferenceState } from './google-meet-event-view';

/** Re-reads of an event whose Meet conference Google is still creating, before handing back to the reconciler. */
export const SETTLE_REREADS = 4;
/** The wait before each re-read: Google usually finishes within a second. */
export const SETTLE_WAIT_MS = 250;

/**
 * The event once its Meet conference is no longer `pending`: re-read (after a pause each time) up to
 * `rereads` times. Still pending is `conference_pending`, which the reconciler retries with backoff (its
 * next insert answers 409 and adopts the event); a conference Google failed to create is
 * `conference_failed`.
 */
export async function settledConference(
  first: CalendarEvent,
  reread: () => Promise<CalendarEvent>,
  pause: () => Promise<void>,
  rereads = SETTLE_REREADS,
): Promise<CalendarEvent> {
  let event = first;
  for (let read = 0; read < rereads && conferenceState(event) === 'pending'; read++) {
    await pause();
    event = await reread();
  }
  switch (conferenceState(event)) {
    case 'pending':
      throw new VideoProviderError(
        'conference_pending',
        'Google has not finished creating the Meet conference yet; it is tried again shortly.',
      );
    case 'failure':
      throw new VideoProviderError('conference_failed', 'Google could not create the Meet conference.');
    default:
      return event;
  }
}
