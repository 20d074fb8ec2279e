import { describeEachEngine, freePort } from '@televisit/testing';
import { call, expectProblem } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';
import { connect, connectionOf } from './connect-fixture';

/** What a provider sees when the vendor misbehaves: a clear status, never a 500, never a silent fallback. */
describeEachEngine('vendor trouble during a connection check', (engine) => {
  const ctx = useSandboxedTenants(engine, {
    prepare: async (vendors) => {
      vendors.options.zoom.webhookUrl = `http://127.0.0.1:${await freePort()}/api/v1/webhooks/zoom`;
    },
  });

  const test = (vendor: string) =>
    call(ctx.api.baseUrl, 'POST', `/api/v1/users/${ctx.t.providerA1.user.id}/connections/${vendor}/test`, {
      caller: ctx.t.providerA1,
    });

  it('notices a grant revoked while its access token still looked fresh, and says needs_reauth', async () => {
    await connect(ctx.api.baseUrl, ctx.t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    expect((await test('zoom')).status).toBe(200);
    // The user removes the app at Zoom; the app_deauthorized webhook never arrives.
    const zoomUser = ctx.vendors.running.sandbox.zoom.findUser('dr.a1@zoom.test');
    await ctx.vendors.running.sandbox.zoom.deauthorize(zoomUser?.id as string);
    expectProblem(await test('zoom'), 409, 'connection_needs_reauth');
    expect(
      await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'zoom'),
    ).toMatchObject({
      status: 'needs_reauth',
      lastError: 'invalid_grant',
    });
  });

  it('answers 502 vendor_unavailable while the vendor fails, and keeps the connection', async () => {
    ctx.vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = 60; // due at once: the check must refresh
    await connect(ctx.api.baseUrl, ctx.t.providerA1, 'google', { email: 'dr.a1@gmail.test' });
    ctx.vendors.running.sandbox.knobs.failureRate = 1;
    try {
      expectProblem(await test('google'), 502, 'vendor_unavailable');
    } finally {
      ctx.vendors.running.sandbox.knobs.failureRate = 0;
    }
    expect(
      await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'google'),
    ).toMatchObject({
      status: 'connected',
      lastError: null,
    });
    expect((await test('google')).status).toBe(200);
  });
});
