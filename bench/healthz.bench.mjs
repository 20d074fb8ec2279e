// GET /healthz of the real built API against bare node:http answering the same JSON. The API pays
// for helmet security headers, a request id, JSON logging and metrics on every request: the ratio
// is the price of that per-request pipeline, not of any business logic.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHttpBench, startServer, WORKSPACE_ROOT } from './lib/harness.mjs';

const apiMain = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
if (!existsSync(apiMain)) {
  throw new Error(`${apiMain} is missing: build it first (npx nx run api:build --outputStyle=static)`);
}

const dataDir = mkdtempSync(join(tmpdir(), 'televisit-bench-'));
try {
  await runHttpBench({
    name: 'healthz',
    title: 'GET /healthz: built API (dist/apps/api/main.js) vs bare node:http',
    path: '/healthz',
    baseline: 'node:http',
    start: async () => [
      await startServer({ label: 'node:http', script: join(WORKSPACE_ROOT, 'bench/servers/baseline.mjs') }),
      await startServer({
        label: 'api',
        script: apiMain,
        env: {
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATA_DIR: dataDir,
          DATABASE_URL: `sqlite:${join(dataDir, 'televisit.sqlite')}`,
        },
      }),
    ],
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
