import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  admitAttempt,
  blockDurationMs,
  CHECK_ALLOWANCE_MS,
  FAILURE_MEMORY_MS,
  type ThrottleCount,
} from './throttle-policy';

describe('blockDurationMs', () => {
  it.each([
    [0, 0],
    [5, 0],
    [6, 1000],
    [7, 2000],
    [10, 16000],
    [15, 512000],
    [16, 900000],
    [100, 900000],
  ])('account: %i failures → %i ms', (failures, ms) => {
    expect(blockDurationMs(failures, ACCOUNT_POLICY)).toBe(ms);
  });

  it('gives a shared address more headroom before the first delay', () => {
    expect(blockDurationMs(20, ADDRESS_POLICY)).toBe(0);
    expect(blockDurationMs(21, ADDRESS_POLICY)).toBe(1000);
  });

  it('never shrinks as failures grow', () => {
    let previous = 0;
    for (let n = 0; n < 60; n++) {
      const ms = blockDurationMs(n, ACCOUNT_POLICY);
      expect(ms).toBeGreaterThanOrEqual(previous);
      previous = ms;
    }
  });
});

describe('admitAttempt', () => {
  const now = new Date('2026-03-02T09:00:00.000Z');
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const count = (failures: number, blockedUntil: Date | null, updatedAt = at(-1000)): ThrottleCount => ({
    failures,
    blockedUntil,
    updatedAt,
  });

  it('admits a first attempt and counts it as one free failure', () => {
    expect(admitAttempt(null, now, ACCOUNT_POLICY)).toEqual({
      admitted: true,
      failures: 1,
      blockedUntil: null,
    });
  });

  it('holds the block of the failure it counts for the whole check', () => {
    expect(admitAttempt(count(4, null), now, ACCOUNT_POLICY)).toEqual({
      admitted: true,
      failures: 5,
      blockedUntil: null,
    });
    expect(admitAttempt(count(5, null), now, ACCOUNT_POLICY)).toEqual({
      admitted: true,
      failures: 6,
      blockedUntil: at(CHECK_ALLOWANCE_MS + 1000),
    });
    expect(admitAttempt(count(8, at(-1)), now, ACCOUNT_POLICY)).toEqual({
      admitted: true,
      failures: 9,
      blockedUntil: at(CHECK_ALLOWANCE_MS + 8000),
    });
    expect(admitAttempt(count(20, null), now, ADDRESS_POLICY)).toMatchObject({
      blockedUntil: at(CHECK_ALLOWANCE_MS + 1000),
    });
  });

  it('refuses while a block lasts, to the millisecond, and admits when it ends', () => {
    expect(admitAttempt(count(6, at(1000)), now, ACCOUNT_POLICY)).toEqual({
      admitted: false,
      retryAfterMs: 1000,
    });
    expect(admitAttempt(count(6, at(1)), now, ACCOUNT_POLICY)).toEqual({
      admitted: false,
      retryAfterMs: 1,
    });
    expect(admitAttempt(count(6, now), now, ACCOUNT_POLICY)).toMatchObject({ admitted: true, failures: 7 });
  });

  it('forgets failures counted more than FAILURE_MEMORY_MS ago', () => {
    const lastDay = count(5, null, at(-FAILURE_MEMORY_MS));
    expect(admitAttempt(lastDay, now, ACCOUNT_POLICY)).toMatchObject({ failures: 6 });
    const before = count(5, null, at(-FAILURE_MEMORY_MS - 1));
    expect(admitAttempt(before, now, ACCOUNT_POLICY)).toEqual({
      admitted: true,
      failures: 1,
      blockedUntil: null,
    });
  });
});
