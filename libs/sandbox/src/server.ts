import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from './sandbox';
import type { SandboxOptions } from './common/sandbox-options';

export interface RunningSandbox {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`; the vendors live under `${url}/sandbox`. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** The sandbox as its own HTTP server on loopback, for specs and benchmarks. */
export async function startSandboxServer(options: SandboxOptions, port = 0): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  const app = express();
  app.disable('x-powered-by');
  app.use('/sandbox', sandbox.router);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    sandbox,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
