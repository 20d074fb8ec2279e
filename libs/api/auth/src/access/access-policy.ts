import type { AccessRule, Principal } from '@televisit/api-core';

/** Whether a declared rule admits this caller, before any tenant check (those answer 404 later). */
export function admits(rule: AccessRule, principal: Principal): boolean {
  if (principal.kind === 'user') return rule.roles?.includes(principal.role) ?? false;
  const scopes = rule.scopes ?? [];
  return scopes.length > 0 && scopes.every((scope) => principal.scopes.includes(scope));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}
