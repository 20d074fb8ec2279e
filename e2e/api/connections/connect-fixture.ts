import { call, type Caller, type Reply } from '../identity/identity-fixture';

export type SessionCaller = Caller & { kind: 'session' };

export interface ConsentForm {
  action: string;
  fields: Record<string, string>;
  checkboxes: string[];
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Reads the sandbox consent page's form: where it posts, its hidden fields and its scope checkboxes. */
export function parseConsentForm(html: string): ConsentForm {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no consent form in:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1] as string] = unescape(m[2] as string);
  }
  const checkboxes = [...html.matchAll(/<input[^>]*type="checkbox"[^>]*value="([^"]+)"/g)].map((m) =>
    unescape(m[1] as string),
  );
  return { action: unescape(action), fields, checkboxes };
}

export interface ConnectOptions {
  email: string;
  decision?: 'allow' | 'decline' | 'cancel';
  /** Google: the scopes left ticked (default: all). */
  scopes?: (offered: string[]) => string[];
  /** Finish the flow on this session instead of the one that started it. */
  finishAs?: SessionCaller;
}

export interface ConnectResult {
  /** The callback URL the vendor redirected the browser to. */
  callbackUrl: string;
  /** Where televisit's callback sent the browser (the dashboard, with the outcome). */
  landing: URL;
}

/**
 * A provider's browser through the connect flow, over HTTP: authorize → the sandbox consent page →
 * submit it → the vendor's redirect to our callback → our redirect into the dashboard.
 */
export async function connect(
  baseUrl: string,
  provider: SessionCaller,
  vendor: 'zoom' | 'google',
  options: ConnectOptions,
): Promise<ConnectResult> {
  const started = await call(
    baseUrl,
    'POST',
    `/api/v1/users/${provider.user.id}/connections/${vendor}/authorize`,
    {
      caller: provider,
    },
  );
  if (started.status !== 200) throw new Error(`authorize answered ${started.status}: ${started.text}`);
  const authorizationUrl = new URL((started.json as { authorizationUrl: string }).authorizationUrl);
  // In-process sandbox links name localhost (PUBLIC_URL); reach it where the API listens.
  if (authorizationUrl.hostname === 'localhost') authorizationUrl.host = new URL(baseUrl).host;
  const page = await fetch(authorizationUrl);
  const form = parseConsentForm(await page.text());
  const body = new URLSearchParams(form.fields);
  body.set('email', options.email);
  body.set('decision', options.decision ?? 'allow');
  const ticked = options.scopes ? options.scopes(form.checkboxes) : form.checkboxes;
  for (const scope of ticked) body.append('scope', scope);
  const consent = await fetch(new URL(form.action, authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
  const callbackUrl = consent.headers.get('location');
  if (consent.status !== 302 || !callbackUrl) throw new Error(`consent answered ${consent.status}`);
  return { callbackUrl, landing: await finish(baseUrl, callbackUrl, options.finishAs ?? provider) };
}

/** Follows the vendor's redirect to our callback as `caller`; returns where we send the browser. */
export async function finish(baseUrl: string, callbackUrl: string, caller: Caller): Promise<URL> {
  const url = new URL(callbackUrl);
  const reply: Reply = await call(baseUrl, 'GET', url.pathname + url.search, { caller });
  const location = reply.headers.get('location');
  if (reply.status !== 302 || !location) throw new Error(`callback answered ${reply.status}: ${reply.text}`);
  return new URL(location);
}

export interface ConnectionView {
  vendor: string;
  available: boolean;
  status: string;
  accountEmail: string | null;
  scopes: string[];
  connectedAt: string | null;
  lastError: string | null;
}

export async function connectionOf(
  baseUrl: string,
  caller: SessionCaller,
  userId: string,
  vendor: string,
): Promise<ConnectionView | undefined> {
  const reply = await call(baseUrl, 'GET', `/api/v1/users/${userId}/connections`, { caller });
  if (reply.status !== 200) throw new Error(`connections answered ${reply.status}`);
  return (reply.json as ConnectionView[]).find((c) => c.vendor === vendor);
}

/** `provider` disconnects `vendor` themself, as in the dashboard; the API must answer 204. */
export async function disconnect(baseUrl: string, provider: SessionCaller, vendor: string): Promise<void> {
  const path = `/api/v1/users/${provider.user.id}/connections/${vendor}`;
  const reply = await call(baseUrl, 'DELETE', path, { caller: provider });
  if (reply.status !== 204) throw new Error(`disconnecting ${vendor} answered ${reply.status}`);
}

export interface SandboxCall {
  vendor: string;
  method: string;
  path: string;
  status: number;
  subject?: string;
  grantType?: string;
  seq: number;
}

export async function sandboxCalls(baseUrl: string, query = ''): Promise<SandboxCall[]> {
  const res = await fetch(`${baseUrl}/sandbox/_control/calls${query}`);
  return (await res.json()) as SandboxCall[];
}
