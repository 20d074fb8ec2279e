import { describeEachEngine, freePort, type RunningApi, type TestDatabase } from '@televisit/testing';
import {
  call,
  expectProblem,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';
import { connect, connectionOf } from './connect-fixture';
import { type StandaloneSandbox, startStandaloneSandbox } from './standalone-sandbox';

/** What a provider sees when the vendor misbehaves: a clear status, never a 500, never a silent fallback. */
describeEachEngine('vendor trouble during a connection check', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;
  let vendors: StandaloneSandbox;

  beforeAll(async () => {
    db = await engine.create();
    vendors = await startStandaloneSandbox();
    vendors.options.zoom.webhookUrl = `http://127.0.0.1:${await freePort()}/api/v1/webhooks/zoom`;
    api = await startIdentityApi({ DATABASE_URL: db.url, ...vendors.env });
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await vendors?.running.close();
    await db?.drop();
  });

  const test = (vendor: string) =>
    call(api.baseUrl, 'POST', `/api/v1/users/${t.providerA1.user.id}/connections/${vendor}/test`, {
      caller: t.providerA1,
    });

  it('notices a grant revoked while its access token still looked fresh, and says needs_reauth', async () => {
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    expect((await test('zoom')).status).toBe(200);
    // The user removes the app at Zoom; the app_deauthorized webhook never arrives.
    const zoomUser = vendors.running.sandbox.zoom.findUser('dr.a1@zoom.test');
    await vendors.running.sandbox.zoom.deauthorize(zoomUser?.id as string);
    expectProblem(await test('zoom'), 409, 'connection_needs_reauth');
    expect(await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'zoom')).toMatchObject({
      status: 'needs_reauth',
      lastError: 'invalid_grant',
    });
  });

  it('answers 502 vendor_unavailable while the vendor fails, and keeps the connection', async () => {
    vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = 60; // due at once: the check must refresh
    await connect(api.baseUrl, t.providerA1, 'google', { email: 'dr.a1@gmail.test' });
    vendors.running.sandbox.knobs.failureRate = 1;
    try {
      expectProblem(await test('google'), 502, 'vendor_unavailable');
    } finally {
      vendors.running.sandbox.knobs.failureRate = 0;
    }
    expect(await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'google')).toMatchObject({
      status: 'connected',
      lastError: null,
    });
    expect((await test('google')).status).toBe(200);
  });
});
