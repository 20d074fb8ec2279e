import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../api/api-error';
import { explainLoginFailure, formatWait } from './login-feedback';

const problem = (status: number, code: string, extra: object = {}) =>
  new ApiError({
    kind: 'problem',
    problem: { type: 'x', title: 'x', status, code, detail: 'The email or password is wrong.', ...extra },
  });

describe('explainLoginFailure', () => {
  it('never tells whether the account exists', () => {
    const { message } = explainLoginFailure(problem(401, 'invalid_credentials'));
    expect(message).toBe('The email or password is incorrect. Check both and try again.');
    expect(message).not.toMatch(/exist|unknown|disabled|not found/i);
  });

  it('says how long to wait when throttled', () => {
    const error = new ApiError(
      { kind: 'problem', problem: { type: 'x', title: 'x', status: 429, code: 'login_throttled' } },
      { retryAfterSeconds: 8 },
    );
    expect(explainLoginFailure(error)).toEqual({
      message:
        'Too many sign-in attempts. For your security, sign-in is paused for 8 seconds. Try again after that.',
      fields: {},
      waitSeconds: 8,
    });
  });

  it('puts validation messages on their fields', () => {
    const failure = explainLoginFailure(
      problem(400, 'validation_failed', { errors: [{ path: 'email', message: 'must be an email address' }] }),
    );
    expect(failure.fields).toEqual({ email: 'Must be an email address.' });
  });

  it('explains an unreachable API', () => {
    expect(explainLoginFailure(new ApiError({ kind: 'network' })).message).toMatch(
      /Couldn’t reach televisit/,
    );
  });
});

describe('formatWait', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('%p → %p', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});
