import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainException, type FieldError } from './domain.exception';
import { ErrorCode } from './error-code';
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from './problem';

function zodErrors(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // One entry per unknown field, named by its own path, rather than one for the enclosing object.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: at.length ? at.join('.') : '(root)', message: issue.message }];
  });
}

/** Maps anything thrown to a problem document. Internals (stack, SQL, messages) never leave. */
export function toProblem(
  exception: unknown,
  requestId?: string,
): { body: Problem; headers: Record<string, string> } {
  if (exception instanceof DomainException) {
    return {
      body: problem(exception.status, {
        code: exception.code,
        detail: exception.detail,
        errors: exception.errors,
        requestId,
      }),
      headers: exception.headers ?? {},
    };
  }
  if (exception instanceof ZodValidationException) {
    const cause = exception.getZodError();
    return {
      body: problem(400, {
        code: ErrorCode.ValidationFailed,
        detail: 'The request did not pass validation.',
        errors: cause instanceof ZodError ? zodErrors(cause) : undefined,
        requestId,
      }),
      headers: {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest's own messages ("Cannot GET /x") are safe for 4xx; 5xx text is never shown.
    const detail = status < 500 ? exception.message : undefined;
    return { body: problem(status, { detail, requestId }), headers: {} };
  }
  return { body: problem(500, { detail: 'An unexpected error occurred.', requestId }), headers: {} };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    const { body, headers } = toProblem(exception, requestId);
    if (body.status >= 500) {
      this.logger.error({ err: exception, requestId }, 'request failed');
    }
    if (response.headersSent) return;
    response.status(body.status);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
