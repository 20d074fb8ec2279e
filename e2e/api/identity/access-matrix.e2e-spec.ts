import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ANONYMOUS,
  call,
  type Caller,
  createKey,
  expectProblem,
  objectsIn,
  PASSWORD,
  problemShape,
  type Reply,
  seedTenants,
  startIdentityApi,
  type Tenants,
  uniqueEmail,
} from './identity-fixture';

/**
 * Every route × every kind of caller → the status the contract promises. Read a row as: this request,
 * aimed at this target, answers these statuses for these callers.
 *
 * Targets: A, B (clinics), A1, A2, adminA, adminB, platform (users), keyOfA, keyOfB (a fresh API key of
 * that clinic, made for each call because revoking it is the point), unknown (an id that exists
 * nowhere), - (no id in the path). Another tenant's resource must answer exactly like `unknown`.
 *
 * Callers: anon (nobody), plat (platform admin), admA / admB (clinic admins of A / B), A1 / A2
 * (providers of clinic A), keyA (clinic A's API key with every scope), keyW (clinic A's key with only
 * webhooks:manage), rvkd (a revoked key of clinic A).
 */
const MATRIX = `
  method route                                  target    anon plat admA  A1   A2  admB keyA keyW rvkd
  GET    /healthz                               -          200  200  200  200  200  200  200  200  200
  GET    /readyz                                -          200  200  200  200  200  200  200  200  200
  GET    /metrics                               -          200  200  200  200  200  200  200  200  200
  POST   /api/v1/auth/login                     -          400  400  400  400  400  400  400  400  400
  GET    /api/v1/auth/me                        -          401  200  200  200  200  200  403  403  401
  POST   /api/v1/clinics                        -          401  201  403  403  403  403  403  403  401
  GET    /api/v1/clinics                        -          401  200  403  403  403  403  403  403  401
  GET    /api/v1/clinics/:id                    A          401  200  200  200  200  404  403  403  401
  GET    /api/v1/clinics/:id                    B          401  200  404  404  404  200  403  403  401
  GET    /api/v1/clinics/:id                    unknown    401  404  404  404  404  404  403  403  401
  PATCH  /api/v1/clinics/:id                    A          401  200  200  403  403  404  403  403  401
  PATCH  /api/v1/clinics/:id                    B          401  200  404  403  403  200  403  403  401
  PATCH  /api/v1/clinics/:id                    unknown    401  404  404  403  403  404  403  403  401
  POST   /api/v1/clinics/:clinicId/users        A          401  201  201  403  403  404  403  403  401
  POST   /api/v1/clinics/:clinicId/users        B          401  201  404  403  403  201  403  403  401
  POST   /api/v1/clinics/:clinicId/users        unknown    401  404  404  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/users        A          401  200  200  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/users        B          401  200  404  403  403  200  403  403  401
  GET    /api/v1/clinics/:clinicId/users        unknown    401  404  404  403  403  404  403  403  401
  PATCH  /api/v1/users/:id                      A1         401  200  200  200  404  404  403  403  401
  PATCH  /api/v1/users/:id                      A2         401  200  200  404  200  404  403  403  401
  PATCH  /api/v1/users/:id                      adminA     401  200  200  404  404  404  403  403  401
  PATCH  /api/v1/users/:id                      adminB     401  200  404  404  404  200  403  403  401
  PATCH  /api/v1/users/:id                      platform   401  200  404  404  404  404  403  403  401
  PATCH  /api/v1/users/:id                      unknown    401  404  404  404  404  404  403  403  401
  POST   /api/v1/clinics/:clinicId/api-keys     A          401  201  201  403  403  404  403  403  401
  POST   /api/v1/clinics/:clinicId/api-keys     B          401  201  404  403  403  201  403  403  401
  POST   /api/v1/clinics/:clinicId/api-keys     unknown    401  404  404  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/api-keys     A          401  200  200  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/api-keys     B          401  200  404  403  403  200  403  403  401
  GET    /api/v1/clinics/:clinicId/api-keys     unknown    401  404  404  403  403  404  403  403  401
  DELETE /api/v1/api-keys/:id                   keyOfA     401  204  204  403  403  404  403  403  401
  DELETE /api/v1/api-keys/:id                   keyOfB     401  204  404  403  403  204  403  403  401
  DELETE /api/v1/api-keys/:id                   unknown    401  404  404  403  403  404  403  403  401
  GET    /api/v1/audit-events                   -          401  200  200  403  403  200  403  403  401
  PUT    /api/v1/clinics/:clinicId/zoom-account A          401  422  422  403  403  404  403  403  401
  PUT    /api/v1/clinics/:clinicId/zoom-account B          401  422  404  403  403  422  403  403  401
  PUT    /api/v1/clinics/:clinicId/zoom-account unknown    401  404  404  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/zoom-account A          401  404  404  403  403  404  403  403  401
  DELETE /api/v1/clinics/:clinicId/zoom-account A          401  404  404  403  403  404  403  403  401
  GET    /api/v1/clinics/:clinicId/zoom-account/users A    401  404  404  403  403  404  403  403  401
  GET    /api/v1/users/:id/connections          A1         401  200  200  200  404  404  403  403  401
  GET    /api/v1/users/:id/connections          A2         401  200  200  404  200  404  403  403  401
  GET    /api/v1/users/:id/connections          unknown    401  404  404  404  404  404  403  403  401
  POST   /api/v1/users/:id/connections/:vendor/authorize A1 401 403 403 200 404 403 403 403 401
  POST   /api/v1/users/:id/connections/:vendor/authorize unknown 401 403 403 404 404 403 403 403 401
  POST   /api/v1/users/:id/connections/:vendor/test A1     401  409  409  409  404  404  403  403  401
  POST   /api/v1/users/:id/connections/:vendor/test unknown 401 404  404  404  404  404  403  403  401
  DELETE /api/v1/users/:id/connections/:vendor  A1         401  204  204  204  404  404  403  403  401
  DELETE /api/v1/users/:id/connections/:vendor  A2         401  204  204  404  204  404  403  403  401
  DELETE /api/v1/users/:id/connections/:vendor  unknown    401  404  404  404  404  404  403  403  401
  GET    /api/v1/oauth/:vendor/callback         -          302  302  302  302  302  302  302  302  302
  POST   /api/v1/webhooks/zoom                  -          401  401  401  401  401  401  401  401  401
  POST   /api/v1/webhooks/google                -          404  404  404  404  404  404  404  404  404
  POST   /api/v1/appointments                   -          401  201  201  201  422  422  201  403  401
  GET    /api/v1/appointments                   -          401  200  200  200  200  200  200  403  401
  GET    /api/v1/appointments/:id               apptA1     401  200  200  200  404  404  200  403  401
  GET    /api/v1/appointments/:id               unknown    401  404  404  404  404  404  404  403  401
  PATCH  /api/v1/appointments/:id               apptA1     401  200  200  200  404  404  200  403  401
  PATCH  /api/v1/appointments/:id               unknown    401  404  404  404  404  404  404  403  401
  GET    /api/v1/appointments/:id/host-link     apptA1     401  409  409  409  404  404  409  403  401
  GET    /api/v1/appointments/:id/host-link     unknown    401  404  404  404  404  404  404  403  401
  POST   /api/v1/appointments/:id/cancel        cancelA1   401  200  200  200  404  404  200  403  401
  GET    /api/v1/appointments/:id/timeline      apptA1     401  200  200  200  404  404  200  403  401
  GET    /api/v1/appointments/:id/timeline      unknown    401  404  404  404  404  404  404  403  401
  GET    /join/:token                           -          404  404  404  404  404  404  404  404  404
  POST   /api/v1/appointments/:id/cancel        unknown    401  404  404  404  404  404  404  403  401
  POST   /api/v1/auth/logout                    -          401  204  204  204  204  204  403  403  401
`;

function appointmentBody(providerId: string) {
  return {
    providerId,
    startTime: new Date(Date.now() + 86_400_000).toISOString(),
    durationMinutes: 30,
    timezone: 'Europe/Paris',
    videoProvider: 'zoom',
    patient: { displayName: 'Matrix Patient' },
  };
}

const CALLERS = ['anon', 'plat', 'admA', 'A1', 'A2', 'admB', 'keyA', 'keyW', 'rvkd'] as const;
type CallerName = (typeof CALLERS)[number];

interface Row {
  method: string;
  route: string;
  target: string;
  expected: Record<CallerName, number>;
}

function parseMatrix(text: string): Row[] {
  const [header, ...lines] = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  expect(header?.slice(3)).toEqual([...CALLERS]);
  return lines.map(([method, route, target, ...statuses]) => {
    if (!method || !route || !target || statuses.length !== CALLERS.length) {
      throw new Error(`malformed matrix row: ${[method, route, target, ...statuses].join(' ')}`);
    }
    const expected = Object.fromEntries(CALLERS.map((c, i) => [c, Number(statuses[i])]));
    return { method, route, target, expected: expected as Record<CallerName, number> };
  });
}

const ROWS = parseMatrix(MATRIX);
/** Logging out ends the session the other rows use: it goes last. */
const LAST_ROUTE = 'POST /api/v1/auth/logout';

/** The routes docs/access.md lists (written by apps/api/src/app/access-declarations.spec.ts). */
function documentedRoutes(): string[] {
  const doc = readFileSync(join(__dirname, '../../../docs/access.md'), 'utf8');
  return [...doc.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE)\s*\| `([^`]+)`/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('the access matrix covers the route table', () => {
  it('has at least one row for every route in docs/access.md, and no route that is not there', () => {
    const inMatrix = [...new Set(ROWS.map((r) => `${r.method} ${r.route}`))].sort();
    expect(inMatrix).toEqual([...new Set(documentedRoutes())].sort());
  });
});

describeEachEngine('access matrix on the built API', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;
  let callers: Record<CallerName, Caller>;
  /** Every reply the matrix got, for the checks that look across all of them. */
  const replies: Array<{ caller: CallerName; row: Row; reply: Reply }> = [];

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url });
    t = await seedTenants(api.baseUrl);
    callers = {
      anon: ANONYMOUS,
      plat: t.platform,
      admA: t.adminA,
      A1: t.providerA1,
      A2: t.providerA2,
      admB: t.adminB,
      keyA: t.keyA,
      keyW: t.keyWeak,
      rvkd: t.keyRevoked,
    };
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  let apptA1: string | undefined;
  async function bookFor(providerId: string): Promise<string> {
    const reply = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.adminA,
      body: appointmentBody(providerId),
    });
    return (reply.json as { id: string }).id;
  }

  async function targetId(target: string): Promise<string> {
    switch (target) {
      case 'A':
        return t.clinicA.id;
      case 'B':
        return t.clinicB.id;
      case 'A1':
        return t.providerA1.user.id;
      case 'A2':
        return t.providerA2.user.id;
      case 'adminA':
        return t.adminA.user.id;
      case 'adminB':
        return t.adminB.user.id;
      case 'platform':
        return t.platform.user.id;
      case 'keyOfA':
        return (await createKey(api.baseUrl, t.platform, t.clinicA.id, ['appointments:read'], 'victim A')).id;
      case 'keyOfB':
        return (await createKey(api.baseUrl, t.platform, t.clinicB.id, ['appointments:read'], 'victim B')).id;
      case 'apptA1':
        apptA1 ??= await bookFor(t.providerA1.user.id);
        return apptA1;
      case 'cancelA1':
        return bookFor(t.providerA1.user.id);
      case 'unknown':
        return randomUUID();
      default:
        throw new Error(`unknown matrix target ${target}`);
    }
  }

  function bodyFor(row: Row, caller: CallerName): unknown {
    switch (`${row.method} ${row.route}`) {
      case 'POST /api/v1/auth/login':
        return {}; // public: reaches validation whoever calls
      case 'POST /api/v1/clinics':
        return { name: `Matrix clinic by ${caller}`, timezone: 'America/Bogota' };
      case 'POST /api/v1/clinics/:clinicId/users':
        return {
          email: uniqueEmail(`matrix-${caller}`),
          name: 'Matrix user',
          role: 'provider',
          password: PASSWORD,
        };
      case 'PATCH /api/v1/users/:id':
        return { name: `Renamed by ${caller}` };
      case 'PATCH /api/v1/clinics/:id':
        return { meetingTopic: `Visit set by ${caller}` };
      case 'POST /api/v1/appointments':
        return appointmentBody(t.providerA1.user.id);
      case 'PATCH /api/v1/appointments/:id':
        return { durationMinutes: 40 };
      case 'PUT /api/v1/clinics/:clinicId/zoom-account':
        // Credentials no sandbox app has: a permitted caller reaches Zoom's refusal (422).
        return { accountId: 'matrix-account', clientId: 'matrix-client', clientSecret: 'not-registered' };
      case 'POST /api/v1/clinics/:clinicId/api-keys':
        return { name: `Matrix key by ${caller}`, scopes: ['appointments:read'] };
      default:
        return undefined;
    }
  }

  async function runRow(row: Row): Promise<string[]> {
    const mismatches: string[] = [];
    for (const name of CALLERS) {
      const id = row.target === '-' ? '' : await targetId(row.target);
      // Connection routes are exercised with Zoom; the vendor changes nothing about who may call.
      const path = row.route
        .replace(/:(id|clinicId)\b/, id)
        .replace(':vendor', 'zoom')
        // A well-formed patient token that matches no link: public, and the same 404 for everyone.
        .replace(':token', randomBytes(32).toString('base64url'));
      const reply = await call(api.baseUrl, row.method, path, {
        caller: callers[name],
        body: bodyFor(row, name),
      });
      replies.push({ caller: name, row, reply });
      const want = row.expected[name];
      if (reply.status !== want) {
        mismatches.push(
          `${row.method} ${row.route} [${row.target}] as ${name}: expected ${want}, got ${reply.status} ${reply.text.slice(0, 160)}`,
        );
      }
      // The patient join pages are HTML for people, not problem documents.
      if (reply.status >= 400 && !row.route.startsWith('/join/')) expectProblem(reply, reply.status);
    }
    return mismatches;
  }

  it('answers every route × caller as the matrix says', async () => {
    const mismatches: string[] = [];
    for (const row of ROWS.filter((r) => `${r.method} ${r.route}` !== LAST_ROUTE)) {
      mismatches.push(...(await runRow(row)));
    }
    expect(mismatches).toEqual([]);
  }, 60_000);

  it("never shows a caller another tenant's rows, ids or names, whatever the status", () => {
    const A = t.clinicA;
    const B = t.clinicB;
    const aSide = [t.adminA, t.providerA1, t.providerA2];
    const bIds = [B.id, t.adminB.user.id, t.adminB.user.email, t.keyB.id];
    const aIds = [A.id, ...aSide.flatMap((s) => [s.user.id, s.user.email]), t.keyA.id, t.keyWeak.id];
    const foreign: Partial<Record<CallerName, { clinicId: string; ids: string[] }>> = {
      admA: { clinicId: A.id, ids: bIds },
      A1: { clinicId: A.id, ids: [...bIds, t.providerA2.user.id, t.providerA2.user.email] },
      A2: { clinicId: A.id, ids: [...bIds, t.providerA1.user.id, t.providerA1.user.email] },
      keyA: { clinicId: A.id, ids: bIds },
      keyW: { clinicId: A.id, ids: bIds },
      admB: { clinicId: B.id, ids: aIds },
    };
    const leaks: string[] = [];
    for (const { caller, row, reply } of replies) {
      const rule = foreign[caller];
      if (!rule) continue;
      const where = `${row.method} ${row.route} [${row.target}] as ${caller}`;
      for (const id of rule.ids) if (reply.text.includes(id)) leaks.push(`${where} shows ${id}`);
      for (const object of objectsIn(reply.json)) {
        if ('clinicId' in object && object['clinicId'] !== rule.clinicId) {
          leaks.push(`${where} lists a row of clinic ${String(object['clinicId'])}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The lists the clinic admins got were not empty: the check above had rows to look at.
    const listed = (caller: CallerName, route: string) =>
      replies.filter((r) => r.caller === caller && r.row.route === route && r.reply.status === 200);
    for (const caller of ['admA', 'admB'] as const) {
      for (const route of [
        '/api/v1/clinics/:clinicId/users',
        '/api/v1/clinics/:clinicId/api-keys',
        '/api/v1/audit-events',
      ]) {
        const data = listed(caller, route).flatMap((r) => (r.reply.json as { data: unknown[] }).data);
        expect(data.length).toBeGreaterThan(0);
      }
    }
  });

  it('answers a foreign id exactly like an id that does not exist', async () => {
    const cases: Array<[Caller, string, string, string, unknown?]> = [
      [t.adminA, 'GET', `/api/v1/clinics/${t.clinicB.id}`, `/api/v1/clinics/${randomUUID()}`],
      [t.providerA1, 'GET', `/api/v1/clinics/${t.clinicB.id}`, `/api/v1/clinics/${randomUUID()}`],
      [t.adminA, 'GET', `/api/v1/clinics/${t.clinicB.id}/users`, `/api/v1/clinics/${randomUUID()}/users`],
      [
        t.adminB,
        'GET',
        `/api/v1/clinics/${t.clinicA.id}/api-keys`,
        `/api/v1/clinics/${randomUUID()}/api-keys`,
      ],
      [
        t.adminA,
        'PATCH',
        `/api/v1/users/${t.adminB.user.id}`,
        `/api/v1/users/${randomUUID()}`,
        { name: 'x' },
      ],
      [
        t.providerA1,
        'PATCH',
        `/api/v1/users/${t.providerA2.user.id}`,
        `/api/v1/users/${randomUUID()}`,
        { name: 'x' },
      ],
      [
        t.adminA,
        'PATCH',
        `/api/v1/users/${t.platform.user.id}`,
        `/api/v1/users/${randomUUID()}`,
        { name: 'x' },
      ],
      [t.adminA, 'DELETE', `/api/v1/api-keys/${t.keyB.id}`, `/api/v1/api-keys/${randomUUID()}`],
    ];
    for (const [caller, method, foreignPath, missingPath, body] of cases) {
      const foreign = await call(api.baseUrl, method, foreignPath, { caller, body });
      const missing = await call(api.baseUrl, method, missingPath, { caller, body });
      expectProblem(foreign, 404, 'not_found');
      expect(problemShape(foreign)).toEqual(problemShape(missing));
    }
    // And nothing happened to the foreign resources.
    const keysOfB = await call(api.baseUrl, 'GET', `/api/v1/clinics/${t.clinicB.id}/api-keys`, {
      caller: t.adminB,
    });
    const keyB = (keysOfB.json as { data: Array<{ id: string; revokedAt: string | null }> }).data.find(
      (k) => k.id === t.keyB.id,
    );
    expect(keyB?.revokedAt).toBeNull();
  });

  it('lets a clinic admin filter the audit log by another clinic only into an empty page', async () => {
    const reply = await call(api.baseUrl, 'GET', `/api/v1/audit-events?clinicId=${t.clinicB.id}`, {
      caller: t.adminA,
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ data: [], nextCursor: null });
  });

  it('never falls back from a bad API key to the session cookie', async () => {
    const reply = await call(api.baseUrl, 'GET', '/api/v1/clinics', {
      caller: t.platform,
      headers: { authorization: `Bearer ${t.keyRevoked.key}` },
    });
    expectProblem(reply, 401, 'unauthenticated');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  describe('CSRF on session requests that change state', () => {
    const clinicCount = async () =>
      (
        (await call(api.baseUrl, 'GET', '/api/v1/clinics', { caller: t.platform })).json as {
          data: unknown[];
        }
      ).data.length;

    it('refuses a POST, PATCH or DELETE without the token, with a wrong one, or with another session’s', async () => {
      const before = await clinicCount();
      const body = { name: 'Forged clinic', timezone: 'UTC' };
      const cookieOnly = { cookie: t.platform.cookie };
      const attempts: Array<[string, string, Record<string, string>, unknown?]> = [
        ['POST', '/api/v1/clinics', cookieOnly, body],
        ['POST', '/api/v1/clinics', { ...cookieOnly, 'x-csrf-token': 'not-the-token' }, body],
        ['POST', '/api/v1/clinics', { ...cookieOnly, 'x-csrf-token': t.adminA.csrfToken }, body],
        ['POST', '/api/v1/clinics', { ...cookieOnly, 'x-csrf-token': `${t.platform.csrfToken}x` }, body],
        ['POST', '/api/v1/clinics', { ...cookieOnly, 'x-csrf-token': '' }, body],
        ['PATCH', `/api/v1/users/${t.providerA1.user.id}`, cookieOnly, { name: 'Forged' }],
        ['DELETE', `/api/v1/api-keys/${t.keyA.id}`, cookieOnly],
        ['POST', '/api/v1/auth/logout', { cookie: t.adminA.cookie }],
      ];
      for (const [method, path, headers, payload] of attempts) {
        const reply = await call(api.baseUrl, method, path, { headers, body: payload });
        expectProblem(reply, 403, 'csrf_failed');
      }
      // Nothing changed, and the sessions live on.
      expect(await clinicCount()).toBe(before);
      expect((await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: t.adminA })).status).toBe(200);
      // Safe methods need no token.
      expect((await call(api.baseUrl, 'GET', '/api/v1/clinics', { headers: cookieOnly })).status).toBe(200);
    });
  });

  it('records every denial in the audit log as access.denied, within the tenant', async () => {
    const denials = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=access.denied&limit=200', {
      caller: t.platform,
    });
    expect(denials.status).toBe(200);
    type Event = {
      actor: { type: string; id: string | null };
      clinicId: string | null;
      outcome: string;
      details: Record<string, unknown>;
    };
    const events = (denials.json as { data: Event[]; nextCursor: string | null }).data;
    // Every 403 the matrix saw left exactly one row; the CSRF spec above added eight more.
    const forbidden = replies.filter((r) => r.reply.status === 403).length;
    expect(events).toHaveLength(forbidden + 8);
    expect(events.every((e) => e.outcome === 'denied')).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: { type: 'user', id: t.providerA1.user.id },
        clinicId: t.clinicA.id,
        details: { reason: 'not_permitted', method: 'POST', route: '/api/v1/clinics' },
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: { type: 'api_key', id: t.keyA.id },
        clinicId: t.clinicA.id,
        details: expect.objectContaining({ reason: 'not_permitted' }),
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: { type: 'user', id: t.platform.user.id },
        details: { reason: 'csrf_failed', method: 'POST', route: '/api/v1/clinics' },
      }),
    );
    const ofA = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=access.denied&limit=200', {
      caller: t.adminA,
    });
    const aEvents = (ofA.json as { data: Event[] }).data;
    expect(aEvents.length).toBeGreaterThan(0);
    expect(aEvents.every((e) => e.clinicId === t.clinicA.id)).toBe(true);
  });

  it('answers logout as the matrix says (last: it ends the sessions)', async () => {
    const mismatches: string[] = [];
    for (const row of ROWS.filter((r) => `${r.method} ${r.route}` === LAST_ROUTE)) {
      mismatches.push(...(await runRow(row)));
    }
    expect(mismatches).toEqual([]);
    for (const session of [t.platform, t.adminA, t.providerA1, t.providerA2, t.adminB]) {
      expectProblem(await call(api.baseUrl, 'GET', '/api/v1/auth/me', { caller: session }), 401);
    }
  });
});
