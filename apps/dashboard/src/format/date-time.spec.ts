import { describe, expect, it } from '@jest/globals';
import {
  dayToInstant,
  describeTimeZone,
  formatDate,
  twoDigitHour,
  formatDateTime,
  formatTime,
  formatTimeRange,
  sameSecond,
  zoneOffset,
} from './date-time';

const instant = '2026-11-23T19:57:05.000Z';

describe('formatDateTime', () => {
  it('shows the time in the given zone with the zone named', () => {
    expect(formatDateTime(instant, { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe(
      '23 Nov 2026, 20:57 CET',
    );
    expect(formatDateTime(instant, { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      'Nov 23, 2026, 02:57 PM EST',
    );
  });

  it('adds seconds when asked', () => {
    expect(formatDateTime(instant, { locale: 'en-GB', timeZone: 'UTC', seconds: true })).toBe(
      '23 Nov 2026, 19:57:05 UTC',
    );
  });
});

describe('formatDate', () => {
  it('uses the zone to decide the day', () => {
    expect(formatDate('2026-11-23T23:30:00Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe(
      '24 Nov 2026',
    );
  });
});

describe('formatTime', () => {
  it('shows the time of day with seconds and the zone', () => {
    expect(formatTime(instant, { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe('20:57:05 CET');
  });
});

describe('formatTimeRange', () => {
  const paris = { locale: 'en-GB', timeZone: 'Europe/Paris' };
  it('names the zone once', () => {
    expect(formatTimeRange(instant, new Date(Date.parse(instant) + 61_000), paris)).toBe(
      '20:57:05 – 20:58:06 CET',
    );
  });
  it('is one time when both read the same to the second', () => {
    expect(formatTimeRange(instant, new Date(Date.parse(instant) + 900), paris)).toBe('20:57:05 CET');
  });
});

describe('sameSecond', () => {
  it('is the same second up to its last millisecond, and not across it', () => {
    expect(sameSecond(instant, new Date(Date.parse(instant) + 999))).toBe(true);
    expect(sameSecond(new Date(Date.parse(instant) + 999), new Date(Date.parse(instant) + 1_000))).toBe(
      false,
    );
  });
});

describe('describeTimeZone', () => {
  it('names the zone and its abbreviation', () => {
    expect(describeTimeZone(new Date(instant), { locale: 'en-GB', timeZone: 'Europe/Paris' })).toBe(
      'Europe/Paris (CET)',
    );
  });

  it('does not repeat a zone that is its own abbreviation', () => {
    expect(describeTimeZone(new Date(instant), { locale: 'en-GB', timeZone: 'UTC' })).toBe('UTC');
  });
});

describe('zoneOffset', () => {
  it('gives the offset that applies at the instant', () => {
    expect(zoneOffset('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe('GMT+01:00');
    expect(zoneOffset('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe('GMT+02:00');
    expect(zoneOffset('Asia/Kolkata', new Date(instant))).toBe('GMT+05:30');
  });
});

describe('dayToInstant', () => {
  it('reads a calendar day as the start of that day, or of the next one', () => {
    const start = dayToInstant('2026-11-23');
    const end = dayToInstant('2026-11-23', true);
    expect(start).toBeDefined();
    expect(Date.parse(end ?? '') - Date.parse(start ?? '')).toBeGreaterThanOrEqual(23 * 3600 * 1000);
    expect(new Date(start ?? '').getDate()).toBe(23);
    expect(new Date(end ?? '').getDate()).toBe(24);
  });

  it('refuses anything that is not a day', () => {
    expect(dayToInstant('')).toBeUndefined();
    expect(dayToInstant('23/11/2026')).toBeUndefined();
  });
});

describe('two-digit hours after midnight', () => {
  it('pads a single-digit 24-hour hour, as Chromium writes 00:10 as 0:10', () => {
    const parts: Intl.DateTimeFormatPart[] = [
      { type: 'hour', value: '0' },
      { type: 'literal', value: ':' },
      { type: 'minute', value: '10' },
    ];
    expect(
      twoDigitHour(parts)
        .map((p) => p.value)
        .join(''),
    ).toBe('00:10');
  });

  it('leaves 12-hour times alone', () => {
    const parts: Intl.DateTimeFormatPart[] = [
      { type: 'hour', value: '9' },
      { type: 'literal', value: ':' },
      { type: 'minute', value: '05' },
      { type: 'literal', value: ' ' },
      { type: 'dayPeriod', value: 'AM' },
    ];
    expect(
      twoDigitHour(parts)
        .map((p) => p.value)
        .join(''),
    ).toBe('9:05 AM');
  });
});
