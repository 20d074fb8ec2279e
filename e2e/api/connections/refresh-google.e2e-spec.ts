import { describeEachEngine } from '@televisit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';
import { connect, connectionOf } from './connect-fixture';

/**
 * The connect flow's token lives 60 s, which makes it due at once (tokens are refreshed in their last
 * 60 s); refreshed ones live 62 s: fresh for 2 s, then due again.
 */
const CONNECT_LIFETIME_S = 60;
const LIFETIME_S = 62;
const FRESH_MS = (LIFETIME_S - 60) * 1000;
const EMAIL = 'dr.refresh@gmail.test';
const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';

/**
 * Google's refresh through google-auth-library: when the access token is due, `…/test` asks Google once
 * for a new one with the stored refresh token, keeps that refresh token (Google does not rotate it), and
 * the connection stays connected through later refreshes.
 */
describeEachEngine('Google token refresh', (engine) => {
  const ctx = useSandboxedTenants(engine, {
    prepare: (vendors) => {
      vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = CONNECT_LIFETIME_S;
    },
  });
  let sub: string;
  /** The last refresh started after `from` and before `by`: its token is fresh until at least from + FRESH_MS. */
  let refreshed = { from: 0, by: 0 };

  const google = () => ctx.vendors.running.sandbox.google;
  const calls = () => ctx.vendors.running.sandbox.calls;
  const lastSeq = () =>
    Math.max(
      0,
      ...calls()
        .list()
        .map((c) => c.seq),
    );
  const googleCallsSince = (seq: number) =>
    calls()
      .list({ vendor: 'google' })
      .filter((c) => c.seq > seq);
  const test = () =>
    call(ctx.api.baseUrl, 'POST', `/api/v1/users/${ctx.t.providerA1.user.id}/connections/google/test`, {
      caller: ctx.t.providerA1,
    });
  const refreshingTest = async () => {
    const from = Date.now();
    const reply = await test();
    refreshed = { from, by: Date.now() };
    return reply;
  };

  it('connects with an offline grant: one refresh token issued', async () => {
    const { landing } = await connect(ctx.api.baseUrl, ctx.t.providerA1, 'google', { email: EMAIL });
    expect(landing.searchParams.get('result')).toBe('connected');
    sub = google().findUser(EMAIL)?.sub as string;
    expect(sub).toMatch(/^\d{21}$/);
    expect(google().listGrants(sub)).toEqual([expect.objectContaining({ hasRefreshToken: true })]);
    expect(calls().list({ vendor: 'google', grantType: 'refresh_token' })).toEqual([]);
  });

  it('refreshes a due token once through the token endpoint, then uses the new one', async () => {
    ctx.vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = LIFETIME_S;
    const seq = lastSeq();
    const reply = await refreshingTest();
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ vendor: 'google', ok: true });
    const since = googleCallsSince(seq);
    expect(since.map((c) => [c.method, c.path, c.grantType ?? null, c.status])).toEqual([
      ['POST', '/token', 'refresh_token', 200],
      ['GET', '/calendar/v3/calendars/primary/events', null, 200],
    ]);
    expect(since.every((c) => c.subject === sub)).toBe(true);

    // The refreshed token is stored with its new expiry: while it is fresh, no token call.
    const next = lastSeq();
    expect((await test()).status).toBe(200);
    expect(Date.now() - refreshed.from).toBeLessThan(FRESH_MS); // otherwise the spec ran too slowly to tell
    expect(googleCallsSince(next).map((c) => c.path)).toEqual(['/calendar/v3/calendars/primary/events']);

    expect(
      await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'google'),
    ).toMatchObject({
      status: 'connected',
      accountEmail: EMAIL,
      lastError: null,
      scopes: expect.arrayContaining([CALENDAR_EVENTS]),
    });
  });

  it('keeps the same refresh token: a second refresh later works, and Google never issued another', async () => {
    await sleep(Math.max(0, refreshed.by + FRESH_MS + 200 - Date.now()));
    const seq = lastSeq();
    expect((await refreshingTest()).status).toBe(200);
    expect(
      googleCallsSince(seq)
        .filter((c) => c.path === '/token')
        .map((c) => [c.grantType, c.status]),
    ).toEqual([['refresh_token', 200]]);

    const refreshes = calls().list({ vendor: 'google', grantType: 'refresh_token' });
    expect(refreshes.map((c) => c.status)).toEqual([200, 200]);
    // Still the one grant with its one refresh token, the one the connect flow received.
    expect(google().listGrants(sub)).toEqual([expect.objectContaining({ hasRefreshToken: true })]);
    expect(calls().list({ vendor: 'google', grantType: 'authorization_code' })).toHaveLength(1);
    expect(
      await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'google'),
    ).toMatchObject({
      status: 'connected',
      lastError: null,
    });
  });
});
