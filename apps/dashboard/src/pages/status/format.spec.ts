import { describe, expect, it } from '@jest/globals';
import { formatCheckName, formatClockTime, formatUptime } from './format';

describe('formatUptime', () => {
  it.each([
    [0, '0 s'],
    [-5, '0 s'],
    [59.9, '59 s'],
    [60, '1 min'],
    [3_599, '59 min'],
    [3_600, '1 h'],
    [3_660, '1 h 1 min'],
    [86_399, '23 h 59 min'],
    [86_400, '1 d'],
    [90_000, '1 d 1 h'],
    [10 * 86_400 + 7_200 + 59, '10 d 2 h'],
  ])('%p seconds reads "%s"', (seconds, expected) => {
    expect(formatUptime(seconds)).toBe(expected);
  });
});

describe('formatClockTime', () => {
  const instant = new Date('2025-03-04T19:42:10Z');

  it('names the zone it shows the time in', () => {
    expect(formatClockTime(instant, { locale: 'en-GB', timeZone: 'UTC' })).toBe('19:42:10 UTC');
  });

  it('converts to the viewer zone rather than showing UTC', () => {
    expect(formatClockTime(instant, { locale: 'en-US', timeZone: 'America/New_York' })).toBe(
      '2:42:10 PM EST',
    );
  });
});

describe('formatCheckName', () => {
  it.each([
    ['database', 'Database'],
    ['vendor_tokens', 'Vendor tokens'],
    ['zoom-api', 'Zoom api'],
  ])('%s reads "%s"', (name, expected) => {
    expect(formatCheckName(name)).toBe(expected);
  });
});
