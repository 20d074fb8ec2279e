import { HttpClientError, RateLimitedError } from '@televisit/api-http';

/** Calendar's `reason`s for "slow down"; Google sends them with 403 as well as 429. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
/** How deep to look through wrapped errors (gaxios wraps what the fetch threw as its cause). */
const MAX_CAUSES = 5;
const MAX_MESSAGE = 200;
/** Google's quota is per user per minute: come back after a minute. */
export const RATE_LIMIT_RETRY_MS = 60 * 1000;

/**
 * Google Calendar answered a call with an error status. Carries what the callers decide on (status and
 * Google's first `reason`) and Google's message, never the request (its headers hold the token).
 */
export class GoogleCalendarError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'GoogleCalendarError';
  }
}

interface GaxiosErrorShape {
  status?: unknown;
  errors?: unknown;
  cause?: unknown;
  error?: unknown;
  response?: { status?: unknown; data?: unknown };
}

/**
 * What a failed googleapis call means, without googleapis' error object (whose config keeps the
 * request): an answer with an error status is a GoogleCalendarError; a failure of the hardened client
 * underneath (a far Retry-After as RateLimitedError, a timeout, a network error) is that error itself;
 * anything else is handed back as it came.
 */
export function toCalendarError(error: unknown): unknown {
  const transport = causeOf(error, (cause) => cause instanceof HttpClientError);
  if (transport) return transport;
  const status = statusOf(error);
  if (status === undefined) return error;
  const reason = reasonOf(error);
  const message = messageOf(error).slice(0, MAX_MESSAGE);
  return new GoogleCalendarError(
    status,
    reason,
    `Google Calendar answered ${status}${reason ? ` ${reason}` : ''}${message ? `: ${message}` : ''}`,
  );
}

/** Google's "slow down": 429, or 403 with reason rateLimitExceeded / userRateLimitExceeded. */
export function isGoogleRateLimit(error: unknown): boolean {
  if (!(error instanceof GoogleCalendarError)) return false;
  if (error.status === 429) return true;
  return error.status === 403 && error.reason !== undefined && RATE_LIMIT_REASONS.has(error.reason);
}

/**
 * When Google wants us back, if `error` is a rate limit: the hardened client's far Retry-After, or
 * Google's own "slow down" (a minute from `now`); undefined for any other error.
 */
export function rateLimitRetryAt(error: unknown, now: Date): Date | undefined {
  if (error instanceof RateLimitedError) return error.retryAt;
  if (isGoogleRateLimit(error)) return new Date(now.getTime() + RATE_LIMIT_RETRY_MS);
  return undefined;
}

/** The event is not there (404) or was deleted (410). */
export function isGone(error: unknown): boolean {
  return error instanceof GoogleCalendarError && (error.status === 404 || error.status === 410);
}

/** The id is taken: the event was already inserted (by an earlier attempt whose answer was lost). */
export function isDuplicate(error: unknown): boolean {
  return error instanceof GoogleCalendarError && error.status === 409;
}

/** Google refused the access token itself (revoked or expired behind our back). */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof GoogleCalendarError && error.status === 401;
}

function statusOf(error: unknown): number | undefined {
  const shape = error as GaxiosErrorShape | null | undefined;
  const status = shape?.response?.status ?? shape?.status;
  return typeof status === 'number' && status >= 400 ? status : undefined;
}

/**
 * The first `reason` of Google's answer (`error.errors[0].reason`): on the error itself, on the
 * structured error gaxios keeps as its cause, or in the answer's body.
 */
function reasonOf(error: unknown): string | undefined {
  const shape = error as GaxiosErrorShape;
  const body = shape.response?.data as { error?: { errors?: unknown } } | undefined;
  const cause = shape.cause as GaxiosErrorShape | undefined;
  for (const errors of [shape.errors, cause?.errors, body?.error?.errors]) {
    const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
    const reason = (first as { reason?: unknown } | undefined)?.reason;
    if (typeof reason === 'string') return reason;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : '';
}

function causeOf(error: unknown, match: (cause: unknown) => boolean): unknown {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current; depth++) {
    if (match(current)) return current;
    const shape = current as GaxiosErrorShape;
    current = shape.cause ?? shape.error;
  }
  return undefined;
}
