import { ACCOUNT_POLICY, ADDRESS_POLICY, blockDurationMs } from './throttle-policy';

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
