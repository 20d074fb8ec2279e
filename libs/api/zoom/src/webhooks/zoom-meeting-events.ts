import {
  cleanDetails,
  type InboundVendorEvent,
  type ParticipantRole,
  type TimelineDetails,
  type TimelineKind,
} from '@televisit/api-mapping';
import { sha256Hex } from '@televisit/api-core';

/** Zoom's meeting events that go on an appointment's timeline, and what each becomes. */
export const ZOOM_TIMELINE_EVENTS: Readonly<Record<string, TimelineKind>> = {
  'meeting.started': 'meeting.started',
  'meeting.ended': 'meeting.ended',
  'meeting.participant_joined': 'participant.joined',
  'meeting.participant_left': 'participant.left',
  'meeting.deleted': 'meeting.deleted',
  'meeting.updated': 'meeting.moved',
};

/** The parts of Zoom's `{event, event_ts, payload: {account_id, object}}` that are read; the rest is dropped. */
export interface ZoomMeetingNotification {
  event?: unknown;
  event_ts?: unknown;
  payload?: {
    object?: {
      id?: unknown;
      uuid?: unknown;
      host_id?: unknown;
      start_time?: unknown;
      end_time?: unknown;
      duration?: unknown;
      participant?: {
        id?: unknown;
        user_id?: unknown;
        participant_uuid?: unknown;
        join_time?: unknown;
        leave_time?: unknown;
      };
    };
  };
}

export type ZoomMeetingEventResult =
  { kind: 'event'; event: InboundVendorEvent } | { kind: 'ignored' } | { kind: 'invalid'; detail: string };

/**
 * A Zoom meeting notification as a timeline event, keeping only what processing needs: the meeting id,
 * the kind, when it happened and the participant's role. Names, emails, topics and the rest of the
 * payload are never kept. Events not on the timeline are `ignored`.
 */
export function zoomMeetingEvent(body: ZoomMeetingNotification, receivedAt: Date): ZoomMeetingEventResult {
  const eventType = typeof body.event === 'string' ? body.event : undefined;
  const kind = eventType ? ZOOM_TIMELINE_EVENTS[eventType] : undefined;
  if (!eventType || !kind) return { kind: 'ignored' };
  const object = body.payload?.object;
  const meetingId = scalar(object?.id);
  if (!object || !meetingId || !/^\d{1,20}$/.test(meetingId)) {
    return { kind: 'invalid', detail: `${eventType} without payload.object.id (the meeting id).` };
  }
  const participant = object.participant;
  if (kind.startsWith('participant.') && (!participant || typeof participant !== 'object')) {
    return { kind: 'invalid', detail: `${eventType} without payload.object.participant.` };
  }
  const eventTs = eventTime(body.event_ts);
  const own = {
    'meeting.started': object.start_time,
    'meeting.ended': object.end_time,
    'participant.joined': participant?.join_time,
    'participant.left': participant?.leave_time,
    // A deleted or moved meeting's start_time is when it is scheduled for, not when that happened.
    'meeting.deleted': undefined,
    'meeting.moved': undefined,
  }[kind];
  const occurredAt = isoTime(own) ?? eventTs ?? receivedAt;
  const details =
    kind === 'meeting.moved'
      ? newTimes(object)
      : participant && kind.startsWith('participant.')
        ? { role: participantRole(body) }
        : {};
  // An update that leaves the time and length alone (a topic, a setting) is nothing to the visit.
  if (kind === 'meeting.moved' && Object.keys(details).length === 0) return { kind: 'ignored' };
  return {
    kind: 'event',
    event: {
      vendor: 'zoom',
      eventId: zoomEventId(body),
      eventType,
      vendorMeetingId: meetingId,
      kind,
      occurredAt,
      details,
    },
  };
}

/**
 * The event's identity for dedupe. Zoom sends no event id: a redelivery repeats the body (with a new
 * signature timestamp), so the event name, the meeting and its instance (`uuid`), `event_ts` and the
 * participant identify it. A sha256 digest: fixed length, and no participant id is stored.
 */
export function zoomEventId(body: ZoomMeetingNotification): string {
  const object = body.payload?.object;
  const participant = object?.participant;
  const parts = [
    scalar(body.event) ?? '',
    scalar(object?.id) ?? '',
    scalar(object?.uuid) ?? '',
    scalar(body.event_ts) ?? '',
    scalar(participant?.participant_uuid) ?? scalar(participant?.user_id) ?? scalar(participant?.id) ?? '',
    scalar(participant?.join_time) ?? '',
    scalar(participant?.leave_time) ?? '',
  ];
  return sha256Hex(JSON.stringify(parts));
}

/**
 * What `meeting.updated` says the meeting's times are now: Zoom sends only the fields that changed in
 * `object` (the former values in `old_object`), with `start_time` in UTC. The timeline's own vocabulary
 * keeps them only as a zoned instant and a whole number of minutes.
 */
function newTimes(object: { start_time?: unknown; duration?: unknown }): TimelineDetails {
  return cleanDetails({ startTime: object.start_time, durationMinutes: object.duration });
}

/** The host when the participant's Zoom user id is the meeting's host id; anyone else is a guest. */
export function participantRole(body: ZoomMeetingNotification): ParticipantRole {
  const object = body.payload?.object;
  const hostId = scalar(object?.host_id);
  const participantId = scalar(object?.participant?.id);
  return hostId && participantId && hostId === participantId ? 'host' : 'guest';
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 && value.length <= 200 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isoTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Zoom's `event_ts` is milliseconds since the epoch. */
function eventTime(value: unknown): Date | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  const at = new Date(ms);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
