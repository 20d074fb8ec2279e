import express from 'express';
import type { AddressInfo } from 'node:net';
import { isApiV1Path, noStoreForApi } from './no-store';

describe('isApiV1Path', () => {
  it.each([
    ['/api/v1', true],
    ['/api/v1/appointments/a1', true],
    ['/API/V1/appointments', true],
    ['//api/v1/users', true],
    ['/api/v1x', false],
    ['/api/docs/openapi.json', false],
    ['/healthz', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(isApiV1Path(path)).toBe(expected);
  });
});

describe('noStoreForApi', () => {
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(noStoreForApi);
    app.get('/api/v1/appointments/a1', (_req, res) => {
      res.json({ patient: { displayName: 'Jane Patient' } });
    });
    app.get('/api/v1/cacheable', (_req, res) => {
      res.setHeader('Cache-Control', 'private, max-age=60');
      res.json({});
    });
    app.get('/assets/app.js', (_req, res) => {
      res.send('');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });

  afterAll(() => close());

  const cacheControl = async (path: string) => (await fetch(base + path)).headers.get('cache-control');

  it('marks an API answer no-store', async () => {
    expect(await cacheControl('/api/v1/appointments/a1')).toBe('no-store');
    expect(await cacheControl('/api/v1/unknown')).toBe('no-store');
  });

  it('leaves a handler’s own Cache-Control, and paths outside the API, alone', async () => {
    expect(await cacheControl('/api/v1/cacheable')).toBe('private, max-age=60');
    expect(await cacheControl('/assets/app.js')).toBeNull();
  });
});
