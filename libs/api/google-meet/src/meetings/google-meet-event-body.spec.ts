import type { MeetingSpec } from '@televisit/api-mapping';
import {
  conferenceRequestIdFor,
  EVENT_ID_PATTERN,
  eventIdFor,
  newEventBody,
  scheduleFields,
} from './google-meet-event-body';

function spec(overrides: Partial<MeetingSpec> = {}): MeetingSpec {
  return {
    appointmentId: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
    marker: 'tvm_opaque-marker',
    topic: 'Video visit',
    startTime: new Date('2026-03-10T15:30:00.000Z'),
    durationMinutes: 30,
    timezone: 'America/Chicago',
    requireAuthentication: false,
    ...overrides,
  };
}

describe('eventIdFor', () => {
  it('is tv and the uuid without dashes, lower case', () => {
    expect(eventIdFor('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe('tv3f2504e04f8941d39a0c0305e82c3301');
  });

  it('is the same for the same appointment however its id is cased, and differs between appointments', () => {
    const id = eventIdFor('3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(eventIdFor('3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe(id);
    expect(eventIdFor('3f2504e0-4f89-41d3-9a0c-0305e82c3302')).not.toBe(id);
  });

  it('is always a valid Google event id for a uuid (base32hex, 5–1024 characters)', () => {
    for (const uuid of [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      crypto.randomUUID(),
    ]) {
      const id = eventIdFor(uuid);
      expect(id).toMatch(EVENT_ID_PATTERN);
      expect(id).toHaveLength(34);
    }
  });

  it.each([
    ['a character outside base32hex', 'wxyz-1234'],
    ['an underscore', 'abc_def'],
    ['too short', 'ab'],
    ['empty', ''],
    ['too long', 'a'.repeat(1023)],
  ])('refuses an appointment id with %s', (_what, appointmentId) => {
    expect(() => eventIdFor(appointmentId)).toThrow(RangeError);
  });

  it('accepts the longest id Google allows', () => {
    expect(eventIdFor('a'.repeat(1022))).toHaveLength(1024);
  });
});

describe('conferenceRequestIdFor', () => {
  it('is derived from the appointment id alone', () => {
    const first = conferenceRequestIdFor('3F2504E0-4F89-41D3-9A0C-0305E82C3301');
    expect(first).toBe('tv-3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    expect(conferenceRequestIdFor('3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toBe(first);
  });
});

describe('scheduleFields', () => {
  it('sends the title and UTC start and end with the visit’s zone', () => {
    expect(scheduleFields(spec({ durationMinutes: 45, timezone: 'Europe/Berlin' }))).toEqual({
      summary: 'Video visit',
      start: { dateTime: '2026-03-10T15:30:00.000Z', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-10T16:15:00.000Z', timeZone: 'Europe/Berlin' },
    });
  });

  it('ends past midnight and across a DST change by elapsed minutes', () => {
    const fields = scheduleFields(
      spec({ startTime: new Date('2026-03-08T07:30:00.000Z'), durationMinutes: 90 }),
    );
    expect(fields.end?.dateTime).toBe('2026-03-08T09:00:00.000Z');
  });

  it('refuses an invalid start or a duration that is not positive', () => {
    expect(() => scheduleFields(spec({ startTime: new Date('nope') }))).toThrow(RangeError);
    expect(() => scheduleFields(spec({ durationMinutes: 0 }))).toThrow(RangeError);
    expect(() => scheduleFields(spec({ durationMinutes: -5 }))).toThrow(RangeError);
    expect(() => scheduleFields(spec({ durationMinutes: Number.NaN }))).toThrow(RangeError);
  });
});

describe('newEventBody', () => {
  it('is a private event with every guest permission off, the marker and a Meet request', () => {
    expect(newEventBody(spec())).toEqual({
      id: 'tv3f2504e04f8941d39a0c0305e82c3301',
      summary: 'Video visit',
      start: { dateTime: '2026-03-10T15:30:00.000Z', timeZone: 'America/Chicago' },
      end: { dateTime: '2026-03-10T16:00:00.000Z', timeZone: 'America/Chicago' },
      visibility: 'private',
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
      guestsCanModify: false,
      extendedProperties: { private: { televisitMarker: 'tvm_opaque-marker' } },
      conferenceData: {
        createRequest: {
          requestId: 'tv-3f2504e0-4f89-41d3-9a0c-0305e82c3301',
          conferenceSolutionKey: { type: 'hangoutsMeet' },
        },
      },
    });
  });

  it('carries nothing but the title, the times and opaque ids: no attendees, description or location', () => {
    const body = newEventBody(spec({ topic: 'Follow-up visit' }));
    for (const field of ['attendees', 'description', 'location', 'source', 'attachments']) {
      expect(body).not.toHaveProperty(field);
    }
    expect(body.summary).toBe('Follow-up visit');
  });

  it('is the same body for a retry of the same spec (the insert is idempotent by id and requestId)', () => {
    expect(newEventBody(spec())).toEqual(newEventBody(spec()));
  });
});
