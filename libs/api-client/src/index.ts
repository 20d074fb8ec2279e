import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/schema';

export type { components, paths };
export type Schemas = components['schemas'];
export type Readiness = Schemas['Readiness'];
export type ApiClient = Client<paths>;

/** An RFC 9457 problem document, as every televisit error is answered. */
export interface ApiProblem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  requestId?: string;
}

export function isProblem(value: unknown): value is ApiProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiProblem).code === 'string' &&
    typeof (value as ApiProblem).status === 'number'
  );
}

export interface ApiClientOptions {
  /** Origin of the API; empty for same-origin (the dashboard). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The session's CSRF token (from login or /auth/me), sent as X-CSRF-Token on state-changing requests. */
  csrfToken?: () => string | undefined;
  /** Extra headers on every request, e.g. `Authorization: Bearer tvk_…` for an EHR. */
  headers?: Record<string, string>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The typed televisit client: every path, parameter and body checked against the API's OpenAPI. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    fetch: options.fetch,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...options.headers },
  });
  const csrfToken = options.csrfToken;
  if (csrfToken) {
    client.use({
      onRequest({ request }) {
        const token = csrfToken();
        if (token && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', token);
        return request;
      },
    });
  }
  return client;
}
