import express, { type Request, type Response, Router } from 'express';
import { callLocals } from '../common/vendor-call.middleware';
import { consentPage, errorPage } from './consent-page';
import { oauthError } from './zoom-errors';
import { type IssuedTokens } from './zoom-grants';
import { ACCOUNT_SCOPES, USER_SCOPES, type ZoomState } from './zoom-state';

const DEFAULT_CONSENT_EMAIL = 'dr.sandbox@example.com';

/** `/oauth/authorize`, `/oauth/token` and `/oauth/revoke`, as on zoom.us. */
export function zoomOAuthRoutes(state: ZoomState): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const { ctx, directory, grants } = state;
  const userClient = () => ctx.options.zoom.client;

  router.get('/oauth/authorize', (req, res) => {
    const request = readAuthorize(query(req), userClient().clientId);
    if (typeof request === 'string') return htmlError(res, request);
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        consentPage({
          appName: `App ${request.clientId}`,
          scopes: USER_SCOPES,
          request,
          defaultEmail: DEFAULT_CONSENT_EMAIL,
          action: `${req.baseUrl}/oauth/authorize`,
        }),
      );
  });

  router.post('/oauth/authorize', form, (req, res) => {
    const fields = strings(req.body);
    const request = readAuthorize(fields, userClient().clientId);
    if (typeof request === 'string') return htmlError(res, request);
    const target = new URL(request.redirectUri);
    if (fields['decision'] !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const email = (fields['email'] ?? '').trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return htmlError(res, 'Enter a valid email address.');
      const user = directory.findOrSignUp(email);
      callLocals(res).subject = user.id;
      const code = grants.issueCode({
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        challenge: request.codeChallenge,
        challengeMethod: request.codeChallengeMethod,
        userId: user.id,
        accountId: user.accountId,
        scopes: USER_SCOPES,
      });
      target.searchParams.set('code', code);
    }
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/token', form, (req, res) => {
    // Zoom reads the parameters from the body or, for older integrations, the query string.
    const fields = { ...query(req), ...strings(req.body) };
    const grantType = fields['grant_type'];
    if (grantType) callLocals(res).grantType = grantType;
    const client = clientCredentials(req, fields);
    if (!client) return oauthError(res, 400, 'invalid_client', 'Client ID or client secret is missing.');

    if (grantType === 'account_credentials') {
      const app = directory.app(client.id);
      if (!app || app.clientSecret !== client.secret) return badClient(res);
      const accountId = fields['account_id'];
      if (!accountId) return oauthError(res, 400, 'invalid_request', 'Missing account_id.');
      if (accountId !== app.accountId) return oauthError(res, 400, 'invalid_request', 'Invalid account_id.');
      callLocals(res).subject = `account:${accountId}`;
      return tokenAnswer(res, grants.issueAccountToken(app.clientId, accountId, ACCOUNT_SCOPES), state);
    }

    const known = userClient();
    if (client.id !== known.clientId || client.secret !== known.clientSecret) {
      return directory.app(client.id) && grantType !== undefined
        ? oauthError(res, 400, 'unsupported_grant_type', 'Unsupported grant type')
        : badClient(res);
    }
    if (grantType === 'authorization_code') {
      const check = grants.redeemCode(
        fields['code'] ?? '',
        client.id,
        fields['redirect_uri'],
        fields['code_verifier'],
      );
      if (!check.ok) {
        if (check.reason === 'redirect_mismatch') {
          return oauthError(res, 400, 'invalid_request', 'Redirect URI mismatch.');
        }
        return oauthError(res, 400, 'invalid_grant', 'Invalid authorization code');
      }
      const { code } = check;
      callLocals(res).subject = code.userId;
      return tokenAnswer(
        res,
        grants.issueUserGrant(client.id, code.accountId, code.userId, code.scopes),
        state,
      );
    }
    if (grantType === 'refresh_token') {
      const issued = grants.refresh(client.id, fields['refresh_token'] ?? '');
      if (!issued) return oauthError(res, 400, 'invalid_grant', 'Invalid Token!');
      if (issued.grant.userId) callLocals(res).subject = issued.grant.userId;
      return tokenAnswer(res, issued, state);
    }
    if (!grantType) return oauthError(res, 400, 'invalid_request', 'Missing grant type.');
    return oauthError(res, 400, 'unsupported_grant_type', 'Unsupported grant type');
  });

  router.post('/oauth/revoke', form, (req, res) => {
    const fields = { ...query(req), ...strings(req.body) };
    const client = clientCredentials(req, fields);
    if (!client) return oauthError(res, 400, 'invalid_client', 'Client ID or client secret is missing.');
    const app = directory.app(client.id);
    const secret = app
      ? app.clientSecret
      : client.id === userClient().clientId
        ? userClient().clientSecret
        : undefined;
    if (secret === undefined || secret !== client.secret) return badClient(res);
    const token = fields['token'];
    if (!token) return oauthError(res, 400, 'invalid_request', 'Token cannot be empty.');
    // RFC 7009: an unknown or already revoked token is not an error, the caller's goal is reached.
    grants.revokeToken(token, client.id);
    res.json({ status: 'success' });
  });

  return router;
}

type AuthorizeRequest = {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
};

/** The authorize parameters, or what is wrong with them (shown on an error page, never redirected). */
function readAuthorize(fields: Record<string, string>, knownClientId: string): AuthorizeRequest | string {
  const clientId = fields['client_id'];
  if (!clientId || clientId !== knownClientId) return 'Invalid client_id.';
  if (fields['response_type'] !== 'code') return 'Unsupported response_type: only "code" is supported.';
  const redirectUri = fields['redirect_uri'];
  if (!redirectUri) return 'Missing redirect_uri.';
  let parsed: URL;
  try {
    parsed = new URL(redirectUri);
  } catch {
    return 'Invalid redirect_uri.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'Invalid redirect_uri.';
  const method = fields['code_challenge_method'];
  const challenge = fields['code_challenge'];
  if (method !== undefined && method !== 'S256' && method !== 'plain')
    return 'Invalid code_challenge_method.';
  if (challenge !== undefined && !/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge))
    return 'Invalid code_challenge.';
  return {
    clientId,
    redirectUri,
    ...(fields['state'] !== undefined ? { state: fields['state'] } : {}),
    ...(challenge !== undefined ? { codeChallenge: challenge, codeChallengeMethod: method ?? 'plain' } : {}),
  };
}

function htmlError(res: Response, message: string): void {
  res.status(400).type('html').send(errorPage(message));
}

function badClient(res: Response): void {
  oauthError(res, 401, 'invalid_client', 'Invalid client_id or client_secret');
}

function tokenAnswer(res: Response, issued: IssuedTokens, state: ZoomState): void {
  res.set('Cache-Control', 'no-store').json({
    access_token: issued.accessToken,
    token_type: 'bearer',
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    expires_in: state.ctx.knobs.accessTokenLifetimeSeconds,
    scope: issued.grant.scopes.join(' '),
  });
}

/** HTTP Basic first, as Zoom documents it; form fields as the fallback Zoom also accepts. */
function clientCredentials(
  req: Request,
  fields: Record<string, string>,
): { id: string; secret: string } | undefined {
  const header = req.get('authorization');
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    return undefined;
  }
  const id = fields['client_id'];
  const secret = fields['client_secret'];
  return id && secret ? { id, secret } : undefined;
}

function query(req: Request): Record<string, string> {
  return strings(req.query);
}

/** Only single string values: repeated or nested parameters are treated as absent. */
function strings(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (source && typeof source === 'object') {
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string') out[key] = value;
    }
  }
  return out;
}
