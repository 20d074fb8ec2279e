import { type MeetingHostedBy, type VendorMeeting, VideoProviderError } from '@televisit/api-mapping';
import type { CalendarEvent } from './google-meet-event-body';

/**
 * Where the event's Meet conference stands: Google may create it after answering (`pending`), fail to
 * (`failure`), or have it (`success`); `none` when the event carries no conference at all.
 */
export type ConferenceState = 'pending' | 'success' | 'failure' | 'none';

export function conferenceState(event: CalendarEvent): ConferenceState {
  const data = event.conferenceData;
  if (!data) return 'none';
  const code = data.createRequest?.status?.statusCode;
  if (code === 'pending' || code === 'failure' || code === 'success') return code;
  // Conference data without a create request (added some other way) is there when it has entry points.
  return data.entryPoints?.length ? 'success' : 'none';
}

/** Deleted in Google: `get` keeps answering a deleted event, with status `cancelled`. */
export function isCancelled(event: CalendarEvent): boolean {
  return event.status === 'cancelled';
}

/** The Meet link: the conference's one `video` entry point. */
export function videoLink(event: CalendarEvent): string | undefined {
  const uri = event.conferenceData?.entryPoints?.find((point) => point.entryPointType === 'video')?.uri;
  return uri ? uri : undefined;
}

/**
 * What the event's settings are as Google answered. Google leaves out a field at its default, so an
 * absent one reads as the default the discovery document gives (visibility `default`, guests may invite
 * others and see other guests, may not modify): a calendar that dropped what was sent shows as such.
 */
export function meetingSettings(event: CalendarEvent): Record<string, unknown> {
  const data = event.conferenceData;
  return {
    visibility: event.visibility ?? 'default',
    guestsCanInviteOthers: event.guestsCanInviteOthers ?? true,
    guestsCanSeeOtherGuests: event.guestsCanSeeOtherGuests ?? true,
    guestsCanModify: event.guestsCanModify ?? false,
    conferenceSolution:
      data?.conferenceSolution?.key?.type ?? data?.createRequest?.conferenceSolutionKey?.type ?? null,
    conferenceStatus: conferenceState(event),
  };
}

/** Whose calendar an event is on, as the caller resolved it (not read from the event). */
export interface EventHost {
  hostAccountId: string;
  hostedBy: MeetingHostedBy;
}

/**
 * What the reconciler keeps of an event: its id, the Meet link and the settings Google answered with.
 * No conference id: a Meet code is the join link itself (meet.google.com/<code>), which is only ever
 * kept sealed. An event without a Meet link cannot be a visit: `conference_missing`.
 */
export function toVendorMeeting(event: CalendarEvent, host: EventHost): VendorMeeting {
  if (!event.id) throw new Error('Google answered an event without an id');
  const joinUrl = videoLink(event);
  if (!joinUrl) throw conferenceMissing();
  return {
    vendorMeetingId: event.id,
    vendorMeetingUuid: null,
    hostAccountId: host.hostAccountId,
    hostedBy: host.hostedBy,
    joinUrl,
    passcode: null,
    settings: meetingSettings(event),
  };
}

export function conferenceMissing(): VideoProviderError {
  return new VideoProviderError(
    'conference_missing',
    'The Google Calendar event has no Google Meet link; it may have been removed in Google Calendar.',
  );
}
