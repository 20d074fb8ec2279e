import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';
import type { Principal } from './principal';

/** The clinics a caller may see: one clinic, or all of them for a platform admin. */
export type ClinicScope = { all: true } | { all: false; clinicId: string };

export function clinicScope(principal: Principal): ClinicScope {
  if (principal.kind === 'user' && principal.role === 'platform_admin') return { all: true };
  if (!principal.clinicId) throw new Error('a non-platform principal without a clinic');
  return { all: false, clinicId: principal.clinicId };
}

export function inScope(scope: ClinicScope, clinicId: string | null): boolean {
  return scope.all || scope.clinicId === clinicId;
}

/** Another tenant's resource is indistinguishable from a missing one: 404, never 403. */
export function notFound(what: string): DomainException {
  return new DomainException(404, ErrorCode.NotFound, `${what} was not found.`);
}

export function assertInScope(scope: ClinicScope, clinicId: string | null, what: string): void {
  if (!inScope(scope, clinicId)) throw notFound(what);
}
