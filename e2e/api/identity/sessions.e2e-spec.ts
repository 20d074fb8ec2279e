import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_SCOPES,
  call,
  type Caller,
  clientFor,
  createClinic,
  createKey,
  createUser,
  expectProblem,
  login,
  PASSWORD,
  PLATFORM_ADMIN,
  problemShape,
  type Reply,
  revokeKey,
  sessionCookieOf,
  startIdentityApi,
  type User,
} from './identity-fixture';

/**
 * Sessions, logins, throttling and API keys on the built API (SQLite; bursts of password guesses on
 * SQLite and MariaDB). The idle and absolute timeouts, and the growth of the login delay, are in
 * apps/api/src/app/session-lifetimes.spec.ts, where a manual clock replaces the wait.
 */

const API_KEY_RATE_LIMIT = 5;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Each test logs in from its own address (TRUST_PROXY=loopback), so per-address counts stay apart. */
let nextAddress = 1;
const freshAddress = () => ({ 'x-forwarded-for': `198.51.100.${nextAddress++}` });

interface AuditEvent {
  action: string;
  outcome: string;
  actor: { type: string; id: string | null };
  clinicId: string | null;
  target: { type: string; id: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
}

// Each test hashes several passwords (scrypt, about 0.15 s each, several times that on a busy machine).
jest.setTimeout(20_000);

describe('sessions, logins and API keys on the built API', () => {
  let api: RunningApi;
  let platform: Caller & { kind: 'session' };
  let clinicId: string;
  let admin: Caller & { kind: 'session' };

  beforeAll(async () => {
    api = await startIdentityApi({ TRUST_PROXY: 'loopback', API_KEY_RATE_LIMIT: String(API_KEY_RATE_LIMIT) });
    platform = await login(api.baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    clinicId = (await createClinic(api.baseUrl, platform, 'Session Clinic')).id;
    const adminUser = await createUser(api.baseUrl, platform, clinicId, 'clinic_admin', 'session-admin');
    admin = await login(api.baseUrl, adminUser.email, PASSWORD);
  }, 60_000);
  afterAll(() => api?.stop());

  const loginReply = (email: string, password: string, headers: Record<string, string> = {}) =>
    call(api.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password }, headers });
  const me = (cookie: string) => call(api.baseUrl, 'GET', '/api/v1/auth/me', { headers: { cookie } });
  const provider = (label: string) => createUser(api.baseUrl, admin, clinicId, 'provider', label);

  async function auditEvents(query: string): Promise<AuditEvent[]> {
    const reply = await call(api.baseUrl, 'GET', `/api/v1/audit-events?limit=200&${query}`, {
      caller: platform,
    });
    expect(reply.status).toBe(200);
    return (reply.json as { data: AuditEvent[] }).data;
  }

  describe('the session cookie', () => {
    it('is HttpOnly, SameSite=Lax, Path=/, lives 12 h, and is not Secure on http', async () => {
      const reply = await loginReply(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password, freshAddress());
      expect(reply.status).toBe(200);
      const cookie = reply.headers.get('set-cookie') ?? '';
      const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
      expect(pair).toMatch(/^tv_session=[A-Za-z0-9_-]{43}$/); // 256 random bits
      expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax']);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.json).toEqual({
        user: expect.objectContaining({ role: 'platform_admin' }),
        csrfToken: expect.any(String),
      });
    });

    it('is stored only as a hash', async () => {
      const p = await provider('hashed-session');
      const session = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      const token = session.cookie.split('=')[1] ?? '';
      const db = new Database(join(api.dataDir, 'televisit.sqlite'), { readonly: true });
      try {
        const rows = db.prepare('SELECT id FROM sessions WHERE user_id = ?').all(p.id) as Array<{
          id: string;
        }>;
        expect(rows).toEqual([{ id: sha256(token) }]);
      } finally {
        db.close();
      }
    });
  });

  describe('login and logout', () => {
    it('gives a new session id at every login, and the one presented at login stops working', async () => {
      const p = await provider('rotating');
      const first = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      expect((await me(first.cookie)).status).toBe(200);
      const second = await login(api.baseUrl, p.email, PASSWORD, { ...freshAddress(), cookie: first.cookie });
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.csrfToken).not.toBe(first.csrfToken);
      expectProblem(await me(first.cookie), 401);
      expect((await me(second.cookie)).status).toBe(200);
      // The old session's CSRF token does not work with the new session.
      const forged = await call(api.baseUrl, 'PATCH', `/api/v1/users/${p.id}`, {
        headers: { cookie: second.cookie, 'x-csrf-token': first.csrfToken },
        body: { name: 'x' },
      });
      expectProblem(forged, 403, 'csrf_failed');
    });

    it('never adopts a session id planted before login (fixation)', async () => {
      const p = await provider('fixation');
      const planted = `tv_session=${randomBytes(32).toString('base64url')}`;
      const session = await login(api.baseUrl, p.email, PASSWORD, { ...freshAddress(), cookie: planted });
      expect(session.cookie).not.toBe(planted);
      expectProblem(await me(planted), 401);
    });

    it('ends the session server-side at logout: the old cookie is refused afterwards', async () => {
      const p = await provider('logout');
      const session = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      const { response } = await clientFor(api.baseUrl, session).POST('/api/v1/auth/logout');
      expect(response.status).toBe(204);
      expect(response.headers.get('set-cookie')).toMatch(
        /^tv_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/,
      );
      expectProblem(await me(session.cookie), 401, 'unauthenticated');
      expectProblem(
        await call(api.baseUrl, 'POST', '/api/v1/auth/logout', { caller: session }),
        401,
        'unauthenticated',
      );
      const events = await auditEvents(`action=auth.logout&actorId=${p.id}`);
      expect(events).toEqual([expect.objectContaining({ outcome: 'success', clinicId })]);
    });

    it('answers an unknown email, a wrong password and a disabled account with the same 401', async () => {
      const p = await provider('same-answer');
      const disabled = await provider('disabled');
      await clientFor(api.baseUrl, admin).PATCH('/api/v1/users/{id}', {
        params: { path: { id: disabled.id } },
        body: { disabled: true },
      });
      const answers = [
        await loginReply(`nobody-${p.email}`, PASSWORD, freshAddress()),
        await loginReply(p.email, `${PASSWORD}!`, freshAddress()),
        await loginReply(disabled.email, PASSWORD, freshAddress()),
      ];
      for (const answer of answers) {
        expectProblem(answer, 401, 'invalid_credentials');
        expect(answer.headers.get('set-cookie')).toBeNull();
      }
      const [unknown, ...others] = answers.map(problemShape);
      for (const other of others) expect(other).toEqual(unknown);
      const headerNames = (r: Reply) =>
        [...r.headers.keys()].filter((h) => !['date', 'x-request-id', 'content-length'].includes(h)).sort();
      for (const answer of answers.slice(1))
        expect(headerNames(answer)).toEqual(headerNames(answers[0] as Reply));
      // Email normalisation: the same account whatever the case and surrounding spaces.
      const normalised = await loginReply(`  ${p.email.toUpperCase()} `, PASSWORD, freshAddress());
      expect(normalised.status).toBe(200);
    });

    it('throttles an account after repeated failures: 429 with Retry-After, even for the right password', async () => {
      const p = await provider('throttled');
      for (let i = 1; i <= 6; i++) {
        expectProblem(
          await loginReply(p.email, `wrong-password-${i}`, freshAddress()),
          401,
          'invalid_credentials',
        );
      }
      const blocked = await loginReply(p.email, PASSWORD, freshAddress());
      expectProblem(blocked, 429, 'login_throttled');
      expect(blocked.headers.get('retry-after')).toBe('1');
      // (That the block ends, and grows, is session-lifetimes.spec.ts's, on a manual clock.)
      const events = await auditEvents(`action=auth.login&actorId=${p.id}`);
      expect(events.map((e) => e.outcome)).toEqual(Array<string>(6).fill('failure'));
      const throttled = await auditEvents('action=auth.login');
      expect(throttled).toContainEqual(
        expect.objectContaining({
          outcome: 'denied',
          details: { reason: 'throttled' },
          actor: { type: 'anonymous', id: null },
        }),
      );
    });

    it('limits failures per address across accounts, and only that address', async () => {
      const p = await provider('behind-busy-address');
      const address = freshAddress();
      // 20 free failures per address (a clinic shares one NAT address); the 21st opens a delay.
      // (Sent at once: the counts are atomic, see 'a burst of password guesses' below.)
      const failures = await Promise.all(
        Array.from({ length: 21 }, (_, i) =>
          loginReply(`stranger-${i}@nowhere.test`, 'not-a-password', address),
        ),
      );
      for (const reply of failures) expectProblem(reply, 401, 'invalid_credentials');
      const blocked = await loginReply(p.email, PASSWORD, address);
      expectProblem(blocked, 429, 'login_throttled');
      expect(blocked.headers.get('retry-after')).toBe('1');
      expect((await loginReply(p.email, PASSWORD, freshAddress())).status).toBe(200);
    }, 30_000);
  });

  describe('changing a user ends their sessions', () => {
    it('on a password change, by an admin or by the user', async () => {
      const p = await provider('password-change');
      const s1 = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      const s2 = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      const newPassword = 'an entirely new passphrase';
      const { response } = await clientFor(api.baseUrl, admin).PATCH('/api/v1/users/{id}', {
        params: { path: { id: p.id } },
        body: { password: newPassword },
      });
      expect(response.status).toBe(200);
      expectProblem(await me(s1.cookie), 401);
      expectProblem(await me(s2.cookie), 401);
      expectProblem(await loginReply(p.email, PASSWORD, freshAddress()), 401, 'invalid_credentials');
      const s3 = await login(api.baseUrl, p.email, newPassword, freshAddress());
      // Your own new password needs the current one: a borrowed session cannot take the account.
      for (const [currentPassword, message] of [
        [undefined, 'is required to change your own password'],
        ['not the password', 'is not your current password'],
      ] as const) {
        const refused = await clientFor(api.baseUrl, s3).PATCH('/api/v1/users/{id}', {
          params: { path: { id: p.id } },
          body: { password: PASSWORD, ...(currentPassword ? { currentPassword } : {}) },
        });
        expect(refused.response.status).toBe(400);
        expect(refused.error).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: 'currentPassword', message }],
        });
      }
      const own = await clientFor(api.baseUrl, s3).PATCH('/api/v1/users/{id}', {
        params: { path: { id: p.id } },
        body: { password: PASSWORD, currentPassword: newPassword },
      });
      expect(own.response.status).toBe(200);
      expectProblem(await me(s3.cookie), 401);
      const events = await auditEvents(`action=user.updated`);
      expect(events.filter((e) => e.target?.id === p.id).map((e) => [e.actor.id, e.details])).toEqual([
        [p.id, { fields: 'password' }],
        [admin.user.id, { fields: 'password' }],
      ]);
    });

    it('on disabling, until re-enabled', async () => {
      const p = await provider('disable');
      const session = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
      const patch = (disabled: boolean) =>
        clientFor(api.baseUrl, admin).PATCH('/api/v1/users/{id}', {
          params: { path: { id: p.id } },
          body: { disabled },
        });
      expect((await patch(true)).data?.disabled).toBe(true);
      expectProblem(await me(session.cookie), 401);
      expectProblem(await loginReply(p.email, PASSWORD, freshAddress()), 401, 'invalid_credentials');
      expect((await patch(false)).data?.disabled).toBe(false);
      expect((await loginReply(p.email, PASSWORD, freshAddress())).status).toBe(200);
    });
  });

  describe('changing a role', () => {
    /** Only the bootstrap makes platform admins; an operator may have added another in the database. */
    function addPlatformAdmin(email: string): string {
      const id = randomUUID();
      const db = new Database(join(api.dataDir, 'televisit.sqlite'));
      try {
        db.prepare(
          `INSERT INTO users (id, clinic_id, email, name, role, password_hash, zoom_user, disabled_at,
             created_at, updated_at)
           SELECT ?, NULL, ?, 'Second platform admin', 'platform_admin', password_hash, NULL, NULL,
             created_at, updated_at
           FROM users WHERE email = ?`,
        ).run(id, email, PLATFORM_ADMIN.email);
      } finally {
        db.close();
      }
      return id;
    }

    it('refuses to give a platform admin a clinic role they have no clinic for (409), changing nothing', async () => {
      const email = 'second-root@platform.test';
      const id = addPlatformAdmin(email);
      for (const role of ['provider', 'clinic_admin'] as const) {
        const refused = await call(api.baseUrl, 'PATCH', `/api/v1/users/${id}`, {
          caller: platform,
          body: { role, name: `Made ${role}` },
        });
        expectProblem(refused, 409, 'role_needs_clinic');
      }
      // The other way round cannot be asked for: no request makes a clinic user a platform admin.
      const p = await provider('not-promotable');
      const unpromoted = await call(api.baseUrl, 'PATCH', `/api/v1/users/${p.id}`, {
        caller: platform,
        body: { role: 'platform_admin' },
      });
      expectProblem(unpromoted, 400, 'validation_failed');
      // Still a platform admin, unrenamed, and able to work (a clinic role without a clinic answered 500).
      const second = await login(api.baseUrl, email, PLATFORM_ADMIN.password, freshAddress());
      expect(second.user).toMatchObject({
        role: 'platform_admin',
        clinicId: null,
        name: 'Second platform admin',
      });
      expect((await call(api.baseUrl, 'GET', '/api/v1/clinics', { caller: second })).status).toBe(200);
      expect(
        (await call(api.baseUrl, 'GET', `/api/v1/clinics/${clinicId}/users`, { caller: second })).status,
      ).toBe(200);
    });

    it("changes a clinic user's role within their clinic", async () => {
      const p = await provider('promoted');
      const promoted = await clientFor(api.baseUrl, platform).PATCH('/api/v1/users/{id}', {
        params: { path: { id: p.id } },
        body: { role: 'clinic_admin' },
      });
      expect(promoted.data).toMatchObject({ role: 'clinic_admin', clinicId });
    });
  });

  describe('API keys', () => {
    it('are shown once, and stored only as a hash and a 12-character prefix', async () => {
      const { data } = await clientFor(api.baseUrl, admin).POST('/api/v1/clinics/{clinicId}/api-keys', {
        params: { path: { clinicId } },
        body: { name: 'Shown once', scopes: ['appointments:read', 'appointments:write'] },
      });
      const key = data?.key ?? '';
      expect(key).toMatch(/^tvk_[A-Za-z0-9_-]{43}$/);
      expect(data?.apiKey).toMatchObject({ prefix: key.slice(0, 12), lastUsedAt: null, revokedAt: null });
      const listed = await call(api.baseUrl, 'GET', `/api/v1/clinics/${clinicId}/api-keys`, {
        caller: admin,
      });
      expect(listed.text).not.toContain(key.slice(12));
      const row = (listed.json as { data: Array<Record<string, unknown>> }).data.find(
        (k) => k['id'] === data?.apiKey.id,
      );
      expect(Object.keys(row ?? {}).sort()).toEqual(
        ['clinicId', 'createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes'].sort(),
      );

      const db = new Database(join(api.dataDir, 'televisit.sqlite'), { readonly: true });
      try {
        const stored = db.prepare('SELECT * FROM api_keys WHERE id = ?').get(data?.apiKey.id) as Record<
          string,
          unknown
        >;
        expect(stored).toMatchObject({ prefix: key.slice(0, 12), key_hash: sha256(key) });
        // No column of any table holds the key or its secret part.
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
          name: string;
        }>;
        for (const { name } of tables) {
          const text = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
          expect(text).not.toContain(key.slice(12));
          expect(text).not.toContain(PASSWORD);
        }
      } finally {
        db.close();
      }
      // Nor do the database files on disk (the WAL included).
      for (const file of readdirSync(api.dataDir).filter((f) => f.startsWith('televisit.sqlite'))) {
        const bytes = readFileSync(join(api.dataDir, file));
        expect(bytes.includes(key.slice(12))).toBe(false);
        expect(bytes.includes(PASSWORD)).toBe(false);
      }
    });

    it('record when they were last used', async () => {
      const key = await createKey(api.baseUrl, admin, clinicId, ['appointments:read'], 'Last used');
      const lastUsed = async () => {
        const list = await clientFor(api.baseUrl, admin).GET('/api/v1/clinics/{clinicId}/api-keys', {
          params: { path: { clinicId } },
        });
        return list.data?.data.find((k) => k.id === key.id)?.lastUsedAt;
      };
      expect(await lastUsed()).toBeNull();
      const before = Date.now();
      await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: key });
      const used = await lastUsed();
      expect(Date.parse(used ?? '')).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(used ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
      const db = new Database(join(api.dataDir, 'televisit.sqlite'), { readonly: true });
      try {
        const row = db.prepare('SELECT last_used_at FROM api_keys WHERE id = ?').get(key.id) as {
          last_used_at: string | null;
        };
        expect(row.last_used_at).not.toBeNull();
      } finally {
        db.close();
      }
    });

    it('stop working the moment they are revoked (401), and revoking again changes nothing', async () => {
      const key = await createKey(api.baseUrl, admin, clinicId, ['appointments:read'], 'Revoked');
      expect((await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: key })).status).toBe(403);
      await revokeKey(api.baseUrl, admin, key.id);
      const refused = await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: key });
      expectProblem(refused, 401, 'unauthenticated');
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="televisit"');
      await revokeKey(api.baseUrl, admin, key.id);
      const revocations = (await auditEvents('action=api_key.revoked')).filter(
        (e) => e.target?.id === key.id,
      );
      expect(revocations).toEqual([expect.objectContaining({ actor: { type: 'user', id: admin.user.id } })]);
    });

    it('are rate-limited per key: 429 with Retry-After, whatever the route answers otherwise', async () => {
      const key = await createKey(api.baseUrl, admin, clinicId, ALL_SCOPES, 'Runaway integration');
      const other = await createKey(api.baseUrl, admin, clinicId, ALL_SCOPES, 'Calm integration');
      const replies: Reply[] = [];
      // Twice the limit and one: however the one-minute window falls, some request is over it.
      for (let i = 0; i < 2 * API_KEY_RATE_LIMIT + 1; i++) {
        replies.push(await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: key }));
      }
      const limited = replies.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      for (const reply of limited) {
        expectProblem(reply, 429, 'rate_limited');
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(Number(reply.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      }
      expect((await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: other })).status).toBe(403);
    });
  });

  it('audits logins (success and failure), logout, users created and changed, keys created and revoked, denials', async () => {
    const p = await provider('audited');
    const disabled = await provider('audited-disabled');
    await clientFor(api.baseUrl, admin).PATCH('/api/v1/users/{id}', {
      params: { path: { id: disabled.id } },
      body: { disabled: true },
    });
    await loginReply(disabled.email, PASSWORD, freshAddress());
    await loginReply(`nobody-${p.email}`, PASSWORD, freshAddress());
    await loginReply(p.email, 'definitely wrong', freshAddress());
    const session = await login(api.baseUrl, p.email, PASSWORD, freshAddress());
    await call(api.baseUrl, 'GET', '/api/v1/clinics', { caller: session });
    await clientFor(api.baseUrl, session).POST('/api/v1/auth/logout');
    const key = await createKey(api.baseUrl, admin, clinicId, ['appointments:read'], 'Audited');
    await revokeKey(api.baseUrl, admin, key.id);
    await clientFor(api.baseUrl, admin).PATCH('/api/v1/users/{id}', {
      params: { path: { id: p.id } },
      body: { name: 'Audited provider' },
    });

    const events = await auditEvents('');
    const find = (action: string, match: Partial<AuditEvent>) =>
      expect(events).toContainEqual(expect.objectContaining({ action, ...match }));
    find('user.created', {
      target: { type: 'user', id: p.id },
      actor: { type: 'user', id: admin.user.id },
      clinicId,
      details: { role: 'provider' },
    });
    find('auth.login', {
      outcome: 'failure',
      actor: { type: 'user', id: p.id },
      details: { reason: 'wrong_password' },
    });
    find('auth.login', {
      outcome: 'failure',
      actor: { type: 'anonymous', id: null },
      details: { reason: 'unknown_account' },
    });
    find('auth.login', {
      outcome: 'failure',
      actor: { type: 'user', id: disabled.id },
      details: { reason: 'disabled' },
    });
    find('auth.login', { outcome: 'success', actor: { type: 'user', id: p.id }, clinicId });
    find('access.denied', {
      outcome: 'denied',
      actor: { type: 'user', id: p.id },
      details: { reason: 'not_permitted', method: 'GET', route: '/api/v1/clinics' },
    });
    find('auth.logout', { outcome: 'success', actor: { type: 'user', id: p.id } });
    find('api_key.created', {
      target: { type: 'api_key', id: key.id },
      details: { scopes: 'appointments:read' },
    });
    find('api_key.revoked', { target: { type: 'api_key', id: key.id } });
    find('user.updated', { target: { type: 'user', id: p.id }, details: { fields: 'name' } });
    // The address is the client's (from X-Forwarded-For, behind a trusted proxy), and no secret is in the log.
    expect(events.find((e) => e.action === 'auth.login' && e.actor.id === p.id)?.ip).toMatch(
      /^198\.51\.100\.\d+$/,
    );
    const text = JSON.stringify(events);
    for (const secret of [
      PASSWORD,
      'definitely wrong',
      key.key,
      key.key.slice(12),
      session.cookie.split('=')[1] ?? '-',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('the session cookie when PUBLIC_URL is https', () => {
  let api: RunningApi;
  let user: User;

  beforeAll(async () => {
    api = await startIdentityApi({ PUBLIC_URL: 'https://televisit.example.test' });
    user = (await login(api.baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password)).user;
  }, 60_000);
  afterAll(() => api?.stop());

  it('is __Host- prefixed and Secure, and only that name is read', async () => {
    const reply = await call(api.baseUrl, 'POST', '/api/v1/auth/login', { body: PLATFORM_ADMIN });
    const cookie = reply.headers.get('set-cookie') ?? '';
    const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
    expect(pair).toMatch(/^__Host-tv_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax', 'Secure']);
    expect(cookie).not.toMatch(/Domain=/i);
    const value = sessionCookieOf(reply).split('=')[1] ?? '';
    const meAs = (cookie: string) => call(api.baseUrl, 'GET', '/api/v1/auth/me', { headers: { cookie } });
    expect(((await meAs(`__Host-tv_session=${value}`)).json as { user: User }).user.id).toBe(user.id);
    expectProblem(await meAs(`tv_session=${value}`), 401);
    const out = await call(api.baseUrl, 'POST', '/api/v1/auth/logout', {
      headers: {
        cookie: `__Host-tv_session=${value}`,
        'x-csrf-token': (reply.json as { csrfToken: string }).csrfToken,
      },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toBe(
      '__Host-tv_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    );
  });
});

describeEachEngine('a burst of password guesses', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let target: User;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url, TRUST_PROXY: 'loopback' });
    // Made before any burst: the platform admin is the first burst's target.
    const platform = await login(api.baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const clinic = await createClinic(api.baseUrl, platform, 'Burst Clinic');
    target = await createUser(api.baseUrl, platform, clinic.id, 'provider', 'burst-target');
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const BURST = 30;
  // 5 free failures, and the 6th that earns the first delay (1 s), are checked; the rest arrive during it.
  const ACCOUNT_ALLOWANCE = 6;
  // 20 free failures per address, and the 21st.
  const ADDRESS_ALLOWANCE = 21;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const guess = (email: string, password: string, address: string) =>
    call(api.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

  /** The statuses of a burst, after checking that every refusal says how long to wait. */
  function statusesOf(burst: Reply[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const reply of burst) {
      counts[reply.status] = (counts[reply.status] ?? 0) + 1;
      if (reply.status !== 429) continue;
      expectProblem(reply, 429, 'login_throttled');
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    return counts;
  }

  it('checks no more guesses at one account than one at a time would: the rest wait (429), uncounted', async () => {
    // The right password, sent the moment the last failure is answered: the delay (1 s) runs from then,
    // not from the end of the whole burst, which a loaded machine may take longer than that to answer.
    let failures = 0;
    let right: Promise<Reply> | undefined;
    const burst = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        guess(PLATFORM_ADMIN.email, `burst-guess-${i}`, '203.0.113.9').then((reply) => {
          if (reply.status === 401 && ++failures === ACCOUNT_ALLOWANCE) {
            right = guess(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password, '203.0.113.10');
          }
          return reply;
        }),
      ),
    );
    expect(statusesOf(burst)).toEqual({ 401: ACCOUNT_ALLOWANCE, 429: BURST - ACCOUNT_ALLOWANCE });
    // The right password is refused too until the delay ends…
    expect(right).toBeDefined();
    const early = (await right) as Reply;
    expectProblem(early, 429, 'login_throttled');
    // …which is the delay of six failures: the refused guesses were never counted as failures.
    const wait = Number(early.headers.get('retry-after'));
    expect(wait).toBe(1);
    await sleep(wait * 1000);
    expect((await guess(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password, '203.0.113.10')).status).toBe(200);
  }, 30_000);

  it('checks no more guesses from one address than one at a time would, across accounts', async () => {
    const burst = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        guess(`stranger-${i}@nowhere.test`, 'not-a-password', '203.0.113.20'),
      ),
    );
    expect(statusesOf(burst)).toEqual({ 401: ADDRESS_ALLOWANCE, 429: BURST - ADDRESS_ALLOWANCE });
  }, 30_000);

  it('checks no more current passwords on a password change than logins', async () => {
    // A session in the wrong hands, trying to take the account over by guessing its password.
    const borrowed = await login(api.baseUrl, target.email, PASSWORD, { 'x-forwarded-for': '203.0.113.31' });
    const burst = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        call(api.baseUrl, 'PATCH', `/api/v1/users/${target.id}`, {
          caller: borrowed,
          body: { password: 'a password of my choosing', currentPassword: `guess-${i}` },
          headers: { 'x-forwarded-for': '203.0.113.32' },
        }),
      ),
    );
    for (const reply of burst.filter((r) => r.status === 400)) {
      expectProblem(reply, 400, 'validation_failed');
    }
    expect(statusesOf(burst)).toEqual({ 400: ACCOUNT_ALLOWANCE, 429: BURST - ACCOUNT_ALLOWANCE });
  }, 30_000);
});
