import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain exception with its code, field errors and headers', () => {
    const { body, headers } = toProblem(
      new DomainException(429, ErrorCode.RateLimited, 'Slow down.', undefined, { 'Retry-After': '30' }),
      'req-1',
    );
    expect(body).toEqual({
      type: 'https://televisit.dev/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      code: 'rate_limited',
      detail: 'Slow down.',
      requestId: 'req-1',
    });
    expect(headers).toEqual({ 'Retry-After': '30' });
  });

  it('lists every invalid field of a zod validation failure', () => {
    const schema = z.object({ name: z.string(), minutes: z.number().min(5) }).strict();
    const parsed = schema.safeParse({ minutes: 1, extra: true });
    expect(parsed.success).toBe(false);
    const { body } = toProblem(new ZodValidationException(parsed.error));
    expect(body.status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.path).sort()).toEqual(['extra', 'minutes', 'name']);
    expect(body.errors?.find((e) => e.path === 'extra')?.message).toBe('is not a known field');
  });

  it('keeps Nest 4xx messages and default codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).body).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'Cannot GET /x',
    });
    expect(toProblem(new BadRequestException()).body.code).toBe('bad_request');
  });

  it('never shows the text of an unexpected error', () => {
    const { body } = toProblem(new Error('ER_NO_SUCH_TABLE: SELECT * FROM secrets WHERE token = "abc"'));
    expect(body).toEqual({
      type: 'https://televisit.dev/problems/internal-error',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal_error',
      detail: 'An unexpected error occurred.',
    });
  });
});
