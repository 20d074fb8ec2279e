import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';
import { updateSessionUser } from '../../auth/session-state';

export type NewUser = Schemas['CreateUserDto'];
export type UserChanges = Schemas['UpdateUserDto'];

/** The clinic's users, by name. */
export function useUsers(clinicId: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.users(clinicId ?? ''),
    queryFn: ({ signal }) =>
      send(
        apiClient.GET('/api/v1/clinics/{clinicId}/users', {
          params: { path: { clinicId: clinicId ?? '' } },
          signal,
        }),
        signal,
      ),
    select: (page) => page.data,
    enabled: Boolean(clinicId) && options.enabled !== false,
  });
}

export function useCreateUser(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) =>
      send(apiClient.POST('/api/v1/clinics/{clinicId}/users', { params: { path: { clinicId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users(clinicId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]),
  });
}

/** PATCH /users/{id}: an admin editing a user, or anyone changing their own name or password. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) =>
      send(apiClient.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: (user) => {
      updateSessionUser(queryClient, user);
      return Promise.all([
        user.clinicId
          ? queryClient.invalidateQueries({ queryKey: queryKeys.users(user.clinicId) })
          : Promise.resolve(),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]);
    },
  });
}
