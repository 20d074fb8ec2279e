import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/client';
import { type AuditQuery, queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';
import { type AuditAction } from './audit-vocabulary';

export const AUDIT_PAGE_SIZE = 25;

/**
 * The audit log, newest first, a page at a time: each page's `nextCursor` asks for the next one
 * (keyset pagination, so new events never shift what "Load more" returns).
 */
export function useAuditEvents(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.auditEventList(query),
    queryFn: ({ pageParam, signal }) =>
      send(
        apiClient.GET('/api/v1/audit-events', {
          params: {
            query: {
              ...query,
              action: query.action as AuditAction | undefined,
              limit: AUDIT_PAGE_SIZE,
              cursor: pageParam,
            },
          },
          signal,
        }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A change of filter keeps the old rows on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
