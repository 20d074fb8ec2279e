/** Everything the client throws extends this; messages carry the redacted URL only. */
export class HttpClientError extends Error {
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpClientError';
  }
}

/** Plain http to a host that is not loopback; no connection was attempted. */
export class InsecureTransportError extends HttpClientError {
  constructor(url: string) {
    super(`Refusing plain http to a non-loopback host (${url}); use https`, url);
    this.name = 'InsecureTransportError';
  }
}

/** The whole-request deadline passed before the response body was complete. */
export class HttpTimeoutError extends HttpClientError {
  constructor(
    url: string,
    readonly timeoutMs: number,
  ) {
    super(`Request to ${url} timed out after ${timeoutMs} ms`, url);
    this.name = 'HttpTimeoutError';
  }
}

/** The connection or TLS handshake failed; `code` is Node's error code (ECONNRESET, EPROTO, ...). */
export class HttpNetworkError extends HttpClientError {
  constructor(
    url: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`Request to ${url} failed: ${code ?? 'network error'} ${messageOf(cause)}`.trim(), url, { cause });
    this.name = 'HttpNetworkError';
  }
}

/**
 * The vendor asked us to come back later than the client is willing to wait (a far `Retry-After`,
 * or a quota the request's `quotaReset` rule recognised, `quota`): reschedule the work for `retryAt`
 * instead of retrying now.
 */
export class RateLimitedError extends HttpClientError {
  constructor(
    url: string,
    readonly status: number,
    readonly retryAt: Date,
    readonly quota: boolean,
  ) {
    super(
      `Rate limited by ${url} (${status}${quota ? ', quota spent' : ''}); retry at ${retryAt.toISOString()}`,
      url,
    );
    this.name = 'RateLimitedError';
  }
}

/** Node's own errors may come from another realm (jest), so no `instanceof Error` here. */
function messageOf(cause: unknown): string {
  const message = (cause as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}
