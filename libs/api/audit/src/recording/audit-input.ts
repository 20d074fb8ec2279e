import type { Principal, RequestMeta } from '@televisit/api-core';
import type { AuditDetails } from '../chain/chain-hash';
import type { AuditAction, AuditOutcome } from '../events/audit-vocabulary';

/**
 * Who acted: a resolved caller; the system itself (workers, bootstrap); nobody known (a login
 * with an unknown email); or a user known by id only (a failed login for an existing account).
 */
export type AuditActor =
  Principal | { kind: 'system' } | { kind: 'anonymous' } | { kind: 'user_id'; userId: string };

export interface AuditInput {
  actor: AuditActor;
  /** The tenant the event belongs to: clinic admins see their clinic's events only. null: platform. */
  clinicId: string | null;
  action: AuditAction;
  target?: { type: string; id: string } | null;
  outcome: AuditOutcome;
  meta?: RequestMeta | null;
  /**
   * Ids, counts, flags and reasons that explain the event. NEVER secrets (passwords, tokens, keys,
   * passcodes, join URLs) and NEVER PHI (patient names, contact details, visit times, notes): the
   * trail is kept for years and shown to clinic admins. Keys that look like secrets are refused.
   */
  details?: AuditDetails;
}
