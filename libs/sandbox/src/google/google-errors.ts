import type { Response } from 'express';

/** One entry of the legacy `errors` array that Calendar v3 still sends beside `code` and `status`. */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  location?: string;
  locationType?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status: string };
}

/** Google maps HTTP codes to gRPC status names in the `status` field. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'FAILED_PRECONDITION',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A Calendar API error exactly as googleapis (gaxios) sees Google's: `{error: {code, message, errors, status}}`. */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly domain = 'global',
    readonly location?: { location: string; locationType: 'header' | 'parameter' },
  ) {
    super(message);
  }

  body(): GoogleErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        errors: [{ domain: this.domain, reason: this.reason, message: this.message, ...this.location }],
        status: STATUS_NAMES[this.code] ?? 'UNKNOWN',
      },
    };
  }
}

export function sendApiError(res: Response, error: GoogleApiError): void {
  if (error.code === 401) {
    // Google names the failure in the challenge header too; some clients read only that.
    res.setHeader('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
  }
  res.status(error.code).json(error.body());
}

/** The errors the fake answers with, worded as Calendar v3 words them. */
export const apiErrors = {
  loginRequired: () =>
    new GoogleApiError(
      401,
      'required',
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'global',
      { location: 'Authorization', locationType: 'header' },
    ),
  invalidCredentials: () =>
    new GoogleApiError(
      401,
      'authError',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      'global',
      { location: 'Authorization', locationType: 'header' },
    ),
  insufficientPermissions: () =>
    new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'),
  rateLimit: (code: 403 | 429) =>
    new GoogleApiError(code, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits'),
  userRateLimit: () =>
    new GoogleApiError(403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'usageLimits'),
  notFound: () => new GoogleApiError(404, 'notFound', 'Not Found'),
  deleted: () => new GoogleApiError(410, 'deleted', 'Resource has been deleted'),
  duplicate: () => new GoogleApiError(409, 'duplicate', 'The requested identifier already exists.'),
  fullSyncRequired: () =>
    new GoogleApiError(
      410,
      'fullSyncRequired',
      'Sync token is no longer valid, a full sync is required.',
      'global',
      {
        location: 'syncToken',
        locationType: 'parameter',
      },
    ),
  invalid: (message: string, parameter?: string) =>
    new GoogleApiError(
      400,
      'invalid',
      message,
      'global',
      parameter ? { location: parameter, locationType: 'parameter' } : undefined,
    ),
  required: (message: string) => new GoogleApiError(400, 'required', message),
  parseError: () => new GoogleApiError(400, 'parseError', 'Parse Error'),
  backend: (code: number) =>
    new GoogleApiError(
      code,
      'backendError',
      code === 503 ? 'The service is currently unavailable.' : 'Backend Error',
    ),
};

/** The 5xx body the fault knobs send on Calendar routes. */
export function calendarFaultBody(status: number): GoogleErrorBody {
  return apiErrors.backend(status).body();
}

/** The 5xx body the fault knobs send on OAuth routes: RFC 6749 style, like Google's token endpoint. */
export function oauthFaultBody(status: number): { error: string; error_description: string } {
  return status === 503
    ? { error: 'temporarily_unavailable', error_description: 'The service is currently unavailable.' }
    : { error: 'internal_failure', error_description: 'Backend Error' };
}
