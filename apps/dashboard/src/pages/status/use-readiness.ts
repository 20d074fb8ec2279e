import { isProblem, type Readiness } from '@televisit/api-client';
import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { ReadinessError } from './readiness-error';

export const READINESS_REFETCH_MS = 15_000;

/**
 * The API's readiness, polled every 15 seconds. A 503 is a valid answer ("not ready", with the
 * failing checks) and resolves like a 200; only an unreachable API or another error rejects.
 */
export function useReadiness() {
  return useQuery({
    queryKey: queryKeys.readiness,
    queryFn: ({ signal }) => fetchReadiness(signal),
    refetchInterval: READINESS_REFETCH_MS,
  });
}

async function fetchReadiness(signal: AbortSignal): Promise<Readiness> {
  let result;
  try {
    result = await apiClient.GET('/readyz', { signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new ReadinessError({ kind: 'network' }, { cause });
  }
  const { data, error, response } = result;
  if (data) return data;
  if (response.status === 503 && isReadiness(error)) return error;
  if (isProblem(error)) throw new ReadinessError({ kind: 'problem', problem: error });
  throw new ReadinessError({ kind: 'unexpected', status: response.status });
}

function isReadiness(value: unknown): value is Readiness {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Readiness>;
  return (
    (candidate.status === 'ready' || candidate.status === 'not_ready') && Array.isArray(candidate.checks)
  );
}
