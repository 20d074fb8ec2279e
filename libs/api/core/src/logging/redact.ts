/** Log fields that may carry secrets; pino replaces their values with "[redacted]". */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-zm-signature"]',
  'req.headers["x-goog-channel-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.token',
  '*.secret',
  '*.code',
  '*.joinUrl',
  '*.passcode',
];

/** Path segments after these prefixes are bearer secrets (patient join tokens). */
const SECRET_SEGMENT = /^(\/+join\/)[^/?#]+/i;

/**
 * A URL as it may appear in logs: the query string keeps its names but loses its values (OAuth
 * `code` and `state`, tokens), and the patient join token is replaced.
 */
export function redactUrl(url: string): string {
  const hashless = url.split('#')[0] ?? '';
  const queryAt = hashless.indexOf('?');
  const path = (queryAt === -1 ? hashless : hashless.slice(0, queryAt)).replace(
    SECRET_SEGMENT,
    '$1[redacted]',
  );
  if (queryAt === -1) return path;
  const names = hashless
    .slice(queryAt + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${path}?${names.join('&')}`;
}
