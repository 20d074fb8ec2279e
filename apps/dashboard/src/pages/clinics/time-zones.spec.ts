import { describe, expect, it } from '@jest/globals';
import { timeZoneOptions } from './time-zones';

describe('timeZoneOptions', () => {
  const options = timeZoneOptions(new Date('2026-01-15T12:00:00Z'));

  it('offers every IANA zone once, UTC included, with the offset at that moment', () => {
    expect(options.find((o) => o.value === 'Europe/Berlin')?.label).toBe('Europe/Berlin (GMT+01:00)');
    expect(options.find((o) => o.value === 'America/New_York')?.label).toBe('America/New York (GMT-05:00)');
    expect(options.filter((o) => o.value === 'UTC')).toHaveLength(1);
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
  });

  it('sorts by name', () => {
    const values = options.map((o) => o.value);
    expect(values).toEqual([...values].sort((a, b) => a.localeCompare(b)));
  });
});
