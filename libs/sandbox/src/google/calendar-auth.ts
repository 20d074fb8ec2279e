import type { Request, Response } from 'express';
import discovery from '../../vendor-specs/google-calendar-v3.discovery.json';
import type { FakeContext } from '../common/fake-context';
import { callLocals } from '../common/vendor-call.middleware';
import { apiErrors } from './google-errors';
import type { GoogleUser, OAuthStore } from './oauth-store';

export interface CalendarCaller {
  user: GoogleUser;
  clientId: string;
  scopes: string[];
}

interface DiscoveryMethod {
  id: string;
  scopes?: string[];
}

/** Each method's accepted scopes, from the discovery document: any one of them authorises the call. */
const METHOD_SCOPES = new Map<string, string[]>(
  Object.values(discovery.resources).flatMap((resource) =>
    Object.values((resource as { methods: Record<string, DiscoveryMethod> }).methods).map(
      (method) => [method.id, method.scopes ?? []] as [string, string[]],
    ),
  ),
);

const QUOTA_WINDOW_MS = 60_000;

/**
 * The checks in front of every Calendar method: the Bearer token, its scopes, forced rate-limit answers
 * (a test control) and Google's per-user quota of requests per minute.
 */
export class CalendarGate {
  private forced: { remaining: number; status: 403 | 429 } = { remaining: 0, status: 403 };
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Google's default per-user quota; a control may change it. */
  perUserPerMinute = 600;

  constructor(
    private readonly ctx: FakeContext,
    private readonly oauth: OAuthStore,
  ) {}

  forceRateLimit(count: number, status: 403 | 429): void {
    this.forced = { remaining: count, status };
  }

  forcedRemaining(): { remaining: number; status: 403 | 429 } {
    return { ...this.forced };
  }

  /** Throws the GoogleApiError Calendar would answer; sets the call log's subject once the token is known. */
  admit(req: Request, res: Response, methodId: string): CalendarCaller {
    const token = bearer(req);
    if (!token) throw apiErrors.loginRequired();
    const grant = this.oauth.authorise(token);
    const user = grant && this.oauth.userBySub(grant.sub);
    if (!grant || !user) throw apiErrors.invalidCredentials();
    callLocals(res).subject = user.sub;
    const accepted = METHOD_SCOPES.get(methodId) ?? [];
    if (!grant.scopes.some((scope) => accepted.includes(scope))) throw apiErrors.insufficientPermissions();
    if (this.forced.remaining > 0) {
      this.forced.remaining--;
      throw apiErrors.rateLimit(this.forced.status);
    }
    this.countQuota(user.sub);
    return { user, clientId: grant.clientId, scopes: grant.scopes };
  }

  private countQuota(sub: string): void {
    const now = this.ctx.now();
    let window = this.windows.get(sub);
    if (!window || now - window.start >= QUOTA_WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(sub, window);
    }
    if (++window.count > this.perUserPerMinute) throw apiErrors.userRateLimit();
  }
}

/** Google takes the token from the Authorization header, or from `access_token` / `oauth_token` in the query. */
function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  for (const name of ['access_token', 'oauth_token']) {
    const value = req.query[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}
