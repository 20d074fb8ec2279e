import { describe, expect, it } from '@jest/globals';
import { isTimeZone, wallTimeIn, zonedStartTime } from './zoned-time';

describe('zonedStartTime', () => {
  it('writes the wall time with the zone’s offset on that day', () => {
    expect(zonedStartTime({ date: '2026-11-23', time: '14:30' }, 'Europe/Berlin')).toEqual({
      ok: true,
      startTime: '2026-11-23T14:30:00+01:00',
    });
    expect(zonedStartTime({ date: '2026-07-01', time: '09:05' }, 'Europe/Berlin')).toEqual({
      ok: true,
      startTime: '2026-07-01T09:05:00+02:00',
    });
    expect(zonedStartTime({ date: '2026-01-15', time: '08:00' }, 'America/New_York')).toEqual({
      ok: true,
      startTime: '2026-01-15T08:00:00-05:00',
    });
    expect(zonedStartTime({ date: '2026-01-15', time: '08:00' }, 'Asia/Kolkata')).toEqual({
      ok: true,
      startTime: '2026-01-15T08:00:00+05:30',
    });
    expect(zonedStartTime({ date: '2026-01-15', time: '23:59' }, 'UTC')).toEqual({
      ok: true,
      startTime: '2026-01-15T23:59:00+00:00',
    });
  });

  it('names the same instant as the wall time it came from', () => {
    const result = zonedStartTime({ date: '2026-03-29', time: '03:30' }, 'Europe/Berlin');
    expect(result).toEqual({ ok: true, startTime: '2026-03-29T03:30:00+02:00' });
    if (result.ok)
      expect(wallTimeIn(result.startTime, 'Europe/Berlin')).toEqual({ date: '2026-03-29', time: '03:30' });
  });

  it('refuses a time the clocks skip when summer time starts', () => {
    expect(zonedStartTime({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin')).toEqual({
      ok: false,
      reason: 'skipped',
    });
    expect(zonedStartTime({ date: '2026-03-08', time: '02:15' }, 'America/New_York')).toEqual({
      ok: false,
      reason: 'skipped',
    });
  });

  it('takes the first of a repeated hour when summer time ends', () => {
    expect(zonedStartTime({ date: '2026-10-25', time: '02:30' }, 'Europe/Berlin')).toEqual({
      ok: true,
      startTime: '2026-10-25T02:30:00+02:00',
    });
  });

  it('refuses what is not a date, a time or a zone', () => {
    for (const [date, time, zone] of [
      ['', '10:00', 'UTC'],
      ['2026-02-30', '10:00', 'UTC'],
      ['2026-13-01', '10:00', 'UTC'],
      ['2026-01-01', '24:00', 'UTC'],
      ['2026-01-01', '9:00', 'UTC'],
      ['2026-01-01', '10:00', 'Mars/Olympus'],
      ['2026-01-01', '10:00', ''],
    ] as const) {
      expect(zonedStartTime({ date, time }, zone)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('wallTimeIn', () => {
  it('reads the clock of the zone, midnight as 00', () => {
    expect(wallTimeIn('2026-11-23T23:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-11-24', time: '08:30' });
    expect(wallTimeIn('2026-11-23T23:00:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-11-24',
      time: '00:00',
    });
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Nowhere/Special')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
