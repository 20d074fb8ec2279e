import { DEFAULT_CODES, ErrorCode, STATUS_TITLES } from './error-code';
import type { FieldError } from './domain.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const TYPE_BASE = 'https://televisit.dev/problems/';

/** RFC 9457 problem document, plus our stable `code` and the request's correlation id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
}

export function problem(
  status: number,
  options: { code?: string; detail?: string; errors?: FieldError[]; requestId?: string } = {},
): Problem {
  const code =
    options.code ?? DEFAULT_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
  return {
    type: TYPE_BASE + code.replace(/_/g, '-'),
    title: STATUS_TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
    status,
    code,
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.errors?.length ? { errors: options.errors } : {}),
    ...(options.requestId ? { requestId: options.requestId } : {}),
  };
}
