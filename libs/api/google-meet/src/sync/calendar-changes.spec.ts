import { changesIn } from './calendar-changes';

const NOW = new Date('2026-07-01T10:00:00.000Z');
const OURS = `tv${'0123456789abcdef'.repeat(2)}`;
const AT_TEN = { dateTime: '2026-07-02T12:00:00+02:00', timeZone: 'Europe/Berlin' };
const AT_HALF_PAST = { dateTime: '2026-07-02T10:30:00Z', timeZone: 'Europe/Berlin' };

describe('changesIn', () => {
  it("turns each of televisit's deleted events into a meeting.deleted, at the time Google deleted it", () => {
    const [deletion, ...rest] = changesIn(
      [{ id: OURS, status: 'cancelled', updated: '2026-07-01T09:58:00.123Z' }],
      NOW,
    );
    expect(rest).toEqual([]);
    expect(deletion).toMatchObject({
      vendor: 'google_meet',
      eventType: 'calendar.event.cancelled',
      vendorMeetingId: OURS,
      kind: 'meeting.deleted',
      occurredAt: new Date('2026-07-01T09:58:00.123Z'),
    });
    expect(deletion?.eventId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("turns each of televisit's events still there into a meeting.moved with Google's start and length", () => {
    const [moved, ...rest] = changesIn(
      [{ id: OURS, status: 'confirmed', updated: '2026-07-01T09:58:00Z', start: AT_TEN, end: AT_HALF_PAST }],
      NOW,
    );
    expect(rest).toEqual([]);
    expect(moved).toMatchObject({
      vendor: 'google_meet',
      eventType: 'calendar.event.changed',
      vendorMeetingId: OURS,
      kind: 'meeting.moved',
      occurredAt: new Date('2026-07-01T09:58:00Z'),
      details: { startTime: '2026-07-02T10:00:00.000Z', durationMinutes: 30 },
    });
  });

  it('ignores events that are not televisit’s, and times that are not a timed event', () => {
    expect(
      changesIn(
        [
          { id: 'abcdef0123', status: 'cancelled', updated: '2026-07-01T09:58:00Z' },
          { id: 'abcdef0123', status: 'confirmed', start: AT_TEN, end: AT_HALF_PAST },
          { id: `tv${'0'.repeat(31)}`, status: 'cancelled' },
          { status: 'cancelled' },
          { id: OURS, status: 'confirmed', start: { date: '2026-07-02' }, end: { date: '2026-07-03' } },
          { id: OURS, status: 'confirmed', start: AT_HALF_PAST, end: AT_TEN },
          { id: OURS, status: 'confirmed', start: { dateTime: 'noon' }, end: AT_HALF_PAST },
          { id: OURS, status: 'confirmed' },
        ],
        NOW,
      ),
    ).toEqual([]);
  });

  it('names one change the same however often it is seen, and a later one differently', () => {
    const seen = (updated: string) =>
      changesIn([{ id: OURS, status: 'cancelled', updated }], NOW)[0]?.eventId;
    expect(seen('2026-07-01T09:58:00.123Z')).toBe(seen('2026-07-01T09:58:00.123Z'));
    expect(seen('2026-07-01T09:58:00.123Z')).not.toBe(seen('2026-07-01T09:59:00.000Z'));
  });

  it('dates a change without a usable `updated` now', () => {
    expect(changesIn([{ id: OURS, status: 'cancelled', updated: 'soon' }], NOW)[0]?.occurredAt).toEqual(NOW);
  });
});
