import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import {
  type Caller,
  createClinic,
  createKey,
  createUser,
  login,
  PASSWORD,
  PLATFORM_ADMIN,
  revokeKey,
  startIdentityApi,
} from './identity-fixture';

/**
 * Property: whatever body, headers, path ids and query strings arrive at an endpoint of the auth
 * module (and the audit log's query), anonymous or signed in with a valid CSRF token, the API never
 * answers 5xx, and every error is an RFC 9457 problem document with a `code`.
 *
 * FUZZ_RUNS (default 60 per endpoint and caller) and FUZZ_SEED reproduce a failure: the failure
 * message prints the seed and the shrunk counterexample.
 */

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
/** MariaDB repeats the runs for what only its strictness would reveal (column widths, dates): fewer. */
const MARIADB_RUNS = Number(process.env['FUZZ_RUNS'] ?? 10);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

/** Runs a property; on failure, says what broke, on which (shrunk) input, and how to replay it. */
async function holds<T>(name: string, property: fc.IAsyncPropertyWithHooks<T>, runs = RUNS): Promise<void> {
  const details = await fc.check(property, { numRuns: runs, seed: SEED });
  if (!details.failed) return;
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const input = fc.stringify(details.counterexample);
  throw new Error(
    [
      `${name}: failed after ${details.numRuns} runs (shrunk ${details.numShrinks} times)`,
      `  ${error}`,
      `  input: ${input.length > 1_500 ? `${input.slice(0, 1_500)}… (${input.length} characters)` : input}`,
      `  replay: FUZZ_SEED=${details.seed} npx jest e2e/api/identity/fuzz --selectProjects e2e -t '${name}'`,
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------------
// What a reply must look like, whatever was sent

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

async function send(
  baseUrl: string,
  request: Sent,
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Empty when the reply keeps the contract; otherwise what is wrong with it. */
function violations(reply: { status: number; headers: Headers; text: string }): string[] {
  const wrong: string[] = [];
  const type = reply.headers.get('content-type') ?? '';
  if (reply.status >= 500) wrong.push(`a ${reply.status}`);
  if (reply.status === 204) return reply.text ? [...wrong, '204 with a body'] : wrong;
  if (reply.status < 400) {
    if (!/^application\/json/.test(type)) wrong.push(`success as ${type}`);
    return wrong;
  }
  if (!/^application\/problem\+json/.test(type)) return [...wrong, `error as ${type || 'no content type'}`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(reply.text) as Record<string, unknown>;
  } catch {
    return [...wrong, 'problem body is not JSON'];
  }
  if (typeof body['type'] !== 'string') wrong.push('no type');
  if (typeof body['title'] !== 'string') wrong.push('no title');
  if (body['status'] !== reply.status) wrong.push(`status ${String(body['status'])} in the body`);
  if (typeof body['code'] !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body['code'])) wrong.push('no code');
  if ('detail' in body && typeof body['detail'] !== 'string') wrong.push('detail not a string');
  if ('errors' in body) {
    const errors = body['errors'];
    const wellFormed =
      Array.isArray(errors) &&
      errors.every(
        (e) =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as { path?: unknown }).path === 'string' &&
          typeof (e as { message?: unknown }).message === 'string',
      );
    if (!wellFormed) wrong.push('errors not [{path, message}]');
  }
  if (/\bat .+\.js:\d+|node_modules|QueryFailedError|SQLITE_|ER_[A-Z_]+/.test(reply.text))
    wrong.push('internals leak');
  if (reply.status === 429 && !reply.headers.get('retry-after')) wrong.push('429 without Retry-After');
  return wrong;
}

// ---------------------------------------------------------------------------------------------------
// Generators

/** Header values fetch can send: printable Latin-1, no CR/LF/NUL. */
const headerText = (maxLength = 200) =>
  fc.string({
    unit: fc
      .oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
        { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }) },
      )
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });
const base64url = (length: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    minLength: length,
    maxLength: length,
  });

const unicode = (maxLength = 60) => fc.string({ unit: 'binary', maxLength });
const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', '😀', '\u0000', '"', '\\'), fc.integer({ min: 1_000, max: 60_000 }))
  .map(([c, n]) => c.repeat(n));

/** Every kind of JSON value, deep ones included. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((depth) => nest(depth)) },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { minLength: 100, maxLength: 2_000 }) },
  { weight: 1, arbitrary: hugeString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, -0, '', [], {}, '__proto__', 'constructor'),
  },
);

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const emails = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'fuzz-nobody@clinic.test',
    ' FUZZ-Nobody@Clinic.Test ',
    'a@b',
    '@',
    'x'.repeat(300) + '@a.test',
  ),
  unicode(80),
);

/** Objects shaped like this module's bodies: the right names with any values, and extra fields. */
const shapedBody = fc
  .tuple(
    fc.record(
      {
        email: fc.oneof(emails, anyJson),
        password: fc.oneof(fc.string({ maxLength: 140 }), unicode(140), anyJson),
        name: fc.oneof(unicode(250), anyJson),
        role: fc.oneof(
          fc.constantFrom('provider', 'clinic_admin', 'platform_admin', 'PROVIDER', ''),
          anyJson,
        ),
        timezone: fc.oneof(
          fc.constantFrom('Europe/Berlin', 'UTC', 'Mars/Olympus', 'europe/berlin', ''),
          unicode(70),
        ),
        scopes: fc.oneof(
          fc.array(
            fc.constantFrom('appointments:read', 'appointments:write', 'webhooks:manage', 'admin', ''),
          ),
          anyJson,
        ),
        disabled: fc.oneof(fc.boolean(), anyJson),
        zoomUser: fc.oneof(fc.constant(null), unicode(300), anyJson),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(
      fc.oneof(unicode(20), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'clinicId')),
      anyJson,
      {
        maxKeys: 4,
      },
    ),
    fc.boolean(),
  )
  .map(([known, extra, withExtra]) => (withExtra ? { ...extra, ...known } : known));

/** A body as sent on the wire: JSON of anything, or text that is not JSON at all. */
const wireBody: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 4, arbitrary: shapedBody.map((b) => JSON.stringify(b)) },
  { weight: 3, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: unicode(200) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{',
      '{"email":',
      '[1,2',
      'null',
      '"',
      '{"a":1}{"b":2}',
      '\u0000',
      '{"__proto__":{"x":1}}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const contentType = fc.option(
  fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'application/json; charset=bogus',
        'application/merge-patch+json',
        'APPLICATION/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/xml',
        'application/json;;;',
        '*/*',
      ),
    },
    { weight: 1, arbitrary: headerText(60) },
  ),
  { freq: 8 },
);

/** `arbitrary` in about `percent` of the runs, otherwise undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: percent, arbitrary },
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
  );
}

/** Everything a client may add: junk credentials, CSRF tokens, encodings, ids, addresses. */
const junkHeaders = fc.record({
  cookie: sometimes(
    fc.oneof(
      headerText(300),
      base64url(43).map((t) => `tv_session=${t}`),
      headerText(100).map((t) => `tv_session=${t}`),
      fc.constantFrom(
        'tv_session=',
        ';;;',
        'tv_session',
        '__Host-tv_session=abc',
        'a=b; tv_session=x; tv_session=y',
      ),
      fc.constant(`tv_session=${'A'.repeat(4_000)}`),
    ),
    50,
  ),
  authorization: sometimes(
    fc.oneof(
      headerText(200),
      base64url(43).map((t) => `Bearer tvk_${t}`),
      headerText(80).map((t) => `Bearer ${t}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        'bearer tvk_',
        'Basic dXNlcjpwYXNz',
        'Bearer a b',
        'Bearer tvk_' + 'A'.repeat(2_000),
      ),
    ),
    50,
  ),
  'x-csrf-token': sometimes(fc.oneof(headerText(120), base64url(43)), 50),
  'content-encoding': sometimes(
    fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x-junk'),
    8,
  ),
  accept: sometimes(
    fc.oneof(
      fc.constantFrom('text/html', 'application/xml', '*/*', 'application/problem+json'),
      headerText(40),
    ),
    30,
  ),
  'x-request-id': sometimes(headerText(100), 30),
  'x-forwarded-for': sometimes(fc.oneof(fc.ipV4(), fc.ipV6(), headerText(120)), 30),
  'accept-language': sometimes(headerText(60), 20),
});

// Node's HTTP parser answers a request line and headers over 16 KB with a bare 431 before the app
// sees them (see the report); the generators stay under that limit.

/** A path id: the real one, another real-looking one, or anything at all. */
const pathId = (real: () => string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real()) },
    { weight: 2, arbitrary: fc.uuid().map(encodeURIComponent) },
    {
      weight: 3,
      arbitrary: unicode(100)
        .filter((s) => s.length > 0)
        .map(encodeURIComponent),
    },
    { weight: 1, arbitrary: fc.integer({ min: 37, max: 2_000 }).map((n) => 'a'.repeat(n)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '..',
        '%2e%2e',
        '%00',
        '%2F',
        'null',
        '0',
        '-1',
        ' ',
      ),
    },
  );

const isoTime = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const queryValue = fc.oneof(
  isoTime,
  fc.constantFrom(
    '2026-05-04T10:05:00+02:00',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999+14:00',
    '2026-02-30T00:00:00Z',
    'auth.login',
    'access.denied',
    'c2VxOjE',
    'c2VxOjk5OTk5OTk5OTk5OTk5OTk',
    '1e3',
    '0x10',
    'Infinity',
    'NaN',
    '-1',
    '200',
    '201',
  ),
  fc.integer().map(String),
  unicode(80),
  headerText(100),
  fc.integer({ min: 100, max: 1_000 }).map((n) => 'x'.repeat(n)),
);
const queryKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('from', 'to', 'action', 'actorId', 'clinicId', 'limit', 'cursor') },
  { weight: 1, arbitrary: fc.constantFrom('limit[]', 'from[a]', '__proto__', 'constructor', 'bogus', '') },
  { weight: 1, arbitrary: unicode(20) },
);
const queryString = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }).map(encodeQuery) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?%',
      '?%zz=1',
      '?=',
      '?&&&',
      '?limit',
      '?limit=1&limit=2',
      '?a[b]=c',
      '?limit=%',
    ),
  },
  { weight: 1, arbitrary: headerText(100).map((s) => `?${s.replace(/[#\s]/g, '')}`) },
);

function encodeQuery(pairs: Array<[string, string]>): string {
  if (!pairs.length) return '';
  return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

// ---------------------------------------------------------------------------------------------------
// The endpoints

interface Ids {
  clinic: string[];
  user: string[];
  apiKey: string[];
}

interface Endpoint {
  method: string;
  /** The path with its ids (and query string) drawn. */
  path: (ids: () => Ids) => fc.Arbitrary<string>;
  body: boolean;
}

const fixed = (path: string) => () => fc.constant(path);
const ENDPOINTS: Record<string, Endpoint> = {
  'POST /api/v1/auth/login': { method: 'POST', path: fixed('/api/v1/auth/login'), body: true },
  'POST /api/v1/auth/logout': { method: 'POST', path: fixed('/api/v1/auth/logout'), body: true },
  'GET /api/v1/auth/me': { method: 'GET', path: fixed('/api/v1/auth/me'), body: false },
  'POST /api/v1/clinics': { method: 'POST', path: fixed('/api/v1/clinics'), body: true },
  'GET /api/v1/clinics': {
    method: 'GET',
    path: (_ids) => queryString.map((q) => `/api/v1/clinics${q}`),
    body: false,
  },
  'GET /api/v1/clinics/:id': {
    method: 'GET',
    path: (ids) => pathId(() => ids().clinic).map((id) => `/api/v1/clinics/${id}`),
    body: false,
  },
  'POST /api/v1/clinics/:clinicId/users': {
    method: 'POST',
    path: (ids) => pathId(() => ids().clinic).map((id) => `/api/v1/clinics/${id}/users`),
    body: true,
  },
  'GET /api/v1/clinics/:clinicId/users': {
    method: 'GET',
    path: (ids) => pathId(() => ids().clinic).map((id) => `/api/v1/clinics/${id}/users`),
    body: false,
  },
  'PATCH /api/v1/users/:id': {
    method: 'PATCH',
    path: (ids) => pathId(() => ids().user).map((id) => `/api/v1/users/${id}`),
    body: true,
  },
  'POST /api/v1/clinics/:clinicId/api-keys': {
    method: 'POST',
    path: (ids) => pathId(() => ids().clinic).map((id) => `/api/v1/clinics/${id}/api-keys`),
    body: true,
  },
  'GET /api/v1/clinics/:clinicId/api-keys': {
    method: 'GET',
    path: (ids) => pathId(() => ids().clinic).map((id) => `/api/v1/clinics/${id}/api-keys`),
    body: false,
  },
  'DELETE /api/v1/api-keys/:id': {
    method: 'DELETE',
    path: (ids) => pathId(() => ids().apiKey).map((id) => `/api/v1/api-keys/${id}`),
    body: true,
  },
  'GET /api/v1/audit-events': {
    method: 'GET',
    path: () => queryString.map((q) => `/api/v1/audit-events${q}`),
    body: false,
  },
};

/** Signed in, a logout that succeeds costs a new login (a password hash, ~0.2 s): fewer runs there. */
function runsFor(engine: string, endpoint: string, as: string): number {
  const runs = engine === 'mariadb' ? MARIADB_RUNS : RUNS;
  return endpoint === 'POST /api/v1/auth/logout' && as === 'admin' ? Math.min(runs, 15) : runs;
}

const ADMIN_ADDRESS = { 'x-forwarded-for': '192.0.2.250' };

describeEachEngine('fuzzing the identity endpoints of the built API', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let admin: Caller & { kind: 'session' };
  let ids: Ids;

  /** Signs the admin in again when a generated request ended the session (logout, own password). */
  async function keepAdminSignedIn(): Promise<void> {
    const me = await fetch(`${api.baseUrl}/api/v1/auth/me`, { headers: { cookie: admin.cookie } });
    if (me.status !== 200)
      admin = await login(api.baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password, ADMIN_ADDRESS);
  }

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url, TRUST_PROXY: 'loopback' });
    admin = await login(api.baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password, ADMIN_ADDRESS);
    const clinic = await createClinic(api.baseUrl, admin, 'Fuzz clinic');
    const victim = await createUser(api.baseUrl, admin, clinic.id, 'provider', 'fuzz-victim');
    const key = await createKey(api.baseUrl, admin, clinic.id, ['appointments:read'], 'Fuzz key');
    const revoked = await createKey(api.baseUrl, admin, clinic.id, ['appointments:read'], 'Fuzz revoked');
    await revokeKey(api.baseUrl, admin, revoked.id);
    ids = {
      clinic: [encodeURIComponent(clinic.id)],
      user: [victim.id, admin.user.id],
      apiKey: [key.id, revoked.id],
    };
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
    for (const as of ['anonymous', 'admin'] as const) {
      it(`${name} as ${as}: never a 5xx, errors always problem+json`, async () => {
        const tally = new Map<string, number>();
        const request = fc.record({
          path: endpoint.path(() => ids),
          body: endpoint.body ? wireBody : fc.constant(undefined),
          contentType,
          junk: junkHeaders,
          // Signed-in runs mostly keep their own credentials, so that they get past the guard.
          junkCredentials: fc.oneof(
            { weight: 1, arbitrary: fc.constant(true) },
            { weight: 4, arbitrary: fc.constant(false) },
          ),
        });
        await holds(
          `${name} as ${as}`,
          fc.asyncProperty(request, async ({ path, body, contentType: type, junk, junkCredentials }) => {
            const { authorization, 'x-csrf-token': csrf, cookie, ...rest } = junk;
            const headers: Record<string, string> = { 'x-forwarded-for': '203.0.113.77' };
            for (const [header, value] of Object.entries(rest))
              if (value !== undefined) headers[header] = value;
            if (type !== null) headers['content-type'] = type;
            if (as === 'anonymous' || junkCredentials) {
              if (authorization !== undefined) headers['authorization'] = authorization;
              if (csrf !== undefined) headers['x-csrf-token'] = csrf;
            }
            if (as === 'admin') {
              // The session's cookie first (it wins over a junk one of the same name), and its token.
              headers['cookie'] = cookie === undefined ? admin.cookie : `${admin.cookie}; ${cookie}`;
              headers['x-csrf-token'] ??= admin.csrfToken;
            } else if (cookie !== undefined) {
              headers['cookie'] = cookie;
            }
            // Logins only ever guess at accounts other than the admin's, from their own address.
            if (name === 'POST /api/v1/auth/login' && body?.includes(PLATFORM_ADMIN.email)) return;
            const sent: Sent = { method: endpoint.method, path, headers, body };
            const reply = await send(api.baseUrl, sent);
            const code = reply.status >= 400 ? /"code":"([a-z_]+)"/.exec(reply.text)?.[1] : undefined;
            const outcome = `${reply.status}${code ? ` ${code}` : ''}`;
            tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
            const wrong = violations(reply);
            if (wrong.length) {
              throw new Error(`${wrong.join('; ')}\n→ ${reply.status} ${reply.text.slice(0, 300)}`);
            }
            if (as === 'admin' && reply.status < 300 && endpoint.method !== 'GET') await keepAdminSignedIn();
          }),
          runsFor(engine.name, name, as),
        );
        if (process.env['FUZZ_TALLY']) console.log(`${name} as ${as}`, Object.fromEntries(tally));
        // The generated requests must not all bounce off the guard: a signed-in admin reaches the handler.
        if (as === 'admin') {
          const reached = [...tally.keys()].filter((o) => !/^(401|403|429) /.test(o));
          expect(reached.length).toBeGreaterThan(0);
        }
      }, 120_000);
    }
  }
});

describeEachEngine('forwarded client addresses of any shape (TRUST_PROXY=true)', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url, TRUST_PROXY: 'true' });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('sign in, fail and get audited without a 5xx', async () => {
    const address = fc.oneof(fc.ipV4(), fc.ipV6(), headerText(400), fc.constant('x'.repeat(3_000)));
    await holds(
      'login with X-Forwarded-For',
      fc.asyncProperty(address, fc.boolean(), async (forwarded, right) => {
        const reply = await send(api.baseUrl, {
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
          body: JSON.stringify({
            email: right ? PLATFORM_ADMIN.email : `nobody-${randomUUID()}@clinic.test`,
            password: right ? PLATFORM_ADMIN.password : PASSWORD,
          }),
        });
        const wrong = violations(reply);
        if (wrong.length || reply.status !== (right ? 200 : 401)) {
          throw new Error(`${wrong.join('; ')}\n→ ${reply.status} ${reply.text.slice(0, 300)}`);
        }
      }),
      10,
    );
  }, 60_000);
});
