export const ROLES = ['platform_admin', 'clinic_admin', 'provider'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = [
  'appointments:read',
  'appointments:write',
  'appointments:host',
  'webhooks:manage',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A signed-in dashboard user, resolved from the session cookie. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  role: Role;
  /** null only for platform admins, who belong to no clinic. */
  clinicId: string | null;
  sessionId: string;
}

/** An EHR calling with `Authorization: Bearer tvk_…`. */
export interface ApiKeyPrincipal {
  kind: 'api_key';
  apiKeyId: string;
  clinicId: string;
  scopes: ApiKeyScope[];
}

/** Who is calling. Every non-public request has exactly one. */
export type Principal = UserPrincipal | ApiKeyPrincipal;

export function principalId(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.apiKeyId;
}
