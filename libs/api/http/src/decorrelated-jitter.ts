/**
 * The next back-off delay with AWS "decorrelated jitter":
 * `sleep = min(cap, random_between(base, prev * 3))`.
 * Pure: `random` returns a number in [0, 1), like `Math.random`.
 */
export function decorrelatedJitter(
  prevMs: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const base = Math.max(0, baseMs);
  const cap = Math.max(base, capMs);
  const upper = Math.max(base, Math.max(prevMs, base) * 3);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(cap, Math.round(base + r * (upper - base)));
}
