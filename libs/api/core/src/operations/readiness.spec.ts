import { evaluateReadiness, type ReadinessCheck } from './readiness';

const check = (status: 'up' | 'down', name = 'database'): ReadinessCheck => ({
  check: () => Promise.resolve([{ name, status, detail: status }]),
});

describe('evaluateReadiness', () => {
  it('is ready when every check is up', async () => {
    const body = await evaluateReadiness([check('up'), check('up', 'migrations')], '1.0.0', 5);
    expect(body).toEqual({
      status: 'ready',
      version: '1.0.0',
      uptimeSeconds: 5,
      checks: [
        { name: 'database', status: 'up', detail: 'up' },
        { name: 'migrations', status: 'up', detail: 'up' },
      ],
    });
  });

  it('is not ready when one check is down', async () => {
    expect((await evaluateReadiness([check('up'), check('down', 'migrations')], 'v', 0)).status).toBe(
      'not_ready',
    );
  });

  it('treats a throwing check as down without leaking its error', async () => {
    class FlakyCheck implements ReadinessCheck {
      check(): Promise<never> {
        return Promise.reject(new Error('password=hunter2'));
      }
    }
    const body = await evaluateReadiness([new FlakyCheck()], 'v', 0);
    expect(body.status).toBe('not_ready');
    expect(body.checks).toEqual([{ name: 'FlakyCheck', status: 'down', detail: 'check failed' }]);
  });
});
