import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import {
  call,
  login,
  PASSWORD,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';
import { connect, connectionOf, finish, sandboxCalls } from './connect-fixture';

/** Zoom user-managed OAuth end to end: the built API with the sandbox mounted in-process. */
describeEachEngine('Zoom connect flow', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url });
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('connects a provider: tokens exchanged with PKCE, the Zoom user read, scopes and account stored', async () => {
    const { landing } = await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    expect(landing.pathname).toBe('/connections');
    expect(Object.fromEntries(landing.searchParams)).toEqual({ vendor: 'zoom', result: 'connected' });
    const connection = await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'zoom');
    expect(connection).toMatchObject({
      status: 'connected',
      accountEmail: 'dr.a1@zoom.test',
      lastError: null,
    });
    expect(connection?.scopes).toEqual(
      expect.arrayContaining(['user:read', 'meeting:write', 'meeting:read']),
    );
    // The clinic admin sees it too; the other provider does not.
    expect(await connectionOf(api.baseUrl, t.adminA, t.providerA1.user.id, 'zoom')).toMatchObject({
      status: 'connected',
    });
    const tokenCalls = await sandboxCalls(api.baseUrl, '?vendor=zoom&grantType=authorization_code');
    expect(tokenCalls.at(-1)).toMatchObject({ method: 'POST', path: '/oauth/token', status: 200 });
  });

  it('uses a state once: replaying the callback is refused and changes nothing', async () => {
    const first = await connect(api.baseUrl, t.providerA2, 'zoom', { email: 'dr.a2@zoom.test' });
    expect(first.landing.searchParams.get('result')).toBe('connected');
    const replay = await finish(api.baseUrl, first.callbackUrl, t.providerA2);
    expect(Object.fromEntries(replay.searchParams)).toEqual({ vendor: 'zoom', error: 'state_invalid' });
    expect(await connectionOf(api.baseUrl, t.providerA2, t.providerA2.user.id, 'zoom')).toMatchObject({
      status: 'connected',
      accountEmail: 'dr.a2@zoom.test',
    });
  });

  it('refuses a callback arriving on another session than the one that started the flow', async () => {
    const other = await login(api.baseUrl, t.providerA1.user.email, PASSWORD);
    if (!other) throw new Error('second login failed');
    const attempt = await connect(api.baseUrl, t.providerA1, 'zoom', {
      email: 'someone-else@zoom.test',
      finishAs: other,
    });
    expect(attempt.landing.searchParams.get('error')).toBe('state_invalid');
    // Without any session the callback sends the browser to sign in, not to an error document.
    const anonymous = await finish(api.baseUrl, attempt.callbackUrl, { kind: 'anonymous' });
    expect(anonymous.searchParams.get('error')).toBe('session_required');
    expect(await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'zoom')).toMatchObject({
      accountEmail: 'dr.a1@zoom.test',
    });
  });

  it('reports a declined consent without connecting', async () => {
    const provider = t.providerA2;
    await call(api.baseUrl, 'DELETE', `/api/v1/users/${provider.user.id}/connections/zoom`, {
      caller: provider,
    });
    const declined = await connect(api.baseUrl, provider, 'zoom', {
      email: 'dr.a2@zoom.test',
      decision: 'decline',
    });
    expect(declined.landing.searchParams.get('error')).toBe('access_denied');
    expect(await connectionOf(api.baseUrl, provider, provider.user.id, 'zoom')).toMatchObject({
      status: 'not_connected',
    });
  });

  it('disconnects: revokes at Zoom, erases the tokens, and makes no call for that user afterwards', async () => {
    const provider = t.providerA1;
    const zoomUser = (await (
      await fetch(`${api.baseUrl}/sandbox/_control/zoom/users?email=dr.a1%40zoom.test`)
    ).json()) as { id: string };
    const liveGrants = async () =>
      (
        (await (await fetch(`${api.baseUrl}/sandbox/_control/zoom/users/${zoomUser.id}/grants`)).json()) as {
          liveGrants: number;
        }
      ).liveGrants;
    expect(await liveGrants()).toBeGreaterThan(0);

    const reply = await call(api.baseUrl, 'DELETE', `/api/v1/users/${provider.user.id}/connections/zoom`, {
      caller: provider,
    });
    expect(reply.status).toBe(204);
    expect(await liveGrants()).toBe(0);
    const revokes = await sandboxCalls(api.baseUrl, '?vendor=zoom&method=POST');
    expect(revokes.filter((c) => c.path === '/oauth/revoke').at(-1)).toMatchObject({ status: 200 });
    expect(await connectionOf(api.baseUrl, provider, provider.user.id, 'zoom')).toEqual({
      vendor: 'zoom',
      available: true,
      status: 'not_connected',
      accountEmail: null,
      scopes: [],
      connectedAt: null,
      lastError: null,
    });

    const lastSeq = Math.max(0, ...(await sandboxCalls(api.baseUrl)).map((c) => c.seq));
    // What a provider does next (look, test, disconnect again) must not reach Zoom for that user.
    await connectionOf(api.baseUrl, provider, provider.user.id, 'zoom');
    await call(api.baseUrl, 'DELETE', `/api/v1/users/${provider.user.id}/connections/zoom`, {
      caller: provider,
    });
    const after = (await sandboxCalls(api.baseUrl)).filter((c) => c.seq > lastSeq);
    expect(after.filter((c) => c.subject === zoomUser.id)).toEqual([]);
    expect(after.filter((c) => c.vendor === 'zoom')).toEqual([]);
  });

  it('refreshes a due token with the rotated refresh token, again and again', async () => {
    const provider = t.providerA2;
    // Tokens that live 61 s are due (inside the 60 s margin) one second after each refresh.
    await fetch(`${api.baseUrl}/sandbox/_control/knobs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessTokenLifetimeSeconds: 61 }),
    });
    try {
      await connect(api.baseUrl, provider, 'zoom', { email: 'dr.a2@zoom.test' });
      const refreshes = async () =>
        (await sandboxCalls(api.baseUrl, '?vendor=zoom&grantType=refresh_token')).length;
      const before = await refreshes();
      for (let round = 1; round <= 3; round++) {
        await new Promise((r) => setTimeout(r, 1100));
        const test = await call(
          api.baseUrl,
          'POST',
          `/api/v1/users/${provider.user.id}/connections/zoom/test`,
          {
            caller: provider,
          },
        );
        expect(test.status).toBe(200);
        expect(await refreshes()).toBe(before + round);
      }
      const failed = (await sandboxCalls(api.baseUrl, '?vendor=zoom&grantType=refresh_token')).filter(
        (c) => c.status !== 200,
      );
      expect(failed).toEqual([]);
    } finally {
      await fetch(`${api.baseUrl}/sandbox/_control/knobs`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessTokenLifetimeSeconds: 3600 }),
      });
    }
  });

  it('lets only the provider themself start a connection', async () => {
    const byAdmin = await call(
      api.baseUrl,
      'POST',
      `/api/v1/users/${t.providerA1.user.id}/connections/zoom/authorize`,
      {
        caller: t.adminA,
      },
    );
    expect(byAdmin.status).toBe(403);
    const byOtherProvider = await call(
      api.baseUrl,
      'POST',
      `/api/v1/users/${t.providerA1.user.id}/connections/zoom/authorize`,
      { caller: t.providerA2 },
    );
    expect(byOtherProvider.status).toBe(404);
    const unknownVendor = await call(
      api.baseUrl,
      'POST',
      `/api/v1/users/${t.providerA1.user.id}/connections/teams/authorize`,
      {
        caller: t.providerA1,
      },
    );
    expect(unknownVendor.status).toBe(404);
  });
});
