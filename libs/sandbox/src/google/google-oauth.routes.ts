import express, { type Request, type Response, Router } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FakeContext } from '../common/fake-context';
import { callLocals, vendorCall } from '../common/vendor-call.middleware';
import { renderConsentPage, renderErrorPage } from './consent-page';
import { oauthFaultBody } from './google-errors';
import { EMAIL_SCOPE, parseScopes, SIGN_IN_SCOPES } from './google-scopes';
import type { IdTokenSigner } from './id-token';
import type { IssuedTokens, OAuthStore, TokenFailure } from './oauth-store';

interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  offline: boolean;
  forceConsent: boolean;
  challenge?: { value: string; method: 'S256' | 'plain' };
  expiresAt: number;
}

const PENDING_LIFETIME_MS = 60 * 60_000;
const DEFAULT_EMAIL = 'dr.sandbox@gmail.com';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Google's OAuth 2.0 endpoints: the consent screen (`/o/oauth2/v2/auth`), `/token`, `/revoke` and the
 * JWKS at `/oauth2/v3/certs`, with Google's error codes and wording.
 */
export function createOAuthRouter(ctx: FakeContext, store: OAuthStore, signer: IdTokenSigner): Router {
  const pending = new Map<string, PendingAuthorization>();
  const router = Router();
  // Per route rather than router.use, so that Calendar calls passing this router are not logged twice.
  const pre = [
    vendorCall(ctx, 'google', oauthFaultBody),
    express.urlencoded({ extended: false }),
    express.json(),
  ];

  const htmlError = (res: Response, error: string, detail: string) => {
    res.status(400).type('html').send(renderErrorPage(error, detail));
  };
  const sendConsent = (
    res: Response,
    id: string,
    request: PendingAuthorization,
    email: string,
    problem?: string,
  ) => {
    // The form posts to this origin and is then redirected to the client, which CSP form-action also checks.
    const redirectOrigin = new URL(request.redirectUri).origin;
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; style-src 'unsafe-inline'; form-action 'self' ${redirectOrigin}; frame-ancestors 'none'`,
    );
    res
      .status(problem ? 400 : 200)
      .type('html')
      .send(
        renderConsentPage({
          requestId: id,
          clientId: request.clientId,
          redirectOrigin,
          scopes: request.scopes,
          email,
          problem,
        }),
      );
  };

  router.get('/o/oauth2/v2/auth', ...pre, (req, res) => {
    const q = req.query;
    const clientId = str(q.client_id);
    if (!clientId) return htmlError(res, 'invalid_request', 'Missing required parameter: client_id');
    if (clientId !== ctx.options.google.client.clientId) {
      return htmlError(res, 'invalid_client', 'The OAuth client was not found.');
    }
    const redirectUri = str(q.redirect_uri);
    if (!redirectUri) return htmlError(res, 'invalid_request', 'Missing required parameter: redirect_uri');
    if (!isRedirectUri(redirectUri)) return htmlError(res, 'redirect_uri_mismatch', 'Invalid redirect_uri.');
    if (str(q.response_type) !== 'code') {
      return htmlError(
        res,
        'unsupported_response_type',
        `Invalid response_type: ${str(q.response_type) ?? ''}`,
      );
    }
    const { scopes, unknown } = parseScopes(str(q.scope) ?? '');
    if (unknown.length)
      return htmlError(res, 'invalid_scope', `Some requested scopes were invalid: ${unknown.join(' ')}`);
    if (!scopes.length) return htmlError(res, 'invalid_request', 'Missing required parameter: scope');
    const challenge = str(q.code_challenge);
    const method = str(q.code_challenge_method) ?? 'plain';
    if (challenge && method !== 'S256' && method !== 'plain') {
      return htmlError(res, 'invalid_request', 'Invalid code_challenge_method.');
    }
    const request: PendingAuthorization = {
      clientId,
      redirectUri,
      scopes,
      state: str(q.state),
      offline: str(q.access_type) === 'offline',
      forceConsent: (str(q.prompt) ?? '').split(' ').includes('consent'),
      challenge: challenge ? { value: challenge, method: method as 'S256' | 'plain' } : undefined,
      expiresAt: ctx.now() + PENDING_LIFETIME_MS,
    };
    for (const [id, old] of pending) if (old.expiresAt <= ctx.now()) pending.delete(id);
    const id = randomBytes(18).toString('base64url');
    pending.set(id, request);
    sendConsent(res, id, request, str(q.login_hint) ?? DEFAULT_EMAIL);
  });

  router.post('/o/oauth2/v2/auth', ...pre, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = str(body.request) ?? '';
    const request = pending.get(id);
    if (!request || request.expiresAt <= ctx.now()) {
      return htmlError(
        res,
        'invalid_request',
        'This authorization request has expired. Start again from the app.',
      );
    }
    const target = new URL(request.redirectUri);
    if (str(body.decision) !== 'allow') {
      pending.delete(id);
      target.searchParams.set('error', 'access_denied');
      if (request.state !== undefined) target.searchParams.set('state', request.state);
      return res.redirect(302, target.toString());
    }
    const email = (str(body.email) ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return sendConsent(res, id, request, email, 'Enter a valid email address.');
    }
    pending.delete(id);
    const ticked = new Set(
      ([] as unknown[]).concat(body.scope ?? []).filter((s): s is string => typeof s === 'string'),
    );
    const scopes = request.scopes.filter((scope) => SIGN_IN_SCOPES.has(scope) || ticked.has(scope));
    const user = store.findOrCreateUser(email);
    const code = store.issueCode({
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      sub: user.sub,
      scopes,
      offline: request.offline,
      forceConsent: request.forceConsent,
      challenge: request.challenge,
    });
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    target.searchParams.set('code', code);
    target.searchParams.set('scope', scopes.join(' '));
    target.searchParams.set('authuser', '0');
    target.searchParams.set('prompt', 'consent');
    res.redirect(302, target.toString());
  });

  router.post('/token', ...pre, (req, res) => {
    res.setHeader('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate');
    res.setHeader('Pragma', 'no-cache');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grantType = str(body.grant_type) ?? '';
    if (grantType) callLocals(res).grantType = grantType;
    const client = clientCredentials(req, body);
    const expected = ctx.options.google.client;
    if (!client || client.id !== expected.clientId) {
      return res
        .status(401)
        .json({ error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    }
    if (!sameSecret(client.secret, expected.clientSecret)) {
      return res.status(401).json({ error: 'invalid_client', error_description: 'Unauthorized' });
    }
    let issued: IssuedTokens | TokenFailure;
    if (grantType === 'authorization_code') {
      const code = str(body.code);
      if (!code) return oauthError(res, 'invalid_request', 'Missing required parameter: code');
      issued = store.redeemCode(code, client.id, str(body.redirect_uri), str(body.code_verifier));
    } else if (grantType === 'refresh_token') {
      const refreshToken = str(body.refresh_token);
      if (!refreshToken)
        return oauthError(res, 'invalid_request', 'Missing required parameter: refresh_token');
      issued = store.refresh(refreshToken, client.id);
    } else {
      return oauthError(res, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    }
    if (typeof issued === 'string') return tokenFailure(res, issued, grantType);
    callLocals(res).subject = issued.sub;
    const iat = Math.floor(ctx.now() / 1000);
    const user = store.userBySub(issued.sub);
    res.json({
      access_token: issued.accessToken,
      expires_in: issued.expiresIn,
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
      scope: issued.scopes.join(' '),
      token_type: 'Bearer',
      ...(issued.scopes.includes('openid')
        ? {
            id_token: signer.sign({
              sub: issued.sub,
              aud: client.id,
              email: issued.scopes.includes(EMAIL_SCOPE) ? user?.email : undefined,
              iat,
              exp: iat + 3600,
            }),
          }
        : {}),
    });
  });

  const revoke = (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = str(req.query.token) ?? str(body.token);
    if (!token) return oauthError(res, 'invalid_request', 'Bad Request');
    const sub = store.revokeToken(token);
    if (!sub) return oauthError(res, 'invalid_token', 'Token expired or revoked');
    callLocals(res).subject = sub;
    res.status(200).json({});
  };
  router.post('/revoke', ...pre, revoke);
  router.get('/revoke', ...pre, revoke);

  router.get('/oauth2/v3/certs', ...pre, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=21600');
    res.json(signer.jwks());
  });

  return router;
}

function oauthError(res: Response, error: string, description: string): void {
  res.status(400).json({ error, error_description: description });
}

function tokenFailure(res: Response, failure: TokenFailure, grantType: string): void {
  switch (failure) {
    case 'invalid_grant':
      return oauthError(
        res,
        'invalid_grant',
        grantType === 'refresh_token' ? 'Token has been expired or revoked.' : 'Malformed auth code.',
      );
    case 'invalid_request':
      return oauthError(res, 'invalid_request', 'Missing parameter: redirect_uri');
    case 'redirect_uri_mismatch':
      return oauthError(res, 'redirect_uri_mismatch', 'Bad Request');
    case 'missing_code_verifier':
      return oauthError(res, 'invalid_grant', 'Missing code verifier.');
    case 'invalid_code_verifier':
      return oauthError(res, 'invalid_grant', 'Invalid code verifier.');
  }
}

/** Client credentials from HTTP Basic (client_secret_basic) or the form (client_secret_post). */
function clientCredentials(
  req: Request,
  body: Record<string, unknown>,
): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    try {
      // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    } catch {
      return undefined;
    }
  }
  const id = str(body.client_id);
  return id ? { id, secret: str(body.client_secret) ?? '' } : undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isRedirectUri(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash;
  } catch {
    return false;
  }
}
