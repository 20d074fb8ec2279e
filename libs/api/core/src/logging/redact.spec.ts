import { redactUrl } from './redact';
import { requestIdFor } from './request-id';
import type { IncomingMessage } from 'node:http';

describe('redactUrl', () => {
  it.each([
    ['/healthz', '/healthz'],
    [
      '/api/v1/oauth/zoom/callback?code=abc123&state=s3cr3t',
      '/api/v1/oauth/zoom/callback?code=[redacted]&state=[redacted]',
    ],
    ['/join/Zm9vYmFyYmF6cXV4', '/join/[redacted]'],
    ['/join/tok?x=1#frag', '/join/[redacted]?x=[redacted]'],
    ['/JOIN/Zm9vYmFyYmF6cXV4', '/JOIN/[redacted]'],
    ['//join/Zm9vYmFyYmF6cXV4', '//join/[redacted]'],
    ['/api/v1/appointments?providerId=p1&', '/api/v1/appointments?providerId=[redacted]'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('requestIdFor', () => {
  const req = (id?: string) =>
    ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

  it('reuses a well-formed X-Request-Id', () => {
    expect(requestIdFor(req('edge-1234abcd'))).toBe('edge-1234abcd');
  });

  it.each([[undefined], ['short'], ['has spaces in it'], ['x'.repeat(65)], ['inject\nline']])(
    'replaces %j with a fresh uuid',
    (offered) => {
      expect(requestIdFor(req(offered))).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});
