import { type ApiClient, createApiClient, isProblem, type Schemas } from '@televisit/api-client';
import { type RunningApi, startBuiltApi } from '@televisit/testing';
import { randomUUID } from 'node:crypto';

/** Shared by the identity specs: the built API with a platform admin, and two clinics populated. */

export const PLATFORM_ADMIN = { email: 'root@platform.test', password: 'platform-admin-passphrase' };
/** Every user these specs create gets this password (12+ characters, as the policy asks). */
export const PASSWORD = 'correct horse battery staple';

export type User = Schemas['User'];

export function startIdentityApi(env: Record<string, string> = {}): Promise<RunningApi> {
  return startBuiltApi({
    BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    ...env,
  });
}

/** Who sends a request: nobody, a signed-in dashboard user, or an EHR with an API key. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'session'; cookie: string; csrfToken: string; user: User }
  | { kind: 'api_key'; key: string; id: string };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The headers that make a request come from `caller` (with the CSRF token on state-changing ones). */
export function credentials(caller: Caller, method: string): Record<string, string> {
  if (caller.kind === 'session') {
    return SAFE.has(method)
      ? { cookie: caller.cookie }
      : { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken };
  }
  if (caller.kind === 'api_key') return { authorization: `Bearer ${caller.key}` };
  return {};
}

/** The typed client, as `caller`. */
export function clientFor(baseUrl: string, caller: Caller): ApiClient {
  const headers = credentials(caller, 'GET');
  return createApiClient({
    baseUrl,
    headers,
    csrfToken: caller.kind === 'session' ? () => caller.csrfToken : undefined,
  });
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A raw request, for what the typed client will not send (wrong types, bad headers, foreign ids). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { caller?: Caller; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...credentials(options.caller ?? ANONYMOUS, method) };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The session cookie (`name=value`) a login response sets. */
export function sessionCookieOf(res: Response | Reply): string {
  const header = res.headers.get('set-cookie');
  const pair = header?.split(';')[0];
  if (!pair) throw new Error(`no Set-Cookie in the response (${res.status})`);
  return pair;
}

export async function login(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Caller & { kind: 'session' }> {
  const { data, response, error } = await createApiClient({ baseUrl, headers }).POST('/api/v1/auth/login', {
    body: { email, password },
  });
  if (!data) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(error)}`);
  return { kind: 'session', cookie: sessionCookieOf(response), csrfToken: data.csrfToken, user: data.user };
}

/** Asserts an RFC 9457 problem document with televisit's `code`, and returns it. */
export function expectProblem(reply: Reply, status: number, code?: string): Record<string, unknown> {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(isProblem(reply.json)).toBe(true);
  expect(reply.json).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    ...(code ? { code } : {}),
  });
  return reply.json as Record<string, unknown>;
}

/** A problem document without what differs per request, to compare two answers. */
export function problemShape(reply: Reply): unknown {
  const { requestId: _requestId, ...rest } = (reply.json ?? {}) as Record<string, unknown>;
  return { status: reply.status, ...rest };
}

export interface Tenants {
  clinicA: Schemas['Clinic'];
  clinicB: Schemas['Clinic'];
  platform: Caller & { kind: 'session' };
  adminA: Caller & { kind: 'session' };
  providerA1: Caller & { kind: 'session' };
  providerA2: Caller & { kind: 'session' };
  adminB: Caller & { kind: 'session' };
  /** Clinic A's key with every scope. */
  keyA: Caller & { kind: 'api_key' };
  /** Clinic A's key with only webhooks:manage: no scope that any route here asks for. */
  keyWeak: Caller & { kind: 'api_key' };
  /** Clinic A's key, revoked. */
  keyRevoked: Caller & { kind: 'api_key' };
  /** Clinic B's key with every scope. */
  keyB: Caller & { kind: 'api_key' };
}

export const ALL_SCOPES = [
  'appointments:read',
  'appointments:write',
  'appointments:host',
  'webhooks:manage',
] as const;

export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@clinic.test`;
}

export async function createClinic(baseUrl: string, platform: Caller, name: string) {
  const { data, error } = await clientFor(baseUrl, platform).POST('/api/v1/clinics', {
    body: { name, timezone: 'Europe/Berlin' },
  });
  if (!data) throw new Error(`createClinic: ${JSON.stringify(error)}`);
  return data;
}

export async function createUser(
  baseUrl: string,
  by: Caller,
  clinicId: string,
  role: 'clinic_admin' | 'provider',
  label: string,
): Promise<User> {
  const { data, error } = await clientFor(baseUrl, by).POST('/api/v1/clinics/{clinicId}/users', {
    params: { path: { clinicId } },
    body: { email: uniqueEmail(label), name: label, role, password: PASSWORD },
  });
  if (!data) throw new Error(`createUser: ${JSON.stringify(error)}`);
  return data;
}

export async function createKey(
  baseUrl: string,
  by: Caller,
  clinicId: string,
  scopes: ReadonlyArray<(typeof ALL_SCOPES)[number]>,
  name = 'EHR',
): Promise<Caller & { kind: 'api_key' }> {
  const { data, error } = await clientFor(baseUrl, by).POST('/api/v1/clinics/{clinicId}/api-keys', {
    params: { path: { clinicId } },
    body: { name, scopes: [...scopes] },
  });
  if (!data) throw new Error(`createKey: ${JSON.stringify(error)}`);
  return { kind: 'api_key', key: data.key, id: data.apiKey.id };
}

export async function revokeKey(baseUrl: string, by: Caller, id: string): Promise<void> {
  const { response } = await clientFor(baseUrl, by).DELETE('/api/v1/api-keys/{id}', {
    params: { path: { id } },
  });
  if (response.status !== 204) throw new Error(`revokeKey: ${response.status}`);
}

/** Two clinics: A with an admin and two providers, B with an admin; keys for both. */
export async function seedTenants(baseUrl: string): Promise<Tenants> {
  const platform = await login(baseUrl, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  const clinicA = await createClinic(baseUrl, platform, 'Clinic A');
  const clinicB = await createClinic(baseUrl, platform, 'Clinic B');
  const users = await Promise.all([
    createUser(baseUrl, platform, clinicA.id, 'clinic_admin', 'admin-a'),
    createUser(baseUrl, platform, clinicA.id, 'provider', 'provider-a1'),
    createUser(baseUrl, platform, clinicA.id, 'provider', 'provider-a2'),
    createUser(baseUrl, platform, clinicB.id, 'clinic_admin', 'admin-b'),
  ]);
  const [adminA, providerA1, providerA2, adminB] = await Promise.all(
    users.map((user) => login(baseUrl, user.email, PASSWORD)),
  );
  if (!adminA || !providerA1 || !providerA2 || !adminB) throw new Error('seed logins failed');
  const keyA = await createKey(baseUrl, adminA, clinicA.id, ALL_SCOPES, 'EHR A');
  const keyWeak = await createKey(baseUrl, adminA, clinicA.id, ['webhooks:manage'], 'EHR A webhooks');
  const keyRevoked = await createKey(baseUrl, adminA, clinicA.id, ALL_SCOPES, 'EHR A old');
  await revokeKey(baseUrl, adminA, keyRevoked.id);
  const keyB = await createKey(baseUrl, adminB, clinicB.id, ALL_SCOPES, 'EHR B');
  return {
    clinicA,
    clinicB,
    platform,
    adminA,
    providerA1,
    providerA2,
    adminB,
    keyA,
    keyWeak,
    keyRevoked,
    keyB,
  };
}

/** Every object in a JSON value, depth first: to look for rows of another tenant anywhere in a reply. */
export function objectsIn(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (value && typeof value === 'object') {
    return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsIn)];
  }
  return [];
}
