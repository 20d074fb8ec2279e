import { VENDOR_REFUSED } from '../video-provider/video-provider.port';

/** Retry delay after `attempts` failures: exponential from 1 s, capped at 5 minutes, with ±50% jitter. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.5 + random()));
}

/** Errors the vendor will keep giving until a person acts (connect Zoom or Google, map a Zoom user): retry slowly. */
export const NEEDS_A_PERSON = new Set([
  'zoom_not_connected',
  'google_not_connected',
  'connection_needs_reauth',
  'not_connected',
  'video_provider_unavailable',
  'zoom_user_not_found',
  'host_not_connected',
  // The provider's own connection to a vendor whose OAuth client the operator removed: disconnect it.
  'connection_not_offered',
  // Google made the event but no Meet for it, or the Meet was removed from it in Google Calendar.
  'conference_failed',
  'conference_missing',
  // The vendor refuses the request itself (an account setting, a plan): asking again as it is cannot help.
  VENDOR_REFUSED,
]);
export const SLOW_RETRY_MS = 15 * 60_000;
