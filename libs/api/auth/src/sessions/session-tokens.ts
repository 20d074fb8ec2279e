import { sameSecret, sha256Hex } from '@televisit/api-core';
import { createHmac, randomBytes } from 'node:crypto';

/** 256 random bits for the cookie; only its sha256 is stored. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

/**
 * The CSRF token of a session: an HMAC of its id under SESSION_SECRET. Nothing to store, it changes
 * with every session, and a page on another origin cannot read it (the API sends it only in bodies).
 */
export function csrfTokenFor(sessionSecret: string, sessionId: string): string {
  return createHmac('sha256', sessionSecret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(
  sessionSecret: string,
  sessionId: string,
  offered: string | undefined,
): boolean {
  return offered !== undefined && sameSecret(csrfTokenFor(sessionSecret, sessionId), offered);
}
