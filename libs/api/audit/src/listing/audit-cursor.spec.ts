import { DomainException } from '@televisit/api-core';
import { decodeCursor, encodeCursor } from './audit-cursor';

describe('audit cursors', () => {
  it('round-trip a seq', () => {
    for (const seq of [1, 42, 9_007_199_254_740_991]) expect(decodeCursor(encodeCursor(seq))).toBe(seq);
  });

  it.each([
    '',
    'abc',
    encodeCursor(5).slice(1),
    Buffer.from('seq:0').toString('base64url'),
    Buffer.from('seq:-1').toString('base64url'),
    Buffer.from('seq:01').toString('base64url'),
    `${encodeCursor(5)}=`,
    Buffer.from('seq:99999999999999999').toString('base64url'),
  ])('refuses %p with invalid_cursor', (cursor) => {
    try {
      decodeCursor(cursor);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainException);
      expect(error).toMatchObject({ status: 400, code: 'invalid_cursor' });
    }
  });
});
