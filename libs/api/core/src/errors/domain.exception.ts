import type { ErrorCode } from './error-code';

export interface FieldError {
  path: string;
  message: string;
}

/** The one exception type domain code throws; ProblemFilter turns it into problem+json. */
export class DomainException extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
    this.name = 'DomainException';
  }
}
