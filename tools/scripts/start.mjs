// npm start: build the API and the dashboard (cached by Nx when nothing changed), then run the
// API in embedded mode: SQLite under ./data, generated keys, sandbox vendors, dashboard on /.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const nx = join(root, 'node_modules/.bin/nx');

console.log('Building televisit (API and dashboard)…');
const build = spawnSync(nx, ['run-many', '-t', 'build', '-p', 'api', 'dashboard', '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NX_DAEMON: 'false' },
});
if (build.status !== 0) {
  console.error('Build failed; run `npm run build` to see the full output.');
  process.exit(build.status ?? 1);
}

const api = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/apps/api/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { LOG_LEVEL: 'warn', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
