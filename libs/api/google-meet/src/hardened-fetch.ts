import type { HttpClient, HttpMethod } from '@televisit/api-http';

const METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * A `fetch` for google-auth-library and googleapis (through gaxios' `fetchImplementation`) that sends
 * every request through the one hardened client: TLS 1.2+, http only to loopback, timeouts, retries
 * with jitter honouring Retry-After, redacted logs.
 */
export function hardenedFetch(http: HttpClient): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase() as HttpMethod;
    if (!METHODS.has(method)) throw new TypeError(`unsupported method ${method}`);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = toBody(init?.body, headers);
    const response = await http.request({ method, url, headers, ...(body === undefined ? {} : { body }) });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    const empty = response.status === 204 || response.status === 304 || method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(response.body), {
      status: response.status,
      headers: responseHeaders,
    });
  };
}

function toBody(body: unknown, headers: Record<string, string>): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return body.toString();
  }
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('streamed request bodies are not supported');
}
