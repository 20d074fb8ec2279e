// An experiment, not a benchmark (bench/run.mjs does not run it): how fast the join baseline's own code
// is inside the API process. It writes a variant of the built API next to it in which a request with an
// `x-bare` header runs the baseline's handler (bench/servers/join-baseline.mjs: sha256, the same
// prepared SELECT on the API's own better-sqlite3 connection, a two-header 302) before anything of
// televisit's, then measures, interleaved: bare node:http, that handler inside the API process, and the
// API's real join path; and the bare baseline again with parts of the API process's context
// (join-baseline-in-context.mjs: an AsyncLocalStorage on, Express traffic first). ROUNDS (default 5)
// rounds of 4 s each. docs/performance.md ("Why SQLite stays below 0.8×") quotes its figures.
//   npx nx run-many -t build -p api dashboard && node bench/experiments/join-in-process.mjs
import { readFileSync, rmSync } from 'node:fs';
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
const IN_CONTEXT = join(WORKSPACE_ROOT, 'bench/experiments/join-baseline-in-context.mjs');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = 4;

/** The built API with the baseline's handler in front of its join route, for `x-bare` requests. */
function writeVariant() {
  const sql = /const SQL = `([^`]+)`/.exec(readFileSync(BASELINE, 'utf8'))?.[1];
  if (!sql) throw new Error('the baseline no longer has its SQL where expected');
  const anchor = "server.removeListener('request', expressListener);";
  const bare = `
    let bareSelect;
    server.prependListener('request', (req, res) => {
      if (req.headers['x-bare'] === undefined) return;
      bareSelect ??= nest.get(require('typeorm').DataSource).driver.databaseConnection.prepare(${JSON.stringify(sql)});
      const token = req.url.slice('/join/'.length);
      Promise.resolve(bareSelect.get(require('node:crypto').createHash('sha256').update(token).digest('hex'))).then(
        (row) => (row ? res.writeHead(302, { location: 'http://bare.test/j/1', 'content-length': 0 }).end() : res.writeHead(404).end()),
      );
    });`;
  const listener = "server.on('request', (req, res) => {";
  return writeApiVariant('join-experiment', [
    [anchor, `${anchor}${bare}`],
    // The API's own listener answers everything else; for x-bare requests it must not answer too.
    [listener, `${listener}\n        if (req.headers['x-bare'] !== undefined) return;`],
  ]);
}

const VARIANT = writeVariant();
try {
  await withSandboxProcess(async (sandbox) => {
    const database = sqliteDatabase();
    const { api, key, providerId, cleanup } = await startSeededApi(database, sandbox, {}, VARIANT);
    try {
      const booked = await bookReady(
        api.url,
        key,
        bookingBody(providerId, new Date(Date.now() + 5 * 60_000)),
      );
      const path = new URL(booked.patientJoinUrl).pathname;
      const location = (await fetch(api.url + path, { redirect: 'manual' })).headers.get('location');
      const env = { DATABASE_URL: database.url, JOIN_LOCATION: location };
      const baseline = await startServer({ label: 'node:http', script: BASELINE, env });
      // The same baseline with parts of the API process's context (join-baseline-in-context.mjs).
      const contexts = [
        ['bare node:http, AsyncLocalStorage on', { CONTEXT_ALS: '1' }],
        ['bare node:http, after Express traffic', { CONTEXT_EXPRESS: '1' }],
        ['bare node:http, both', { CONTEXT_ALS: '1', CONTEXT_EXPRESS: '1' }],
      ];
      const inContext = [];
      for (const [label, context] of contexts) {
        const server = await startServer({ label, script: IN_CONTEXT, env: { ...env, ...context } });
        inContext.push({ label, url: server.url, headers: {}, server });
      }
      const check = await fetch(api.url + path, { redirect: 'manual', headers: { 'x-bare': '1' } });
      if (check.headers.get('location') !== 'http://bare.test/j/1')
        throw new Error('the variant is not answering');
      const targets = [
        { label: 'bare node:http (the baseline)', url: baseline.url, headers: {} },
        ...inContext,
        { label: "the baseline's code in the API process", url: api.url, headers: { 'x-bare': '1' } },
        { label: "the API's join path", url: api.url, headers: {} },
      ];
      await compareUrls(
        targets.map((t) => ({ ...t, url: t.url + path })),
        { rounds: ROUNDS, seconds: SECONDS },
      );
      await Promise.all([baseline, ...inContext.map((t) => t.server)].map((server) => server.stop()));
    } finally {
      await api.stop();
      await cleanup();
    }
  });
} finally {
  rmSync(VARIANT, { force: true });
}
