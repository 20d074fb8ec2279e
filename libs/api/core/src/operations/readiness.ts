import { z } from 'zod';

export interface CheckResult {
  name: string;
  status: 'up' | 'down';
  detail: string;
}

/** Something /readyz asks before saying the process can take traffic (database, migrations…). */
export interface ReadinessCheck {
  check(): Promise<CheckResult[]>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export const checkResultSchema = z
  .object({
    name: z.string().meta({ example: 'database' }),
    status: z.enum(['up', 'down']),
    detail: z.string().meta({ example: 'sqlite, 1 ms' }),
  })
  .meta({ id: 'CheckResult' });

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  version: z.string(),
  uptimeSeconds: z.number().int(),
  checks: z.array(checkResultSchema),
});

export type Readiness = z.infer<typeof readinessSchema>;

export const healthSchema = z.object({ status: z.literal('ok') });

/** Runs every check; one failing (or throwing) check makes the whole answer `not_ready`. */
export async function evaluateReadiness(checks: ReadinessCheck[], version: string, uptimeSeconds: number) {
  const results = (
    await Promise.all(
      checks.map((c) =>
        c
          .check()
          .catch((): CheckResult[] => [{ name: c.constructor.name, status: 'down', detail: 'check failed' }]),
      ),
    )
  ).flat();
  const ready = results.every((r) => r.status === 'up');
  const body: Readiness = { status: ready ? 'ready' : 'not_ready', version, uptimeSeconds, checks: results };
  return body;
}
