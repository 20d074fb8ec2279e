import { backoffMs } from './backoff';

describe('reconciler backoff', () => {
  it('doubles from one second and stops at five minutes', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10, 50].map((n) => backoffMs(n, mid))).toEqual([
      1000, 2000, 4000, 8000, 300_000, 300_000,
    ]);
  });

  it('jitters within half to one and a half times the base', () => {
    expect(backoffMs(3, () => 0)).toBe(2000);
    expect(backoffMs(3, () => 0.999999)).toBe(6000);
  });
});
