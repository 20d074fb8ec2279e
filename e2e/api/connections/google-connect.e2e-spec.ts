import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import { type DatabaseRows, openDatabaseRows } from '../chaos/database-rows';
import { call, seedTenants, startIdentityApi, type Tenants } from '../identity/identity-fixture';
import { connect, connectionOf, sandboxCalls } from './connect-fixture';

const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';

async function grantsOf(baseUrl: string, email: string): Promise<number> {
  const user = (await (
    await fetch(`${baseUrl}/sandbox/_control/google/users?email=${encodeURIComponent(email)}`)
  ).json()) as { sub: string };
  const { grants } = (await (
    await fetch(`${baseUrl}/sandbox/_control/google/users/${user.sub}/grants`)
  ).json()) as {
    grants: Array<{ hasRefreshToken: boolean; liveAccessTokens: number }>;
  };
  return grants.filter((g) => g.hasRefreshToken || g.liveAccessTokens > 0).length;
}

/** Google OAuth through google-auth-library end to end: the built API with the sandbox in-process. */
describeEachEngine('Google connect flow', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;
  /** The API's database, to see that a disconnect erases the tokens themselves. */
  let rows: DatabaseRows;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url });
    rows = await openDatabaseRows(db.url);
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await rows?.close();
    await api?.stop();
    await db?.drop();
  });

  it('connects with offline access, consent prompt and PKCE, and keeps the granted scopes', async () => {
    const started = await call(
      api.baseUrl,
      'POST',
      `/api/v1/users/${t.providerA1.user.id}/connections/google/authorize`,
      {
        caller: t.providerA1,
      },
    );
    const url = new URL((started.json as { authorizationUrl: string }).authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: `openid email ${CALENDAR_EVENTS}`,
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);

    const { landing } = await connect(api.baseUrl, t.providerA1, 'google', { email: 'dr.a1@gmail.test' });
    expect(Object.fromEntries(landing.searchParams)).toEqual({ vendor: 'google', result: 'connected' });
    const connection = await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'google');
    expect(connection).toMatchObject({ status: 'connected', accountEmail: 'dr.a1@gmail.test' });
    expect(connection?.scopes).toContain(CALENDAR_EVENTS);
    expect(await grantsOf(api.baseUrl, 'dr.a1@gmail.test')).toBe(1);
  });

  it('refuses a grant without the calendar scope, says so, and revokes it at Google', async () => {
    const { landing } = await connect(api.baseUrl, t.providerA2, 'google', {
      email: 'dr.a2@gmail.test',
      scopes: (offered) => offered.filter((s) => s !== CALENDAR_EVENTS),
    });
    expect(Object.fromEntries(landing.searchParams)).toEqual({ vendor: 'google', error: 'missing_scope' });
    expect(await connectionOf(api.baseUrl, t.providerA2, t.providerA2.user.id, 'google')).toMatchObject({
      status: 'not_connected',
    });
    expect(await grantsOf(api.baseUrl, 'dr.a2@gmail.test')).toBe(0);
  });

  it('disconnects: revokes at Google, erases the tokens, no further call for that user', async () => {
    const provider = t.providerA1;
    const stored = () =>
      rows.all<Record<string, unknown>>(
        'SELECT status, access_token, refresh_token, account_id FROM connections WHERE user_id = ? AND vendor = ?',
        [provider.user.id, 'google'],
      );
    expect(await stored()).toEqual([
      {
        status: 'connected',
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        account_id: expect.any(String),
      },
    ]);
    const reply = await call(api.baseUrl, 'DELETE', `/api/v1/users/${provider.user.id}/connections/google`, {
      caller: provider,
    });
    expect(reply.status).toBe(204);
    // Erased in the database itself (the sealed tokens and whose account), not only hidden by the API.
    expect(await stored()).toEqual([
      { status: 'not_connected', access_token: null, refresh_token: null, account_id: null },
    ]);
    expect(await grantsOf(api.baseUrl, 'dr.a1@gmail.test')).toBe(0);
    expect(
      (await sandboxCalls(api.baseUrl, '?vendor=google')).filter((c) => c.path === '/revoke').at(-1),
    ).toMatchObject({
      status: 200,
    });
    expect(await connectionOf(api.baseUrl, provider, provider.user.id, 'google')).toMatchObject({
      status: 'not_connected',
      accountEmail: null,
      scopes: [],
    });
    const lastSeq = Math.max(0, ...(await sandboxCalls(api.baseUrl)).map((c) => c.seq));
    await connectionOf(api.baseUrl, provider, provider.user.id, 'google');
    expect((await sandboxCalls(api.baseUrl)).filter((c) => c.seq > lastSeq && c.vendor === 'google')).toEqual(
      [],
    );
  });
});
