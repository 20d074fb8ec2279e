import { isProblem } from '@televisit/api-client';
import { ApiError } from './api-error';

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits a typed-client call and returns its data, or throws an {@link ApiError}: every query and
 * mutation of the dashboard goes through here, so that failures look the same everywhere.
 */
export async function send<T>(call: Promise<ClientResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ kind: 'network' }, { cause });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  if (isProblem(error)) throw new ApiError({ kind: 'problem', problem: error }, { retryAfterSeconds });
  throw new ApiError({ kind: 'unexpected', status: response.status }, { retryAfterSeconds });
}

/** Retry-After in seconds (the API never sends the HTTP-date form); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
