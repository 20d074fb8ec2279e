import type { HttpResponse } from '@televisit/api-http';
import { isDailyCap, nextUtcMidnight, zoomDailyCapReset } from './zoom-daily-cap';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const dailyMessage =
  'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';

describe('isDailyCap', () => {
  it.each([
    ['code 429 daily message', 429, {}, json({ code: 429, message: dailyMessage })],
    [
      'code 300 daily message',
      429,
      {},
      json({ code: 300, message: 'Daily limit of meeting creates reached' }),
    ],
    ['X-RateLimit-Type header', 429, { 'x-ratelimit-type': 'Daily-limit' }, Buffer.from('')],
    ['plain-text body', 429, {}, Buffer.from('daily rate limit exceeded')],
    [
      "the sandbox's answer, headers aside",
      429,
      {},
      json({
        code: 429,
        message:
          'You have exceeded the daily rate limit (2) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
      }),
    ],
  ])('%s → true', (_label, status, headers, body) => {
    expect(isDailyCap(status, headers, body)).toBe(true);
  });

  it.each([
    ['per-second 429', 429, {}, json({ code: 429, message: 'You have exceeded the rate limit.' })],
    ['per-second type header', 429, { 'x-ratelimit-type': 'QPS' }, Buffer.from('')],
    ['not a 429', 503, {}, json({ code: 429, message: dailyMessage })],
    ['code 300 about something else', 429, {}, json({ code: 300, message: 'Invalid meeting id' })],
  ])('%s → false', (_label, status, headers, body) => {
    expect(isDailyCap(status, headers, body)).toBe(false);
  });
});

describe('nextUtcMidnight', () => {
  it.each([
    ['2026-01-01T09:00:00.000Z', '2026-01-02T00:00:00.000Z'],
    ['2026-01-31T23:59:59.999Z', '2026-02-01T00:00:00.000Z'],
    ['2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('%s → %s', (now, expected) => {
    expect(nextUtcMidnight(new Date(now)).toISOString()).toBe(expected);
  });
});

describe('zoomDailyCapReset', () => {
  const now = new Date('2026-03-10T17:45:00.000Z');
  const capped = (headers: Record<string, string> = {}): HttpResponse =>
    ({
      status: 429,
      headers: { 'x-ratelimit-type': 'Daily-limit', ...headers },
      body: Buffer.from('{}'),
    }) as unknown as HttpResponse;

  it('names the next 00:00 UTC at the cap, or Retry-After when Zoom sent one', () => {
    expect(zoomDailyCapReset(capped(), now, undefined)).toEqual(new Date('2026-03-11T00:00:00.000Z'));
    expect(zoomDailyCapReset(capped(), now, 90_000)).toEqual(new Date('2026-03-10T17:46:30.000Z'));
  });

  it('leaves any other answer to the client’s retries', () => {
    const throttled = { status: 429, headers: { 'x-ratelimit-type': 'QPS' }, body: Buffer.from('{}') };
    expect(zoomDailyCapReset(throttled as unknown as HttpResponse, now, 1_000)).toBeUndefined();
    expect(zoomDailyCapReset({ ...capped(), status: 503 }, now, undefined)).toBeUndefined();
  });
});
