import * as http from 'node:http';
import * as https from 'node:https';

import { HttpNetworkError, HttpTimeoutError } from './http-errors';
import type { HttpRequest, HttpResponse } from './http-request';

/** TLS settings every https request carries; nothing below TLS 1.2, certificates always verified. */
export const TLS_OPTIONS = { minVersion: 'TLSv1.2', rejectUnauthorized: true } as const;

/** Vendor answers are small JSON documents; anything larger is refused rather than buffered. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface PreparedRequest {
  request: HttpRequest;
  url: URL;
  /** The URL as it may appear in errors. */
  safeUrl: string;
  headers: Record<string, string>;
  payload: Buffer | undefined;
  timeoutMs: number;
}

/** One attempt: resolves with the whole response, or rejects with a timeout or network error. */
export function sendOnce(prepared: PreparedRequest): Promise<HttpResponse> {
  const { request, url, safeUrl, headers, payload, timeoutMs } = prepared;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (response) resolve(response);
    };
    const options: https.RequestOptions = {
      method: request.method,
      headers,
      agent: false,
      ...(url.protocol === 'https:' ? { ...TLS_OPTIONS, ...(request.ca ? { ca: request.ca } : {}) } : {}),
    };
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          const error = Object.assign(new Error(`response over ${MAX_RESPONSE_BYTES} bytes`), {
            code: 'ERESPONSETOOLARGE',
          });
          finish(networkError(safeUrl, error));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish(networkError(safeUrl, error)));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        finish(undefined, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          json: <T>() => JSON.parse(body.toString('utf8')) as T,
        });
      });
    });
    const timer = setTimeout(() => {
      finish(new HttpTimeoutError(safeUrl, timeoutMs));
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => finish(networkError(safeUrl, error)));
    req.end(payload);
  });
}

function networkError(safeUrl: string, error: Error): HttpNetworkError {
  return new HttpNetworkError(safeUrl, (error as NodeJS.ErrnoException).code, error);
}
