import { describeEachEngine } from '@televisit/testing';
import { existsSync, readFileSync } from 'node:fs';
import type { RowDataPacket } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { openDatabaseRows } from '../chaos/database-rows';
import { call } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';
import { connect, connectionOf } from './connect-fixture';

/** Everything the database holds, as text: the SQLite file (and its WAL) or every MariaDB row. */
async function dumpDatabase(url: string): Promise<string> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
  }
  const connection = await createConnection(url);
  try {
    const [tables] = await connection.query<Array<{ name: string } & RowDataPacket>>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const [rows] = await connection.query(`SELECT * FROM \`${name}\``);
      parts.push(`${name}: ${JSON.stringify(rows)}`);
    }
    return parts.join('\n');
  } finally {
    await connection.end();
  }
}

/**
 * After the whole connect → use → disconnect/deauthorize flow, neither the database nor the logs hold
 * any token, client secret or webhook secret in clear (they are sealed by the vault, and redacted).
 */
describeEachEngine('secrets at rest and in logs', (engine) => {
  const ctx = useSandboxedTenants(engine, { env: { LOG_LEVEL: 'debug' } });
  beforeAll(() => {
    ctx.vendors.options.zoom.webhookUrl = `${ctx.api.baseUrl}/api/v1/webhooks/zoom`;
  });

  it('connects, tests, stores a Server-to-Server app, then Zoom deauthorizes the app', async () => {
    const zoom = ctx.vendors.running.sandbox.zoom;
    await connect(ctx.api.baseUrl, ctx.t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    await connect(ctx.api.baseUrl, ctx.t.providerA2, 'google', { email: 'dr.a2@gmail.test' });
    for (const [provider, vendor] of [
      [ctx.t.providerA1, 'zoom'],
      [ctx.t.providerA2, 'google'],
    ] as const) {
      const test = await call(
        ctx.api.baseUrl,
        'POST',
        `/api/v1/users/${provider.user.id}/connections/${vendor}/test`,
        {
          caller: provider,
        },
      );
      expect(test.status).toBe(200);
    }
    const s2s = {
      accountId: 'acct-clinic-a',
      clientId: 's2s-client-a',
      clientSecret: 's2s-secret-value-0123456789',
    };
    zoom.registerServerToServerApp(s2s);
    zoom.addUser(s2s.accountId, { email: 'host@clinic-a.test', firstName: 'Host', lastName: 'A' });
    const saved = await call(ctx.api.baseUrl, 'PUT', `/api/v1/clinics/${ctx.t.clinicA.id}/zoom-account`, {
      caller: ctx.t.adminA,
      body: s2s,
    });
    expect(saved.status).toBe(200);
    expect(saved.text).not.toContain(s2s.clientSecret);
    const users = await call(
      ctx.api.baseUrl,
      'GET',
      `/api/v1/clinics/${ctx.t.clinicA.id}/zoom-account/users`,
      {
        caller: ctx.t.adminA,
      },
    );
    expect((users.json as { data: Array<{ email: string }> }).data.map((u) => u.email)).toContain(
      'host@clinic-a.test',
    );
    ctx.vendors.configuredSecrets.push(s2s.clientSecret);

    // app_deauthorized, signed like Zoom: the user's tokens are purged, and nothing is revoked at Zoom,
    // which revoked the grant itself when the user removed the app.
    const revokes = () =>
      ctx.vendors.running.sandbox.calls
        .list({ vendor: 'zoom', method: 'POST' })
        .filter((c) => c.path === '/oauth/revoke').length;
    const revokesBefore = revokes();
    const rows = await openDatabaseRows(ctx.db.url);
    const stored = () =>
      rows.all<Record<string, unknown>>(
        'SELECT status, access_token, refresh_token, account_id FROM connections WHERE user_id = ? AND vendor = ?',
        [ctx.t.providerA1.user.id, 'zoom'],
      );
    try {
      expect(await stored()).toEqual([
        {
          status: 'connected',
          access_token: expect.any(String),
          refresh_token: expect.any(String),
          account_id: expect.any(String),
        },
      ]);
      const zoomUser = zoom.findUser('dr.a1@zoom.test');
      expect(await zoom.deauthorize(zoomUser?.id as string)).toBe(200);
      // Erased in the database itself (the sealed tokens and whose account), not only hidden by the API.
      expect(await stored()).toEqual([
        { status: 'not_connected', access_token: null, refresh_token: null, account_id: null },
      ]);
    } finally {
      await rows.close();
    }
    expect(revokes()).toBe(revokesBefore);
    expect(
      await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'zoom'),
    ).toMatchObject({
      status: 'not_connected',
      accountEmail: null,
    });
    const audit = await call(ctx.api.baseUrl, 'GET', '/api/v1/audit-events?action=connection.deauthorized', {
      caller: ctx.t.adminA,
    });
    expect((audit.json as { data: unknown[] }).data).toHaveLength(1);
  });

  it('finds no issued token or configured secret in the database dump or the logs', async () => {
    const secrets = [
      ...ctx.vendors.running.sandbox.zoom.issuedTokenValues(),
      ...ctx.vendors.running.sandbox.google.issuedTokenValues(),
      ...ctx.vendors.configuredSecrets,
    ];
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const dump = await dumpDatabase(ctx.db.url);
    const logs = ctx.api.output();
    // The search looks at real content: sealed values and log lines are there.
    expect(dump).toMatch(/v1\.[\w-]+\.[\w-]+\./);
    expect(logs.length).toBeGreaterThan(1000);
    expect(secrets.filter((s) => dump.includes(s))).toEqual([]);
    expect(secrets.filter((s) => logs.includes(s))).toEqual([]);
  });
});
