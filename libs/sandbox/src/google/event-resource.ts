import type { calendar_v3 } from 'googleapis';
import { apiErrors, GoogleApiError } from './google-errors';
import { type EventResource, instant, type StoredEvent } from './calendar-store';
import { type ConferencePlan, requestConference } from './meet-conferences';

/** Fields Google computes; a client's values for them are ignored. */
const READ_ONLY = [
  'kind',
  'etag',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'organizer',
  'iCalUID',
  'hangoutLink',
  'recurringEventId',
  'privateCopy',
  'locked',
  'attendeesOmitted',
] as const;

/** Google's rule for client-chosen ids: base32hex characters (a–v, 0–9), 5 to 1024 of them. */
export function isValidEventId(id: string): boolean {
  return /^[a-v0-9]{5,1024}$/.test(id);
}

/** Google's event link: `eid` is base64 of "<event id> <calendar id>". */
function htmlLink(id: string, calendarId: string): string {
  const eid = Buffer.from(`${id} ${calendarId}`).toString('base64').replace(/=+$/, '');
  return `https://www.google.com/calendar/event?eid=${eid}`;
}

function userFields(body: EventResource): EventResource {
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const field of READ_ONLY) delete copy[field];
  delete copy.conferenceData;
  delete copy.id;
  delete copy.sequence;
  return copy;
}

export function newEvent(body: EventResource, id: string, calendarId: string, now: number): EventResource {
  const at = new Date(now).toISOString();
  const event: EventResource = {
    kind: 'calendar#event',
    id,
    status: 'confirmed',
    htmlLink: htmlLink(id, calendarId),
    created: at,
    updated: at,
    creator: { email: calendarId, self: true },
    organizer: { email: calendarId, self: true },
    iCalUID: `${id}@google.com`,
    sequence: 0,
    reminders: { useDefault: true },
    eventType: 'default',
    ...userFields(body),
  };
  normaliseAttendees(event);
  return event;
}

/** Patch semantics: given objects merge into the stored ones, arrays and scalars replace, null removes. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value === null) delete target[key];
    else if (isPlainObject(value) && isPlainObject(current)) mergePatch(current, value);
    else target[key] = structuredClone(value);
  }
}

export function patchEvent(stored: StoredEvent, body: EventResource): void {
  mergePatch(stored.resource as Record<string, unknown>, userFields(body) as Record<string, unknown>);
  normaliseAttendees(stored.resource);
  stored.resource.sequence = (stored.resource.sequence ?? 0) + 1;
}

/** The start/end rules Calendar enforces beyond the schema. */
export function checkTimes(event: EventResource): void {
  for (const side of ['start', 'end'] as const) {
    const time = event[side];
    if (!time || (!time.dateTime && !time.date)) throw apiErrors.required(`Missing ${side} time.`);
    if (time.dateTime && !/(Z|[+-]\d{2}:\d{2})$/i.test(time.dateTime) && !time.timeZone) {
      throw apiErrors.required(`Missing time zone definition for ${side} time.`);
    }
    if (Number.isNaN(instant(time))) throw apiErrors.invalid(`Invalid ${side} time.`);
  }
  if (Boolean(event.start?.date) !== Boolean(event.end?.date)) {
    throw apiErrors.invalid('Start and end times must either both be date or both be dateTime.');
  }
  if (instant(event.end) < instant(event.start)) {
    throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  }
}

/**
 * conferenceData handling. Version 0 (the default) ignores it entirely, as Google does; version 1 starts a
 * Meet conference for a new createRequest, keeps the conference for the same requestId, copies given
 * conference data otherwise, and removes it for an explicit null.
 */
export function applyConferenceData(
  stored: StoredEvent,
  given: calendar_v3.Schema$ConferenceData | null | undefined,
  version: number,
  nextConference: () => ConferencePlan,
): void {
  if (version < 1 || given === undefined) return;
  if (given === null) {
    delete stored.resource.conferenceData;
    delete stored.resource.hangoutLink;
    delete stored.conference;
    return;
  }
  const request = given.createRequest;
  if (request) {
    const type = request.conferenceSolutionKey?.type;
    if (type !== 'hangoutsMeet') throw apiErrors.invalid('Invalid conference type value.');
    if (!request.requestId) throw apiErrors.required('Required conferenceData.createRequest.requestId.');
    if (stored.conference?.requestId === request.requestId) return;
    requestConference(stored, request.requestId, nextConference());
    return;
  }
  stored.resource.conferenceData = structuredClone(given);
  delete stored.conference;
}

function normaliseAttendees(event: EventResource): void {
  for (const attendee of event.attendees ?? []) {
    attendee.responseStatus ??= 'needsAction';
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
