import { ApiError } from '../api/api-error';

export interface Explanation {
  title: string;
  message: string;
  /** The API's request id, for a support ticket. */
  reference?: string;
}

/** A failed request in words a clinic's staff can act on. `what` names the data: "the users". */
export function explainError(error: unknown, what: string): Explanation {
  if (error instanceof ApiError) {
    const { failure } = error;
    if (failure.kind === 'problem') {
      const { problem } = failure;
      if (problem.status === 403) {
        return {
          title: `You can’t view ${what}`,
          message: 'Your role does not allow this. Ask a clinic admin if you need access.',
          reference: problem.requestId,
        };
      }
      if (problem.status === 404) {
        return {
          title: `Couldn’t find ${what}`,
          message: 'It may have been removed, or the link may be out of date.',
          reference: problem.requestId,
        };
      }
      return {
        title: `Couldn’t load ${what}`,
        message: problem.detail ?? problem.title,
        reference: problem.requestId,
      };
    }
    if (failure.kind === 'unexpected') {
      return {
        title: `Couldn’t load ${what}`,
        message: `The API answered with HTTP ${failure.status}. A proxy or load balancer in front of televisit may be misconfigured.`,
      };
    }
  }
  return {
    title: 'Can’t reach the televisit API',
    message:
      'The dashboard could not connect to the API. Check your network connection; if it is fine, the API server may be stopped or restarting.',
  };
}

/** One line for a failed change, shown in a form: the API's own words when it gave any. */
export function describeMutationError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.failure.kind === 'network') {
      return 'Couldn’t reach the televisit API. Check your connection and try again.';
    }
    if (error.status === 403) return 'Your role does not allow this change.';
    return error.message;
  }
  return 'Something went wrong. Try again.';
}
