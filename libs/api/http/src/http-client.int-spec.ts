import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';

import { Logger } from '@nestjs/common';

import { HttpClient } from './http-client';
import { HttpNetworkError, HttpTimeoutError, InsecureTransportError, RateLimitedError } from './http-errors';
import { MAX_RESPONSE_BYTES } from './send-once';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface LocalServer {
  port: number;
  /** Requests the handlers saw (a refused TLS handshake never reaches them). */
  readonly hitCount: number;
  close(): Promise<void>;
}

/** A loopback server answering with `handlers` in turn (the last one repeats); counts the hits. */
async function serve(server: http.Server | https.Server, ...handlers: Handler[]): Promise<LocalServer> {
  let hits = 0;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const handler = handlers[Math.min(hits, handlers.length - 1)];
    hits++;
    handler?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    get hitCount() {
      return hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const reply =
  (status: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers).end(body);
  };

const fast = { attempts: 3, baseMs: 10, capMs: 50 };

describe('HttpClient (integration)', () => {
  const client = new HttpClient();
  let dir: string;
  let key: Buffer;
  let cert: Buffer;
  const servers: Array<{ close: () => Promise<void> }> = [];
  const track = <T extends { close: () => Promise<void> }>(server: T): T => {
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'televisit-http-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'k.pem'));
    cert = readFileSync(join(dir, 'c.pem'));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('TLS', () => {
    it('refuses a server that speaks only TLS 1.1, which an older client can reach', async () => {
      const legacy = { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;
      const server = track(await serve(https.createServer({ key, cert, ...legacy }), reply(200, 'ok')));

      // The server is healthy: a client that allows TLS 1.1 completes the handshake.
      const protocol = await new Promise<string | null>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: server.port, ca: cert, ...legacy }, () => {
          resolve(socket.getProtocol());
          socket.end();
        });
        socket.on('error', reject);
      });
      expect(protocol).toBe('TLSv1.1');

      const attempt = client.request({ method: 'GET', url: `https://127.0.0.1:${server.port}/`, ca: cert });
      await expect(attempt).rejects.toBeInstanceOf(HttpNetworkError);
      await expect(attempt).rejects.toThrow(/protocol|version/i);
      expect(server.hitCount).toBe(0);
    });

    it('accepts a TLS 1.2+ server with the same certificate when it is trusted, and not otherwise', async () => {
      const server = track(await serve(https.createServer({ key, cert }), reply(200, '{"ok":true}')));
      const url = `https://127.0.0.1:${server.port}/`;

      const response = await client.request({ method: 'GET', url, ca: cert });
      expect(response.status).toBe(200);
      expect(response.json<{ ok: boolean }>()).toEqual({ ok: true });

      await expect(client.request({ method: 'GET', url })).rejects.toBeInstanceOf(HttpNetworkError);
    });
  });

  describe('plain http', () => {
    it('is refused for a non-loopback host without a connection attempt', async () => {
      const spy = jest.spyOn(net.Socket.prototype, 'connect');
      await expect(
        client.request({ method: 'GET', url: 'http://example.com/api?x=1' }),
      ).rejects.toBeInstanceOf(InsecureTransportError);
      await expect(client.request({ method: 'GET', url: 'http://10.255.255.1/' })).rejects.toThrow(
        /plain http/,
      );
      expect(spy).not.toHaveBeenCalled();
    });

    it('is allowed to 127.0.0.1', async () => {
      const server = track(await serve(http.createServer(), reply(200, 'hello')));
      const connect = jest.spyOn(net.Socket.prototype, 'connect');
      const response = await client.request({ method: 'GET', url: `http://127.0.0.1:${server.port}/` });
      expect(response.status).toBe(200);
      expect(response.body.toString()).toBe('hello');
      expect(connect).toHaveBeenCalled(); // the spy above sees real connections
    });
  });

  describe('retries', () => {
    it('retries 503 and then succeeds', async () => {
      const server = track(await serve(http.createServer(), reply(503), reply(503), reply(200, 'ok')));
      const response = await client.request({
        method: 'GET',
        url: `http://127.0.0.1:${server.port}/`,
        retry: fast,
      });
      expect(response.status).toBe(200);
      expect(server.hitCount).toBe(3);
    });

    it('stops after `attempts` and returns the last answer', async () => {
      const server = track(await serve(http.createServer(), reply(502)));
      const response = await client.request({
        method: 'GET',
        url: `http://127.0.0.1:${server.port}/`,
        retry: fast,
      });
      expect(response.status).toBe(502);
      expect(server.hitCount).toBe(3);
    });

    it('honours Retry-After', async () => {
      const server = track(
        await serve(http.createServer(), reply(503, '', { 'Retry-After': '1' }), reply(200, 'ok')),
      );
      const started = Date.now();
      const response = await client.request({
        method: 'GET',
        url: `http://127.0.0.1:${server.port}/`,
        retry: { attempts: 2, baseMs: 10, capMs: 5_000 },
      });
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.hitCount).toBe(2);
    });

    it('does not retry a POST unless it is declared idempotent', async () => {
      const server = track(await serve(http.createServer(), reply(503), reply(200, 'ok')));
      const url = `http://127.0.0.1:${server.port}/`;
      const first = await client.request({ method: 'POST', url, body: { a: 1 }, retry: fast });
      expect(first.status).toBe(503);
      expect(server.hitCount).toBe(1);

      const second = await client.request({
        method: 'POST',
        url,
        body: { a: 1 },
        retry: fast,
        idempotent: true,
      });
      expect(second.status).toBe(200);
      expect(server.hitCount).toBe(2);
    });

    it('surfaces a far Retry-After as RateLimitedError without retrying', async () => {
      const server = track(await serve(http.createServer(), reply(429, '', { 'Retry-After': '3600' })));
      const started = Date.now();
      const error = await client
        .request({ method: 'GET', url: `http://127.0.0.1:${server.port}/`, retry: fast })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      const retryAt = (error as RateLimitedError).retryAt.getTime();
      expect(retryAt).toBeGreaterThanOrEqual(started + 3_600_000 - 1_000);
      expect(retryAt).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1_000);
      expect(server.hitCount).toBe(1);
    });

    it('never retries an answer the request’s quotaReset rule names, even when retries are allowed', async () => {
      const reset = new Date('2030-01-02T00:00:00.000Z');
      const server = track(
        await serve(
          http.createServer(),
          reply(429, '{"quota":"spent"}', { 'Content-Type': 'application/json' }),
        ),
      );
      const seen: Array<[number, number | undefined]> = [];
      const error = await client
        .request({
          method: 'POST',
          url: `http://127.0.0.1:${server.port}/v2/users/me/meetings`,
          idempotent: true,
          retry: fast,
          quotaReset: (response, _now, retryAfterMs) => {
            seen.push([response.status, retryAfterMs]);
            return response.json<{ quota?: string }>().quota === 'spent' ? reset : undefined;
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ quota: true, retryAt: reset, status: 429 });
      expect(seen).toEqual([[429, undefined]]);
      expect(server.hitCount).toBe(1);
    });

    it('retries a 429 its quotaReset rule does not name, as any other', async () => {
      const server = track(await serve(http.createServer(), reply(429, '{}')));
      const response = await client.request({
        method: 'GET',
        url: `http://127.0.0.1:${server.port}/`,
        retry: fast,
        quotaReset: () => undefined,
      });
      expect(response.status).toBe(429);
      expect(server.hitCount).toBe(fast.attempts);
    });
  });

  describe('timeouts', () => {
    it('throws HttpTimeoutError when the server never answers', async () => {
      const server = track(await serve(http.createServer(), () => undefined));
      const started = Date.now();
      const attempt = client.request({
        method: 'POST',
        url: `http://127.0.0.1:${server.port}/`,
        timeoutMs: 200,
        retry: fast,
      });
      await expect(attempt).rejects.toBeInstanceOf(HttpTimeoutError);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.hitCount).toBe(1);
    });

    it('retries a timed-out GET', async () => {
      const server = track(await serve(http.createServer(), () => undefined, reply(200, 'late but fine')));
      const response = await client.request({
        method: 'GET',
        url: `http://127.0.0.1:${server.port}/`,
        timeoutMs: 200,
        retry: fast,
      });
      expect(response.body.toString()).toBe('late but fine');
      expect(server.hitCount).toBe(2);
    });
  });

  it('refuses a response body over MAX_RESPONSE_BYTES without retrying', async () => {
    const server = track(await serve(http.createServer(), reply(200, 'x'.repeat(MAX_RESPONSE_BYTES + 1))));
    const attempt = client.request({ method: 'GET', url: `http://127.0.0.1:${server.port}/`, retry: fast });
    await expect(attempt).rejects.toBeInstanceOf(HttpNetworkError);
    await expect(attempt).rejects.toMatchObject({ code: 'ERESPONSETOOLARGE' });
    expect(server.hitCount).toBe(1);
  });

  it('logs one redacted line per attempt: no query value, no authorization header, no body', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'debug', 'verbose', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }
    const server = track(await serve(http.createServer(), reply(503), reply(200, 'response-secret')));
    await client.request({
      method: 'PUT',
      url: `http://127.0.0.1:${server.port}/users/user-42/tokens?access_token=s3cret-query&state=st4te`,
      headers: { Authorization: 'Bearer top-secret-bearer' },
      body: { password: 'body-secret' },
      redact: ['user-42'],
      retry: fast,
    });

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^PUT http:\/\/127\.0\.0\.1:\d+\/users\/\[redacted\]\/tokens\?access_token=\[redacted\]&state=\[redacted\] 503 \d+ms attempt 1\/3$/,
    );
    expect(lines[1]).toMatch(/ 200 \d+ms attempt 2\/3$/);
    const all = lines.join('\n');
    for (const secret of [
      's3cret-query',
      'st4te',
      'top-secret-bearer',
      'Bearer',
      'body-secret',
      'response-secret',
      'user-42',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
