import { type ApiProblem } from '@televisit/api-client';

export type ApiFailure =
  { kind: 'network' } | { kind: 'problem'; problem: ApiProblem } | { kind: 'unexpected'; status: number };

/** A request of the dashboard that did not succeed: the API was unreachable or answered with an error. */
export class ApiError extends Error {
  /** Seconds the API asked us to wait (Retry-After on a 429), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly failure: ApiFailure,
    options?: ErrorOptions & { retryAfterSeconds?: number },
  ) {
    super(describeFailure(failure), options);
    this.name = 'ApiError';
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** The HTTP status, or undefined when no answer came back. */
  get status(): number | undefined {
    switch (this.failure.kind) {
      case 'network':
        return undefined;
      case 'problem':
        return this.failure.problem.status;
      case 'unexpected':
        return this.failure.status;
    }
  }

  /** The problem document's stable `code`, e.g. `invalid_credentials`. */
  get code(): string | undefined {
    return this.failure.kind === 'problem' ? this.failure.problem.code : undefined;
  }

  get problem(): ApiProblem | undefined {
    return this.failure.kind === 'problem' ? this.failure.problem : undefined;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function describeFailure(failure: ApiFailure): string {
  switch (failure.kind) {
    case 'network':
      return 'The request did not reach the API.';
    case 'problem':
      return failure.problem.detail ?? failure.problem.title;
    case 'unexpected':
      return `The API answered with HTTP ${failure.status}.`;
  }
}
