import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';

/** 400 for a page cursor this API did not issue (cursors are opaque to clients). */
export function invalidCursor(): DomainException {
  return new DomainException(400, ErrorCode.InvalidCursor, 'The cursor is not one this API issued.', [
    { path: 'cursor', message: 'Pass back the nextCursor of a previous page, unchanged.' },
  ]);
}
