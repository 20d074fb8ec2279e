import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { isApiError } from '../../api/api-error';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';
import { type User } from '../../auth/session-state';
import { type OneTimeSecret } from './one-time-secret';

export type ZoomAccount = Schemas['ZoomAccountDto'];
export type ZoomAccountUser = Schemas['ZoomAccountUser'];

/** What the credentials form sends: the secret in a box that is empty once the request has left. */
export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: OneTimeSecret;
}

/** The clinic's Zoom account without its secret; null when none is stored (the API answers 404). */
export function useZoomAccount(clinicId: string | null) {
  return useQuery({
    queryKey: queryKeys.zoomAccount(clinicId ?? ''),
    queryFn: async ({ signal }): Promise<ZoomAccount | null> => {
      try {
        return await send(
          apiClient.GET('/api/v1/clinics/{clinicId}/zoom-account', {
            params: { path: { clinicId: clinicId ?? '' } },
            signal,
          }),
          signal,
        );
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    enabled: Boolean(clinicId),
  });
}

/** The users of the clinic's Zoom account, asked of Zoom through the API (only once one is stored). */
export function useZoomAccountUsers(clinicId: string | null) {
  return useQuery({
    queryKey: queryKeys.zoomAccountUsers(clinicId ?? ''),
    queryFn: ({ signal }) =>
      send(
        apiClient.GET('/api/v1/clinics/{clinicId}/zoom-account/users', {
          params: { path: { clinicId: clinicId ?? '' } },
          signal,
        }),
        signal,
      ),
    select: (page) => page.data,
    enabled: Boolean(clinicId),
    // Zoom's user list changes rarely and each read costs an API call at Zoom.
    staleTime: 60_000,
  });
}

/**
 * Stores (or replaces) the clinic's Server-to-Server app. The API first obtains a token from Zoom, so
 * an answer of 200 means Zoom accepted the credentials. Only the answer, which has no secret, is cached.
 */
export function useSaveZoomAccount(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ accountId, clientId, clientSecret }: ZoomCredentials) =>
      send(
        apiClient.PUT('/api/v1/clinics/{clinicId}/zoom-account', {
          params: { path: { clinicId } },
          body: { accountId, clientId, clientSecret: clientSecret.take() },
        }),
      ),
    onSuccess: (account) => {
      queryClient.setQueryData(queryKeys.zoomAccount(clinicId), account);
      return afterAccountChange(queryClient, clinicId);
    },
  });
}

/** Forgets the clinic's credentials; the API revokes its account token at Zoom first. */
export function useRemoveZoomAccount(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      send(apiClient.DELETE('/api/v1/clinics/{clinicId}/zoom-account', { params: { path: { clinicId } } })),
    onSuccess: () => {
      queryClient.setQueryData(queryKeys.zoomAccount(clinicId), null);
      queryClient.removeQueries({ queryKey: queryKeys.zoomAccountUsers(clinicId) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents });
    },
  });
}

/**
 * Maps a provider to a user of the clinic's Zoom account (`zoomUser`, PATCH /users/{id}), or unmaps
 * them with null. The clinic's user list is updated from the answer at once, then refetched.
 */
export function useSetZoomUser(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, zoomUser }: { userId: string; zoomUser: string | null }) =>
      send(apiClient.PATCH('/api/v1/users/{id}', { params: { path: { id: userId } }, body: { zoomUser } })),
    onSuccess: (user) => {
      queryClient.setQueryData<{ data: User[] }>(queryKeys.users(clinicId), (page) =>
        page ? { ...page, data: page.data.map((u) => (u.id === user.id ? user : u)) } : page,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users(clinicId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]);
    },
  });
}

function afterAccountChange(queryClient: QueryClient, clinicId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.zoomAccountUsers(clinicId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
  ]);
}
