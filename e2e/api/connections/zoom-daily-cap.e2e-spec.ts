import { Logger } from '@nestjs/common';
import { type RunningSandbox, startSandboxServer } from '@televisit/sandbox';
import { HttpClient, RateLimitedError } from '@televisit/api-http';
import { nextUtcMidnight, zoomDailyCapReset } from '@televisit/api-zoom';

const S2S = { accountId: 'acct-daily-cap', clientId: 's2s-daily-cap', clientSecret: 's2s-daily-cap-secret' };

/**
 * Zoom's per-host daily cap on meeting creates, as the fake Zoom answers it (429, `X-RateLimit-Type:
 * Daily-limit`, `Retry-After` at 00:00 UTC): with Zoom's rule (`zoomDailyCapReset`, which the Zoom API
 * client passes on every request) the client gives up at once with a RateLimitedError for the next UTC
 * midnight, even when the request is marked retryable and a retry budget is left. (Here rather than
 * beside the code: neither libs/api/http nor libs/api/zoom may import the sandbox.)
 */
describe('HttpClient against the fake Zoom: the daily meeting-create cap', () => {
  const client = new HttpClient();
  let zoom: RunningSandbox;
  let base: string;
  let token: string;
  let hostId: string;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    zoom = await startSandboxServer({
      zoom: { client: { clientId: 'user-app', clientSecret: 'user-app-secret' } },
      google: { client: { clientId: 'g.apps.test', clientSecret: 'g-secret' } },
    });
    base = `${zoom.url}/sandbox/zoom`;
    zoom.sandbox.zoom.registerServerToServerApp(S2S);
    hostId = zoom.sandbox.zoom.addUser(S2S.accountId, { email: 'host@daily-cap.test' }).id;
    const issued = await client.request({
      method: 'POST',
      url: `${base}/oauth/token`,
      headers: {
        authorization: `Basic ${Buffer.from(`${S2S.clientId}:${S2S.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'account_credentials', account_id: S2S.accountId }).toString(),
      retry: { attempts: 1 },
    });
    expect(issued.status).toBe(200);
    token = issued.json<{ access_token: string }>().access_token;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await zoom?.close();
  });

  const createMeeting = (topic: string) =>
    client.request({
      method: 'POST',
      url: `${base}/v2/users/${hostId}/meetings`,
      headers: { authorization: `Bearer ${token}` },
      body: { topic, type: 2, start_time: '2030-01-01T10:00:00Z', duration: 30 },
      // Retryable on purpose, with a budget left: a daily-cap 429 must still not be tried again.
      idempotent: true,
      retry: { attempts: 3, baseMs: 10, capMs: 50 },
      redact: [hostId],
      quotaReset: zoomDailyCapReset,
    });
  const createCalls = () =>
    zoom.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST' })
      .filter((c) => c.path === `/v2/users/${hostId}/meetings`);

  it('creates up to the cap, then throws RateLimitedError(quota) for 00:00 UTC after one attempt', async () => {
    zoom.sandbox.knobs.zoomDailyCap = 2;
    for (const topic of ['first', 'second']) {
      const created = await createMeeting(topic);
      expect(created.status).toBe(201);
      expect(created.json<{ topic: string }>().topic).toBe(topic);
    }
    const before = new Date();
    const third = await createMeeting('third').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(third).toBeInstanceOf(RateLimitedError);
    const limited = third as RateLimitedError;
    expect(limited.status).toBe(429);
    expect(limited.quota).toBe(true);
    expect(limited.retryAt.toISOString()).toBe(nextUtcMidnight(before).toISOString());
    expect(limited.retryAt.getTime()).toBeGreaterThan(Date.now());
    // The id in the path is redacted from the error, as in the log lines.
    expect(limited.message).not.toContain(hostId);

    // Exactly one request for the third create: no hot retry against the cap.
    expect(createCalls().map((c) => c.status)).toEqual([201, 201, 429]);
  });

  it('keeps refusing at once while the cap holds: one request per attempt, never a retry loop', async () => {
    const seen = createCalls().length;
    for (let i = 0; i < 3; i++) {
      await expect(createMeeting(`again-${i}`)).rejects.toMatchObject({
        name: 'RateLimitedError',
        quota: true,
      });
    }
    expect(
      createCalls()
        .slice(seen)
        .map((c) => c.status),
    ).toEqual([429, 429, 429]);
  });
});
