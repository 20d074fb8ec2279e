import type { Request } from 'express';
import type { Strategy } from 'passport';

export type StrategyOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown }
  | { kind: 'fail'; status?: number }
  | { kind: 'error'; error: unknown };

/**
 * Runs a passport strategy for one request and reports what it decided, instead of letting it
 * write the response: the connect flow answers JSON (`{authorizationUrl}`) and redirects into the
 * dashboard with an outcome. Same mechanism as passport's own middleware (actions on a per-request
 * object created from the strategy).
 */
export function runStrategy(
  strategy: Strategy,
  req: Request,
  options: Record<string, unknown> = {},
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const attempt = Object.create(strategy) as {
      authenticate(req: Request, options: Record<string, unknown>): void;
      redirect(url: string): void;
      success(user: unknown): void;
      fail(challenge?: unknown, status?: number): void;
      error(error: unknown): void;
      pass(): void;
    };
    attempt.redirect = (url) => resolve({ kind: 'redirect', url });
    attempt.success = (user) => resolve({ kind: 'success', user });
    attempt.fail = (challenge, status) =>
      resolve({ kind: 'fail', status: typeof challenge === 'number' ? challenge : status });
    attempt.error = (error) => resolve({ kind: 'error', error });
    attempt.pass = () => resolve({ kind: 'error', error: new Error('strategy passed') });
    try {
      attempt.authenticate(req, options);
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}
