import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-error';
import { fieldErrors, sentence } from './field-errors';
import { parseRetryAfter } from './send';

const invalid = (errors: Array<{ path: string; message: string }>) =>
  new ApiError({
    kind: 'problem',
    problem: { type: 'x', title: 'Bad Request', status: 400, code: 'validation_failed', errors },
  });

describe('fieldErrors', () => {
  it('puts each message on its field, first message wins', () => {
    const error = invalid([
      { path: 'email', message: 'must be an email address' },
      { path: 'email', message: 'is too long' },
      { path: 'password', message: 'must be at least 12 characters' },
    ]);
    expect(fieldErrors(error, ['email', 'password', 'name'] as const)).toEqual({
      byField: { email: 'Must be an email address.', password: 'Must be at least 12 characters.' },
      other: [],
    });
  });

  it('maps nested paths to their field and keeps the rest aside', () => {
    const error = invalid([
      { path: 'scopes.1', message: 'invalid option' },
      { path: 'color', message: 'unrecognized key' },
      { path: '', message: 'must name at least one field to change' },
    ]);
    expect(fieldErrors(error, ['scopes'] as const)).toEqual({
      byField: { scopes: 'Invalid option.' },
      other: ['color: unrecognized key', 'Must name at least one field to change.'],
    });
  });

  it('finds nothing in other errors', () => {
    expect(fieldErrors(new Error('x'), ['name'] as const)).toEqual({ byField: {}, other: [] });
  });
});

describe('sentence', () => {
  it('capitalises and ends with a full stop once', () => {
    expect(sentence('must not be empty')).toBe('Must not be empty.');
    expect(sentence('Already fine.')).toBe('Already fine.');
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['12', 12],
    [' 3 ', 3],
    [null, undefined],
    ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
    ['-1', undefined],
  ])('%p → %p', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });
});
