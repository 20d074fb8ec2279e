import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem document; `code` is stable, `errors` lists every invalid field',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', examples: ['validation_failed'] },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
  },
};

/**
 * Every error is a problem document (ProblemFilter), so every operation says so: a `4XX` and a
 * `5XX` response of `application/problem+json`, unless it documents those statuses itself.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  const components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  const problem = {
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const statuses = Object.keys(operation.responses);
      if (!statuses.some((s) => s.startsWith('4'))) {
        operation.responses['4XX'] = { description: 'The request was refused; see `code`', ...problem };
      }
      if (!statuses.some((s) => s.startsWith('5'))) {
        operation.responses['5XX'] = {
          description: 'The server failed; see `requestId` in the logs',
          ...problem,
        };
      }
    }
  }
  return { ...document, components };
}
