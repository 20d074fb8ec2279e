import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { callLocals } from '../common/vendor-call.middleware';
import { expiredToken, invalidToken, missingScopes, userNotFound, zoomError } from './zoom-errors';
import type { Grant } from './zoom-grants';
import { operationScopes, type ZoomOperation } from './zoom-openapi';
import type { ZoomState } from './zoom-state';
import type { ZoomUser } from './zoom-store';

export interface ZoomAuth {
  grant: Grant;
  /** The token's own user; absent for a Server-to-Server token. */
  user?: ZoomUser;
}

interface AuthLocals {
  zoomAuth?: ZoomAuth;
}

/** Every `/v2` call needs a live bearer token; Zoom answers anything else with code 124. */
export function bearerAuth(state: ZoomState): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) return invalidToken(res);
    const check = state.grants.checkAccess(match[1]);
    if (!check.ok) return check.reason === 'expired' ? expiredToken(res) : invalidToken(res);
    const { grant } = check;
    const user = grant.userId ? state.directory.user(grant.userId) : undefined;
    if (grant.userId && !user) return invalidToken(res);
    callLocals(res).subject = user ? user.id : `account:${grant.accountId}`;
    (res.locals as AuthLocals).zoomAuth = { grant, ...(user ? { user } : {}) };
    next();
  };
}

export function zoomAuth(res: Response): ZoomAuth {
  const auth = (res.locals as AuthLocals).zoomAuth;
  if (!auth) throw new Error('bearerAuth must run first');
  return auth;
}

/** The token must hold one of the scopes the OpenAPI document lists for the operation. */
export function hasScope(res: Response, op: ZoomOperation): boolean {
  const needed = operationScopes(op);
  const held = zoomAuth(res).grant.scopes;
  if (needed.length === 0 || needed.some((scope) => held.includes(scope))) return true;
  missingScopes(res, needed);
  return false;
}

/**
 * The user a `{userId}` path names (`me`, an id or an email). A user token only reaches its own user;
 * a Server-to-Server token any user of its account, `me` being the account owner. Other users are
 * answered as not existing, as Zoom does across accounts.
 */
export function actingUser(
  state: ZoomState,
  res: Response,
  userId: string,
  wording: 'get' | 'act',
): ZoomUser | undefined {
  const auth = zoomAuth(res);
  const found =
    userId === 'me'
      ? (auth.user ?? state.directory.owner(auth.grant.accountId))
      : state.directory.findUser(userId);
  const allowed = auth.user ? found?.id === auth.user.id : found?.accountId === auth.grant.accountId;
  if (!found || !allowed) {
    userNotFound(res, userId, wording);
    return undefined;
  }
  callLocals(res).subject = found.id;
  return found;
}

/**
 * JSON bodies parsed here rather than by express.json so that a malformed body gets Zoom's answer
 * and an empty one counts as `{}`.
 */
export function zoomJsonBody(): RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: '1mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8').trim() : '';
      if (!raw) {
        req.body = {};
        return next();
      }
      try {
        req.body = JSON.parse(raw) as unknown;
      } catch {
        return zoomError(res, 400, 300, 'Request Body should be a valid JSON object.');
      }
      if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
        return zoomError(res, 400, 300, 'Request Body should be a valid JSON object.');
      }
      next();
    },
  ];
}
