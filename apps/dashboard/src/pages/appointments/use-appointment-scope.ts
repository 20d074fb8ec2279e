import { useMemo } from 'react';
import { paths } from '../../app/paths';
import { type User } from '../../auth/session-state';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { useCurrentUser } from '../../auth/use-session';
import { useUsers } from '../users/use-users';
import { type FixPage, type Viewer } from './meeting-wording';

export interface AppointmentScope {
  /** The clinic in view: the viewer's own, or the one a platform admin opened from the clinic list. */
  clinicId: string | null;
  fromClinicList: boolean;
  me: User;
  viewer: Viewer;
  /** Admins choose the provider; a provider books and sees only their own visits. */
  choosesProvider: boolean;
  listPath: string;
  newPath: string;
  detailPath: (id: string) => string;
  fixPath: (page: FixPage) => string;
}

/** Where the appointment pages of this viewer live, and whose visits they show. */
export function useAppointmentScope(): AppointmentScope {
  const me = useCurrentUser();
  const { clinicId, fromClinicList } = useClinicScope();
  return useMemo(() => {
    const viewer: Viewer = me.role === 'provider' ? 'provider' : 'admin';
    const scoped = fromClinicList && clinicId;
    return {
      clinicId,
      fromClinicList,
      me,
      viewer,
      choosesProvider: viewer === 'admin',
      listPath: scoped ? paths.clinicAppointments(clinicId) : paths.appointments,
      newPath: scoped ? paths.clinicNewAppointment(clinicId) : paths.newAppointment,
      detailPath: (id) => (scoped ? paths.clinicAppointment(clinicId, id) : paths.appointment(id)),
      fixPath: (page) =>
        page === 'connections'
          ? paths.connections
          : scoped
            ? paths.clinicZoomAccount(clinicId)
            : paths.zoomAccount,
    };
  }, [me, clinicId, fromClinicList]);
}

/**
 * The providers the viewer may book for and whose names the pages show: every provider of the
 * clinic for an admin (active ones first-class, disabled ones only for names), the viewer alone for a provider.
 */
export function useProviders(scope: AppointmentScope) {
  const users = useUsers(scope.clinicId, { enabled: scope.choosesProvider });
  return useMemo(() => {
    const all = scope.choosesProvider
      ? (users.data ?? []).filter((user) => user.role === 'provider')
      : [scope.me];
    const names = new Map(all.map((user) => [user.id, user.name]));
    return {
      all,
      bookable: all.filter((user) => !user.disabled),
      nameOf: (id: string) => names.get(id),
      isPending: scope.choosesProvider && users.isPending,
      isFetching: users.isFetching,
      error: users.error,
      refetch: () => void users.refetch(),
    };
  }, [scope.choosesProvider, scope.me, users]);
}
