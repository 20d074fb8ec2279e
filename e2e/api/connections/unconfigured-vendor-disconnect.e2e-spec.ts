import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import { type DatabaseRows, openDatabaseRows } from '../chaos/database-rows';
import {
  type Caller,
  call,
  expectProblem,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';
import { appointmentCalls } from '../appointments/appointment-calls';
import { connect, type ConnectionView, disconnect } from './connect-fixture';
import { sharedProcessEnv, type StandaloneSandbox, startStandaloneSandbox } from './standalone-sandbox';

interface ConnectionRow {
  id: string;
  status: string;
  access_token: string | null;
  refresh_token: string | null;
  account_id: string | null;
  account_email: string | null;
}

/**
 * The operator removes a vendor's OAuth client after providers connected that vendor: their stored
 * connections stay visible and can still be disconnected, which erases the tokens (revoking them at the
 * vendor when it can do without the client: Google can, Zoom cannot), while connecting that vendor is
 * refused as before. The fake vendors run in this process, so the API can restart with fewer clients.
 */
describeEachEngine('disconnecting a vendor whose OAuth client was removed', (engine) => {
  let db: TestDatabase;
  let vendors: StandaloneSandbox;
  let api: RunningApi;
  let t: Tenants;
  let rows: DatabaseRows;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await engine.create();
    vendors = await startStandaloneSandbox();
    // Fixed keys: the restarts below must open the sessions and tokens the first process sealed.
    env = sharedProcessEnv(db.url, vendors);
    api = await startIdentityApi(env);
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'google', { email: 'dr.a1@gmail.test' });
    await connect(api.baseUrl, t.providerA2, 'zoom', { email: 'dr.a2@zoom.test' });
    await api.stop();
    rows = await openDatabaseRows(db.url);
  }, 90_000);
  afterAll(async () => {
    await rows?.close();
    await api?.stop();
    await vendors?.running.close();
    await db?.drop();
  });

  /** The same server (same database, keys and fake vendors) without `vendor`'s OAuth client. */
  function restartWithout(vendor: 'GOOGLE' | 'ZOOM') {
    beforeAll(async () => {
      const rest = Object.fromEntries(
        Object.entries(env).filter(([name]) => !name.startsWith(`${vendor}_CLIENT_`)),
      );
      expect(Object.keys(env).length - Object.keys(rest).length).toBe(2);
      api = await startIdentityApi(rest);
    }, 60_000);
    afterAll(() => api?.stop());
  }

  const { book, get, settled, whenFailed } = appointmentCalls(() => api.baseUrl);
  const zoomApiCalls = () =>
    vendors.running.sandbox.calls.list({ vendor: 'zoom' }).filter((c) => c.path.startsWith('/v2/'));

  const connectionsPath = (provider: Tenants['providerA1']) =>
    `/api/v1/users/${provider.user.id}/connections`;
  const listOf = async (provider: Tenants['providerA1'], caller: Caller = provider) => {
    const reply = await call(api.baseUrl, 'GET', connectionsPath(provider), { caller });
    expect(reply.status).toBe(200);
    return reply.json as ConnectionView[];
  };
  const rowOf = (provider: Tenants['providerA1'], vendor: string) =>
    rows.all<ConnectionRow>(
      'SELECT id, status, access_token, refresh_token, account_id, account_email FROM connections WHERE user_id = ? AND vendor = ?',
      [provider.user.id, vendor],
    );
  const revokesAt = (vendor: 'google' | 'zoom') =>
    vendors.running.sandbox.calls
      .list({ vendor })
      .filter((c) => c.path === (vendor === 'google' ? '/revoke' : '/oauth/revoke'));
  const disconnectedEvents = async () => {
    const audit = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=connection.disconnected', {
      caller: t.adminA,
    });
    expect(audit.status).toBe(200);
    return (audit.json as { data: Array<{ details: Record<string, unknown> }> }).data;
  };
  const expectStoredTokens = async (provider: Tenants['providerA1'], vendor: string) => {
    const [row] = await rowOf(provider, vendor);
    expect(row).toMatchObject({
      status: 'connected',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      account_id: expect.any(String),
    });
    return row as ConnectionRow;
  };
  const expectErased = async (provider: Tenants['providerA1'], vendor: string, id: string) =>
    expect(await rowOf(provider, vendor)).toEqual([
      {
        id,
        status: 'not_connected',
        access_token: null,
        refresh_token: null,
        account_id: null,
        account_email: null,
      },
    ]);

  describe('without a Google OAuth client', () => {
    restartWithout('GOOGLE');

    it('still lists the stored Google connection, after the configured vendors', async () => {
      const own = await listOf(t.providerA1);
      expect(own.map((c) => c.vendor)).toEqual(['zoom', 'google']);
      expect(own.map((c) => c.available)).toEqual([true, false]);
      expect(own[1]).toMatchObject({ status: 'connected', accountEmail: 'dr.a1@gmail.test' });
      // The clinic admin sees it too; a provider with nothing stored at Google sees only Zoom.
      expect((await listOf(t.providerA1, t.adminA)).map((c) => c.vendor)).toEqual(['zoom', 'google']);
      expect((await listOf(t.providerA2)).map((c) => c.vendor)).toEqual(['zoom']);
    });

    it('still refuses to connect Google with 409 vendor_not_configured', async () => {
      const reply = await call(api.baseUrl, 'POST', `${connectionsPath(t.providerA1)}/google/authorize`, {
        caller: t.providerA1,
      });
      expectProblem(reply, 409, 'vendor_not_configured');
    });

    it('disconnects: revokes at Google (the token is enough), erases the tokens, audits it', async () => {
      const before = await expectStoredTokens(t.providerA1, 'google');
      const revokes = revokesAt('google').length;

      await disconnect(api.baseUrl, t.providerA1, 'google');

      await expectErased(t.providerA1, 'google', before.id);
      expect(revokesAt('google').slice(revokes)).toEqual([expect.objectContaining({ status: 200 })]);
      const sub = vendors.running.sandbox.google.findUser('dr.a1@gmail.test')?.sub as string;
      expect(
        vendors.running.sandbox.google.listGrants(sub).filter((g) => g.hasRefreshToken || g.liveAccessTokens),
      ).toEqual([]);
      expect(await disconnectedEvents()).toEqual([
        expect.objectContaining({
          action: 'connection.disconnected',
          outcome: 'success',
          actor: { type: 'user', id: t.providerA1.user.id },
          target: { type: 'connection', id: before.id },
          details: { vendor: 'google', userId: t.providerA1.user.id, revokedAtVendor: true },
        }),
      ]);
      // Nothing left to show: Google drops out of the list, as on any server without its client.
      expect((await listOf(t.providerA1)).map((c) => c.vendor)).toEqual(['zoom']);
    });

    it('answers 204 to a repeated disconnect, audited once, and 404 to a vendor that does not exist', async () => {
      await disconnect(api.baseUrl, t.providerA1, 'google');
      expect(await disconnectedEvents()).toHaveLength(1);
      const unknown = await call(api.baseUrl, 'DELETE', `${connectionsPath(t.providerA1)}/teams`, {
        caller: t.providerA1,
      });
      expectProblem(unknown, 404);
    });
  });

  describe('without a Zoom OAuth client', () => {
    restartWithout('ZOOM');

    it('lists the stored Zoom connection after Google, and refuses to connect Zoom', async () => {
      const own = await listOf(t.providerA2);
      expect(own.map((c) => c.vendor)).toEqual(['google', 'zoom']);
      expect(own.map((c) => c.available)).toEqual([true, false]);
      expect(own[1]).toMatchObject({ status: 'connected', accountEmail: 'dr.a2@zoom.test' });
      const reply = await call(api.baseUrl, 'POST', `${connectionsPath(t.providerA2)}/zoom/authorize`, {
        caller: t.providerA2,
      });
      expectProblem(reply, 409, 'vendor_not_configured');
    });

    let waiting: string;

    it('uses none of the stored Zoom tokens: a visit of the provider fails with connection_not_offered, a test with 409', async () => {
      const before = zoomApiCalls().length;
      const visit = await book(t.keyA, {
        providerId: t.providerA2.user.id,
        startTime: new Date(Date.now() + 24 * 3600_000).toISOString(),
        durationMinutes: 30,
        timezone: 'UTC',
        videoProvider: 'zoom',
        patient: { displayName: 'Jane Patient', email: 'jane@example.test' },
      });
      const failed = await whenFailed(t.keyA, visit.id);
      expect(failed.meeting).toMatchObject({ lastError: 'connection_not_offered', vendorMeetingId: null });
      waiting = visit.id;
      const test = await call(api.baseUrl, 'POST', `${connectionsPath(t.providerA2)}/zoom/test`, {
        caller: t.providerA2,
      });
      expectProblem(test, 409, 'vendor_not_configured');
      // Not one call to Zoom's API, with the provider's token or any other; the tokens stay stored.
      expect(zoomApiCalls().slice(before)).toEqual([]);
      await expectStoredTokens(t.providerA2, 'zoom');
    }, 20_000);

    it('disconnects: erases the tokens without revoking (Zoom needs its client for that), audits it', async () => {
      const before = await expectStoredTokens(t.providerA2, 'zoom');
      const revokes = revokesAt('zoom').length;

      await disconnect(api.baseUrl, t.providerA2, 'zoom');

      await expectErased(t.providerA2, 'zoom', before.id);
      expect(revokesAt('zoom')).toHaveLength(revokes);
      expect((await disconnectedEvents()).find((e) => e.details['vendor'] === 'zoom')).toMatchObject({
        target: { type: 'connection', id: before.id },
        details: { vendor: 'zoom', userId: t.providerA2.user.id, revokedAtVendor: false },
      });
      expect((await listOf(t.providerA2)).map((c) => c.vendor)).toEqual(['google']);
    });

    it('tries the waiting visit again at once after the disconnect, which says what it needs now', async () => {
      // Without the disconnect's retry it would wait 15 minutes; the clinic has no Zoom account here.
      const now = await settled(
        t.keyA,
        waiting,
        'its next attempt',
        (a) => a.meeting.lastError !== 'connection_not_offered',
        10_000,
      );
      expect(now.meeting).toMatchObject({ status: 'failed', lastError: 'zoom_not_connected' });
      expect((await get(t.keyA, waiting)).meeting.vendorMeetingId).toBeNull();
    }, 20_000);
  });
});
