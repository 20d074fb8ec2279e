import { createHmac } from 'node:crypto';
import {
  checkZoomSignature,
  TIMESTAMP_WINDOW_MS,
  urlValidationAnswer,
  zoomSignature,
} from './zoom-signature';

const secretToken = 'spec-secret-token';
const body = Buffer.from('{"event":"app_deauthorized","payload":{"user_id":"u1"}}');
const nowMs = Date.UTC(2026, 10, 23, 12, 0, 0);
const ts = String(nowMs / 1000);

describe('Zoom webhook signatures', () => {
  const signed = zoomSignature(secretToken, ts, body);

  it('computes v0= + hex HMAC-SHA256 of v0:{ts}:{body}, as Zoom documents', () => {
    const reference = createHmac('sha256', secretToken).update(`v0:${ts}:${body.toString()}`).digest('hex');
    expect(signed).toBe(`v0=${reference}`);
  });

  it('accepts the exact signature within the window', () => {
    expect(checkZoomSignature({ secretToken, timestamp: ts, signature: signed, rawBody: body, nowMs })).toBe(
      'valid',
    );
  });

  it.each([
    ['a changed body', { rawBody: Buffer.from(body.toString().replace('u1', 'u2')) }, 'mismatch'],
    ['another secret', { secretToken: 'other' }, 'mismatch'],
    ['a truncated signature', { signature: signed.slice(0, -2) }, 'mismatch'],
    ['an upper-cased signature', { signature: signed.toUpperCase() }, 'mismatch'],
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
    ['a timestamp that is not a number', { timestamp: '12ab' }, 'missing'],
    ['no body', { rawBody: undefined }, 'missing'],
    ['a timestamp 6 minutes old', { nowMs: nowMs + TIMESTAMP_WINDOW_MS + 60_000 }, 'stale'],
    ['a timestamp 6 minutes ahead', { nowMs: nowMs - TIMESTAMP_WINDOW_MS - 60_000 }, 'stale'],
  ])('refuses %s', (_name, change, expected) => {
    expect(
      checkZoomSignature({ secretToken, timestamp: ts, signature: signed, rawBody: body, nowMs, ...change }),
    ).toBe(expected);
  });

  it('answers endpoint.url_validation with the HMAC of the plain token', () => {
    expect(urlValidationAnswer(secretToken, 'plain-123')).toEqual({
      plainToken: 'plain-123',
      encryptedToken: createHmac('sha256', secretToken).update('plain-123').digest('hex'),
    });
  });
});
