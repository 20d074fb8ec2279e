import { decorrelatedJitter } from './decorrelated-jitter';

describe('decorrelatedJitter', () => {
  it.each([
    // prev, base, cap, random, expected
    [100, 100, 10_000, 0, 100],
    [100, 100, 10_000, 0.5, 200],
    [100, 100, 10_000, 0.999999, 300],
    [1_000, 100, 10_000, 0, 100],
    [1_000, 100, 10_000, 0.5, 1_550],
    [5_000, 100, 10_000, 0.999999, 10_000],
    [50_000, 100, 10_000, 0.2, 10_000],
  ])('prev %d base %d cap %d random %d → %d', (prev, base, cap, random, expected) => {
    expect(decorrelatedJitter(prev, base, cap, () => random)).toBe(expected);
  });

  it('never goes below base, even when prev is smaller', () => {
    expect(decorrelatedJitter(0, 200, 1_000, () => 0.7)).toBeGreaterThanOrEqual(200);
    expect(decorrelatedJitter(10, 200, 1_000, () => 0)).toBe(200);
  });

  it('never exceeds cap, and a cap below base yields base', () => {
    for (let i = 0; i < 100; i++) {
      expect(decorrelatedJitter(10_000, 100, 2_000, Math.random)).toBeLessThanOrEqual(2_000);
    }
    expect(decorrelatedJitter(100, 500, 100, () => 0.5)).toBe(500);
  });

  it('clamps a random source outside [0, 1)', () => {
    expect(decorrelatedJitter(100, 100, 10_000, () => -1)).toBe(100);
    expect(decorrelatedJitter(100, 100, 10_000, () => 2)).toBe(300);
  });

  it('grows from the previous delay when fed back into itself', () => {
    let delay = 100;
    for (let i = 0; i < 5; i++) delay = decorrelatedJitter(delay, 100, 1_000_000, () => 0.999999);
    expect(delay).toBe(24_300);
  });
});
