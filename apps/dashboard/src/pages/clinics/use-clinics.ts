import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';

export type Clinic = Schemas['Clinic'];

/** Every clinic (platform admins only). */
export function useClinics(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.clinics,
    queryFn: ({ signal }) => send(apiClient.GET('/api/v1/clinics', { signal }), signal),
    select: (page) => page.data,
    enabled: options.enabled,
  });
}

/** One clinic: its name, time zone and video visit settings. Any member of the clinic may read it. */
export function useClinic(clinicId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.clinic(clinicId ?? ''),
    queryFn: ({ signal }) =>
      send(
        apiClient.GET('/api/v1/clinics/{id}', { params: { path: { id: clinicId ?? '' } }, signal }),
        signal,
      ),
    enabled: Boolean(clinicId),
    staleTime: 5 * 60 * 1000,
  });
}

export function useCreateClinic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateClinicDto']) => send(apiClient.POST('/api/v1/clinics', { body })),
    onSuccess: async (clinic) => {
      queryClient.setQueryData(queryKeys.clinic(clinic.id), clinic);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clinics }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]);
    },
  });
}

/**
 * Changes a clinic (PATCH /clinics/{id}): only the fields given. The clinic's cached view is replaced
 * by the answer at once; the list and the audit log (a `clinic.updated` event) are refetched.
 */
export function useUpdateClinic(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Schemas['UpdateClinicDto']) =>
      send(apiClient.PATCH('/api/v1/clinics/{id}', { params: { path: { id: clinicId } }, body: changes })),
    onSuccess: async (clinic) => {
      queryClient.setQueryData(queryKeys.clinic(clinic.id), clinic);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.clinics }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]);
    },
  });
}
