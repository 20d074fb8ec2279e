import type { Principal } from '@televisit/api-core';
import type { AuditInput } from '../recording/audit-input';

const user = (
  userId: string,
  role: 'platform_admin' | 'clinic_admin',
  clinicId: string | null,
): Principal => ({
  kind: 'user',
  userId,
  email: `${userId}@example.test`,
  role,
  clinicId,
  sessionId: `s-${userId}`,
});
export const platform = user('u-platform', 'platform_admin', null);
export const adminA = user('u-admin-a', 'clinic_admin', 'clinic-a');
export const adminB = user('u-admin-b', 'clinic_admin', 'clinic-b');
const keyA: Principal = { kind: 'api_key', apiKeyId: 'k-a', clinicId: 'clinic-a', scopes: [] };

/** For listing specs: one event a minute from the test clock's start: clinic A, clinic B and platform-level events, interleaved. */
export const AUDIT_LOG_SEED: AuditInput[] = [
  { actor: platform, clinicId: null, action: 'auth.login', outcome: 'success' },
  {
    actor: platform,
    clinicId: 'clinic-a',
    action: 'clinic.created',
    outcome: 'success',
    target: { type: 'clinic', id: 'clinic-a' },
  },
  {
    actor: platform,
    clinicId: 'clinic-b',
    action: 'clinic.created',
    outcome: 'success',
    target: { type: 'clinic', id: 'clinic-b' },
  },
  {
    actor: adminA,
    clinicId: 'clinic-a',
    action: 'auth.login',
    outcome: 'success',
    meta: { ip: '203.0.113.7', userAgent: 'Firefox', requestId: 'req-a' },
  },
  {
    actor: { kind: 'user_id', userId: 'u-admin-b' },
    clinicId: 'clinic-b',
    action: 'auth.login',
    outcome: 'failure',
    details: { reason: 'bad_password' },
  },
  {
    actor: adminA,
    clinicId: 'clinic-a',
    action: 'user.created',
    outcome: 'success',
    target: { type: 'user', id: 'u-prov-a1' },
    details: { role: 'provider' },
  },
  {
    actor: adminB,
    clinicId: 'clinic-b',
    action: 'user.created',
    outcome: 'success',
    target: { type: 'user', id: 'u-prov-b1' },
  },
  {
    actor: adminA,
    clinicId: 'clinic-a',
    action: 'api_key.created',
    outcome: 'success',
    target: { type: 'api_key', id: 'k-a' },
  },
  {
    actor: keyA,
    clinicId: 'clinic-a',
    action: 'access.denied',
    outcome: 'denied',
    details: { route: '/api/v1/users' },
  },
  { actor: { kind: 'anonymous' }, clinicId: null, action: 'auth.login', outcome: 'failure' },
  { actor: adminB, clinicId: 'clinic-b', action: 'auth.logout', outcome: 'success' },
  {
    actor: adminA,
    clinicId: 'clinic-a',
    action: 'user.updated',
    outcome: 'success',
    target: { type: 'user', id: 'u-prov-a1' },
  },
  { actor: { kind: 'system' }, clinicId: 'clinic-a', action: 'auth.session_expired', outcome: 'success' },
];
