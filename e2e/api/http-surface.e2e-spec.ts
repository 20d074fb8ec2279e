import { createApiClient, isProblem } from '@televisit/api-client';
import { type RunningApi, startBuiltApi } from '@televisit/testing';
import Database from 'better-sqlite3';
import { connect } from 'node:net';
import { join } from 'node:path';

describe('HTTP surface of the built API', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startBuiltApi({ LOG_LEVEL: 'info' });
  }, 60_000);
  afterAll(() => api?.stop());

  const get = (path: string, init: RequestInit = {}) => fetch(`${api.baseUrl}${path}`, init);
  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${api.baseUrl}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } });

  async function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body: unknown = await res.json();
    expect(isProblem(body)).toBe(true);
    expect(body).toMatchObject({
      status,
      code,
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.js:\d+|node_modules|QueryFailedError/);
    expect((body as { requestId?: string }).requestId).toBe(res.headers.get('x-request-id'));
    return body as { detail?: string };
  }

  describe('operations', () => {
    it('answers /healthz through the typed client', async () => {
      const { data, response } = await createApiClient({ baseUrl: api.baseUrl }).GET('/healthz');
      expect(response.status).toBe(200);
      expect(data).toEqual({ status: 'ok' });
    });

    it('answers /readyz: database reachable and migrated', async () => {
      const { data, response } = await createApiClient({ baseUrl: api.baseUrl }).GET('/readyz');
      expect(response.status).toBe(200);
      expect(data?.status).toBe('ready');
      expect(data?.checks).toEqual([
        { name: 'database', status: 'up', detail: expect.stringMatching(/^sqlite, \d+ ms$/) },
        { name: 'migrations', status: 'up', detail: 'all applied' },
      ]);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('exposes Prometheus metrics labelled by route pattern', async () => {
      await get('/readyz');
      const res = await get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toMatch(
        /televisit_http_request_duration_seconds_count\{method="GET",route="\/readyz",status="200"\} [1-9]/,
      );
      expect(text).toContain('televisit_process_cpu_seconds_total');
    });

    it('serves the OpenAPI document and its UI', async () => {
      const doc = (await (await get('/api/docs/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
      const ui = await get('/api/docs');
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
    });
  });

  describe('security headers', () => {
    it('sends a strict CSP and the usual hardening headers', async () => {
      const res = await get('/healthz');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
        "default-src 'self'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('echoes a well-formed X-Request-Id from the caller', async () => {
      const res = await get('/healthz', { headers: { 'x-request-id': 'edge-req-0001' } });
      expect(res.headers.get('x-request-id')).toBe('edge-req-0001');
    });
  });

  describe('errors are problem documents', () => {
    it('unknown API route → 404', async () => {
      const body = await expectProblem(await get('/api/v1/nothing-here'), 404, 'not_found');
      expect(body.detail).toBe('Cannot GET /api/v1/nothing-here');
    });

    it('unknown API route asked for as HTML is still a 404 problem, not the dashboard', async () => {
      await expectProblem(
        await get('/api/v1/nothing-here', { headers: { accept: 'text/html' } }),
        404,
        'not_found',
      );
    });

    it('malformed JSON → 400 with the parser detail', async () => {
      const body = await expectProblem(await post('/api/v1/anything', '{"name": '), 400, 'malformed_json');
      expect(body.detail).toMatch(/^The body is not valid JSON/);
    });

    it('a body over the limit → 413', async () => {
      await expectProblem(
        await post('/api/v1/anything', JSON.stringify({ pad: 'x'.repeat(200_000) })),
        413,
        'payload_too_large',
      );
    });

    it('a body that is not JSON → 415', async () => {
      await expectProblem(
        await post('/api/v1/anything', 'name=x', 'application/x-www-form-urlencoded'),
        415,
        'unsupported_media_type',
      );
      await expectProblem(await post('/api/v1/anything', '<a/>', 'text/xml'), 415, 'unsupported_media_type');
    });

    it('headers over Node’s limit → 431 problem, not a bare status line', async () => {
      const { port } = new URL(api.baseUrl);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        );
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
      expect(raw).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 431,
        code: 'headers_too_large',
      });
    });

    it('a JSON body with a +json media type and charset is accepted by the parser', async () => {
      const res = await post(
        '/api/v1/anything',
        '{"ok":true}',
        'application/merge-patch+json; charset=utf-8',
      );
      await expectProblem(res, 404, 'not_found');
    });
  });

  describe('dashboard', () => {
    it('serves index.html at / and for client-side routes', async () => {
      for (const path of ['/', '/status', '/some/deep/link']) {
        const res = await get(path, { headers: { accept: 'text/html' } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(await res.text()).toMatch(/<div id="root">/);
      }
    });

    it('serves hashed assets with long-lived caching', async () => {
      const html = await (await get('/', { headers: { accept: 'text/html' } })).text();
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      const res = await get(asset as string);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });
  });

  describe('logs', () => {
    it('are JSON lines with request ids and no secrets from headers or query strings', async () => {
      await get('/api/v1/oauth/zoom/callback?code=SECRET-OAUTH-CODE-123&state=STATE-456', {
        headers: { authorization: 'Bearer tvk_SECRET_API_KEY_789', cookie: 'tv_session=SECRET-SESSION-000' },
      });
      await get('/join/SECRET-JOIN-TOKEN-abc');
      await new Promise((r) => setTimeout(r, 200));
      const output = api.output();
      for (const secret of [
        'SECRET-OAUTH-CODE-123',
        'STATE-456',
        'tvk_SECRET_API_KEY_789',
        'SECRET-SESSION-000',
        'SECRET-JOIN-TOKEN-abc',
      ]) {
        expect(output).not.toContain(secret);
      }
      const lines = output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { req?: { id: string; url: string }; res?: { statusCode: number } });
      const callback = lines.find((l) => l.req?.url.startsWith('/api/v1/oauth/zoom/callback'));
      expect(callback?.req?.url).toBe('/api/v1/oauth/zoom/callback?code=[redacted]&state=[redacted]');
      expect(callback?.req?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.some((l) => l.req?.url === '/join/[redacted]')).toBe(true);
    });
  });

  describe('readiness reflects the schema', () => {
    it('answers 503 not_ready while a migration is pending', async () => {
      const db = new Database(join(api.dataDir, 'televisit.sqlite'));
      const [applied] = db
        .prepare('SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1')
        .all() as Array<{
        id: number;
        timestamp: number;
        name: string;
      }>;
      db.prepare('DELETE FROM migrations WHERE id = ?').run(applied?.id);
      try {
        const { data, error, response } = await createApiClient({ baseUrl: api.baseUrl }).GET('/readyz');
        expect(response.status).toBe(503);
        expect(data).toBeUndefined();
        expect(error).toMatchObject({ status: 'not_ready' });
        expect(error && 'checks' in error ? error.checks : []).toContainEqual({
          name: 'migrations',
          status: 'down',
          detail: '1 pending',
        });
      } finally {
        db.prepare('INSERT INTO migrations (id, timestamp, name) VALUES (?, ?, ?)').run(
          applied?.id,
          applied?.timestamp,
          applied?.name,
        );
        db.close();
      }
      expect((await get('/readyz')).status).toBe(200);
    });
  });
});
