import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import {
  APP_CONFIG,
  type AppConfig,
  DomainException,
  ErrorCode,
  type Principal,
  requestMeta,
} from '@televisit/api-core';
import type { Request } from 'express';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { readCookie, sessionCookieName } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';

/**
 * Who is calling: `Authorization: Bearer tvk_…` (an EHR) or the session cookie (the dashboard).
 * A bearer that is not a live key is a 401 at once, never a fall-back to the cookie.
 */
@Injectable()
export class PrincipalResolver {
  private readonly cookieName: string;

  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookieName = sessionCookieName(config.publicUrl.startsWith('https:'));
  }

  async resolve(req: Request): Promise<Principal | null> {
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const principal = bearer ? await this.apiKeys.resolve(bearer) : null;
      if (!principal) {
        throw new DomainException(
          401,
          ErrorCode.Unauthenticated,
          'The API key is missing, malformed or revoked.',
          undefined,
          {
            'WWW-Authenticate': 'Bearer realm="televisit"',
          },
        );
      }
      return principal;
    }
    const token = readCookie(req.headers, this.cookieName);
    if (!token) return null;
    const found = await this.sessions.lookup(token);
    if (found.status === 'expired') {
      await this.audit.recordNow({
        actor: { kind: 'user_id', userId: found.session.userId },
        clinicId: null,
        action: 'auth.session_expired',
        outcome: 'failure',
        meta: requestMeta(req),
      });
      throw new DomainException(401, 'session_expired', 'Your session has expired. Sign in again.');
    }
    if (found.status !== 'active') return null;
    const { user, session } = found;
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      role: user.role,
      clinicId: user.clinicId,
      sessionId: session.id,
    };
  }
}
