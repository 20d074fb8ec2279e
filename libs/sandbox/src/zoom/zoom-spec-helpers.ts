import { createHash, randomBytes } from 'node:crypto';
import { startSandboxServer, type RunningSandbox } from '../server';
import type { SandboxOptions } from '../common/sandbox-options';

/** Helpers shared by this folder's specs: a sandbox on loopback and the calls a Zoom client makes. */

export const USER_CLIENT = { clientId: 'tv-zoom-client', clientSecret: 'tv-zoom-secret' };
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function manualClock(start = Date.parse('2025-03-10T15:00:00Z')): ManualClock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
    set: (ms) => {
      at = ms;
    },
  };
}

export interface ZoomHarness {
  running: RunningSandbox;
  /** `${origin}/sandbox/zoom` */
  base: string;
  /** `${origin}/sandbox/_control` */
  control: string;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function startZoom(
  zoom: Partial<SandboxOptions['zoom']> = {},
  clock = manualClock(),
): Promise<ZoomHarness> {
  const running = await startSandboxServer({
    zoom: { client: USER_CLIENT, ...zoom },
    google: { client: { clientId: 'g', clientSecret: 'g' } },
    now: clock.now,
  });
  return {
    running,
    base: `${running.url}/sandbox/zoom`,
    control: `${running.url}/sandbox/_control`,
    clock,
    close: () => running.close(),
  };
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function http(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A call to the REST API with a bearer token and, when given, a JSON body. */
export function api(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpAnswer> {
  return http(`${base}/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Consent as a browser would give it; returns the redirect's query parameters. */
export async function consent(
  base: string,
  fields: {
    email: string;
    decision?: 'allow' | 'decline';
    challenge?: string;
    state?: string;
    clientId?: string;
  },
): Promise<URLSearchParams> {
  const answer = await http(`${base}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({
      response_type: 'code',
      client_id: fields.clientId ?? USER_CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      state: fields.state ?? 'st-1',
      ...(fields.challenge ? { code_challenge: fields.challenge, code_challenge_method: 'S256' } : {}),
      email: fields.email,
      decision: fields.decision ?? 'allow',
    }),
  });
  if (answer.status !== 302) throw new Error(`consent answered ${answer.status}: ${answer.text}`);
  return new URL(answer.headers.get('location') ?? '').searchParams;
}

export function tokenCall(
  base: string,
  fields: Record<string, string>,
  auth = basic(USER_CLIENT.clientId, USER_CLIENT.clientSecret),
) {
  return http(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
    body: form(fields),
  });
}

export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

/** The whole user OAuth flow with PKCE: consent, then code for tokens. */
export async function signIn(base: string, email: string): Promise<TokenAnswer> {
  const { verifier, challenge } = pkcePair();
  const params = await consent(base, { email, challenge });
  const answer = await tokenCall(base, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  if (answer.status !== 200) throw new Error(`token answered ${answer.status}: ${answer.text}`);
  return answer.json as TokenAnswer;
}

/** A Server-to-Server app for `accountId`, and an account token from it. */
export async function accountToken(base: string, harness: ZoomHarness, accountId: string): Promise<string> {
  const app = { accountId, clientId: `s2s-${accountId}`, clientSecret: `secret-${accountId}` };
  harness.running.sandbox.zoom.registerServerToServerApp(app);
  const answer = await tokenCall(
    base,
    { grant_type: 'account_credentials', account_id: accountId },
    basic(app.clientId, app.clientSecret),
  );
  if (answer.status !== 200) throw new Error(`token answered ${answer.status}: ${answer.text}`);
  return (answer.json as TokenAnswer).access_token;
}
