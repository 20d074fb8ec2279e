import { Controller, Get, HttpCode, type INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  Access,
  Clock,
  configureHttp,
  CurrentPrincipal,
  loadConfig,
  ManualClock,
  type Principal,
  resolveEmbeddedSecrets,
} from '@televisit/api-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from './app.module';

/**
 * What takes time, without waiting for it: the real application in-process (SQLite in memory) with a
 * manual clock in place of the system one. Idle (30 min) and absolute (12 h) session ends, the
 * doubling login delay, the per-key rate window and last_used_at. The rest of sessions and keys is
 * exercised against the built API in e2e/api/identity/sessions.e2e-spec.ts.
 */

const MINUTE = 60_000;
const IDLE_MS = 30 * MINUTE;
const ABSOLUTE_MS = 12 * 60 * MINUTE;
const RATE_LIMIT = 3;
const ADMIN = { email: 'root@lifetimes.test', password: 'platform-admin-passphrase' };
const PASSWORD = 'correct horse battery staple';

/** The first route an API key may call: appointments arrive with a later issue, so a stand-in. */
@Controller('test-only/appointments')
class AppointmentsStandInController {
  @Get()
  @Access({ roles: ['clinic_admin'], scopes: ['appointments:read'] })
  list(@CurrentPrincipal() principal: Principal) {
    return { kind: principal.kind, clinicId: principal.clinicId };
  }

  @Post()
  @HttpCode(200)
  @Access({ roles: ['clinic_admin'], scopes: ['appointments:write'] })
  create(@CurrentPrincipal() principal: Principal) {
    return { kind: principal.kind, clinicId: principal.clinicId };
  }
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

describe('session lifetimes and rate windows, on a manual clock', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:15.000Z'));
  let dataDir: string;
  let app: INestApplication;
  let baseUrl: string;
  let address = 1;
  let clinicId: string;
  let clinicAdmin: { email: string; id: string };

  async function send(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Reply> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'x-forwarded-for': `192.0.2.${address}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  const attempt = (email: string, password: string) =>
    send('POST', '/api/v1/auth/login', { body: { email, password } });

  async function login(email: string, password = PASSWORD): Promise<Session> {
    const reply = await attempt(email, password);
    if (reply.status !== 200)
      throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return {
      cookie: (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrfToken: String(reply.body['csrfToken']),
      userId: String((reply.body['user'] as { id: string }).id),
    };
  }

  const as = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const me = (session: Session) => send('GET', '/api/v1/auth/me', { headers: { cookie: session.cookie } });

  async function createUser(by: Session, role: 'clinic_admin' | 'provider', label: string) {
    const email = `${label}@lifetimes.test`;
    const reply = await send('POST', `/api/v1/clinics/${clinicId}/users`, {
      headers: as(by),
      body: { email, name: label, role, password: PASSWORD },
    });
    expect(reply.status).toBe(201);
    return { email, id: String(reply.body['id']) };
  }

  let adminSession: Session | undefined;
  /** The clinic admin's session, signed in again only when the clock has ended it (hashing is slow). */
  async function clinicAdminSession(): Promise<Session> {
    if (!adminSession || (await me(adminSession)).status !== 200)
      adminSession = await login(clinicAdmin.email);
    return adminSession;
  }

  async function createKey(scopes: string[]): Promise<{ id: string; key: string }> {
    const session = await clinicAdminSession();
    const reply = await send('POST', `/api/v1/clinics/${clinicId}/api-keys`, {
      headers: as(session),
      body: { name: scopes.join(' '), scopes },
    });
    expect(reply.status).toBe(201);
    return { id: String((reply.body['apiKey'] as { id: string }).id), key: String(reply.body['key']) };
  }

  async function auditEvents(query: string): Promise<Array<Record<string, unknown>>> {
    const platform = await login(ADMIN.email, ADMIN.password);
    const reply = await send('GET', `/api/v1/audit-events?${query}`, { headers: as(platform) });
    expect(reply.status).toBe(200);
    return reply.body['data'] as Array<Record<string, unknown>>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'televisit-lifetimes-'));
    const config = resolveEmbeddedSecrets(
      loadConfig({
        DATABASE_URL: 'sqlite::memory:',
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        API_KEY_RATE_LIMIT: String(RATE_LIMIT),
        TRUST_PROXY: 'loopback',
      }),
    );
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
      controllers: [AppointmentsStandInController],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureHttp(app, config, join(dataDir, 'no-dashboard'));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const platform = await login(ADMIN.email, ADMIN.password);
    const clinic = await send('POST', '/api/v1/clinics', {
      headers: as(platform),
      body: { name: 'Lifetimes', timezone: 'Europe/Berlin' },
    });
    clinicId = String(clinic.body['id']);
    clinicAdmin = await createUser(platform, 'clinic_admin', 'clinic-admin');
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    address += 1; // each test logs in from its own address
  });

  describe('sessions', () => {
    it('end after 30 idle minutes; activity keeps them going', async () => {
      const session = await login(clinicAdmin.email);
      clock.advance(IDLE_MS - 1);
      expect((await me(session)).status).toBe(200);
      clock.advance(IDLE_MS - 1);
      expect((await me(session)).status).toBe(200);
      clock.advance(IDLE_MS);
      const expired = await me(session);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ code: 'session_expired' });
      // Gone from the database: the next use is a plain unknown session.
      expect((await me(session)).body).toMatchObject({ code: 'unauthenticated' });
      const events = await auditEvents(`action=auth.session_expired&actorId=${session.userId}`);
      expect(events).toEqual([expect.objectContaining({ outcome: 'failure' })]);
    });

    it('end 12 hours after login however active they are', async () => {
      const session = await login(clinicAdmin.email);
      let elapsed = 0;
      while (elapsed + 25 * MINUTE < ABSOLUTE_MS) {
        clock.advance(25 * MINUTE);
        elapsed += 25 * MINUTE;
        expect((await me(session)).status).toBe(200);
      }
      clock.advance(ABSOLUTE_MS - elapsed - 1);
      expect((await me(session)).status).toBe(200);
      clock.advance(1);
      const expired = await me(session);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ code: 'session_expired' });
    });

    it('an expired session changes nothing, even with its CSRF token', async () => {
      const session = await login(clinicAdmin.email);
      clock.advance(IDLE_MS);
      const reply = await send('PATCH', `/api/v1/users/${clinicAdmin.id}`, {
        headers: as(session),
        body: { name: 'Changed after the end' },
      });
      expect(reply.status).toBe(401);
    });
  });

  describe('the login delay', () => {
    // The whole curve (up to the 15-minute cap) is throttle-policy.spec.ts's; here, that the app follows it.
    it('doubles with every failure after five, and holds for the right password too', async () => {
      const platform = await login(ADMIN.email, ADMIN.password);
      const user = await createUser(platform, 'provider', 'doubling');
      for (let i = 1; i <= 6; i++) expect((await attempt(user.email, `wrong-${i}`)).status).toBe(401);
      const waits: number[] = [];
      for (let failures = 6; failures <= 9; failures++) {
        const blocked = await attempt(user.email, PASSWORD);
        expect(blocked.status).toBe(429);
        expect(blocked.body).toMatchObject({ code: 'login_throttled' });
        const wait = Number(blocked.headers.get('retry-after'));
        waits.push(wait);
        clock.advance(wait * 1000 - 1);
        expect((await attempt(user.email, PASSWORD)).status).toBe(429); // not a millisecond early
        clock.advance(1);
        if (failures < 9) expect((await attempt(user.email, `wrong-again-${failures}`)).status).toBe(401);
      }
      expect(waits).toEqual([1, 2, 4, 8]);
      // A success clears the account's count: the next typos are free again.
      expect((await attempt(user.email, PASSWORD)).status).toBe(200);
      expect((await attempt(user.email, 'typo')).status).toBe(401);
      expect((await attempt(user.email, PASSWORD)).status).toBe(200);
    }, 60_000);

    it('forgets failures after 24 hours', async () => {
      const platform = await login(ADMIN.email, ADMIN.password);
      const user = await createUser(platform, 'provider', 'forgotten');
      for (let i = 1; i <= 5; i++) expect((await attempt(user.email, `wrong-${i}`)).status).toBe(401);
      clock.advance(24 * 60 * MINUTE + 1);
      expect((await attempt(user.email, 'wrong-6')).status).toBe(401);
      // Had the five been remembered, this would be the sixth failure and a 429 now.
      expect((await attempt(user.email, PASSWORD)).status).toBe(200);
    }, 30_000);
  });

  describe('API keys', () => {
    it('reach a route that declares their scope, and no other', async () => {
      const reader = await createKey(['appointments:read']);
      const webhooks = await createKey(['webhooks:manage']);
      const read = await send('GET', '/test-only/appointments', { headers: bearer(reader.key) });
      expect(read).toMatchObject({ status: 200, body: { kind: 'api_key', clinicId } });
      expect((await send('POST', '/test-only/appointments', { headers: bearer(reader.key) })).status).toBe(
        403,
      );
      expect((await send('GET', '/test-only/appointments', { headers: bearer(webhooks.key) })).status).toBe(
        403,
      );
    });

    it('need no CSRF token (no cookie is involved), while a session does', async () => {
      const writer = await createKey(['appointments:write']);
      expect((await send('POST', '/test-only/appointments', { headers: bearer(writer.key) })).status).toBe(
        200,
      );
      const session = await login(clinicAdmin.email);
      const noToken = await send('POST', '/test-only/appointments', { headers: { cookie: session.cookie } });
      expect(noToken.status).toBe(403);
      expect(noToken.body).toMatchObject({ code: 'csrf_failed' });
      expect((await send('POST', '/test-only/appointments', { headers: as(session) })).status).toBe(200);
    });

    it(`allow ${RATE_LIMIT} requests a minute per key, then 429 with Retry-After until the window turns`, async () => {
      const key = await createKey(['appointments:read']);
      const other = await createKey(['appointments:read']);
      clock.advance(MINUTE - (clock.now().getTime() % MINUTE) + 20_000); // 20 s into a fresh window
      for (let i = 0; i < RATE_LIMIT; i++) {
        expect((await send('GET', '/test-only/appointments', { headers: bearer(key.key) })).status).toBe(200);
      }
      const limited = await send('GET', '/test-only/appointments', { headers: bearer(key.key) });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      expect(limited.headers.get('retry-after')).toBe('40');
      // Another key of the same clinic has its own window.
      expect((await send('GET', '/test-only/appointments', { headers: bearer(other.key) })).status).toBe(200);
      clock.advance(39_999);
      expect(
        (await send('GET', '/test-only/appointments', { headers: bearer(key.key) })).headers.get(
          'retry-after',
        ),
      ).toBe('1');
      clock.advance(1);
      expect((await send('GET', '/test-only/appointments', { headers: bearer(key.key) })).status).toBe(200);
    });

    it('record last use, at most once a minute', async () => {
      const key = await createKey(['appointments:read']);
      const session = await clinicAdminSession();
      const lastUsed = async () => {
        const list = await send('GET', `/api/v1/clinics/${clinicId}/api-keys`, { headers: as(session) });
        return (list.body['data'] as Array<{ id: string; lastUsedAt: string | null }>).find(
          (k) => k.id === key.id,
        )?.lastUsedAt;
      };
      expect(await lastUsed()).toBeNull();
      const first = clock.now().toISOString();
      await send('GET', '/test-only/appointments', { headers: bearer(key.key) });
      expect(await lastUsed()).toBe(first);
      clock.advance(MINUTE / 2);
      await send('GET', '/test-only/appointments', { headers: bearer(key.key) });
      expect(await lastUsed()).toBe(first);
      clock.advance(MINUTE / 2);
      const later = clock.now().toISOString();
      await send('GET', '/test-only/appointments', { headers: bearer(key.key) });
      expect(await lastUsed()).toBe(later);
    });
  });
});
