import { isLoopbackHost, redactUrl } from '@televisit/api-core';

import { HttpClientError, InsecureTransportError } from './http-errors';
import { DEFAULT_TIMEOUT_MS, type HttpRequest } from './http-request';
import type { PreparedRequest } from './send-once';

/** The URL for logs and errors: query values, join tokens and the caller's extra values replaced. */
export function safeUrlOf(url: string, redact: readonly string[] = []): string {
  return redact
    .filter((value) => value.length > 0)
    .reduce((text, value) => text.split(value).join('[redacted]'), redactUrl(url));
}

/**
 * Validates the target and serialises the body. Throws, before any connection, for a URL that is
 * not http(s) or for plain http to a host other than loopback.
 */
export function prepareRequest(request: HttpRequest): PreparedRequest {
  const safeUrl = safeUrlOf(request.url, request.redact);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (cause) {
    throw new HttpClientError(`Not a valid URL: ${safeUrl}`, safeUrl, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HttpClientError(`Unsupported protocol ${url.protocol} in ${safeUrl}`, safeUrl);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InsecureTransportError(safeUrl);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const payload = serialise(request.body, headers);
  if (payload) headers['content-length'] = String(payload.length);
  return { request, url, safeUrl, headers, payload, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

function serialise(body: HttpRequest['body'], headers: Record<string, string>): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  headers['content-type'] ??= 'application/json';
  return Buffer.from(JSON.stringify(body), 'utf8');
}
