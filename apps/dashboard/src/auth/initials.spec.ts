import { describe, expect, it } from '@jest/globals';
import { initials } from './initials';

describe('initials', () => {
  it.each([
    ['Dr. Ada Lovelace', 'AL'],
    ['Alex Admin', 'AA'],
    ['Platform admin', 'PA'],
    ['cher', 'C'],
    ['  María  José  García ', 'MG'],
    ['', '?'],
    ['1234', '?'],
  ])('%p → %p', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});
