import { matchPath } from 'react-router';
import { type Role } from '../auth/session-state';
import { paths, patterns } from './paths';

/**
 * Which roles may open which page. The API enforces the same rules; this only keeps the dashboard
 * from offering what a role cannot use. Pages not listed (status, profile) are open to every role.
 */
export const pageRoles = {
  clinics: ['platform_admin'],
  clinicPages: ['platform_admin'],
  users: ['clinic_admin'],
  apiKeys: ['clinic_admin'],
  /** The clinic's own Zoom account; platform admins reach it from the clinic list. */
  zoomAccount: ['clinic_admin'],
  /** The clinic's own settings; platform admins reach them from the clinic list. */
  settings: ['clinic_admin'],
  audit: ['platform_admin', 'clinic_admin'],
  /** Admins book for every provider of the clinic; a provider sees and books their own visits. */
  appointments: ['clinic_admin', 'provider'],
  /** Only a provider connects their own video accounts. */
  connections: ['provider'],
} as const satisfies Record<string, readonly Role[]>;

const RESTRICTED: Array<[pattern: string, roles: readonly Role[]]> = [
  [paths.clinics, pageRoles.clinics],
  [patterns.clinicUsers, pageRoles.clinicPages],
  [patterns.clinicApiKeys, pageRoles.clinicPages],
  [patterns.clinicAudit, pageRoles.clinicPages],
  [patterns.clinicZoomAccount, pageRoles.clinicPages],
  [patterns.clinicSettings, pageRoles.clinicPages],
  [patterns.clinicAppointments, pageRoles.clinicPages],
  [patterns.clinicAppointment, pageRoles.clinicPages],
  [paths.users, pageRoles.users],
  [paths.apiKeys, pageRoles.apiKeys],
  [paths.zoomAccount, pageRoles.zoomAccount],
  [paths.settings, pageRoles.settings],
  [paths.audit, pageRoles.audit],
  [paths.connections, pageRoles.connections],
  [paths.appointments, pageRoles.appointments],
  // "/appointments/new" too.
  [patterns.appointment, pageRoles.appointments],
];

export function canOpen(role: Role, pathname: string): boolean {
  const rule = RESTRICTED.find(([pattern]) => matchPath(pattern, pathname) !== null);
  return !rule || rule[1].includes(role);
}

/** Where a role lands after sign-in and on "/". */
export function homePath(role: Role): string {
  switch (role) {
    case 'platform_admin':
      return paths.clinics;
    case 'clinic_admin':
      return paths.users;
    case 'provider':
      // Their visits: what a provider comes to televisit for, day to day.
      return paths.appointments;
  }
}

/**
 * Where to go after sign-in: back to the page that asked for it when this role may open it, else
 * the role's home. Only same-origin paths are followed (never a URL someone slipped into the state).
 */
export function afterSignIn(
  role: Role,
  requested: { pathname?: unknown; search?: unknown } | undefined,
): string {
  const pathname = requested?.pathname;
  if (typeof pathname !== 'string' || !pathname.startsWith('/') || pathname.startsWith('//')) {
    return homePath(role);
  }
  if (pathname === paths.login || pathname === '/' || !canOpen(role, pathname)) return homePath(role);
  const search =
    typeof requested?.search === 'string' && requested.search.startsWith('?') ? requested.search : '';
  return pathname + search;
}

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: 'Platform admin',
  clinic_admin: 'Clinic admin',
  provider: 'Provider',
};
