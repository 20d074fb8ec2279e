import { startBuiltApi, WORKSPACE_ROOT } from '@televisit/testing';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const CLI = join(WORKSPACE_ROOT, 'dist/apps/api/cli.js');

describe('npm run audit:verify (cli.js audit:verify)', () => {
  let dbFile = '';

  beforeAll(async () => {
    const api = await startBuiltApi({
      BOOTSTRAP_ADMIN_EMAIL: 'root@televisit.test',
      BOOTSTRAP_ADMIN_PASSWORD: 'correct-horse-battery',
    });
    const login = (password: string) =>
      fetch(`${api.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'root@televisit.test', password }),
      });
    expect((await login('wrong-password-1')).status).toBe(401);
    expect((await login('correct-horse-battery')).status).toBe(200);
    // Keep the data: stop() would delete it, so copy the database out first.
    const source = new Database(join(api.dataDir, 'televisit.sqlite'));
    dbFile = join(WORKSPACE_ROOT, 'tmp', `audit-verify-${process.pid}.sqlite`);
    await source.backup(dbFile);
    source.close();
    await api.stop();
  }, 60_000);

  afterAll(() => rmSync(dbFile, { force: true }));

  const verify = () =>
    spawnSync(process.execPath, [CLI, 'audit:verify'], {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: `sqlite:${dbFile}`,
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      },
      encoding: 'utf8',
    });

  it('reports an intact chain of the events the app wrote', () => {
    const result = verify();
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^audit chain intact: [3-9] events$/);
    expect(result.status).toBe(0);
  });

  it('names the first modified row and exits 1', () => {
    const db = new Database(dbFile);
    db.prepare(
      "UPDATE audit_events SET outcome = 'success' WHERE action = 'auth.login' AND outcome = 'failure'",
    ).run();
    const seq = (
      db.prepare("SELECT seq FROM audit_events WHERE action = 'auth.login' ORDER BY seq LIMIT 1").get() as {
        seq: number;
      }
    ).seq;
    db.close();
    const result = verify();
    expect(result.status).toBe(1);
    expect(result.stdout.trim()).toMatch(
      new RegExp(`^audit chain BROKEN at seq ${seq} \\(id [0-9a-f-]{36}\\): modified`),
    );
  });
});
