import { sameSecret } from '@televisit/api-core';
import { createHmac } from 'node:crypto';

/** Zoom signs `v0:{timestamp}:{raw body}`; events older or newer than this are refused (replays). */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'mismatch';

export function zoomSignature(secretToken: string, timestamp: string, rawBody: Buffer | string): string {
  return `v0=${createHmac('sha256', secretToken).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

/** Checks `x-zm-signature` over the exact bytes received, in constant time, length first. */
export function checkZoomSignature(input: {
  secretToken: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | undefined;
  nowMs: number;
}): SignatureCheck {
  const { secretToken, timestamp, signature, rawBody, nowMs } = input;
  if (!timestamp || !signature || !rawBody || !/^\d{1,13}$/.test(timestamp)) return 'missing';
  const seconds = Number(timestamp);
  // Zoom sends seconds; accept milliseconds too rather than refusing a sender that uses them.
  const sentMs = timestamp.length >= 13 ? seconds : seconds * 1000;
  if (Math.abs(nowMs - sentMs) > TIMESTAMP_WINDOW_MS) return 'stale';
  return sameSecret(signature, zoomSignature(secretToken, timestamp, rawBody)) ? 'valid' : 'mismatch';
}

/** The answer to `endpoint.url_validation`: `encryptedToken` = hex HMAC-SHA256(secret token, plainToken). */
export function urlValidationAnswer(secretToken: string, plainToken: string) {
  return { plainToken, encryptedToken: createHmac('sha256', secretToken).update(plainToken).digest('hex') };
}
