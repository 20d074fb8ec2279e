/**
 * How long a `Retry-After` header asks us to wait, in milliseconds from `now`: delay-seconds
 * ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"; an ISO-8601 date is also accepted, as
 * some vendors send one). A date in the past is 0; a missing or unreadable header is undefined.
 */
export function retryAfterMs(header: string | string[] | undefined, now: Date): number | undefined {
  const raw = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
