// The patient join redirect: the built API's GET /join/{token} for an appointment inside its visit window
// against bare node:http doing the same lookup (sha256 of the token, the API's own SELECT with the
// same driver, a 302; bench/servers/join-baseline.mjs). The API also checks the visit window, opens
// the sealed join URL (once per meeting), sends its headers, counts and logs the request and audits
// the use: the ratio is the price of those. The target row is one browser opening its link again and
// again, whose repeats are counted into one audit row a minute after its first use was committed; the
// "new browser each request" row, without a target, sends a user agent of its own with every request,
// so that every request is a first use committed to the audit trail before its answer (a flood).
// SQLite always, MariaDB when it answers.
import { join } from 'node:path';
import { startServer, WORKSPACE_ROOT } from './lib/harness.mjs';
import { runRequestBench } from './lib/requests.mjs';
import {
  assertBuilt,
  bookingBody,
  bookReady,
  mariadbDatabase,
  sqliteDatabase,
  startSeededApi,
  withSandboxProcess,
} from './lib/televisit.mjs';

assertBuilt();

function phase(sandbox, open) {
  return {
    async start() {
      const database = await open();
      if (!database) return undefined;
      const { api, key, providerId, cleanup } = await startSeededApi(database, sandbox);
      // Starts in 5 minutes: the window opened 10 minutes ago and stays open for the whole run.
      const appointment = await bookReady(
        api.url,
        key,
        bookingBody(providerId, new Date(Date.now() + 5 * 60_000)),
      );
      const path = new URL(appointment.patientJoinUrl).pathname;
      const answer = await fetch(api.url + path, { redirect: 'manual' });
      if (answer.status === 404 && !(answer.headers.get('content-type') ?? '').includes('html')) {
        throw new Error(
          `GET ${path.slice(0, 6)}… answered 404 without a join page: is the /join route in this build?`,
        );
      }
      const location = answer.headers.get('location');
      if (answer.status !== 302 || !location)
        throw new Error(`the API answered the join link with ${answer.status}`);
      const baseline = await startServer({
        label: `node:http ${database.engine}`,
        script: join(WORKSPACE_ROOT, 'bench/servers/join-baseline.mjs'),
        env: { DATABASE_URL: database.url, JOIN_LOCATION: location },
      });
      const bare = await fetch(baseline.url + path, { redirect: 'manual' });
      if (bare.status !== 302 || bare.headers.get('location') !== location) {
        throw new Error(
          `the baseline answered ${bare.status} ${bare.headers.get('location')}, not the API's 302`,
        );
      }
      process.stdout.write(`  ${database.engine}: both answer 302 to the meeting's join URL\n`);
      const request = { method: 'GET', path, status: 302 };
      return {
        baseline: baseline.label,
        targets: [
          { label: baseline.label, server: baseline, request },
          { label: api.label, server: api, request },
          {
            label: `${api.label}, new browser each request`,
            server: api,
            request: { ...request, userAgentPerRequest: true },
          },
        ],
        cleanup,
      };
    },
  };
}

await withSandboxProcess((sandbox) =>
  runRequestBench({
    name: 'join',
    title: 'GET /join/{token} inside the visit window: built API vs bare node:http lookup + 302',
    targets: { 'api sqlite': { minThroughputRatio: 0.8 }, 'api mariadb': { minThroughputRatio: 0.8 } },
    phases: [phase(sandbox, async () => sqliteDatabase()), phase(sandbox, mariadbDatabase)],
  }),
);
