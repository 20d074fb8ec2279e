import { retryAfterMs } from './retry-after';

const now = new Date('2026-01-01T09:00:00.000Z');

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    ['1', 1_000],
    ['120', 120_000],
    [' 5 ', 5_000],
    ['Thu, 01 Jan 2026 09:00:30 GMT', 30_000],
    ['Thu, 01 Jan 2026 10:00:00 GMT', 3_600_000],
    ['2026-01-02T00:00:00Z', 54_000_000],
    ['Thu, 01 Jan 2026 08:59:00 GMT', 0],
  ])('%j → %d ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });

  it.each([[undefined], [''], ['   '], ['-5'], ['1.5'], ['soon'], ['Thu, 99 Foo 2026']])(
    '%j → undefined',
    (header) => {
      expect(retryAfterMs(header, now)).toBeUndefined();
    },
  );

  it('reads the first value of a repeated header', () => {
    expect(retryAfterMs(['2', '9'], now)).toBe(2_000);
    expect(retryAfterMs([], now)).toBeUndefined();
  });
});
