import { useParams } from 'react-router';
import { useCurrentUser } from './use-session';

export interface ClinicScope {
  /** The clinic whose data the page shows; null only for a platform admin's all-clinics views. */
  clinicId: string | null;
  /** True on a platform admin's /clinics/:clinicId/… pages, which show where they are. */
  fromClinicList: boolean;
}

/** The clinic a page is about: the one in the path (platform admins), else the viewer's own. */
export function useClinicScope(): ClinicScope {
  const { clinicId } = useParams();
  const user = useCurrentUser();
  if (clinicId) return { clinicId, fromClinicList: true };
  return { clinicId: user.clinicId, fromClinicList: false };
}
