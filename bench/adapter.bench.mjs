// The HTTP adapter choice for NestJS: the same one-controller app on @nestjs/platform-express and
// on @nestjs/platform-fastify, against bare node:http answering the same JSON. See
// docs/adapter-choice.md for the figures and the decision.
import { join } from 'node:path';
import { runHttpBench, startServer, WORKSPACE_ROOT } from './lib/harness.mjs';

const nestApp = join(WORKSPACE_ROOT, 'bench/servers/nest-healthz.cjs');

await runHttpBench({
  name: 'adapter',
  title: 'GET /healthz: minimal Nest app on Express vs Fastify vs bare node:http',
  path: '/healthz',
  baseline: 'node:http',
  start: async () => [
    await startServer({ label: 'node:http', script: join(WORKSPACE_ROOT, 'bench/servers/baseline.mjs') }),
    await startServer({ label: 'nest-express', script: nestApp, env: { ADAPTER: 'express' } }),
    await startServer({ label: 'nest-fastify', script: nestApp, env: { ADAPTER: 'fastify' } }),
  ],
});
