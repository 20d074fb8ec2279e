// An experiment, not a benchmark (bench/run.mjs does not run it): how fast meetings follow a burst of
// bookings. Books N appointments at once (50 in flight) and times until every meeting is ready, with
// the fake Zoom answering after LATENCY ms, once with the built API and once with a variant of it that
// reconciles in one lane. docs/performance.md ("Under a burst") quotes its figures.
//   npx nx run-many -t build -p api dashboard && node bench/experiments/reconcile-burst.mjs [sqlite|mariadb] [N] [LATENCY]
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../lib/harness.mjs';
import {
  assertBuilt,
  bookingBody,
  mariadbDatabase,
  sqliteDatabase,
  startSeededApi,
  withSandboxProcess,
  writeApiVariant,
} from '../lib/televisit.mjs';

assertBuilt();
const [engine = 'sqlite', count = '200', latency = '150'] = process.argv.slice(2);
const BUILT = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');

/** Every appointment of the API key's clinic, through the list's cursor. */
async function readyCount(url, headers) {
  let ready = 0;
  let cursor = null;
  do {
    const res = await fetch(`${url}/api/v1/appointments?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers,
    });
    if (res.status !== 200) throw new Error(`listing answered ${res.status}`);
    const page = await res.json();
    ready += page.data.filter((a) => a.meeting.status === 'ready').length;
    cursor = page.nextCursor;
  } while (cursor);
  return ready;
}

async function burst(sandbox, script) {
  const database = engine === 'sqlite' ? sqliteDatabase() : await mariadbDatabase();
  if (!database) throw new Error('MariaDB is not reachable');
  const { api, key, providerId, cleanup } = await startSeededApi(database, sandbox, {}, script);
  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const started = Date.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (sent < Number(count)) {
          sent += 1;
          const body = bookingBody(providerId, new Date(Date.now() + 86_400_000 + sent * 60_000));
          const res = await fetch(`${api.url}/api/v1/appointments`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
          });
          if (res.status !== 201) throw new Error(`booking answered ${res.status}`);
        }
      }),
    );
    while ((await readyCount(api.url, headers)) < Number(count)) {
      if (Date.now() - started > 300_000) throw new Error('the meetings were not ready within 5 minutes');
      // Not faster: the API key's rate limit (600 a minute), and listing is work the lanes yield to.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return Date.now() - started;
  } finally {
    await api.stop();
    await cleanup();
  }
}

const ONE_LANE = writeApiVariant('one-lane-experiment', [
  [/^exports\.RECONCILE_LANES = \d+;$/m, 'exports.RECONCILE_LANES = 1;'],
]);
try {
  await withSandboxProcess(async (sandbox) => {
    await fetch(`${sandbox.url}/sandbox/_control/knobs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: Number(latency) }),
    });
    process.stdout.write(
      `${engine}: ${count} bookings at once, the fake Zoom answering after ${latency} ms\n`,
    );
    for (const [label, script] of [
      ['as built', BUILT],
      ['one lane', ONE_LANE],
    ]) {
      const ms = await burst(sandbox, script);
      process.stdout.write(
        `  ${label.padEnd(9)} every meeting ready ${(ms / 1000).toFixed(1)} s after the first booking: ` +
          `${(Number(count) / (ms / 1000)).toFixed(1)} meetings/s\n`,
      );
    }
  });
} finally {
  rmSync(ONE_LANE, { force: true });
}
