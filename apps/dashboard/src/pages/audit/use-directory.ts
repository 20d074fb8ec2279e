import { useMemo } from 'react';
import { type User } from '../../auth/session-state';
import { useCurrentUser } from '../../auth/use-session';
import { useApiKeys } from '../api-keys/use-api-keys';
import { useClinic, useClinics } from '../clinics/use-clinics';
import { useUsers } from '../users/use-users';

export interface Directory {
  me: User;
  userName(id: string): string | undefined;
  apiKeyName(id: string): string | undefined;
  clinicName(id: string): string | undefined;
}

/**
 * Names for the ids in audit events, from lists the viewer may read anyway (the clinic's users and
 * keys, the clinics). Best effort: an id that is not found is shown as an id.
 */
export function useDirectory(clinicId: string | null): Directory {
  const me = useCurrentUser();
  const isAdmin = me.role !== 'provider';
  const users = useUsers(clinicId, { enabled: isAdmin });
  const keys = useApiKeys(clinicId, { enabled: isAdmin });
  const clinics = useClinics({ enabled: me.role === 'platform_admin' });
  const clinic = useClinic(clinicId);
  return useMemo(() => {
    const userNames = new Map((users.data ?? []).map((user) => [user.id, user.name]));
    userNames.set(me.id, me.name);
    const keyNames = new Map((keys.data ?? []).map((key) => [key.id, key.name]));
    const clinicNames = new Map((clinics.data ?? []).map((each) => [each.id, each.name]));
    if (clinic.data) clinicNames.set(clinic.data.id, clinic.data.name);
    return {
      me,
      userName: (id) => userNames.get(id),
      apiKeyName: (id) => keyNames.get(id),
      clinicName: (id) => clinicNames.get(id),
    };
  }, [me, users.data, keys.data, clinics.data, clinic.data]);
}
