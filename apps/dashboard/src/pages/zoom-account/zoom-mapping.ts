import { type User } from '../../auth/session-state';
import { type ZoomAccountUser } from './use-zoom-account';

/** A user of the clinic's Zoom account and the televisit users whose visits it hosts. */
export interface ZoomUserRow {
  zoomUser: ZoomAccountUser;
  mapped: User[];
}

/** A provider of the clinic and the Zoom user their visits are hosted by, if any. */
export interface ProviderRow {
  provider: User;
  /** The account user their `zoomUser` names; null when unmapped or not on the account. */
  zoomUser: ZoomAccountUser | null;
  /** A `zoomUser` that names no user of this Zoom account (left over from another account). */
  unknown: string | null;
}

export interface ZoomUserOption {
  value: string;
  label: string;
}

/** The select's value for "no Zoom user". */
export const NONE = '';

/**
 * Whether a televisit `zoomUser` names this Zoom user. Zoom takes a user's id or email wherever it
 * takes a user, so either may be stored; emails are compared without case, as Zoom does.
 */
export function namesZoomUser(zoomUser: string | null, candidate: ZoomAccountUser): boolean {
  if (!zoomUser) return false;
  const value = zoomUser.trim();
  return value === candidate.id || value.toLowerCase() === candidate.email.toLowerCase();
}

/** Every user of the Zoom account, by name, with the televisit users mapped to it. */
export function zoomUserRows(zoomUsers: readonly ZoomAccountUser[], users: readonly User[]): ZoomUserRow[] {
  return [...zoomUsers]
    .sort((a, b) => byText(a.name || a.email, b.name || b.email))
    .map((zoomUser) => ({
      zoomUser,
      mapped: users.filter((user) => namesZoomUser(user.zoomUser, zoomUser)).sort(byName),
    }));
}

/** The clinic's providers, by name, each with the Zoom user their `zoomUser` names. */
export function providerRows(users: readonly User[], zoomUsers: readonly ZoomAccountUser[]): ProviderRow[] {
  return users
    .filter((user) => user.role === 'provider')
    .sort(byName)
    .map((provider) => {
      const zoomUser = zoomUsers.find((candidate) => namesZoomUser(provider.zoomUser, candidate)) ?? null;
      return { provider, zoomUser, unknown: zoomUser === null ? provider.zoomUser : null };
    });
}

/**
 * The choices of a provider's "Zoom user" select: None, then the account's users by name (valued by
 * email, as the users page shows `zoomUser`), and the provider's current value when it is not on the
 * account, so that the select never silently shows something else than what is stored.
 */
export function zoomUserOptions(row: ProviderRow, zoomUsers: readonly ZoomAccountUser[]): ZoomUserOption[] {
  const options: ZoomUserOption[] = [{ value: NONE, label: 'None' }];
  if (row.unknown) options.push({ value: row.unknown, label: `${row.unknown} (not on this Zoom account)` });
  for (const zoomUser of [...zoomUsers].sort((a, b) => byText(a.name || a.email, b.name || b.email))) {
    options.push({
      value: zoomUser.email,
      label: zoomUser.name ? `${zoomUser.name} (${zoomUser.email})` : zoomUser.email,
    });
  }
  return options;
}

/** The select's current value for a row. */
export function selectedValue(row: ProviderRow): string {
  return row.zoomUser?.email ?? row.unknown ?? NONE;
}

function byName(a: User, b: User): number {
  return byText(a.name, b.name);
}

function byText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base' });
}
