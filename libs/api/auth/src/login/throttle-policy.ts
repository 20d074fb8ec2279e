/** Per account: a few typos are free, then the wait doubles up to a cap. */
export const ACCOUNT_POLICY = { freeFailures: 5, maxBlockMs: 15 * 60 * 1000 };
/** Per address: more headroom (a clinic shares one NAT address), same doubling. */
export const ADDRESS_POLICY = { freeFailures: 20, maxBlockMs: 15 * 60 * 1000 };
/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
/**
 * Time allowed for a password check (scrypt, about 0.1 s; seconds on a loaded machine). A block set
 * before a check lasts this much longer, until the failure is known and its block starts from then.
 */
export const CHECK_ALLOWANCE_MS = 5_000;

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

/** One account's or address's count as stored. */
export interface ThrottleCount {
  failures: number;
  blockedUntil: Date | null;
  /** When the latest failure was counted. */
  updatedAt: Date;
}

export type AttemptDecision =
  { admitted: false; retryAfterMs: number } | { admitted: true; failures: number; blockedUntil: Date | null };

/**
 * Whether one more attempt may have its password checked now, and if so the count it leaves. The
 * attempt is counted as a failure before its password is checked, with the block that failure earns
 * held for the whole check: attempts arriving meanwhile find it, as if they had waited for its answer.
 */
export function admitAttempt(
  count: ThrottleCount | null,
  now: Date,
  policy: ThrottlePolicy,
): AttemptDecision {
  const wait = count?.blockedUntil ? count.blockedUntil.getTime() - now.getTime() : 0;
  if (wait > 0) return { admitted: false, retryAfterMs: wait };
  const remembered =
    count && now.getTime() - count.updatedAt.getTime() <= FAILURE_MEMORY_MS ? count.failures : 0;
  const failures = remembered + 1;
  const block = blockDurationMs(failures, policy);
  return {
    admitted: true,
    failures,
    blockedUntil: block ? new Date(now.getTime() + CHECK_ALLOWANCE_MS + block) : null,
  };
}
