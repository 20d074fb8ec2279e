import { describe, expect, it } from '@jest/globals';
import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it('meets the API policy (12 to 128 characters) and avoids look-alike characters', () => {
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(20);
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]+$/);
    }
  });

  it('does not repeat itself', () => {
    const passwords = new Set(Array.from({ length: 100 }, () => generatePassword()));
    expect(passwords.size).toBe(100);
  });
});
