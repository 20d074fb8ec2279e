import { type Role } from '../../auth/session-state';

export const ASSIGNABLE_ROLES = [
  {
    value: 'provider',
    label: 'Provider',
    description: 'Hosts video visits and manages their own profile.',
  },
  {
    value: 'clinic_admin',
    label: 'Clinic admin',
    description: 'Manages this clinic’s users, API keys and audit log.',
  },
] as const satisfies ReadonlyArray<{
  value: Exclude<Role, 'platform_admin'>;
  label: string;
  description: string;
}>;

export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number]['value'];

export const ROLE_COLORS: Record<Role, string> = {
  platform_admin: 'grape',
  clinic_admin: 'clinic',
  provider: 'blue',
};
