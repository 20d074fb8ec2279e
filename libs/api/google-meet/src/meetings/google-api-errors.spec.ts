import { HttpNetworkError, HttpTimeoutError, RateLimitedError } from '@televisit/api-http';
import { OAuth2Client } from 'google-auth-library';
import { calendar } from 'googleapis/build/src/apis/calendar';
import {
  GoogleCalendarError,
  isDuplicate,
  isGone,
  isGoogleRateLimit,
  isTokenRejected,
  toCalendarError,
} from './google-api-errors';

const TOKEN = 'ya29.secret-access-token';

/** Google's error body (Calendar v3 still sends the legacy `errors` array). */
function googleError(status: number, reason: string, message: string) {
  return { error: { code: status, message, errors: [{ domain: 'global', reason, message }], status: 'X' } };
}

/** What a real googleapis events.get throws when the answer (or the fetch underneath) is `answer`. */
async function failureOf(answer: () => Response): Promise<unknown> {
  const fetchImplementation: typeof fetch = () => Promise.resolve(answer());
  const auth = new OAuth2Client({ transporterOptions: { fetchImplementation } });
  auth.setCredentials({ access_token: TOKEN });
  try {
    await calendar({ version: 'v3', auth }).events.get(
      { calendarId: 'primary', eventId: 'tvabcdef' },
      { rootUrl: 'http://127.0.0.1:9/', retry: false },
    );
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function calendarErrorOf(status: number, reason: string, message = 'Some message') {
  return toCalendarError(await failureOf(() => json(status, googleError(status, reason, message))));
}

describe('toCalendarError, on what googleapis really throws', () => {
  it('keeps the status, Google’s reason and message, and nothing of the request', async () => {
    const error = await calendarErrorOf(403, 'insufficientPermissions', 'Request had insufficient scopes.');
    expect(error).toBeInstanceOf(GoogleCalendarError);
    expect(error).toMatchObject({ status: 403, reason: 'insufficientPermissions' });
    expect((error as Error).message).toBe(
      'Google Calendar answered 403 insufficientPermissions: Request had insufficient scopes.',
    );
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(Object.keys(error as object).sort()).toEqual(['name', 'reason', 'status']);
  });

  it('reads an answer without Google’s error body by its status', async () => {
    const error = await toCalendarError(await failureOf(() => new Response('oops', { status: 502 })));
    expect(error).toMatchObject({ status: 502, reason: undefined });
  });

  it('hands back the hardened client’s own failures, unwrapped from gaxios', async () => {
    const limited = new RateLimitedError(
      'http://127.0.0.1:9/…',
      429,
      new Date('2030-01-01T00:00:00Z'),
      false,
    );
    const timeout = new HttpTimeoutError('http://127.0.0.1:9/…', 10_000);
    const network = new HttpNetworkError('http://127.0.0.1:9/…', 'ECONNRESET', new Error('reset'));
    for (const thrown of [limited, timeout, network]) {
      const error = await failureOf(() => {
        throw thrown;
      });
      expect(error).not.toBe(thrown);
      expect(toCalendarError(error)).toBe(thrown);
    }
  });

  it('hands back anything else as it came', () => {
    const odd = new TypeError('not an HTTP failure');
    expect(toCalendarError(odd)).toBe(odd);
    expect(toCalendarError(undefined)).toBeUndefined();
  });
});

describe('classifying Calendar errors', () => {
  it.each([
    [429, 'rateLimitExceeded', true],
    [429, 'anything', true],
    [403, 'rateLimitExceeded', true],
    [403, 'userRateLimitExceeded', true],
    [403, 'insufficientPermissions', false],
    [403, 'forbidden', false],
    [400, 'rateLimitExceeded', false],
    [500, 'backendError', false],
  ])('%i %s is a rate limit: %s', async (status, reason, expected) => {
    expect(isGoogleRateLimit(await calendarErrorOf(status, reason))).toBe(expected);
  });

  it('tells gone (404, 410), duplicate (409) and a refused token (401) apart', async () => {
    const gone404 = await calendarErrorOf(404, 'notFound');
    const gone410 = await calendarErrorOf(410, 'deleted');
    const duplicate = await calendarErrorOf(409, 'duplicate');
    const refused = await calendarErrorOf(401, 'authError');
    expect([gone404, gone410, duplicate, refused].map(isGone)).toEqual([true, true, false, false]);
    expect([gone404, gone410, duplicate, refused].map(isDuplicate)).toEqual([false, false, true, false]);
    expect([gone404, gone410, duplicate, refused].map(isTokenRejected)).toEqual([false, false, false, true]);
  });

  it('does not read raw errors: only what toCalendarError made', () => {
    const raw = Object.assign(new Error('x'), { status: 429, response: { status: 404 } });
    expect([isGoogleRateLimit(raw), isGone(raw), isDuplicate(raw), isTokenRejected(raw)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
