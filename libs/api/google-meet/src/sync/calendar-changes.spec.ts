import { deletionsIn } from './calendar-changes';

const NOW = new Date('2026-07-01T10:00:00.000Z');
const OURS = `tv${'0123456789abcdef'.repeat(2)}`;

describe('deletionsIn', () => {
  it("turns each of televisit's deleted events into a meeting.deleted, at the time Google deleted it", () => {
    const [deletion, ...rest] = deletionsIn(
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

  it('ignores events still there, and events that are not televisit’s', () => {
    expect(
      deletionsIn(
        [
          { id: OURS, status: 'confirmed', updated: '2026-07-01T09:58:00Z' },
          { id: 'abcdef0123', status: 'cancelled', updated: '2026-07-01T09:58:00Z' },
          { id: `tv${'0'.repeat(31)}`, status: 'cancelled' },
          { status: 'cancelled' },
        ],
        NOW,
      ),
    ).toEqual([]);
  });

  it('names one deletion the same however often it is seen, and a later one differently', () => {
    const seen = (updated: string) =>
      deletionsIn([{ id: OURS, status: 'cancelled', updated }], NOW)[0]?.eventId;
    expect(seen('2026-07-01T09:58:00.123Z')).toBe(seen('2026-07-01T09:58:00.123Z'));
    expect(seen('2026-07-01T09:58:00.123Z')).not.toBe(seen('2026-07-01T09:59:00.000Z'));
  });

  it('dates a deletion without a usable `updated` now', () => {
    expect(deletionsIn([{ id: OURS, status: 'cancelled', updated: 'soon' }], NOW)[0]?.occurredAt).toEqual(
      NOW,
    );
  });
});
