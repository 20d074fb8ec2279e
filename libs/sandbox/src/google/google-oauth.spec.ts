import { createPublicKey, createVerify } from 'node:crypto';
import {
  CALENDAR_EVENTS,
  CLIENT,
  type GoogleSandbox,
  REDIRECT_URI,
  signIn,
  startGoogleSandbox,
  submitConsent,
  tokenCall,
} from './google-spec-kit';

const authUrl = (sandbox: GoogleSandbox, params: Record<string, string>) =>
  `${sandbox.base}/o/oauth2/v2/auth?${new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: `openid email ${CALENDAR_EVENTS}`,
    state: 'xyz',
    ...params,
  }).toString()}`;

describe('fake Google OAuth', () => {
  let sandbox: GoogleSandbox;

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves an accessible, script-free consent page with one checkbox per scope', async () => {
    const response = await fetch(authUrl(sandbox, { login_hint: 'a@example.com' }));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(
      "form-action 'self' http://127.0.0.1:9",
    );
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/<main>[\s\S]*<h1>[\s\S]*<\/main>/);
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).toContain('<label for="email">Google account email</label>');
    expect(html).toContain('value="a@example.com"');
    const boxes = [...html.matchAll(/<input type="checkbox" id="([^"]+)"[^>]*value="([^"]+)" checked/g)];
    expect(boxes.map((m) => m[2])).toEqual([
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
      CALENDAR_EVENTS,
    ]);
    for (const box of boxes) expect(html).toContain(`<label for="${box[1]}">`);
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('answers a 400 error page for an unknown client, a missing redirect_uri or an unknown scope', async () => {
    const broken: Record<string, string>[] = [
      { client_id: 'someone-else' },
      { redirect_uri: '' },
      { scope: 'https://example.com/nope' },
    ];
    for (const params of broken) {
      const response = await fetch(authUrl(sandbox, params));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<html lang="en">');
    }
  });

  it('redirects back with access_denied on Cancel and with code, state and granted scope on Allow', async () => {
    const cancelled = await submitConsent(authUrl(sandbox, {}), { decision: 'cancel' });
    expect(`${cancelled.origin}${cancelled.pathname}`).toBe(REDIRECT_URI);
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    expect(cancelled.searchParams.get('state')).toBe('xyz');

    const allowed = await submitConsent(authUrl(sandbox, {}), { email: 'Dr.Allow@Example.com' });
    expect(allowed.searchParams.get('state')).toBe('xyz');
    expect(allowed.searchParams.get('code')).toMatch(/^4\/0A/);
    expect(allowed.searchParams.get('scope')).toContain(CALENDAR_EVENTS);
    expect(sandbox.running.sandbox.google.findUser('dr.allow@example.com')?.email).toBe(
      'dr.allow@example.com',
    );
  });

  it('binds codes to PKCE, redirect_uri and a single use', async () => {
    const back = await submitConsent(
      authUrl(sandbox, { code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }),
    );
    const code = back.searchParams.get('code') as string;
    const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    expect(await (await tokenCall(sandbox, form)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Missing code verifier.',
    });
    const wrongRedirect = await tokenCall(sandbox, {
      ...form,
      code_verifier: 'v',
      redirect_uri: 'http://127.0.0.1:9/other',
    });
    expect(((await wrongRedirect.json()) as { error: string }).error).toBe('redirect_uri_mismatch');

    const plain = await submitConsent(authUrl(sandbox, {}));
    const plainForm = { ...form, code: plain.searchParams.get('code') as string };
    expect((await tokenCall(sandbox, plainForm)).status).toBe(200);
    const replay = await tokenCall(sandbox, plainForm);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');

    const late = await submitConsent(authUrl(sandbox, {}));
    sandbox.clock.advance(10 * 60_000 + 1);
    const expired = await tokenCall(sandbox, { ...form, code: late.searchParams.get('code') as string });
    expect(expired.status).toBe(400);
  });

  it('refuses a wrong client with 401 invalid_client, also over HTTP Basic', async () => {
    const wrong = await tokenCall(
      sandbox,
      { grant_type: 'refresh_token', refresh_token: 'x', client_id: CLIENT.clientId, client_secret: 'nope' },
      false,
    );
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_client');
    const basic = await fetch(`${sandbox.base}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'unknown' }),
    });
    expect(basic.status).toBe(400);
    expect(await basic.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
  });

  it('issues a signed id_token verifiable with the JWKS', async () => {
    const tokens = await signIn(sandbox, { consent: { email: 'id@example.com' } });
    const [header, payload, signature] = (tokens.id_token as string).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const user = sandbox.running.sandbox.google.findUser('id@example.com');
    expect(claims).toMatchObject({
      iss: 'https://accounts.google.com',
      aud: CLIENT.clientId,
      sub: user?.sub,
      email: 'id@example.com',
      email_verified: true,
    });
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    const jwks = (await (await fetch(`${sandbox.base}/oauth2/v3/certs`)).json()) as {
      keys: (Record<string, string> & { kid: string })[];
    };
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const jwk = jwks.keys.find((key) => key.kid === kid);
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    expect(
      createVerify('RSA-SHA256').update(`${header}.${payload}`).verify(key, signature, 'base64url'),
    ).toBe(true);
    const withoutOpenId = await signIn(sandbox, { scopes: [CALENDAR_EVENTS] });
    expect(withoutOpenId.id_token).toBeUndefined();
  });

  it('keeps the refresh token across refreshes and kills the whole grant on revoke', async () => {
    const tokens = await signIn(sandbox, { consent: { email: 'refresh@example.com' } });
    const refreshToken = tokens.refresh_token as string;
    const refreshed = (await (
      await tokenCall(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken })
    ).json()) as Record<string, unknown>;
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.scope).toBe(tokens.scope);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const sub = sandbox.running.sandbox.google.findUser('refresh@example.com')?.sub as string;
    const grants = (await (await fetch(`${sandbox.control}/users/${sub}/grants`)).json()) as {
      grants: object[];
    };
    expect(grants.grants).toEqual([expect.objectContaining({ hasRefreshToken: true, liveAccessTokens: 2 })]);
    expect(JSON.stringify(grants)).not.toContain(refreshToken);

    const revoke = await fetch(`${sandbox.base}/revoke?token=${encodeURIComponent(refreshToken)}`, {
      method: 'POST',
    });
    expect(revoke.status).toBe(200);
    const dead = await tokenCall(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(dead.status).toBe(400);
    expect(await dead.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    const again = await fetch(`${sandbox.base}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: refreshToken }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_token');
  });

  it('issues a refresh token again only with prompt=consent, like Google', async () => {
    const first = await signIn(sandbox, { consent: { email: 'prompt@example.com' } });
    expect(first.refresh_token).toBeDefined();
    const back = await submitConsent(authUrl(sandbox, { access_type: 'offline' }), {
      email: 'prompt@example.com',
    });
    const form = {
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: REDIRECT_URI,
    };
    expect(
      ((await (await tokenCall(sandbox, form)).json()) as Record<string, unknown>).refresh_token,
    ).toBeUndefined();
    const online = await signIn(sandbox, { offline: false, consent: { email: 'online@example.com' } });
    expect(online.refresh_token).toBeUndefined();
  });

  it('records token calls with their grant type and user, never the secret', async () => {
    const { calls } = sandbox.running.sandbox;
    calls.clear();
    const tokens = await signIn(sandbox, { consent: { email: 'log@example.com' } });
    const entry = calls.list({ grantType: 'authorization_code' })[0];
    expect(entry).toMatchObject({ vendor: 'google', method: 'POST', path: '/token', status: 200 });
    expect(entry?.subject).toBe(sandbox.running.sandbox.google.findUser('log@example.com')?.sub);
    const log = JSON.stringify(calls.list());
    for (const secret of [tokens.access_token, tokens.refresh_token as string, CLIENT.clientSecret])
      expect(log).not.toContain(secret);
  });
});
