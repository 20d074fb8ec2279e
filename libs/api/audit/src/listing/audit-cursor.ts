import { invalidCursor } from '@televisit/api-core';

/**
 * Page cursors are opaque to clients: base64url of the last seq they saw. Keyset pagination on seq
 * means a page never repeats or skips a row, however many events are appended meanwhile.
 */
export function encodeCursor(lastSeq: number): string {
  return Buffer.from(`seq:${lastSeq}`, 'utf8').toString('base64url');
}

/** The seq a cursor points below; 400 invalid_cursor for anything this API did not issue. */
export function decodeCursor(cursor: string): number {
  const match = /^seq:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(seq) || encodeCursor(seq) !== cursor) {
    throw invalidCursor();
  }
  return seq;
}
