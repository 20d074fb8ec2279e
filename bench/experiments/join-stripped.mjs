// An experiment, not a benchmark (bench/run.mjs does not run it): could trimming televisit's own work
// on the join path reach the join bench's 0.8×? It writes a variant of the built API whose join
// answer does only what the baseline's does: no audit of the use, no request metric, no access-log
// call, and a 302 with the baseline's two headers (Location, Content-Length) instead of seven. Then it
// measures, interleaved on SQLite: bare node:http (bench/servers/join-baseline.mjs), the built API's
// join path, and the stripped variant's. ROUNDS (default 5) rounds of 4 s each.
// docs/performance.md ("Why SQLite stays below 0.8×") quotes its figures.
//   npx nx run-many -t build -p api dashboard && node bench/experiments/join-stripped.mjs
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { compareUrls, startServer, WORKSPACE_ROOT } from '../lib/harness.mjs';
import {
  assertBuilt,
  bookingBody,
  bookReady,
  sqliteDatabase,
  startSeededApi,
  withSandboxProcess,
  writeApiVariant,
} from '../lib/televisit.mjs';

assertBuilt();
const BASELINE = join(WORKSPACE_ROOT, 'bench/servers/join-baseline.mjs');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = 4;

/** What the variant changes in the build. */
const STRIPS = [
  // serveAheadOfExpress: the answer is neither measured nor logged.
  ['done = true;', 'done = true; return;'],
  // JoinLinks.decide: the use is not audited.
  ['const audited = this.uses.record({', 'const audited = undefined && this.uses.record({'],
  // EdgeReply.redirect: the baseline's two headers.
  [/\.writeHead\(302, \{[^}]*\}\)/, ".writeHead(302, { location, 'content-length': 0 })"],
];

/** A ready appointment's link on `api`. */
async function readyLink(api, key, providerId) {
  const body = bookingBody(providerId, new Date(Date.now() + 5 * 60_000));
  return new URL((await bookReady(api.url, key, body)).patientJoinUrl).pathname;
}

const STRIPPED = writeApiVariant('join-stripped', STRIPS);
try {
  await withSandboxProcess(async (sandbox) => {
    const built = { database: sqliteDatabase() };
    const stripped = { database: sqliteDatabase() };
    Object.assign(built, await startSeededApi(built.database, sandbox));
    Object.assign(stripped, await startSeededApi(stripped.database, sandbox, {}, STRIPPED));
    try {
      const builtPath = await readyLink(built.api, built.key, built.providerId);
      const strippedPath = await readyLink(stripped.api, stripped.key, stripped.providerId);
      const answer = await fetch(stripped.api.url + strippedPath, { redirect: 'manual' });
      if (answer.status !== 302 || answer.headers.has('x-request-id'))
        throw new Error('the stripped variant is not answering as expected');
      const location = (await fetch(built.api.url + builtPath, { redirect: 'manual' })).headers.get(
        'location',
      );
      const baseline = await startServer({
        label: 'node:http',
        script: BASELINE,
        env: { DATABASE_URL: built.database.url, JOIN_LOCATION: location },
      });
      const targets = [
        { label: 'bare node:http (the baseline)', url: baseline.url + builtPath },
        { label: "the API's join path", url: built.api.url + builtPath },
        { label: "the API's join path, answer stripped", url: stripped.api.url + strippedPath },
      ];
      await compareUrls(targets, { rounds: ROUNDS, seconds: SECONDS });
      await baseline.stop();
    } finally {
      for (const side of [built, stripped]) {
        await side.api?.stop();
        await side.cleanup?.();
      }
    }
  });
} finally {
  rmSync(STRIPPED, { force: true });
}
