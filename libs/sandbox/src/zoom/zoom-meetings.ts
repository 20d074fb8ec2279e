import { createHash } from 'node:crypto';
import { enforceSecurity, defaultSettings, mergeSettings } from './meeting-settings';
import { meetingNumber, meetingUuid, opaqueToken, passcode } from './zoom-ids';
import type { MeetingSchedule } from './zoom-state';
import type { ZoomAccount, ZoomUser } from './zoom-store';
import { isTimeZone, parseStartTime, zoomTime } from './zoom-time';

export interface StoredMeeting {
  id: number;
  uuid: string;
  hostId: string;
  topic: string;
  type: number;
  startTime?: number;
  duration: number;
  timezone: string;
  agenda: string;
  createdAt: number;
  password: string;
  settings: Record<string, unknown>;
  /** Fields kept as sent and echoed (recurrence, tracking_fields, pre_schedule). */
  echoed: Record<string, unknown>;
  deleted: boolean;
  /** Whether the host has started it, and whether it has ended since (the sandbox's control sets it). */
  progress: MeetingProgress;
}

export type MeetingProgress = 'waiting' | 'started' | 'ended';

/** A validated create or update body (the OpenAPI request schema has already checked types). */
export type MeetingInput = Record<string, unknown>;

/** A `start_url` lives about two hours after it was handed out. */
export const START_URL_LIFETIME_MS = 2 * 3_600_000;
const ECHOED = ['recurrence', 'tracking_fields', 'pre_schedule'];

/** Meetings and the start links handed out for them. */
export class ZoomMeetings {
  private readonly meetings = new Map<number, StoredMeeting>();
  private readonly zaks = new Map<string, { meetingId: number; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  create(host: ZoomUser, account: ZoomAccount, input: MeetingInput): StoredMeeting {
    let id = meetingNumber();
    while (this.meetings.has(id)) id = meetingNumber();
    const meeting: StoredMeeting = {
      id,
      uuid: meetingUuid(),
      hostId: host.id,
      topic: 'Zoom meeting',
      type: 2,
      duration: 60,
      timezone: host.timezone,
      agenda: '',
      createdAt: this.now(),
      password: '',
      settings: defaultSettings(),
      echoed: {},
      deleted: false,
      progress: 'waiting',
    };
    // A new meeting gets a passcode unless the caller set one (the account's "require a passcode" default).
    const sentPassword = typeof input['password'] === 'string' ? input['password'] : undefined;
    this.apply(meeting, account, { ...input, password: sentPassword || passcode() });
    if (meeting.type === 1) meeting.startTime = meeting.createdAt;
    this.meetings.set(id, meeting);
    return meeting;
  }

  update(meeting: StoredMeeting, account: ZoomAccount, input: MeetingInput): void {
    this.apply(meeting, account, input);
  }

  delete(meeting: StoredMeeting): void {
    meeting.deleted = true;
  }

  /** A live meeting by its number; deleted ones are gone as far as callers can tell. */
  find(meetingId: string): StoredMeeting | undefined {
    if (!/^\d{1,19}$/.test(meetingId)) return undefined;
    const meeting = this.meetings.get(Number(meetingId));
    return meeting && !meeting.deleted ? meeting : undefined;
  }

  /** Zoom's list `type`s: scheduled (all but instant), upcoming (not yet started), live (started). */
  listFor(hostId: string, type: string): StoredMeeting[] {
    const now = this.now();
    return [...this.meetings.values()]
      .filter((m) => m.hostId === hostId && !m.deleted && m.type !== 1)
      .filter((m) => {
        if (type === 'live') return m.progress === 'started';
        if (type === 'upcoming' || type === 'upcoming_meetings')
          return m.progress === 'waiting' && (m.startTime === undefined || m.startTime >= now);
        if (type === 'previous_meetings') return m.startTime !== undefined && m.startTime < now;
        return true;
      })
      .sort((a, b) => (a.startTime ?? Infinity) - (b.startTime ?? Infinity) || a.createdAt - b.createdAt);
  }

  /** A fresh host link each read, as Zoom mints a new ZAK for every `GET`. */
  startUrl(meeting: StoredMeeting, webBase: string): string {
    const zak = opaqueToken();
    this.zaks.set(zak, { meetingId: meeting.id, expiresAt: this.now() + START_URL_LIFETIME_MS });
    return `${webBase}/s/${meeting.id}?zak=${zak}`;
  }

  startLinkValid(meetingId: string, zak: string): boolean {
    const entry = this.zaks.get(zak);
    return (
      !!entry &&
      String(entry.meetingId) === meetingId &&
      entry.expiresAt > this.now() &&
      !!this.find(meetingId)
    );
  }

  joinUrl(meeting: StoredMeeting, webBase: string): string {
    const base = `${webBase}/j/${meeting.id}`;
    return meeting.password ? `${base}?pwd=${encryptedPassword(meeting)}` : base;
  }

  private apply(meeting: StoredMeeting, account: ZoomAccount, input: MeetingInput): void {
    const str = (key: string) => (typeof input[key] === 'string' ? input[key] : undefined);
    const num = (key: string) => (typeof input[key] === 'number' ? input[key] : undefined);
    meeting.topic = str('topic') ?? meeting.topic;
    meeting.agenda = str('agenda') ?? meeting.agenda;
    meeting.type = num('type') ?? meeting.type;
    meeting.duration = num('duration') ?? meeting.duration;
    const zone = str('timezone');
    if (zone && isTimeZone(zone)) meeting.timezone = zone;
    const start = str('start_time');
    if (start) meeting.startTime = parseStartTime(start, meeting.timezone) ?? meeting.startTime;
    for (const key of ECHOED) if (input[key] !== undefined) meeting.echoed[key] = input[key];
    meeting.settings = mergeSettings(meeting.settings, input['settings']);
    const password = str('password') ?? meeting.password;
    meeting.password = enforceSecurity(account, meeting.settings, password);
  }
}

/** The meeting as `GET /meetings/{id}` and the create answer show it. */
export function meetingView(
  meetings: ZoomMeetings,
  meeting: StoredMeeting,
  host: ZoomUser,
  webBase: string,
): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: meeting.id,
    host_id: meeting.hostId,
    host_email: host.email,
    topic: meeting.topic,
    type: meeting.type,
    // The OpenAPI enum knows only these two: an ended meeting waits to be started again.
    status: meeting.progress === 'started' ? 'started' : 'waiting',
    ...(meeting.startTime !== undefined ? { start_time: zoomTime(meeting.startTime) } : {}),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    start_url: meetings.startUrl(meeting, webBase),
    join_url: meetings.joinUrl(meeting, webBase),
    ...(meeting.password
      ? {
          password: meeting.password,
          h323_password: digits(meeting.password),
          pstn_password: digits(meeting.password),
          encrypted_password: encryptedPassword(meeting),
        }
      : {}),
    ...structuredClone(meeting.echoed),
    pre_schedule: meeting.echoed['pre_schedule'] === true,
    settings: structuredClone(meeting.settings),
  };
}

/** One entry of `GET /users/{userId}/meetings`: a summary, without links to start or passcodes. */
export function meetingSummary(
  meetings: ZoomMeetings,
  meeting: StoredMeeting,
  webBase: string,
): Record<string, unknown> {
  return {
    uuid: meeting.uuid,
    id: meeting.id,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    ...(meeting.startTime !== undefined ? { start_time: zoomTime(meeting.startTime) } : {}),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    join_url: meetings.joinUrl(meeting, webBase),
  };
}

function encryptedPassword(meeting: StoredMeeting): string {
  return createHash('sha256').update(`${meeting.uuid}:${meeting.password}`).digest('base64url').slice(0, 32);
}

/** The phone and H.323 passcodes are the numeric rendering of the passcode. */
function digits(password: string): string {
  return [...password].map((c) => String(c.charCodeAt(0) % 10)).join('');
}

/** When a meeting starts (UTC, as Zoom writes it) and how long it lasts: what `meeting.updated` reports. */
export function scheduleOf(meeting: StoredMeeting): MeetingSchedule {
  return {
    ...(meeting.startTime !== undefined ? { start_time: zoomTime(meeting.startTime) } : {}),
    duration: meeting.duration,
  };
}
