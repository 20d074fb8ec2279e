import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable, Logger } from '@nestjs/common';

import { decorrelatedJitter } from './decorrelated-jitter';
import { HttpClientError, HttpNetworkError, HttpTimeoutError, RateLimitedError } from './http-errors';
import {
  DEFAULT_RETRY,
  type HttpRequest,
  type HttpResponse,
  IDEMPOTENT_METHODS,
  type RetryPolicy,
} from './http-request';
import { prepareRequest } from './prepare-request';
import { retryAfterMs } from './retry-after';
import { sendOnce } from './send-once';

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Connection failures worth another attempt; TLS and certificate failures are not among them. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * The one outbound HTTP client: TLS 1.2 minimum, plain http only to loopback, a deadline per
 * attempt, retries with decorrelated jitter for idempotent requests (honouring `Retry-After`), and a
 * redacted log line per attempt. Non-2xx responses are returned, not thrown, once retries are spent.
 */
@Injectable()
export class HttpClient {
  private readonly logger = new Logger(HttpClient.name);

  async request(request: HttpRequest): Promise<HttpResponse> {
    const prepared = prepareRequest(request);
    const policy: RetryPolicy = { ...DEFAULT_RETRY, ...request.retry };
    const attempts = Math.max(1, Math.floor(policy.attempts));
    const mayRetry = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
    let previousDelay = policy.baseMs;

    for (let attempt = 1; ; attempt++) {
      const last = !mayRetry || attempt >= attempts;
      const started = Date.now();
      let response: HttpResponse;
      try {
        response = await sendOnce(prepared);
      } catch (error) {
        this.logAttempt(request, prepared.safeUrl, outcomeOf(error), started, attempt, attempts);
        if (last || !isRetryableError(error)) throw error;
        previousDelay = decorrelatedJitter(previousDelay, policy.baseMs, policy.capMs);
        await sleep(previousDelay);
        continue;
      }
      this.logAttempt(request, prepared.safeUrl, String(response.status), started, attempt, attempts);
      if (!RETRYABLE_STATUS.has(response.status)) return response;

      const now = new Date();
      const waitMs = retryAfterMs(response.headers['retry-after'], now);
      const quotaReset = request.quotaReset?.(response, now, waitMs);
      if (quotaReset) throw new RateLimitedError(prepared.safeUrl, response.status, quotaReset, true);
      if (
        waitMs !== undefined &&
        waitMs > policy.capMs &&
        (response.status === 429 || response.status === 503)
      ) {
        throw new RateLimitedError(
          prepared.safeUrl,
          response.status,
          new Date(now.getTime() + waitMs),
          false,
        );
      }
      if (last) return response;
      previousDelay = decorrelatedJitter(previousDelay, policy.baseMs, policy.capMs);
      await sleep(Math.max(previousDelay, waitMs ?? 0));
    }
  }

  private logAttempt(
    request: HttpRequest,
    safeUrl: string,
    outcome: string,
    started: number,
    attempt: number,
    attempts: number,
  ): void {
    this.logger.log(
      `${request.method} ${safeUrl} ${outcome} ${Date.now() - started}ms attempt ${attempt}/${attempts}`,
    );
  }
}

function isRetryableError(error: unknown): boolean {
  if (error instanceof HttpTimeoutError) return true;
  return error instanceof HttpNetworkError && error.code !== undefined && RETRYABLE_CODES.has(error.code);
}

function outcomeOf(error: unknown): string {
  if (error instanceof HttpNetworkError) return `${error.name}(${error.code ?? 'unknown'})`;
  if (error instanceof HttpClientError) return error.name;
  return 'error';
}
