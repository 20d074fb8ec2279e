import {
  DATABASE_ENGINES,
  describeWithService,
  type RunningApi,
  type TestDatabase,
} from '@televisit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, seedTenants, startIdentityApi, type Tenants } from '../identity/identity-fixture';
import { connect } from './connect-fixture';
import { sharedProcessEnv, type StandaloneSandbox, startStandaloneSandbox } from './standalone-sandbox';

/** Tokens live 66 s and are refreshed in their last 60 s: fresh for 6 s after each refresh. */
const LIFETIME_S = 66;
const FRESH_MS = (LIFETIME_S - 60) * 1000;
const OPERATIONS = 200;

/**
 * Zoom refresh tokens rotate, so two refreshes of one connection lose the grant. Three API processes on
 * one MariaDB, 200 concurrent operations at each expiry: exactly one refresh per expiry, no invalid_grant.
 */
describeWithService('mariadb', 'single-flight token refresh across three API processes [mariadb]', () => {
  let db: TestDatabase;
  let vendors: StandaloneSandbox;
  const apis: RunningApi[] = [];
  let t: Tenants;

  beforeAll(async () => {
    db = await DATABASE_ENGINES.mariadb.create();
    vendors = await startStandaloneSandbox();
    vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = LIFETIME_S;
    const shared = sharedProcessEnv(db.url, vendors);
    // One at a time: the first migrates and creates the platform admin.
    for (let i = 0; i < 3; i++) apis.push(await startIdentityApi(shared));
    t = await seedTenants(apis[0]?.baseUrl as string);
  }, 90_000);
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await vendors?.running.close();
    await db?.drop();
  });

  async function burst(): Promise<number[]> {
    const provider = t.providerA1;
    const replies = await Promise.all(
      Array.from({ length: OPERATIONS }, (_, i) =>
        call(
          apis[i % apis.length]?.baseUrl as string,
          'POST',
          `/api/v1/users/${provider.user.id}/connections/zoom/test`,
          {
            caller: provider,
          },
        ),
      ),
    );
    return replies.map((r) => r.status);
  }

  it('refreshes exactly once per expiry and never loses the grant', async () => {
    const calls = vendors.running.sandbox.calls;
    const { landing } = await connect(apis[0]?.baseUrl as string, t.providerA1, 'zoom', {
      email: 'dr.a1@zoom.test',
    });
    expect(landing.searchParams.get('result')).toBe('connected');

    for (let expiry = 1; expiry <= 2; expiry++) {
      await sleep(FRESH_MS + 500);
      const statuses = await burst();
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const refreshes = calls.list({ vendor: 'zoom', grantType: 'refresh_token' });
      expect(refreshes).toHaveLength(expiry);
      expect(refreshes.every((c) => c.status === 200)).toBe(true);
    }
    const me = calls.list({ vendor: 'zoom', method: 'GET' }).filter((c) => c.path === '/v2/users/me');
    expect(me.length).toBeGreaterThanOrEqual(2 * OPERATIONS);
    expect(me.filter((c) => c.status !== 200)).toEqual([]);
  }, 60_000);
});
