import { API_MAIN, freePort, WORKSPACE_ROOT } from '@televisit/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The built API as `startBuiltApi` starts it, but with the child process at hand so a spec can
 * SIGKILL it (`RunningApi` exposes only a graceful `stop()`).
 */
export interface KillableApi {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown hooks, leases and in-flight vendor calls abandoned. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startKillableApi(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<KillableApi> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'televisit-chaos-'));
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (alive()) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const api: KillableApi = {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) {
      await end('SIGKILL');
      throw new Error(`API exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${api.baseUrl}/healthz`);
      if (res.ok) return api;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await end('SIGKILL');
  throw new Error(`API did not answer /healthz within ${timeoutMs} ms:\n${output}`);
}
