import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';

export type Connection = Schemas['Connection'];
export type ConnectionStatus = Connection['status'];

/** The user's connection to each vendor configured on the server, in the server's order. */
export function useConnections(userId: string) {
  return useQuery({
    queryKey: queryKeys.connections(userId),
    queryFn: ({ signal }) =>
      send(
        apiClient.GET('/api/v1/users/{id}/connections', { params: { path: { id: userId } }, signal }),
        signal,
      ),
  });
}

/**
 * Starts connecting (or reconnecting) a vendor: the API answers with the vendor's consent page, and
 * the browser goes there. The vendor sends it back to /connections with the outcome.
 */
export function useAuthorizeConnection(userId: string) {
  return useMutation({
    mutationFn: (vendor: string) =>
      send(
        apiClient.POST('/api/v1/users/{id}/connections/{vendor}/authorize', {
          params: { path: { id: userId, vendor } },
        }),
      ),
    onSuccess: ({ authorizationUrl }) => window.location.assign(authorizationUrl),
  });
}

/** Revokes televisit's access at the vendor and erases the tokens. */
export function useDisconnectConnection(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vendor: string) =>
      send(
        apiClient.DELETE('/api/v1/users/{id}/connections/{vendor}', {
          params: { path: { id: userId, vendor } },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.connections(userId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]),
  });
}

/**
 * Checks that a connection works now: the API gets a usable token (refreshing it if due) and makes one
 * harmless call at the vendor. A refused token turns the connection `needs_reauth`: reload the list.
 */
export function useTestConnection(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vendor: string) =>
      send(
        apiClient.POST('/api/v1/users/{id}/connections/{vendor}/test', {
          params: { path: { id: userId, vendor } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.connections(userId) }),
  });
}
