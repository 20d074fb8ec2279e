import {
  API_MAIN,
  describeEachEngine,
  startBuiltApi,
  type TestDatabase,
  WORKSPACE_ROOT,
} from '@televisit/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(WORKSPACE_ROOT, 'dist/apps/api/cli.js');

function run(file: string, args: string[], env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'televisit-cmd-'));
  const result = spawnSync(process.execPath, [file, ...args], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('configuration is validated at boot', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [
      { DATABASE_URL: 'postgres://db/televisit' },
      /^Invalid configuration: DATABASE_URL must be sqlite:PATH or mysql:/,
    ],
    [
      { NODE_ENV: 'production', PUBLIC_URL: 'https://x.example' },
      /^Invalid configuration: TOKEN_ENCRYPTION_KEYS is required in production$/,
    ],
    [
      { ZOOM_CLIENT_ID: 'abc' },
      /^Invalid configuration: ZOOM_CLIENT_SECRET is required when ZOOM_CLIENT_ID is set$/,
    ],
    [
      {
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://televisit.example.org',
        TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
        SESSION_SECRET: 's'.repeat(40),
      },
      /^Invalid configuration: PUBLIC_URL must use https in production \(plain http is allowed only to loopback\)$/,
    ],
  ])('%j stops the start with one line naming the variable', (env, message) => {
    const { status, stdout, stderr } = run(API_MAIN, [], env);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it('production with every required setting starts, without migrating', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const api = await startBuiltApi({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://televisit.example.org',
      TOKEN_ENCRYPTION_KEYS: `k1:${key}`,
      SESSION_SECRET: 's'.repeat(40),
    });
    try {
      expect(api.output()).toContain('running in production mode at https://televisit.example.org');
      // Production does not migrate at start: readiness says so until `migrate` has run.
      const ready = (await (await fetch(`${api.baseUrl}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe('not_ready');
      const res = await fetch(`${api.baseUrl}/healthz`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    } finally {
      await api.stop();
    }
  }, 60_000);
});

describeEachEngine('npm run migrate (cli.js migrate)', (engine) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await engine.create();
  }, 30_000);
  afterAll(() => db?.drop());

  it('applies pending migrations once, then reports none pending', () => {
    const first = run(CLI, ['migrate'], { DATABASE_URL: db.url });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^applied: CreateClinics\d+/);
    const second = run(CLI, ['migrate'], { DATABASE_URL: db.url });
    expect(second.stdout.trim()).toBe('no pending migrations');
  });

  it('the API starts on this database and is ready', async () => {
    const api = await startBuiltApi({ DATABASE_URL: db.url });
    try {
      const body = (await (await fetch(`${api.baseUrl}/readyz`)).json()) as {
        status: string;
        checks: Array<{ detail: string }>;
      };
      expect(body.status).toBe('ready');
      expect(body.checks[0]?.detail).toMatch(engine.name === 'sqlite' ? /^sqlite/ : /^mysql/);
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('re-seals stored secrets with keys:rotate', () => {
    const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
    const result = run(CLI, ['keys:rotate'], {
      DATABASE_URL: db.url,
      TOKEN_ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}`,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^re-sealed \d+ secrets under key "k2" \(\d+ already current, \d+ sealed columns\)\n$/,
    );
  });

  it('reverts with migrate:down', () => {
    const down = run(CLI, ['migrate:down', '1'], { DATABASE_URL: db.url });
    expect(down.status).toBe(0);
    expect(down.stdout).toMatch(/^reverted: [A-Za-z]+\d{13}\n$/);
  });
});

describe('cli.js', () => {
  it('prints usage and fails on an unknown command', () => {
    const { status, stderr } = run(CLI, ['frobnicate'], {});
    expect(status).toBe(2);
    expect(stderr).toContain('usage: node dist/apps/api/cli.js <command>');
  });
});
