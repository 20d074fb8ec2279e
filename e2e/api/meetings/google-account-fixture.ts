import type { SandboxClient } from '@televisit/sandbox';
import type { Vault } from '@televisit/api-vault';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

const REDIRECT_URI = 'http://127.0.0.1:9/oauth/google/callback';
export const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
const GRANTED_SCOPES = ['openid', 'https://www.googleapis.com/auth/userinfo.email', CALENDAR_EVENTS];

export interface GoogleTokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

/** The sealed-column binding of `connections` rows (auth's tokenBinding; not exported by auth). */
export const connectionBinding = (rowId: string, column: 'access_token' | 'refresh_token') => ({
  table: 'connections',
  column,
  rowId,
});

/**
 * Google's consent flow with PKCE, offline access and the calendar.events scope ticked, as a browser
 * and televisit would drive it against the fake at `googleBase`; answers the token endpoint's tokens.
 */
export async function signInToGoogle(
  googleBase: string,
  client: SandboxClient,
  email: string,
): Promise<GoogleTokens> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${googleBase}/o/oauth2/v2/auth`);
  for (const [name, value] of Object.entries({
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: `openid email ${CALENDAR_EVENTS}`,
    access_type: 'offline',
    prompt: 'consent',
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    login_hint: email,
  })) {
    authorize.searchParams.set(name, value);
  }
  const page = await (await fetch(authorize)).text();
  const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
  if (!request) throw new Error('no consent form');
  const consent = await fetch(authorize.origin + authorize.pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, email, decision: 'allow', scope: CALENDAR_EVENTS }).toString(),
  });
  const code = new URL(consent.headers.get('location') ?? 'http://x').searchParams.get('code');
  if (consent.status !== 302 || !code) throw new Error(`consent answered ${consent.status}`);
  const answer = await fetch(`${googleBase}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).toString(),
  });
  if (answer.status !== 200) throw new Error(`the token endpoint answered ${answer.status}`);
  return (await answer.json()) as GoogleTokens;
}

/**
 * Replaces the user's Google connection with a row as auth stores it (tokens sealed, expiry from
 * `expires_in`); `access` stores another access token than the one Google issued. Answers the row id.
 */
export async function writeGoogleConnection(
  dataSource: DataSource,
  vault: Vault,
  userId: string,
  status: 'connected' | 'needs_reauth' | 'not_connected',
  grant?: { tokens: GoogleTokens; accountId: string; access?: string },
): Promise<string> {
  const id = randomUUID();
  const repository = dataSource.getRepository('connections');
  await repository.delete({ userId, vendor: 'google' });
  await repository.insert({
    id,
    userId,
    clinicId: 'c1',
    vendor: 'google',
    status,
    accountId: grant?.accountId ?? null,
    accountEmail: null,
    scopes: grant ? GRANTED_SCOPES : [],
    sealedAccessToken: grant
      ? vault.seal(grant.access ?? grant.tokens.access_token, connectionBinding(id, 'access_token'))
      : null,
    sealedRefreshToken: grant?.tokens.refresh_token
      ? vault.seal(grant.tokens.refresh_token, connectionBinding(id, 'refresh_token'))
      : null,
    accessExpiresAt: grant ? new Date(Date.now() + grant.tokens.expires_in * 1000) : null,
    connectedAt: grant ? new Date() : null,
    lastError: status === 'needs_reauth' ? 'invalid_grant' : null,
    leaseOwner: null,
    leaseUntil: null,
    tokenVersion: 0,
  });
  return id;
}
