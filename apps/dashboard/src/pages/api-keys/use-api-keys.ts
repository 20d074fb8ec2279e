import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';

export type ApiKey = Schemas['ApiKey'];
export type ApiKeyScope = ApiKey['scopes'][number];

/** The clinic's API keys, newest first, revoked ones included (marked). */
export function useApiKeys(clinicId: string | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.apiKeys(clinicId ?? ''),
    queryFn: ({ signal }) =>
      send(
        apiClient.GET('/api/v1/clinics/{clinicId}/api-keys', {
          params: { path: { clinicId: clinicId ?? '' } },
          signal,
        }),
        signal,
      ),
    select: (page) => page.data,
    enabled: Boolean(clinicId) && options.enabled !== false,
  });
}

/**
 * Creates a key. The answer carries the key itself, shown once: it stays in this mutation's state
 * only (never in the query cache) and is gone when the mutation is reset.
 */
export function useCreateApiKey(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // Not kept in the mutation cache once the dialog lets go of it.
    gcTime: 0,
    mutationFn: (body: Schemas['CreateApiKeyDto']) =>
      send(apiClient.POST('/api/v1/clinics/{clinicId}/api-keys', { params: { path: { clinicId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(clinicId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]),
  });
}

export function useRevokeApiKey(clinicId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send(apiClient.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(clinicId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
      ]),
  });
}
