import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';
import { ConfigError, isLoopbackHost, parseDatabaseUrl, parseEncryptionKeys } from './config.schema';
import { resolveEmbeddedSecrets } from './embedded-secrets';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const production = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://clinic.example.org',
  TOKEN_ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}`,
  SESSION_SECRET: 'x'.repeat(40),
  DATABASE_URL: 'mysql://tv:p%40ss@db.internal:3307/televisit',
};

function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('gives every setting a safe embedded default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      database: { engine: 'sqlite', path: './data/televisit.sqlite' },
      production: false,
      sandbox: true,
      worker: true,
      encryptionKeys: undefined,
      zoom: { oauthBaseUrl: 'https://zoom.us', apiBaseUrl: 'https://api.zoom.us/v2' },
      google: { tokenUrl: 'https://oauth2.googleapis.com/token' },
    });
  });

  it('derives PUBLIC_URL from PORT and treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: '' }).publicUrl).toBe('http://localhost:8080');
  });

  it('reads a production environment', () => {
    const config = loadConfig(production);
    expect(config.production).toBe(true);
    expect(config.sandbox).toBe(false);
    expect(config.encryptionKeys?.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(config.database).toEqual({
      engine: 'mysql',
      host: 'db.internal',
      port: 3307,
      user: 'tv',
      password: 'p@ss',
      database: 'televisit',
    });
  });

  it('turns the sandbox off implicitly once vendor credentials are configured', () => {
    expect(loadConfig({ ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret' }).sandbox).toBe(false);
    expect(loadConfig({ ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret', SANDBOX: 'true' }).sandbox).toBe(
      true,
    );
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [
      { DATABASE_URL: 'postgres://x/y' },
      /^Invalid configuration: DATABASE_URL must be sqlite:PATH or mysql:/,
    ],
    [{ DATABASE_URL: 'mysql://root@host' }, /^Invalid configuration: DATABASE_URL must be mysql:\/\/user/],
    [{ PUBLIC_URL: 'clinic.example.org' }, /^Invalid configuration: PUBLIC_URL must be an http\(s\) URL/],
    [
      { NODE_ENV: 'staging' },
      /^Invalid configuration: NODE_ENV must be one of development, production, test/,
    ],
    [{ SANDBOX: 'yes' }, /^Invalid configuration: SANDBOX must be one of (?=.*true)(?=.*false)/],
    [
      { ZOOM_CLIENT_ID: 'id' },
      /^Invalid configuration: ZOOM_CLIENT_SECRET is required when ZOOM_CLIENT_ID is set/,
    ],
    [
      { GOOGLE_CLIENT_SECRET: 's' },
      /^Invalid configuration: GOOGLE_CLIENT_ID is required when GOOGLE_CLIENT_SECRET/,
    ],
    [{ SESSION_SECRET: 'short' }, /^Invalid configuration: SESSION_SECRET must be at least 32 characters/],
    [
      { TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' },
      /^Invalid configuration: TOKEN_ENCRYPTION_KEYS entry 1 must be/,
    ],
    [
      { BOOTSTRAP_ADMIN_EMAIL: 'not-an-email', BOOTSTRAP_ADMIN_PASSWORD: 'x'.repeat(12) },
      /BOOTSTRAP_ADMIN_EMAIL/,
    ],
    [{ BODY_LIMIT: 'lots' }, /^Invalid configuration: BODY_LIMIT must look like 100kb or 1mb/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const text = failure(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it.each([
    ['TOKEN_ENCRYPTION_KEYS', /TOKEN_ENCRYPTION_KEYS is required in production/],
    ['SESSION_SECRET', /SESSION_SECRET is required in production/],
    ['PUBLIC_URL', /PUBLIC_URL is required in production/],
  ])('production refuses to start without %s', (name, message) => {
    expect(failure({ ...production, [name]: undefined })).toMatch(message);
  });

  it('production refuses plain-http vendor URLs except to loopback', () => {
    expect(failure({ ...production, ZOOM_API_BASE_URL: 'http://zoom.example.com/v2' })).toMatch(
      /ZOOM_API_BASE_URL must use https in production/,
    );
    expect(loadConfig({ ...production, ZOOM_API_BASE_URL: 'http://127.0.0.1:9000/v2' }).zoom.apiBaseUrl).toBe(
      'http://127.0.0.1:9000/v2',
    );
  });

  it('production refuses a plain-http PUBLIC_URL except on loopback', () => {
    const text = failure({ ...production, PUBLIC_URL: 'http://clinic.example.org' });
    expect(text).toBe(
      'Invalid configuration: PUBLIC_URL must use https in production (plain http is allowed only to loopback)',
    );
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://localhost:3000' }).publicUrl).toBe(
      'http://localhost:3000',
    );
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://127.0.0.1:8080/' }).publicUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('production refuses a Zoom app without the webhook secret token', () => {
    const zoom = { ...production, ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret' };
    const text = failure(zoom);
    expect(text).toMatch(
      /^Invalid configuration: ZOOM_WEBHOOK_SECRET_TOKEN is required in production when ZOOM_CLIENT_ID is set/,
    );
    expect(text).not.toContain('\n');
    expect(failure({ ...zoom, ZOOM_WEBHOOK_SECRET_TOKEN: '' })).toMatch(
      /ZOOM_WEBHOOK_SECRET_TOKEN is required/,
    );
    expect(loadConfig({ ...zoom, ZOOM_WEBHOOK_SECRET_TOKEN: 'token' }).zoom.webhookSecretToken).toBe('token');
    // Outside production the webhook stays optional, and production without Zoom needs no token.
    expect(
      loadConfig({ ZOOM_CLIENT_ID: 'id', ZOOM_CLIENT_SECRET: 'secret' }).zoom.webhookSecretToken,
    ).toBeUndefined();
    expect(loadConfig(production).zoom.clientId).toBeUndefined();
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 172.16.0.0/12', '10.0.0.0/8, 172.16.0.0/12'],
  ])('reads TRUST_PROXY=%s', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('refuses a TRUST_PROXY that is not a hop count or address list', () => {
    expect(failure({ TRUST_PROXY: 'everyone' })).toMatch(/^Invalid configuration: TRUST_PROXY must be false/);
  });

  it('production never enables the sandbox implicitly', () => {
    expect(loadConfig(production).sandbox).toBe(false);
  });
});

describe('parseEncryptionKeys', () => {
  it('keeps the order: the first seals, all open', () => {
    const keys = parseEncryptionKeys(`new:${key(9)}, old:${key(8)}`);
    expect(keys.map((k) => [k.kid, k.key[0]])).toEqual([
      ['new', 9],
      ['old', 8],
    ]);
  });

  it.each([['nokid'], [`:${key(1)}`], [`k 1:${key(1)}`], [`k1:${key(1)},k1:${key(2)}`]])(
    'rejects %s',
    (raw) => {
      expect(() => parseEncryptionKeys(raw)).toThrow(/TOKEN_ENCRYPTION_KEYS/);
    },
  );
});

describe('parseDatabaseUrl', () => {
  it('reads sqlite paths, including in-memory', () => {
    expect(parseDatabaseUrl('sqlite:./data/x.sqlite')).toEqual({ engine: 'sqlite', path: './data/x.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ engine: 'sqlite', path: ':memory:' });
  });

  it('defaults the mysql port and user', () => {
    expect(parseDatabaseUrl('mariadb://db/tv')).toMatchObject({
      host: 'db',
      port: 3306,
      user: 'root',
      database: 'tv',
    });
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.8.0.1', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('resolveEmbeddedSecrets', () => {
  it('generates keys once into DATA_DIR (mode 0600) and reuses them on the next start', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tv-secrets-'));
    const first = resolveEmbeddedSecrets(loadConfig({ DATA_DIR: dataDir }));
    const second = resolveEmbeddedSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(first.encryptionKeys?.[0]?.key).toHaveLength(32);
    expect(second.encryptionKeys?.[0]?.key.equals(first.encryptionKeys?.[0]?.key as Buffer)).toBe(true);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(first.sessionSecret);
  });

  it('keeps explicit keys and writes nothing', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'tv-secrets-')), 'never-created');
    const config = resolveEmbeddedSecrets(
      loadConfig({
        DATA_DIR: dataDir,
        TOKEN_ENCRYPTION_KEYS: `k1:${key(1)}`,
        SESSION_SECRET: 'y'.repeat(32),
      }),
    );
    expect(config.sessionSecret).toBe('y'.repeat(32));
    expect(() => statSync(dataDir)).toThrow();
  });
});
