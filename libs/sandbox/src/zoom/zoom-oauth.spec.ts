import {
  accountToken,
  api,
  basic,
  consent,
  http,
  pkcePair,
  REDIRECT_URI,
  signIn,
  startZoom,
  tokenCall,
  USER_CLIENT,
  type TokenAnswer,
  type ZoomHarness,
} from './zoom-spec-helpers';

describe('Zoom fake OAuth', () => {
  let zoom: ZoomHarness;
  beforeEach(async () => {
    zoom = await startZoom();
  });
  afterEach(() => zoom.close());

  describe('consent page', () => {
    it('is accessible HTML without scripts, naming the app and the scopes', async () => {
      const { challenge } = pkcePair();
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: USER_CLIENT.clientId,
        redirect_uri: REDIRECT_URI,
        state: 'abc',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
      const page = await http(`${zoom.base}/oauth/authorize?${query.toString()}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.text).toMatch(/<html lang="en">/);
      expect(page.text).toMatch(/<main>/);
      expect(page.text).toMatch(/<h1>[^<]*tv-zoom-client/);
      expect(page.text).not.toMatch(/<script|\son[a-z]+=/i);
      expect(page.text).toMatch(/<label for="zoom-email">Zoom account email<\/label>/);
      expect(page.text).toMatch(/<input id="zoom-email" name="email" type="email"[^>]*value="[^"]+@[^"]+"/);
      expect(page.text).toMatch(/action="\/sandbox\/zoom\/oauth\/authorize"/);
      expect(page.text).toMatch(/>Allow</);
      expect(page.text).toMatch(/>Decline</);
      for (const scope of ['user:read', 'meeting:read', 'meeting:write']) expect(page.text).toContain(scope);
      expect(page.text).toContain(`value="${challenge}"`);
    });

    it('answers an unknown client or a missing redirect_uri with a 400 page', async () => {
      const unknown = await http(
        `${zoom.base}/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
      );
      expect(unknown.status).toBe(400);
      expect(unknown.text).toMatch(/<main>.*Invalid client_id/s);
      const noRedirect = await http(
        `${zoom.base}/oauth/authorize?response_type=code&client_id=${USER_CLIENT.clientId}`,
      );
      expect(noRedirect.status).toBe(400);
      expect(noRedirect.text).toContain('Missing redirect_uri');
    });

    it('redirects a decline with access_denied and the state', async () => {
      const params = await consent(zoom.base, { email: 'a@example.com', decision: 'decline', state: 'xyz' });
      expect(params.get('error')).toBe('access_denied');
      expect(params.get('state')).toBe('xyz');
      expect(params.get('code')).toBeNull();
    });

    it('gives each new email its own account and finds a known one again', async () => {
      await consent(zoom.base, { email: 'one@example.com' });
      await consent(zoom.base, { email: 'two@example.com' });
      await consent(zoom.base, { email: 'ONE@example.com' });
      const one = zoom.running.sandbox.zoom.findUser('one@example.com');
      const two = zoom.running.sandbox.zoom.findUser('two@example.com');
      expect(one && two && one.accountId !== two.accountId).toBe(true);
    });
  });

  describe('authorization_code with PKCE', () => {
    it('issues bearer tokens for the right verifier, once', async () => {
      const { verifier, challenge } = pkcePair();
      const params = await consent(zoom.base, { email: 'doc@example.com', challenge });
      const code = params.get('code') ?? '';
      const fields = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      };
      const answer = await tokenCall(zoom.base, fields);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 3600,
        scope: 'meeting:read meeting:write user:read',
      });
      const me = await api(zoom.base, (answer.json as TokenAnswer).access_token, 'GET', '/users/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ email: 'doc@example.com' });

      const reuse = await tokenCall(zoom.base, fields);
      expect(reuse.status).toBe(400);
      expect(reuse.json).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });
    });

    it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
      const { verifier, challenge } = pkcePair();
      const code = (await consent(zoom.base, { email: 'doc@example.com', challenge })).get('code') ?? '';
      const wrong = await tokenCall(zoom.base, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: pkcePair().verifier,
      });
      expect(wrong.status).toBe(400);
      expect(wrong.json).toMatchObject({ error: 'invalid_grant' });
      const right = await tokenCall(zoom.base, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      });
      expect(right.status).toBe(400);
    });

    it('refuses a different redirect_uri and a code older than 5 minutes', async () => {
      const { verifier, challenge } = pkcePair();
      const code1 = (await consent(zoom.base, { email: 'doc@example.com', challenge })).get('code') ?? '';
      const mismatch = await tokenCall(zoom.base, {
        grant_type: 'authorization_code',
        code: code1,
        redirect_uri: 'http://127.0.0.1:9/other',
        code_verifier: verifier,
      });
      expect(mismatch.json).toEqual({ reason: 'Redirect URI mismatch.', error: 'invalid_request' });

      const code2 = (await consent(zoom.base, { email: 'doc@example.com', challenge })).get('code') ?? '';
      zoom.clock.advance(5 * 60_000 + 1);
      const late = await tokenCall(zoom.base, {
        grant_type: 'authorization_code',
        code: code2,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
      });
      expect(late.status).toBe(400);
    });

    it('refuses a bad client with 401 invalid_client', async () => {
      const answer = await tokenCall(
        zoom.base,
        { grant_type: 'authorization_code', code: 'x' },
        basic('tv-zoom-client', 'wrong'),
      );
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
      const missing = await tokenCall(zoom.base, { grant_type: 'authorization_code' }, '');
      expect(missing.status).toBe(400);
      expect(missing.json).toMatchObject({ error: 'invalid_client' });
    });
  });

  describe('refresh_token', () => {
    it('rotates, and a superseded refresh token answers exactly invalid_grant', async () => {
      const first = await signIn(zoom.base, 'doc@example.com');
      const second = await tokenCall(zoom.base, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      expect(second.status).toBe(200);
      const rotated = second.json as TokenAnswer;
      expect(rotated.refresh_token).not.toBe(first.refresh_token);
      expect(rotated.access_token).not.toBe(first.access_token);

      const reuse = await tokenCall(zoom.base, {
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token ?? '',
      });
      expect(reuse.status).toBe(400);
      expect(reuse.text).toBe('{"reason":"Invalid Token!","error":"invalid_grant"}');

      const third = await tokenCall(zoom.base, {
        grant_type: 'refresh_token',
        refresh_token: rotated.refresh_token ?? '',
      });
      expect(third.status).toBe(200);
    });
  });

  describe('account_credentials', () => {
    it('issues an account token without a refresh token, only for the app’s account', async () => {
      zoom.running.sandbox.zoom.registerServerToServerApp({
        accountId: 'acct1',
        clientId: 's2s',
        clientSecret: 'sec',
      });
      const answer = await tokenCall(
        zoom.base,
        { grant_type: 'account_credentials', account_id: 'acct1' },
        basic('s2s', 'sec'),
      );
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 3600,
        scope: 'meeting:read:admin meeting:write:admin user:read:admin',
      });
      const other = await tokenCall(
        zoom.base,
        { grant_type: 'account_credentials', account_id: 'acct2' },
        basic('s2s', 'sec'),
      );
      expect(other.status).toBe(400);
      const badSecret = await tokenCall(
        zoom.base,
        { grant_type: 'account_credentials', account_id: 'acct1' },
        basic('s2s', 'x'),
      );
      expect(badSecret.status).toBe(401);
      const userApp = await tokenCall(zoom.base, { grant_type: 'account_credentials', account_id: 'acct1' });
      expect(userApp.status).toBe(401);
    });
  });

  describe('revoke and expiry', () => {
    it('revoke kills the whole grant: access and refresh', async () => {
      const tokens = await signIn(zoom.base, 'doc@example.com');
      const revoke = await http(`${zoom.base}/oauth/revoke`, {
        method: 'POST',
        headers: {
          authorization: basic(USER_CLIENT.clientId, USER_CLIENT.clientSecret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token: tokens.refresh_token ?? '' }).toString(),
      });
      expect(revoke.status).toBe(200);
      expect(revoke.json).toEqual({ status: 'success' });
      const me = await api(zoom.base, tokens.access_token, 'GET', '/users/me');
      expect(me.status).toBe(401);
      expect(me.json).toEqual({ code: 124, message: 'Invalid access token.' });
      const refresh = await tokenCall(zoom.base, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      expect(refresh.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
    });

    it('answers 401 code 124 once the access token has expired on the fake clock', async () => {
      const tokens = await signIn(zoom.base, 'doc@example.com');
      zoom.clock.advance(3599_000);
      expect((await api(zoom.base, tokens.access_token, 'GET', '/users/me')).status).toBe(200);
      zoom.clock.advance(1000);
      const expired = await api(zoom.base, tokens.access_token, 'GET', '/users/me');
      expect(expired.status).toBe(401);
      expect(expired.json).toMatchObject({ code: 124 });
      const refreshed = await tokenCall(zoom.base, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      });
      expect(refreshed.status).toBe(200);
    });

    it('uses the live token-lifetime knob and expires every access token on demand', async () => {
      zoom.running.sandbox.knobs.accessTokenLifetimeSeconds = 60;
      const tokens = await signIn(zoom.base, 'doc@example.com');
      expect(tokens.expires_in).toBe(60);
      const s2s = await accountToken(zoom.base, zoom, 'acct9');
      const expire = await http(`${zoom.control}/zoom/tokens/expire`, { method: 'POST' });
      expect(expire.json).toEqual({ expired: 2 });
      expect((await api(zoom.base, tokens.access_token, 'GET', '/users/me')).status).toBe(401);
      expect((await api(zoom.base, s2s, 'GET', '/users')).status).toBe(401);
    });

    it('answers a missing or malformed bearer with 401 code 124', async () => {
      const none = await http(`${zoom.base}/v2/users/me`);
      expect(none.status).toBe(401);
      expect(none.json).toEqual({ code: 124, message: 'Invalid access token.' });
      const junk = await api(zoom.base, 'not-a-token', 'GET', '/users/me');
      expect(junk.json).toEqual({ code: 124, message: 'Invalid access token.' });
    });
  });
});
