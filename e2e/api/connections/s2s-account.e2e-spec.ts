import { describeEachEngine } from '@televisit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, type Caller, expectProblem, type Reply } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';

/** Account tokens live 302 s and are renewed in their last 5 minutes: fresh for 2 s after each renewal. */
const LIFETIME_S = 302;
const FRESH_MS = (LIFETIME_S - 300) * 1000;

const APP = { accountId: 'acct-clinic-a', clientId: 's2s-client-a', clientSecret: 's2s-right-secret-0123' };
const HOSTS = ['host-1@clinic-a.test', 'host-2@clinic-a.test'];

interface AuditEvent {
  action: string;
  clinicId: string | null;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/**
 * A clinic's own Zoom account (Server-to-Server OAuth) end to end: the built API against the fake Zoom
 * in this process, so the spec can change the app at Zoom and read the call log.
 */
describeEachEngine('Zoom Server-to-Server account', (engine) => {
  const ctx = useSandboxedTenants(engine, {
    prepare: (vendors) => {
      vendors.running.sandbox.knobs.accessTokenLifetimeSeconds = LIFETIME_S;
      const zoom = vendors.running.sandbox.zoom;
      zoom.registerServerToServerApp(APP);
      for (const email of HOSTS) zoom.addUser(APP.accountId, { email });
      // Another clinic's Zoom account, whose users must never show up for clinic A.
      zoom.registerServerToServerApp({
        accountId: 'acct-other',
        clientId: 's2s-other',
        clientSecret: 'other-secret',
      });
      zoom.addUser('acct-other', { email: 'host@other.test' });
    },
  });
  const path = () => `/api/v1/clinics/${ctx.t.clinicA.id}/zoom-account`;
  /** The last account token was asked for after `from` and before `by`: fresh until at least from + FRESH_MS. */
  let issued = { from: 0, by: 0 };
  const waitUntilDue = () => sleep(Math.max(0, issued.by + FRESH_MS + 200 - Date.now()));

  const calls = () => ctx.vendors.running.sandbox.calls;
  /** Account tokens Zoom issued for the clinic's account. */
  const accountTokensIssued = () =>
    calls()
      .list({ vendor: 'zoom', grantType: 'account_credentials', subject: `account:${APP.accountId}` })
      .filter((c) => c.status === 200).length;
  const lastSeq = () =>
    Math.max(
      0,
      ...calls()
        .list()
        .map((c) => c.seq),
    );
  const callsSince = (seq: number) =>
    calls()
      .list()
      .filter((c) => c.seq > seq);
  const save = (caller: Caller, body: unknown, clinicPath = path()) =>
    call(ctx.api.baseUrl, 'PUT', clinicPath, { caller, body });
  const users = (caller: Caller = ctx.t.adminA): Promise<Reply> =>
    call(ctx.api.baseUrl, 'GET', `${path()}/users`, { caller });
  async function auditOf(action: string): Promise<AuditEvent[]> {
    const reply = await call(ctx.api.baseUrl, 'GET', `/api/v1/audit-events?limit=200&action=${action}`, {
      caller: ctx.t.adminA,
    });
    expect(reply.status).toBe(200);
    return (reply.json as { data: AuditEvent[] }).data;
  }

  it('refuses credentials Zoom rejects with 422 zoom_credentials_rejected and stores nothing', async () => {
    const wrongSecret = { ...APP, clientSecret: 'not-the-secret-0123' };
    const refused = await save(ctx.t.adminA, wrongSecret);
    expectProblem(refused, 422, 'zoom_credentials_rejected');
    expect(refused.text).not.toContain(wrongSecret.clientSecret);
    // Right app, but another account's id: Zoom refuses that too.
    expectProblem(
      await save(ctx.t.adminA, { ...APP, accountId: 'acct-other' }),
      422,
      'zoom_credentials_rejected',
    );
    const attempts = calls().list({ vendor: 'zoom', grantType: 'account_credentials' });
    expect(attempts.map((c) => c.status)).toEqual([401, 400]);

    expectProblem(await call(ctx.api.baseUrl, 'GET', path(), { caller: ctx.t.adminA }), 404);
    expectProblem(await users(), 404);
    expect(await auditOf('zoom_account.saved')).toEqual([]);
  });

  it('saves the right credentials: 200 without the secret, audited, and lists the account users', async () => {
    const from = Date.now();
    const saved = await save(ctx.t.adminA, APP);
    issued = { from, by: Date.now() };
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({
      clinicId: ctx.t.clinicA.id,
      accountId: APP.accountId,
      clientId: APP.clientId,
      lastError: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(saved.text).not.toContain(APP.clientSecret);
    const shown = await call(ctx.api.baseUrl, 'GET', path(), { caller: ctx.t.adminA });
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ accountId: APP.accountId, clientId: APP.clientId, lastError: null });
    expect(shown.text).not.toContain(APP.clientSecret);

    const events = await auditOf('zoom_account.saved');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      clinicId: ctx.t.clinicA.id,
      actor: { type: 'user', id: ctx.t.adminA.user.id },
      target: { type: 'clinic', id: ctx.t.clinicA.id },
      details: { replaced: false },
    });
    expect(JSON.stringify(events)).not.toContain(APP.clientSecret);

    const listed = await users();
    expect(listed.status).toBe(200);
    const emails = (listed.json as { data: Array<{ email: string }> }).data.map((u) => u.email);
    expect(emails.sort()).toEqual([...HOSTS].sort());
    // The list was read with the token obtained when saving: no second token call.
    expect(accountTokensIssued()).toBe(1);
    const read = calls()
      .list({ vendor: 'zoom', method: 'GET', subject: `account:${APP.accountId}` })
      .filter((c) => c.path === '/v2/users');
    expect(read.map((c) => c.status)).toEqual([200]);
  });

  it('renews the cached account token once when it is due, not on every call', async () => {
    // Still fresh: three more reads, no token call.
    for (let i = 0; i < 3; i++) expect((await users()).status).toBe(200);
    expect(Date.now() - issued.from).toBeLessThan(FRESH_MS); // otherwise the spec ran too slowly to tell
    expect(accountTokensIssued()).toBe(1);

    await waitUntilDue();
    for (let i = 0; i < 3; i++) {
      const from = Date.now();
      expect((await users()).status).toBe(200);
      if (i === 0) issued = { from, by: Date.now() };
    }
    expect(accountTokensIssued()).toBe(2);
    const listReads = calls()
      .list({ vendor: 'zoom', method: 'GET', subject: `account:${APP.accountId}` })
      .filter((c) => c.path === '/v2/users');
    expect(listReads).toHaveLength(7);
    expect(listReads.every((c) => c.status === 200)).toBe(true);
  });

  it("keeps it from other clinics' admins (404) and from providers (403)", async () => {
    const seq = lastSeq();
    const otherPath = path();
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PUT', '', APP],
      ['DELETE', '', undefined],
      ['GET', '/users', undefined],
    ] as const) {
      expectProblem(
        await call(ctx.api.baseUrl, method, `${otherPath}${suffix}`, { caller: ctx.t.adminB, body }),
        404,
      );
      expectProblem(
        await call(ctx.api.baseUrl, method, `${otherPath}${suffix}`, { caller: ctx.t.providerA1, body }),
        403,
      );
    }
    // Nothing reached Zoom, and clinic A's account is as it was.
    expect(callsSince(seq)).toEqual([]);
    const shown = await call(ctx.api.baseUrl, 'GET', path(), { caller: ctx.t.adminA });
    expect(shown.json).toMatchObject({ accountId: APP.accountId, lastError: null });
    expect(await auditOf('zoom_account.saved')).toHaveLength(1);
    expect(await auditOf('zoom_account.removed')).toEqual([]);
  });

  it('lists every user of a Zoom account with more than one page of them', async () => {
    const zoom = ctx.vendors.running.sandbox.zoom;
    for (let i = 0; i < 300; i++) zoom.addUser(APP.accountId, { email: `staff-${i}@clinic-a.test` });
    const seq = lastSeq();
    const listed = await users();
    expect(listed.status).toBe(200);
    const emails = (listed.json as { data: Array<{ email: string }> }).data.map((u) => u.email);
    expect(new Set(emails).size).toBe(302);
    expect(emails).toEqual(expect.arrayContaining([...HOSTS, 'staff-299@clinic-a.test']));
    const reads = callsSince(seq).filter((c) => c.method === 'GET' && c.path === '/v2/users');
    expect(reads.map((c) => c.status)).toEqual([200, 200]);
  });

  it('answers 409 zoom_not_connected once Zoom refuses the stored credentials, and says why', async () => {
    // The clinic's admin regenerates the app's secret at Zoom: the stored one stops working.
    ctx.vendors.running.sandbox.zoom.registerServerToServerApp({
      ...APP,
      clientSecret: 's2s-rotated-secret-4567',
    });
    await waitUntilDue();
    const seq = lastSeq();
    expectProblem(await users(), 409, 'zoom_not_connected');
    const tokenCalls = callsSince(seq).filter((c) => c.path === '/oauth/token');
    expect(tokenCalls.map((c) => [c.grantType, c.status])).toEqual([['account_credentials', 401]]);
    // No call was made with a stale token after the refusal.
    expect(callsSince(seq).filter((c) => c.path.startsWith('/v2/'))).toEqual([]);
    const shown = await call(ctx.api.baseUrl, 'GET', path(), { caller: ctx.t.adminA });
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ accountId: APP.accountId, lastError: 'credentials_rejected' });

    // Entering the new secret clears the error.
    const resaved = await save(ctx.t.adminA, { ...APP, clientSecret: 's2s-rotated-secret-4567' });
    expect(resaved.status).toBe(200);
    expect(resaved.json).toMatchObject({ lastError: null });
    expect((await users()).status).toBe(200);
    expect((await auditOf('zoom_account.saved')).map((e) => e.details)).toEqual([
      { replaced: true },
      { replaced: false },
    ]);
  });

  it('removes the account: 204, the token revoked at Zoom, 404 afterwards, audited', async () => {
    const seq = lastSeq();
    const removed = await call(ctx.api.baseUrl, 'DELETE', path(), { caller: ctx.t.adminA });
    expect(removed.status).toBe(204);
    const revokes = callsSince(seq).filter((c) => c.path === '/oauth/revoke');
    expect(revokes.map((c) => [c.method, c.status])).toEqual([['POST', 200]]);

    expectProblem(await call(ctx.api.baseUrl, 'GET', path(), { caller: ctx.t.adminA }), 404);
    expectProblem(await users(), 404);
    const events = await auditOf('zoom_account.removed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      clinicId: ctx.t.clinicA.id,
      actor: { type: 'user', id: ctx.t.adminA.user.id },
      target: { type: 'clinic', id: ctx.t.clinicA.id },
    });
    // Gone means gone: nothing more reaches Zoom for that account.
    const after = lastSeq();
    await users();
    expect(callsSince(after)).toEqual([]);
  });
});
