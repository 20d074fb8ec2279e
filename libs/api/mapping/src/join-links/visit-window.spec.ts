import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../appointments/appointment.entity';
import { type JoinDecision, joinDecision, visitWindow } from './visit-window';

const START = new Date('2026-12-01T14:00:00.000Z');
const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
const shifted = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('visitWindow', () => {
  it('opens 15 minutes before the start and closes 30 minutes after the end', () => {
    expect(visitWindow(START, 30)).toEqual({
      opensAt: at('2026-12-01T13:45:00.000Z'),
      closesAt: at('2026-12-01T15:00:00.000Z'),
    });
  });

  it.each([
    [5, '2026-12-01T14:35:00.000Z'],
    [45, '2026-12-01T15:15:00.000Z'],
    [480, '2026-12-01T22:30:00.000Z'],
  ])('a %i-minute visit closes at %s', (duration, closesAt) => {
    const window = visitWindow(START, duration);
    expect(window.opensAt).toEqual(at('2026-12-01T13:45:00.000Z'));
    expect(window.closesAt).toEqual(at(closesAt));
  });

  it('crosses midnight and keeps milliseconds', () => {
    const start = at('2026-12-31T23:50:00.250Z');
    expect(visitWindow(start, 60)).toEqual({
      opensAt: at('2026-12-31T23:35:00.250Z'),
      closesAt: at('2027-01-01T01:20:00.250Z'),
    });
  });

  it('does not change the start it was given', () => {
    const start = new Date(START);
    visitWindow(start, 30);
    expect(start).toEqual(START);
  });
});

describe('joinDecision', () => {
  const appointment = (status: AppointmentStatus = 'scheduled', durationMinutes = 30) => ({
    status,
    startTime: START,
    durationMinutes,
  });
  const { opensAt, closesAt } = visitWindow(START, 30);

  /** Moments relative to a 30-minute visit at START, and what a scheduled one decides with / without a meeting. */
  const moments: Array<[string, Date, JoinDecision, JoinDecision]> = [
    ['a week before', shifted(START, -minutes(7 * 24 * 60)), 'too_early', 'too_early'],
    ['1 ms before the window opens', shifted(opensAt, -1), 'too_early', 'too_early'],
    ['exactly when the window opens', opensAt, 'redirect', 'not_ready'],
    ['at the start', START, 'redirect', 'not_ready'],
    ['at the scheduled end', shifted(START, minutes(30)), 'redirect', 'not_ready'],
    ['exactly when the window closes', closesAt, 'redirect', 'not_ready'],
    ['1 ms after the window closes', shifted(closesAt, 1), 'gone', 'gone'],
    ['a day after', shifted(START, minutes(24 * 60)), 'gone', 'gone'],
  ];

  describe.each(moments)('a scheduled visit, %s', (_label, now, withMeeting, withoutMeeting) => {
    it(`is ${withMeeting} with a meeting`, () => {
      expect(joinDecision(appointment(), true, now)).toBe(withMeeting);
    });
    it(`is ${withoutMeeting} without one`, () => {
      expect(joinDecision(appointment(), false, now)).toBe(withoutMeeting);
    });
  });

  describe.each(APPOINTMENT_STATUSES.filter((s) => s !== 'scheduled'))('a %s visit', (status) => {
    it.each(moments.map(([label, now]) => [label, now] as const))('is gone %s, meeting or not', (_l, now) => {
      expect(joinDecision(appointment(status), true, now)).toBe('gone');
      expect(joinDecision(appointment(status), false, now)).toBe('gone');
    });
  });

  it('follows the duration: a longer visit stays open longer', () => {
    const now = shifted(START, minutes(61));
    expect(joinDecision(appointment('scheduled', 30), true, now)).toBe('gone');
    expect(joinDecision(appointment('scheduled', 45), true, now)).toBe('redirect');
  });

  it('covers every status the entity knows', () => {
    expect([...APPOINTMENT_STATUSES].sort()).toEqual(['cancelled', 'completed', 'scheduled']);
  });
});
