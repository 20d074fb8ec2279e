import type { MeetingHostedBy, MeetingSpec, VendorMeeting } from '@televisit/api-mapping';
import { randomInt } from 'node:crypto';

/** Zoom's scheduled (one-off, fixed time) meeting type. */
export const SCHEDULED_MEETING = 2;
/** Zoom: "No registration required". */
export const NO_REGISTRATION = 2;
/** Zoom mints a new `start_url` on every read; it stops working about two hours later. */
export const START_URL_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** Zoom's passcode rules (OpenAPI `password`): at most 10 characters; we use letters and digits only. */
export const PASSCODE_LENGTH = 10;
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALPHABET = LOWER + UPPER + DIGITS;

/**
 * A meeting passcode from the operating system's CSPRNG: 10 letters and digits (about 59 bits), with
 * at least one lower-case letter, one upper-case letter and one digit so that an account's "passcode
 * must mix character kinds" rule is met (drawn again until it does, which keeps the draw uniform).
 */
export function meetingPasscode(): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < PASSCODE_LENGTH; i++) out += ALPHABET.charAt(randomInt(ALPHABET.length));
    if (/[a-z]/.test(out) && /[A-Z]/.test(out) && /\d/.test(out)) return out;
  }
}

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, the one start-time format Zoom reads as an absolute instant. */
export function zoomStartTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('start time is not a valid date');
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Every privacy setting, sent explicitly so the account's defaults never decide them: waiting room on,
 * nobody in before the host, muted on entry, no recording, no registration, never the host's personal
 * meeting id (a room shared by every visit), sign-in only when the clinic asks for it.
 */
export function privacySettings(spec: Pick<MeetingSpec, 'requireAuthentication'>): Record<string, unknown> {
  return {
    waiting_room: true,
    join_before_host: false,
    mute_upon_entry: true,
    auto_recording: 'none',
    meeting_authentication: spec.requireAuthentication,
    approval_type: NO_REGISTRATION,
    use_pmi: false,
  };
}

/** The fields an appointment decides, as `PATCH /meetings/{id}` and the create body carry them. */
export function scheduleFields(spec: MeetingSpec): Record<string, unknown> {
  return {
    topic: spec.topic,
    start_time: zoomStartTime(spec.startTime),
    duration: spec.durationMinutes,
    timezone: spec.timezone,
  };
}

/**
 * Whether Zoom has the meeting as `spec` books it. A meeting adopted by its marker was made by an
 * earlier attempt, perhaps before the appointment moved.
 */
export function matchesSchedule(view: ZoomMeetingView, spec: MeetingSpec): boolean {
  const start = view.start_time === undefined ? Number.NaN : Date.parse(view.start_time);
  return (
    !Number.isNaN(start) &&
    zoomStartTime(new Date(start)) === zoomStartTime(spec.startTime) &&
    view.duration === spec.durationMinutes &&
    view.timezone === spec.timezone &&
    view.topic === spec.topic
  );
}

/** `POST /users/{userId}/meetings`: a scheduled meeting carrying the marker in its agenda. */
export function createMeetingBody(spec: MeetingSpec, passcode: string): Record<string, unknown> {
  return {
    type: SCHEDULED_MEETING,
    ...scheduleFields(spec),
    agenda: spec.marker,
    password: passcode,
    settings: privacySettings(spec),
  };
}

/** A meeting as Zoom's create answer and `GET /meetings/{meetingId}` show it (the fields used here). */
export interface ZoomMeetingView {
  id: number | string;
  uuid?: string;
  host_id?: string;
  agenda?: string;
  join_url?: string;
  start_url?: string;
  password?: string;
  settings?: Record<string, unknown>;
  /** `waiting`, or `started` while the host runs it. */
  status?: string;
  start_time?: string;
  duration?: number;
  timezone?: string;
  topic?: string;
}

/** One entry of `GET /users/{userId}/meetings` (its `agenda` is cut to 250 characters). */
export interface ZoomMeetingSummary {
  id: number | string;
  agenda?: string;
}

export interface ZoomMeetingPage {
  next_page_token?: string;
  meetings?: ZoomMeetingSummary[];
}

/**
 * What the reconciler keeps: the state Zoom answered with, never what was asked for; no start URL.
 * `hostedBy`: whose account the call went through (the provider's connection or the clinic's).
 */
export function toVendorMeeting(view: ZoomMeetingView, hostedBy: MeetingHostedBy): VendorMeeting {
  if (view.id === undefined || view.id === null || !view.join_url || !view.host_id) {
    throw new Error('Zoom answered a meeting without id, join_url or host_id');
  }
  return {
    vendorMeetingId: String(view.id),
    vendorMeetingUuid: view.uuid ?? null,
    hostAccountId: view.host_id,
    hostedBy,
    joinUrl: view.join_url,
    passcode: view.password ? view.password : null,
    settings: view.settings ? { ...view.settings } : {},
  };
}
