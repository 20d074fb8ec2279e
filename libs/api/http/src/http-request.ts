import type { IncomingHttpHeaders } from 'node:http';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface RetryPolicy {
  /** Total attempts, the first one included (1 = no retry). */
  attempts: number;
  baseMs: number;
  /** Longest single wait; a `Retry-After` beyond it becomes a RateLimitedError. */
  capMs: number;
}

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  body?: string | Buffer | object;
  /** Deadline for each attempt, connection to last body byte (default 10 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Retry even though the method is not idempotent (default: GET, HEAD, PUT, DELETE, OPTIONS only). */
  idempotent?: boolean;
  /** Further values (e.g. an id in the path) to replace with [redacted] in log lines and errors. */
  redact?: string[];
  /**
   * The vendor's rule for a quota that retrying cannot help (a per-day cap, say): given a
   * retryable answer and its `Retry-After` (ms, if any), when the quota resets, or undefined when the
   * answer is not that. Such an answer is never retried: the client throws RateLimitedError (`quota`).
   */
  quotaReset?: (response: HttpResponse, now: Date, retryAfterMs: number | undefined) => Date | undefined;
  /** Extra trusted certificate authorities (tests against a local self-signed server). */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json<T = unknown>(): T;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 200, capMs: 10_000 };
export const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set([
  'GET',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
]);
