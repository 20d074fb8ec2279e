import { describeEachEngine, freePort } from '@televisit/testing';
import { call, expectProblem, type Reply } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';
import { connect, connectionOf, type SessionCaller } from './connect-fixture';

/** Access tokens live 60 s and are refreshed in their last 60 s: every token is due as soon as it is issued. */
const LIFETIME_S = 60;

interface AuditEvent {
  action: string;
  clinicId: string | null;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  outcome: string;
  details: Record<string, unknown>;
}

/**
 * The vendor kills a grant behind televisit's back (Zoom: the user removes the app and the
 * app_deauthorized webhook never arrives; Google: the user revokes access in their Google account).
 * The next refresh answers invalid_grant: the connection becomes needs_reauth, loudly (409, status,
 * audit), stays that way without further vendor calls, and connecting again repairs it.
 */
describeEachEngine('invalid_grant on refresh → needs_reauth', (engine) => {
  const ctx = useSandboxedTenants(engine, {
    prepare: async (vendors) => {
      vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = LIFETIME_S;
      // Zoom's app_deauthorized goes nowhere: nothing listens on this port.
      vendors.options.zoom.webhookUrl = `http://127.0.0.1:${await freePort()}/api/v1/webhooks/zoom`;
    },
  });

  const calls = () => ctx.vendors.running.sandbox.calls;
  const lastSeq = () =>
    Math.max(
      0,
      ...calls()
        .list()
        .map((c) => c.seq),
    );
  const callsSince = (seq: number, vendor: string) =>
    calls()
      .list()
      .filter((c) => c.seq > seq && c.vendor === vendor);
  const testConnection = (provider: SessionCaller, vendor: string): Promise<Reply> =>
    call(ctx.api.baseUrl, 'POST', `/api/v1/users/${provider.user.id}/connections/${vendor}/test`, {
      caller: provider,
    });
  async function needsReauthEvents(): Promise<AuditEvent[]> {
    const reply = await call(
      ctx.api.baseUrl,
      'GET',
      '/api/v1/audit-events?limit=200&action=connection.needs_reauth',
      {
        caller: ctx.t.adminA,
      },
    );
    expect(reply.status).toBe(200);
    return (reply.json as { data: AuditEvent[] }).data;
  }

  const cases = [
    {
      vendor: 'zoom' as const,
      email: 'dr.reauth@zoom.test',
      tokenPath: '/oauth/token',
      provider: () => ctx.t.providerA1,
      killGrant: async (email: string) => {
        const zoom = ctx.vendors.running.sandbox.zoom;
        const user = zoom.findUser(email);
        if (!user) throw new Error(`no Zoom user ${email}`);
        expect(zoom.liveGrantCount(user.id)).toBe(1);
        // Revoked at Zoom; the webhook that would tell televisit is lost (0: unreachable).
        expect(await zoom.deauthorize(user.id)).toBe(0);
        expect(zoom.liveGrantCount(user.id)).toBe(0);
      },
    },
    {
      vendor: 'google' as const,
      email: 'dr.reauth@gmail.test',
      tokenPath: '/token',
      provider: () => ctx.t.providerA2,
      killGrant: (email: string) => {
        const google = ctx.vendors.running.sandbox.google;
        const sub = google.findUser(email)?.sub;
        if (!sub) throw new Error(`no Google user ${email}`);
        expect(google.revokeUserGrants(sub)).toBe(1);
        expect(google.listGrants(sub)).toEqual([]);
        return Promise.resolve();
      },
    },
  ];

  describe.each(cases)('$vendor', ({ vendor, email, tokenPath, provider, killGrant }) => {
    let connectionId: string | undefined;

    it('marks the connection needs_reauth when the refresh answers invalid_grant, and audits it', async () => {
      const p = provider();
      const { landing } = await connect(ctx.api.baseUrl, p, vendor, { email });
      expect(landing.searchParams.get('result')).toBe('connected');
      await killGrant(email);

      const seq = lastSeq();
      const reply = await testConnection(p, vendor);
      expectProblem(reply, 409, 'connection_needs_reauth');
      // One refresh attempt, refused; nothing else was tried (no call with the dead access token).
      expect(callsSince(seq, vendor).map((c) => [c.method, c.path, c.grantType, c.status])).toEqual([
        ['POST', tokenPath, 'refresh_token', 400],
      ]);

      expect(await connectionOf(ctx.api.baseUrl, p, p.user.id, vendor)).toMatchObject({
        status: 'needs_reauth',
        lastError: 'invalid_grant',
        scopes: [],
        connectedAt: null,
      });
      // The clinic admin sees it as well, to chase the provider.
      expect(await connectionOf(ctx.api.baseUrl, ctx.t.adminA, p.user.id, vendor)).toMatchObject({
        status: 'needs_reauth',
        lastError: 'invalid_grant',
      });

      const events = (await needsReauthEvents()).filter((e) => e.details['vendor'] === vendor);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        clinicId: ctx.t.clinicA.id,
        actor: { type: 'system', id: null },
        target: { type: 'connection' },
        outcome: 'failure',
        details: { vendor, userId: p.user.id, reason: 'invalid_grant' },
      });
      connectionId = events[0]?.target?.id;
    });

    it('stays needs_reauth without calling the vendor again: no silent fallback', async () => {
      const p = provider();
      const seq = lastSeq();
      for (let i = 0; i < 3; i++)
        expectProblem(await testConnection(p, vendor), 409, 'connection_needs_reauth');
      expect(callsSince(seq, vendor)).toEqual([]);
      expect(await connectionOf(ctx.api.baseUrl, p, p.user.id, vendor)).toMatchObject({
        status: 'needs_reauth',
      });
      // Still one audit event: the state is recorded once, not on every attempt.
      expect((await needsReauthEvents()).filter((e) => e.details['vendor'] === vendor)).toHaveLength(1);
    });

    it('is repaired by connecting again', async () => {
      const p = provider();
      const { landing } = await connect(ctx.api.baseUrl, p, vendor, { email });
      expect(Object.fromEntries(landing.searchParams)).toEqual({ vendor, result: 'connected' });
      expect(await connectionOf(ctx.api.baseUrl, p, p.user.id, vendor)).toMatchObject({
        status: 'connected',
        accountEmail: email,
        lastError: null,
      });
      // The new token is due at once too: the refresh with the new grant works.
      const seq = lastSeq();
      expect((await testConnection(p, vendor)).status).toBe(200);
      const since = callsSince(seq, vendor);
      expect(since.filter((c) => c.path === tokenPath).map((c) => [c.grantType, c.status])).toEqual([
        ['refresh_token', 200],
      ]);
      expect(since.every((c) => c.status === 200)).toBe(true);
      // The same connection row was reconnected, not a second one created.
      const connected = await call(
        ctx.api.baseUrl,
        'GET',
        '/api/v1/audit-events?limit=200&action=connection.connected',
        {
          caller: ctx.t.adminA,
        },
      );
      const targets = (connected.json as { data: AuditEvent[] }).data
        .filter((e) => e.details['vendor'] === vendor)
        .map((e) => e.target?.id);
      expect(targets).toEqual([connectionId, connectionId]);
    });
  });
});
