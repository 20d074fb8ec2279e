import { type RunningApi, WORKSPACE_ROOT } from '@televisit/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { seedTenants, startIdentityApi, type Tenants } from '../identity/identity-fixture';
import { connect, connectionOf } from './connect-fixture';

/** `node dist/apps/api/sandbox.js`: the fake vendors in a process of their own, as benchmarks use them. */
describe('the sandbox as its own process', () => {
  let sandbox: ChildProcess;
  let api: RunningApi;
  let t: Tenants;
  let vendorUrl: string;

  beforeAll(async () => {
    sandbox = spawn(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps/api/sandbox.js')], {
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const announced = await new Promise<{ url: string; env: Record<string, string> }>((resolve, reject) => {
      let out = '';
      sandbox.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line)
          resolve(JSON.parse(line) as { url: string; env: Record<string, string> });
      });
      sandbox.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
    });
    vendorUrl = announced.url;
    api = await startIdentityApi(announced.env);
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    if (sandbox && sandbox.exitCode === null) {
      const exited = new Promise((r) => sandbox.once('exit', r));
      sandbox.kill('SIGTERM');
      await exited;
    }
  });

  it('serves the connect flow of an API pointed at it by the environment it prints', async () => {
    const { landing } = await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    expect(landing.searchParams.get('result')).toBe('connected');
    expect(await connectionOf(api.baseUrl, t.providerA1, t.providerA1.user.id, 'zoom')).toMatchObject({
      status: 'connected',
    });
    const calls = (await (
      await fetch(`${vendorUrl}/sandbox/_control/calls?vendor=zoom`)
    ).json()) as unknown[];
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });
});
