import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditService } from '@televisit/api-audit';
import {
  ACCESS_METADATA,
  type AccessDeclaration,
  DomainException,
  ErrorCode,
  type Principal,
  requestMeta,
} from '@televisit/api-core';
import type { Request } from 'express';
import { ApiKeyRateLimiter } from '../api-keys/api-key-rate-limiter';
import { csrfTokenMatches } from '../sessions/session-tokens';
import { SessionsService } from '../sessions/sessions.service';
import { admits, changesState } from './access-policy';
import { PrincipalResolver } from './principal.resolver';

/**
 * The global guard: deny by default. A handler without an access declaration is refused (and a spec
 * makes sure none exists); `@Public()` opts out; `@Access()` names roles and API-key scopes.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
    private readonly sessions: SessionsService,
    private readonly rateLimiter: ApiKeyRateLimiter,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declaration = this.reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (declaration === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!declaration)
      throw new DomainException(403, 'access_undeclared', 'This endpoint declares no access rule.');

    const principal = await this.principals.resolve(req);
    if (!principal) throw new DomainException(401, ErrorCode.Unauthenticated, 'Sign in or send an API key.');
    req.principal = principal;

    // Every request of a key counts, refused ones too: a runaway integration hitting a route it may
    // not call must not get unlimited requests (each of which also writes an access.denied row).
    if (principal.kind === 'api_key') {
      const wait = this.rateLimiter.take(principal.apiKeyId);
      if (wait > 0) {
        throw new DomainException(
          429,
          ErrorCode.RateLimited,
          `Rate limit reached; retry in ${wait} s.`,
          undefined,
          {
            'Retry-After': String(wait),
          },
        );
      }
    }

    if (!admits(declaration, principal)) await this.deny(req, principal, 'not_permitted');
    if (principal.kind === 'user' && changesState(req.method)) {
      const offered = req.headers['x-csrf-token'];
      const valid = csrfTokenMatches(
        this.sessions.sessionSecret(),
        principal.sessionId,
        typeof offered === 'string' ? offered : undefined,
      );
      if (!valid) await this.deny(req, principal, 'csrf_failed');
    }
    return true;
  }

  private async deny(
    req: Request,
    principal: Principal,
    reason: 'not_permitted' | 'csrf_failed',
  ): Promise<never> {
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unknown';
    await this.audit.recordNow({
      actor: principal,
      clinicId: principal.clinicId,
      action: 'access.denied',
      outcome: 'denied',
      meta: requestMeta(req),
      details: { reason, method: req.method, route },
    });
    if (reason === 'csrf_failed') {
      throw new DomainException(403, 'csrf_failed', 'Send the session’s CSRF token in X-CSRF-Token.');
    }
    throw new DomainException(403, ErrorCode.Forbidden, 'Your role or API key scopes do not allow this.');
  }
}
