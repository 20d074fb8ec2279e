import type { OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './problem-responses';

const doc = (): OpenAPIObject => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/a': {
      get: { responses: { '200': { description: 'ok' } } },
      post: { responses: { '201': { description: 'made' } } },
    },
    '/readyz': { get: { responses: { '200': { description: 'ok' }, '503': { description: 'not ready' } } } },
  },
  components: { schemas: { Thing: { type: 'object' } } },
});

describe('withProblemResponses', () => {
  it('adds problem+json 4XX and 5XX responses to every operation and the Problem schema', () => {
    const out = withProblemResponses(doc());
    expect(out.components?.schemas).toHaveProperty('Thing');
    expect(out.components?.schemas).toHaveProperty('Problem');
    for (const op of [out.paths['/a']?.get, out.paths['/a']?.post]) {
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['4XX', '5XX']));
      expect(JSON.stringify(op?.responses['4XX'])).toContain('application/problem+json');
    }
  });

  it('keeps an operation’s own 5xx answer (readiness 503 is a Readiness, not a problem)', () => {
    const responses = withProblemResponses(doc()).paths['/readyz']?.get?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', '4XX', '503']);
  });
});
