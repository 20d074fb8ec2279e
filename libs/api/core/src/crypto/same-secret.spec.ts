import { sameSecret } from './same-secret';

describe('sameSecret', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['ünï', 'ünï', true],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameSecret(a, b)).toBe(expected);
  });
});
