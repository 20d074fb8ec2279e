// The join baseline (bench/servers/join-baseline.mjs, unchanged) in a process that has some of the API
// process's context, to tell what that context costs the same code: CONTEXT_ALS=1 enables an
// AsyncLocalStorage as nestjs-pino's request logging does; CONTEXT_EXPRESS=1 first answers 3,000 requests
// through an Express app in the same process (Node's HTTP code is shared by every server in it).
// join-in-process.mjs starts it; it is not a benchmark server.
import express from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, get } from 'node:http';

const storage = new AsyncLocalStorage();
if (process.env.CONTEXT_ALS) storage.enterWith({});

if (process.env.CONTEXT_EXPRESS) {
  const app = express();
  app.use((req, _res, next) => (process.env.CONTEXT_ALS ? storage.run({ req }, next) : next()));
  app.get('/warm', (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  const agent = new Agent({ keepAlive: true, maxSockets: 10 });
  const one = () =>
    new Promise((done, fail) =>
      get({ port: server.address().port, host: '127.0.0.1', path: '/warm', agent }, (res) =>
        res.resume().once('end', done),
      ).once('error', fail),
    );
  for (let i = 0; i < 300; i++) await Promise.all(Array.from({ length: 10 }, one));
  agent.destroy();
  await new Promise((closed) => server.close(closed));
}

await import('../servers/join-baseline.mjs');
