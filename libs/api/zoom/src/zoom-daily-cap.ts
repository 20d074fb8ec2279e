import type { HttpResponse } from '@televisit/api-http';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a 429 is Zoom's per-user daily cap (100 meeting creates/updates per host per day, reset at
 * 00:00 UTC), which must never be retried in a loop: the `X-RateLimit-Type` header says so, or the
 * body carries Zoom's `code` 300/429 with a message about the daily limit.
 */
export function isDailyCap(status: number, headers: IncomingHttpHeaders, body: Buffer): boolean {
  if (status !== 429) return false;
  const type = headers['x-ratelimit-type'];
  if (typeof type === 'string' && /daily/i.test(type)) return true;
  const parsed = parseJson(body);
  const code = parsed && typeof parsed === 'object' ? (parsed as { code?: unknown }).code : undefined;
  const message =
    parsed && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : body.toString('utf8', 0, 2048);
  if ((code === 300 || code === 429) && /daily|per day|24 hours/i.test(text)) return true;
  return /daily (rate )?limit/i.test(text);
}

/**
 * The HttpClient's `quotaReset` rule for Zoom: at the daily cap, when it resets (`Retry-After` when
 * Zoom sends one, else the next 00:00 UTC); undefined for any other answer.
 */
export function zoomDailyCapReset(
  response: HttpResponse,
  now: Date,
  retryAfterMs: number | undefined,
): Date | undefined {
  if (!isDailyCap(response.status, response.headers, response.body)) return undefined;
  return retryAfterMs === undefined ? nextUtcMidnight(now) : new Date(now.getTime() + retryAfterMs);
}

/** The next 00:00 UTC after `now`, when Zoom's daily counters reset. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
