import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import type { calendar_v3 } from 'googleapis';
import { type RunningSandbox, startSandboxServer } from '../server';
import type { GoogleErrorBody } from './google-errors';

/** Helpers for the Google fake's specs: a sandbox on a manual clock, the consent form, a push receiver. */

export const CLIENT = {
  clientId: 'televisit-sandbox.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-sandbox',
};
export const REDIRECT_URI = 'http://127.0.0.1:9/api/v1/connections/google/callback';
export const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';

export interface GoogleSandbox {
  running: RunningSandbox;
  /** `<origin>/sandbox/google` */
  base: string;
  control: string;
  clock: { now: () => number; advance: (ms: number) => void };
  close: () => Promise<void>;
}

export async function startGoogleSandbox(): Promise<GoogleSandbox> {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const running = await startSandboxServer({
    zoom: { client: { clientId: 'zoom', clientSecret: 'zoom' } },
    google: { client: CLIENT },
    now: () => now,
  });
  return {
    running,
    base: `${running.url}/sandbox/google`,
    control: `${running.url}/sandbox/_control/google`,
    clock: { now: () => now, advance: (ms) => (now += ms) },
    close: () => running.close(),
  };
}

export interface ConsentChoice {
  email?: string;
  /** Scopes to untick on the consent page. */
  untick?: string[];
  decision?: 'allow' | 'cancel';
}

/** Opens the consent page at `authUrl` and submits it like a browser; answers the redirect target. */
export async function submitConsent(authUrl: string, choice: ConsentChoice = {}): Promise<URL> {
  const page = await fetch(authUrl);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${html}`);
  const request = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!request) throw new Error('no request field on the consent page');
  const form = new URLSearchParams({ request, decision: choice.decision ?? 'allow' });
  form.set('email', choice.email ?? /id="email" name="email" value="([^"]*)"/.exec(html)?.[1] ?? '');
  // Disabled boxes (sign-in scopes) are not submitted by browsers, so they are left out here too.
  for (const match of html.matchAll(
    /<input type="checkbox" id="[^"]+" name="scope" value="([^"]+)" checked(?! disabled)/g,
  )) {
    const scope = match[1] as string;
    if (!choice.untick?.includes(scope)) form.append('scope', scope);
  }
  const action = new URL('auth', page.url);
  const answer = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || !location)
    throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  return new URL(location);
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  id_token?: string;
}

/** The whole authorization-code flow with PKCE, over plain fetch. */
export async function signIn(
  sandbox: GoogleSandbox,
  options: { scopes?: string[]; offline?: boolean; consent?: ConsentChoice } = {},
): Promise<Tokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const auth = new URL(`${sandbox.base}/o/oauth2/v2/auth`);
  auth.search = new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: (options.scopes ?? ['openid', 'email', CALENDAR_EVENTS]).join(' '),
    state: 'st',
    access_type: options.offline === false ? 'online' : 'offline',
    prompt: 'consent',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const back = await submitConsent(auth.toString(), options.consent);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back.toString()}`);
  const response = await tokenCall(sandbox, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  if (response.status !== 200) throw new Error(`token answered ${response.status}`);
  return (await response.json()) as Tokens;
}

export function tokenCall(
  sandbox: GoogleSandbox,
  form: Record<string, string>,
  withClient = true,
): Promise<Response> {
  const body = new URLSearchParams(form);
  if (withClient) {
    body.set('client_id', CLIENT.clientId);
    body.set('client_secret', CLIENT.clientSecret);
  }
  return fetch(`${sandbox.base}/token`, { method: 'POST', body });
}

/** Whatever a Calendar call may answer, loosely: an event, a list, a channel or an error. */
export type ApiBody = calendar_v3.Schema$Event & {
  items?: calendar_v3.Schema$Event[];
  nextPageToken?: string;
  nextSyncToken?: string;
  resourceId?: string;
  resourceUri?: string;
  expiration?: string;
  error?: GoogleErrorBody['error'];
};

/** A Calendar call with a Bearer token; answers status and parsed body. */
export async function calendar(
  sandbox: GoogleSandbox,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${sandbox.base}/calendar/v3${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as ApiBody };
}

export interface Notification {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver, the stand-in for televisit's push endpoint. */
export async function startReceiver(): Promise<{
  url: string;
  received: Notification[];
  close: () => Promise<void>;
}> {
  const received: Notification[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/google`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
