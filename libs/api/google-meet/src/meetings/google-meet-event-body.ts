import type { MeetingSpec } from '@televisit/api-mapping';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';

export type CalendarEvent = calendar_v3.Schema$Event;

/** The VideoProvider key of Google Meet visits (appointments, mapping and the timeline name it so). */
export const GOOGLE_MEET = 'google_meet';

/** Google's rule for client-chosen event ids: base32hex characters (a–v, 0–9), 5 to 1024 of them. */
export const EVENT_ID_PATTERN = /^[a-v0-9]{5,1024}$/;
/** Where the appointment's opaque marker goes: a private extended property, seen only on this calendar. */
export const MARKER_PROPERTY = 'televisitMarker';
export const MEET_SOLUTION = 'hangoutsMeet';

/**
 * The event id of an appointment's meeting: `tv` and the appointment's uuid without dashes, lower case
 * (hex is a subset of base32hex). The same appointment always names the same event, so a second insert
 * answers 409 instead of making a second meeting.
 */
export function eventIdFor(appointmentId: string): string {
  const id = `tv${appointmentId.replace(/-/g, '').toLowerCase()}`;
  if (!EVENT_ID_PATTERN.test(id)) {
    throw new RangeError(`appointment id ${appointmentId} does not make a valid Google Calendar event id`);
  }
  return id;
}

/**
 * The Meet conference request's id: one per appointment, so Google ignores a repeated request. A
 * conference Google failed to create is asked for again under `attempt`'s id (Google ignores the old one).
 */
export function conferenceRequestIdFor(appointmentId: string, attempt?: string): string {
  return `tv-${appointmentId.toLowerCase()}${attempt ? `-${attempt}` : ''}`;
}

/** `conferenceData` asking Google for a Meet conference (sent with `conferenceDataVersion=1`). */
export function meetRequest(requestId: string): CalendarEvent['conferenceData'] {
  return { createRequest: { requestId, conferenceSolutionKey: { type: MEET_SOLUTION } } };
}

/** The fields an appointment decides, as events.patch and the insert body carry them: title, start, end. */
export function scheduleFields(spec: MeetingSpec): CalendarEvent {
  const start = spec.startTime.getTime();
  if (Number.isNaN(start)) throw new RangeError('start time is not a valid date');
  if (!(spec.durationMinutes > 0)) throw new RangeError('duration must be positive');
  return {
    summary: spec.topic,
    start: { dateTime: new Date(start).toISOString(), timeZone: spec.timezone },
    end: { dateTime: new Date(start + spec.durationMinutes * 60_000).toISOString(), timeZone: spec.timezone },
  };
}

/**
 * Whether Google has the event as `spec` books it (to the second; Google keeps no less). An event
 * adopted after a 409 was inserted by an earlier attempt, perhaps before the appointment moved.
 */
export function matchesSchedule(event: CalendarEvent, spec: MeetingSpec): boolean {
  const wanted = scheduleFields(spec);
  const seconds = (at: string | null | undefined) => (at ? Math.floor(Date.parse(at) / 1000) : Number.NaN);
  return (
    event.summary === wanted.summary &&
    seconds(event.start?.dateTime) === seconds(wanted.start?.dateTime) &&
    seconds(event.end?.dateTime) === seconds(wanted.end?.dateTime) &&
    event.start?.timeZone === spec.timezone
  );
}

/**
 * The events.insert body: the client-chosen id, the neutral title and times, every guest permission
 * off and the event private (the calendar's defaults never decide them), no attendees and no
 * description (no PHI reaches Google), the marker in a private extended property, and a Meet
 * conference requested (with `conferenceDataVersion=1`).
 */
export function newEventBody(spec: MeetingSpec): CalendarEvent {
  return {
    id: eventIdFor(spec.appointmentId),
    ...scheduleFields(spec),
    visibility: 'private',
    guestsCanInviteOthers: false,
    guestsCanSeeOtherGuests: false,
    guestsCanModify: false,
    extendedProperties: { private: { [MARKER_PROPERTY]: spec.marker } },
    conferenceData: meetRequest(conferenceRequestIdFor(spec.appointmentId)),
  };
}
