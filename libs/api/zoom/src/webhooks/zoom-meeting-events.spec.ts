import {
  participantRole,
  zoomEventId,
  type ZoomMeetingNotification,
  zoomMeetingEvent,
} from './zoom-meeting-events';

const receivedAt = new Date('2026-11-23T12:00:05.000Z');
const eventTs = Date.parse('2026-11-23T12:00:04.321Z');
const HOST = 'z8yCzHOST0001';

/** Shaped like Zoom's documented notifications, PHI included, to prove none of it is kept. */
function notification(
  event: string,
  object: Record<string, unknown> = {},
  participant?: Record<string, unknown>,
): ZoomMeetingNotification {
  return {
    event,
    event_ts: eventTs,
    payload: {
      account_id: 'acct-1',
      object: {
        id: 85746065432,
        uuid: '4444AAAiAAAAAiAiAiiAii==',
        host_id: HOST,
        topic: 'Jane Patient follow-up',
        type: 2,
        start_time: '2026-11-23T12:00:00Z',
        timezone: 'America/Bogota',
        duration: 30,
        ...object,
        ...(participant ? { participant } : {}),
      },
    },
  } as ZoomMeetingNotification;
}

const guest = {
  user_id: '16778240',
  user_name: 'Jane Patient',
  id: '',
  participant_uuid: 'PART-UUID-1',
  email: 'jane@example.test',
  join_time: '2026-11-23T12:01:00Z',
};

describe('Zoom meeting notifications as timeline events', () => {
  it.each([
    ['meeting.started', 'meeting.started', '2026-11-23T12:00:00.000Z'],
    ['meeting.ended', 'meeting.ended', '2026-11-23T12:31:00.000Z'],
    ['meeting.deleted', 'meeting.deleted', '2026-11-23T12:00:04.321Z'],
  ])('maps %s to %s at the time it happened', (event, kind, at) => {
    const result = zoomMeetingEvent(notification(event, { end_time: '2026-11-23T12:31:00Z' }), receivedAt);
    expect(result).toEqual({
      kind: 'event',
      event: {
        vendor: 'zoom',
        eventId: expect.stringMatching(/^[0-9a-f]{64}$/),
        eventType: event,
        vendorMeetingId: '85746065432',
        kind,
        occurredAt: new Date(at),
        details: {},
      },
    });
  });

  it('maps participant_joined and participant_left with the role only, never the name or email', () => {
    const joined = zoomMeetingEvent(notification('meeting.participant_joined', {}, guest), receivedAt);
    const left = zoomMeetingEvent(
      notification('meeting.participant_left', {}, { ...guest, leave_time: '2026-11-23T12:20:00Z' }),
      receivedAt,
    );
    expect(joined).toMatchObject({
      kind: 'event',
      event: {
        kind: 'participant.joined',
        occurredAt: new Date('2026-11-23T12:01:00Z'),
        details: { role: 'guest' },
      },
    });
    expect(left).toMatchObject({
      kind: 'event',
      event: { kind: 'participant.left', occurredAt: new Date('2026-11-23T12:20:00Z') },
    });
    const kept = JSON.stringify([joined, left]);
    for (const phi of ['Jane', 'jane@example.test', 'follow-up', '16778240', 'PART-UUID-1']) {
      expect(kept).not.toContain(phi);
    }
  });

  it('tells the host (participant id = host_id) from a guest', () => {
    expect(participantRole(notification('meeting.participant_joined', {}, { ...guest, id: HOST }))).toBe(
      'host',
    );
    expect(participantRole(notification('meeting.participant_joined', {}, guest))).toBe('guest');
    expect(participantRole(notification('meeting.participant_joined', { host_id: '' }, guest))).toBe('guest');
  });

  it('falls back to event_ts, then to the time received, when the event carries no usable time', () => {
    const noStart = zoomMeetingEvent(notification('meeting.started', { start_time: 'soon' }), receivedAt);
    expect(noStart).toMatchObject({ event: { occurredAt: new Date(eventTs) } });
    const bare = zoomMeetingEvent(
      { ...notification('meeting.started', { start_time: undefined }), event_ts: 'x' },
      receivedAt,
    );
    expect(bare).toMatchObject({ event: { occurredAt: receivedAt } });
  });

  it('accepts the meeting id as a string too', () => {
    expect(
      zoomMeetingEvent(notification('meeting.started', { id: '85746065432' }), receivedAt),
    ).toMatchObject({ event: { vendorMeetingId: '85746065432' } });
  });

  it.each([
    ['no object', { event: 'meeting.started', payload: {} }],
    ['no meeting id', notification('meeting.started', { id: undefined })],
    ['a meeting id that is not a number', notification('meeting.ended', { id: 'abc; drop' })],
    ['a participant event without a participant', notification('meeting.participant_joined')],
  ])('refuses %s', (_name, body) => {
    expect(zoomMeetingEvent(body, receivedAt)).toMatchObject({ kind: 'invalid' });
  });

  /** Zoom's meeting.updated carries only what changed in `object`, and the former values in `old_object`. */
  const updated = (changed: Record<string, unknown>): ZoomMeetingNotification =>
    ({
      event: 'meeting.updated',
      event_ts: eventTs,
      payload: {
        account_id: 'acct-1',
        operator: 'dr.who@example.test',
        operation: 'single',
        object: { id: 85746065432, ...changed },
        old_object: { id: 85746065432, start_time: '2026-11-23T12:00:00Z', duration: 30, topic: 'Visit' },
        time_stamp: eventTs,
      },
    }) as ZoomMeetingNotification;

  it('maps meeting.updated that moves or lengthens the meeting to meeting.moved with the new times', () => {
    expect(
      zoomMeetingEvent(updated({ start_time: '2026-11-23T15:00:00Z', duration: 45 }), receivedAt),
    ).toEqual({
      kind: 'event',
      event: {
        vendor: 'zoom',
        eventId: expect.stringMatching(/^[0-9a-f]{64}$/),
        eventType: 'meeting.updated',
        vendorMeetingId: '85746065432',
        kind: 'meeting.moved',
        occurredAt: new Date(eventTs),
        details: { startTime: '2026-11-23T15:00:00.000Z', durationMinutes: 45 },
      },
    });
    expect(zoomMeetingEvent(updated({ duration: 60 }), receivedAt)).toMatchObject({
      event: { details: { durationMinutes: 60 } },
    });
  });

  it('ignores meeting.updated that leaves the times alone, and keeps no topic or operator', () => {
    expect(zoomMeetingEvent(updated({ topic: 'Jane Patient' }), receivedAt)).toEqual({ kind: 'ignored' });
    expect(zoomMeetingEvent(updated({ start_time: 'tomorrow', duration: -5 }), receivedAt)).toEqual({
      kind: 'ignored',
    });
    // A time without its zone would be read in the server's own: not taken.
    expect(zoomMeetingEvent(updated({ start_time: '2026-11-23T15:00:00' }), receivedAt)).toEqual({
      kind: 'ignored',
    });
    const kept = JSON.stringify(
      zoomMeetingEvent(updated({ duration: 60, topic: 'Jane Patient' }), receivedAt),
    );
    for (const phi of ['Jane', 'dr.who', 'Visit']) expect(kept).not.toContain(phi);
  });

  it.each(['recording.completed', 'user.updated', undefined])('ignores %s', (event) => {
    expect(zoomMeetingEvent(notification(event as string), receivedAt)).toEqual({ kind: 'ignored' });
  });
});

describe('Zoom event ids for dedupe', () => {
  const started = notification('meeting.started');

  it('is the same for a redelivery of the same body', () => {
    expect(zoomEventId(JSON.parse(JSON.stringify(started)) as ZoomMeetingNotification)).toBe(
      zoomEventId(started),
    );
  });

  it.each([
    ['another event', notification('meeting.ended')],
    ['another event_ts', { ...started, event_ts: eventTs + 1 }],
    ['another meeting', notification('meeting.started', { id: 85746065433 })],
    ['another instance of the meeting', notification('meeting.started', { uuid: 'other==' })],
  ])('differs for %s', (_name, other) => {
    expect(zoomEventId(other)).not.toBe(zoomEventId(started));
  });

  it('tells apart two participants joining in the same millisecond', () => {
    const a = notification('meeting.participant_joined', {}, guest);
    const b = notification('meeting.participant_joined', {}, { ...guest, participant_uuid: 'PART-UUID-2' });
    expect(zoomEventId(a)).not.toBe(zoomEventId(b));
  });

  it('is a sha256 digest: fixed length, no participant id in clear', () => {
    const id = zoomEventId(notification('meeting.participant_joined', {}, guest));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
  });
});
