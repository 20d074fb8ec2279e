import { type ApiProblem } from '@televisit/api-client';

export type ReadinessFailure =
  { kind: 'network' } | { kind: 'problem'; problem: ApiProblem } | { kind: 'unexpected'; status: number };

/** Why the dashboard could not learn the API's readiness (as opposed to the API saying "not ready"). */
export class ReadinessError extends Error {
  constructor(
    readonly failure: ReadinessFailure,
    options?: ErrorOptions,
  ) {
    super(describeFailure(failure), options);
    this.name = 'ReadinessError';
  }
}

function describeFailure(failure: ReadinessFailure): string {
  switch (failure.kind) {
    case 'network':
      return 'The request did not reach the API.';
    case 'problem':
      return failure.problem.detail ?? failure.problem.title;
    case 'unexpected':
      return `The API answered with HTTP ${failure.status}.`;
  }
}
