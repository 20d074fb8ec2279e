// POST /api/v1/appointments (API key, 50 connections) on the built API with the fake vendors in a
// process of their own (`node dist/apps/api/sandbox.js`), against GET /healthz of the same process as
// the baseline. Every request books a new appointment, so the reconciler creates Zoom meetings at the
// sandbox in the background while the load runs, as it would in production. Target: p99 <= 50 ms.
// SQLite always, MariaDB when it answers.
import { runRequestBench } from './lib/requests.mjs';
import {
  assertBuilt,
  bookingBody,
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
      // The per-key limit (600 a minute by default) would answer 429s: set to its maximum.
      const { api, key, providerId, cleanup } = await startSeededApi(database, sandbox, {
        API_KEY_RATE_LIMIT: '100000',
      });
      const body = JSON.stringify(bookingBody(providerId, new Date(Date.now() + 24 * 3600_000)));
      const probe = await fetch(`${api.url}/api/v1/appointments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
      if (probe.status !== 201)
        throw new Error(`POST /api/v1/appointments answered ${probe.status}: ${await probe.text()}`);
      const healthz = `GET /healthz ${database.engine}`;
      return {
        baseline: healthz,
        targets: [
          { label: healthz, server: api, request: { method: 'GET', path: '/healthz', status: 200 } },
          {
            label: `POST appt ${database.engine}`,
            server: api,
            request: {
              method: 'POST',
              path: '/api/v1/appointments',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body,
              status: 201,
            },
          },
        ],
        cleanup,
      };
    },
  };
}

await withSandboxProcess((sandbox) =>
  runRequestBench({
    name: 'appointment-create',
    title: 'POST /api/v1/appointments (sandbox in its own process) vs GET /healthz of the same API',
    targets: { 'POST appt sqlite': { maxP99Ms: 50 }, 'POST appt mariadb': { maxP99Ms: 50 } },
    phases: [phase(sandbox, async () => sqliteDatabase()), phase(sandbox, mariadbDatabase)],
  }),
);
