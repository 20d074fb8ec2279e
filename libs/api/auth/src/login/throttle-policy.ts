/** Per account: a few typos are free, then the wait doubles up to a cap. */
export const ACCOUNT_POLICY = { freeFailures: 5, maxBlockMs: 15 * 60 * 1000 };
/** Per address: more headroom (a clinic shares one NAT address), same doubling. */
export const ADDRESS_POLICY = { freeFailures: 20, maxBlockMs: 15 * 60 * 1000 };
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface ThrottlePolicy {
  freeFailures: number;
  maxBlockMs: number;
}

/** How long to refuse logins after the n-th consecutive failure: 0, then 1 s, 2 s, 4 s … up to the cap. */
export function blockDurationMs(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(1000 * 2 ** (over - 1), policy.maxBlockMs);
}
