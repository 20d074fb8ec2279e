// Setting up the built API for benchmarks that need data: the fake vendors as their own process
// (`node dist/apps/api/sandbox.js`), a throwaway MariaDB database, a clinic with a provider connected
// to Zoom and an API key, and appointments booked through the API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, WORKSPACE_ROOT } from './harness.mjs';

const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
const SANDBOX_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/sandbox.js');
const PLATFORM_ADMIN = { email: 'root@bench.test', password: 'bench-platform-passphrase' };
const PASSWORD = 'correct horse battery staple';

export function assertBuilt() {
  for (const file of [API_MAIN, SANDBOX_MAIN]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing: build first (npx nx run api:build --outputStyle=static)`);
  }
}

/** The fake vendors in a process of their own; resolves with the `{ url, env }` line it prints. */
async function startSandboxProcess() {
  const child = spawn(process.execPath, [SANDBOX_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const announced = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
  });
  return {
    ...announced,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * For experiments: a variant of the built API written next to it (`dist/apps/api/main.<name>.js`, so
 * that its requires resolve), with each edit `[what, becomes]` applied, `what` a string or a regular
 * expression the build must contain exactly once. Throws when it does not, so that an experiment never
 * measures an unedited build. Returns the variant's path; remove it with `rmSync` when done.
 */
export function writeApiVariant(name, edits) {
  let built = readFileSync(API_MAIN, 'utf8');
  for (const [what, becomes] of edits) {
    const found =
      typeof what === 'string'
        ? built.split(what).length - 1
        : [...built.matchAll(new RegExp(what.source, `${what.flags.replace('g', '')}g`))].length;
    if (found !== 1) throw new Error(`the build no longer has the expected shape (${String(what)})`);
    built = built.replace(what, becomes);
  }
  const path = join(WORKSPACE_ROOT, `dist/apps/api/main.${name}.js`);
  writeFileSync(path, built);
  return path;
}

/** SQLite in a temporary directory; `{ url, drop }`. */
export function sqliteDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'televisit-bench-db-'));
  return {
    engine: 'sqlite',
    url: `sqlite:${join(dir, 'televisit.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh `televisit_t_*` database on TEST_MARIADB_URL (default root@127.0.0.1:3306), or null when unreachable. */
export async function mariadbDatabase() {
  const { createConnection } = await import('mysql2/promise');
  const admin = new URL(process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const connect = () =>
    createConnection({
      host: admin.hostname,
      port: Number(admin.port || 3306),
      user: decodeURIComponent(admin.username || 'root'),
      password: decodeURIComponent(admin.password),
      connectTimeout: 3_000,
    });
  const name = `televisit_t_${randomBytes(6).toString('hex')}`;
  let connection;
  try {
    connection = await connect();
  } catch (error) {
    process.stdout.write(`  MariaDB not reachable (${error.message}): its rows are left out\n`);
    return null;
  }
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    engine: 'mariadb',
    url: url.toString(),
    drop: async () => {
      const c = await connect();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * The built API (or `script`, a variant of it) on `database`, pointed at the sandbox process, with a
 * clinic seeded (`seedClinic`);
 * `cleanup` drops the database and the API's data directory once the API has stopped.
 */
export async function startSeededApi(database, sandbox, extraEnv = {}, script = API_MAIN) {
  const env = { ...apiEnv(database, sandbox), ...extraEnv };
  const api = await startServer({ label: `api ${database.engine}`, script, env });
  const { key, providerId } = await seedClinic(api.url);
  return {
    api,
    key,
    providerId,
    cleanup: async () => {
      await database.drop();
      rmSync(env.DATA_DIR, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `work(sandbox)` with the fake vendors in a process of their own, Zoom's daily cap lifted so
 * that a benchmark's bookings all get meetings; stops the sandbox whatever happens.
 */
export async function withSandboxProcess(work) {
  const sandbox = await startSandboxProcess();
  try {
    await setKnobs(sandbox, { zoomDailyCap: 1_000_000 });
    await work(sandbox);
  } finally {
    await sandbox.stop();
  }
}

/** The environment for the built API on `database`, pointed at the sandbox process. */
function apiEnv(database, sandbox) {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'televisit-bench-data-')),
    DATABASE_URL: database.url,
    BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ...sandbox.env,
  };
}

async function send(baseUrl, method, path, { session, key, body, headers = {} } = {}) {
  const h = { ...headers };
  if (session) {
    h.cookie = session.cookie;
    if (method !== 'GET') h['x-csrf-token'] = session.csrfToken;
  }
  if (key) h.authorization = `Bearer ${key}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(baseUrl + path, {
    method,
    headers: h,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

async function expectStatus(promise, status, what) {
  const reply = await promise;
  if (reply.status !== status)
    throw new Error(`${what} answered ${reply.status}: ${reply.text.slice(0, 500)}`);
  return reply;
}

async function login(baseUrl, email, password) {
  const reply = await expectStatus(
    send(baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } }),
    200,
    `login of ${email}`,
  );
  const cookie = reply.headers.get('set-cookie')?.split(';')[0];
  return { cookie, csrfToken: reply.json.csrfToken, user: reply.json.user };
}

const unescapeHtml = (s) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The provider's browser through Zoom's connect flow against the sandbox. */
async function connectZoom(baseUrl, provider, email) {
  const started = await expectStatus(
    send(baseUrl, 'POST', `/api/v1/users/${provider.user.id}/connections/zoom/authorize`, {
      session: provider,
    }),
    200,
    'authorize',
  );
  const authorizationUrl = new URL(started.json.authorizationUrl);
  const html = await (await fetch(authorizationUrl)).text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('no consent form on the sandbox page');
  const form = new globalThis.URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    form.set(m[1], unescapeHtml(m[2]));
  }
  for (const m of html.matchAll(/<input[^>]*type="checkbox"[^>]*value="([^"]+)"/g)) {
    form.append('scope', unescapeHtml(m[1]));
  }
  form.set('email', email);
  form.set('decision', 'allow');
  const consent = await fetch(new URL(unescapeHtml(action), authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const callback = consent.headers.get('location');
  if (consent.status !== 302 || !callback) throw new Error(`consent answered ${consent.status}`);
  const url = new URL(callback);
  const landed = await send(baseUrl, 'GET', url.pathname + url.search, { session: provider });
  const landing = landed.headers.get('location') ?? '';
  if (landed.status !== 302 || !landing.includes('result=connected')) {
    throw new Error(`the Zoom callback answered ${landed.status} → ${landing}`);
  }
}

/**
 * A clinic with an admin and a provider connected to Zoom, and an API key with the appointment
 * scopes. Resolves with `{ key, providerId }`.
 */
async function seedClinic(baseUrl) {
  const platform = await login(baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  const clinic = (
    await expectStatus(
      send(baseUrl, 'POST', '/api/v1/clinics', {
        session: platform,
        body: { name: 'Bench Clinic', timezone: 'UTC' },
      }),
      201,
      'create clinic',
    )
  ).json;
  const user = async (role, label) =>
    (
      await expectStatus(
        send(baseUrl, 'POST', `/api/v1/clinics/${clinic.id}/users`, {
          session: platform,
          body: {
            email: `${label}-${randomBytes(3).toString('hex')}@bench.test`,
            name: label,
            role,
            password: PASSWORD,
          },
        }),
        201,
        `create ${role}`,
      )
    ).json;
  const adminUser = await user('clinic_admin', 'admin');
  const providerUser = await user('provider', 'provider');
  const admin = await login(baseUrl, adminUser.email, PASSWORD);
  const provider = await login(baseUrl, providerUser.email, PASSWORD);
  const key = (
    await expectStatus(
      send(baseUrl, 'POST', `/api/v1/clinics/${clinic.id}/api-keys`, {
        session: admin,
        body: { name: 'bench EHR', scopes: ['appointments:read', 'appointments:write'] },
      }),
      201,
      'create API key',
    )
  ).json.key;
  await connectZoom(baseUrl, provider, `${providerUser.email.split('@')[0]}@zoom.bench.test`);
  return { key, providerId: providerUser.id };
}

export function bookingBody(providerId, startTime, durationMinutes = 30) {
  return {
    providerId,
    startTime: startTime.toISOString(),
    durationMinutes,
    timezone: 'UTC',
    videoProvider: 'zoom',
    patient: { displayName: 'Bench Patient' },
  };
}

/** Books one appointment with the API key and waits until its Zoom meeting is ready. */
export async function bookReady(baseUrl, key, body, timeoutMs = 20_000) {
  const created = await expectStatus(
    send(baseUrl, 'POST', '/api/v1/appointments', { key, body }),
    201,
    'booking',
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = (await send(baseUrl, 'GET', `/api/v1/appointments/${created.json.id}`, { key })).json;
    if (a?.meeting?.status === 'ready') return a;
    if (Date.now() > deadline)
      throw new Error(`the meeting did not become ready: ${JSON.stringify(a?.meeting)}`);
    await sleep(100);
  }
}

/** PUT /sandbox/_control/knobs of the sandbox process. */
async function setKnobs(sandbox, knobs) {
  await expectStatus(
    fetch(`${sandbox.url}/sandbox/_control/knobs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(knobs),
    }).then(async (res) => ({ status: res.status, text: await res.text() })),
    200,
    'set knobs',
  );
}
