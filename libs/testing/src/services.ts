import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ServiceName = 'mariadb' | 'redis' | 'chromium' | 'dockerCompose';

const REPORT_DIR = join(__dirname, '../../../tmp/test-report');

interface ServiceState {
  available: boolean;
  reason?: string;
}

function serviceState(name: ServiceName): ServiceState {
  try {
    const all = JSON.parse(readFileSync(join(REPORT_DIR, 'services.json'), 'utf8')) as Record<
      string,
      ServiceState
    >;
    return all[name] ?? { available: false, reason: `${name} was not probed` };
  } catch {
    return { available: false, reason: 'services were not probed (run through jest.config.js)' };
  }
}

/** CI (and anyone who sets TELEVISIT_REQUIRE_SERVICES=1) turns a missing service into a failure. */
export function servicesRequired(): boolean {
  return process.env['CI'] === 'true' || process.env['TELEVISIT_REQUIRE_SERVICES'] === '1';
}

/**
 * `describe` for a suite that needs an external service. When the service is missing the suite is
 * skipped loudly (recorded for npm test's summary), and in CI it fails instead: never a silent skip.
 */
export function describeWithService(service: ServiceName, title: string, body: () => void): void {
  const state = serviceState(service);
  if (state.available) {
    describe(title, body);
    return;
  }
  const reason = state.reason ?? 'unavailable';
  if (servicesRequired()) {
    describe(title, () => {
      it(`requires ${service}`, () => {
        throw new Error(`${title}: ${service} is required here but ${reason}`);
      });
    });
    return;
  }
  mkdirSync(REPORT_DIR, { recursive: true });
  appendFileSync(join(REPORT_DIR, 'skips.jsonl'), `${JSON.stringify({ suite: title, service, reason })}\n`);
  describe.skip(`${title} [skipped: ${reason}]`, body);
}
