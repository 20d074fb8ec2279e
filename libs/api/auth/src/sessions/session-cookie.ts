import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/** `__Host-` (Secure, path /, no domain) when served over https; a plain name for http://localhost. */
export function sessionCookieName(https: boolean): string {
  return https ? '__Host-tv_session' : 'tv_session';
}

export function serializeSessionCookie(
  name: string,
  token: string,
  https: boolean,
  maxAgeSeconds: number,
): string {
  const parts = [`${name}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (https) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookie(name: string, https: boolean): string {
  return serializeSessionCookie(name, '', https, 0);
}

/** The value of one cookie from the Cookie header; undefined when absent or malformed. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    if (pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}
