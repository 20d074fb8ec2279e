import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ApiKeyScope, Principal, Role } from './principal';

export const ACCESS_METADATA = 'televisit:access';
export const SESSION_SECURITY = 'session';
export const CSRF_SECURITY = 'csrf';
export const API_KEY_SECURITY = 'apiKey';

/**
 * Who may call a handler: dashboard users with one of `roles`, API keys holding every one of `scopes`.
 * Leave `scopes` out to refuse API keys; leave `roles` out to refuse sessions.
 */
export interface AccessRule {
  roles?: readonly Role[];
  scopes?: readonly ApiKeyScope[];
}

export type AccessDeclaration = AccessRule | 'public';

/** Declares access for a handler or controller, and documents the security schemes in OpenAPI. */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator {
  // Alternatives in OpenAPI: (session cookie AND CSRF header) OR an API key.
  const docs = [
    ...(rule.roles?.length ? [ApiSecurity({ [SESSION_SECURITY]: [], [CSRF_SECURITY]: [] })] : []),
    ...(rule.scopes?.length ? [ApiSecurity(API_KEY_SECURITY, [...rule.scopes])] : []),
  ];
  return applyDecorators(SetMetadata(ACCESS_METADATA, rule), ...docs);
}

/** Opts a handler out of authentication, explicitly. Everything else is denied by default. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, 'public');
}

declare module 'http' {
  interface IncomingMessage {
    /** Set by the auth module before guards run; undefined for anonymous callers. */
    principal?: Principal;
  }
}

/** The resolved caller of a non-public handler. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a handler without an authenticated caller');
    return principal;
  },
);

/** Where a request came from, for the audit trail. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function requestMeta(req: Request): RequestMeta {
  const userAgent = req.headers['user-agent'];
  return {
    ip: req.ip ?? null,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 255) : null,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

export const Meta = createParamDecorator((_data: unknown, context: ExecutionContext): RequestMeta =>
  requestMeta(context.switchToHttp().getRequest<Request>()),
);
