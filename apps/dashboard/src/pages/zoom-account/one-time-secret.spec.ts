import { describe, expect, it } from '@jest/globals';
import { OneTimeSecret } from './one-time-secret';

describe('OneTimeSecret', () => {
  it('gives the secret once and then holds nothing', () => {
    const secret = new OneTimeSecret('s3cr3t-value');
    expect(secret.taken).toBe(false);
    expect(secret.take()).toBe('s3cr3t-value');
    expect(secret.taken).toBe(true);
    expect(() => secret.take()).toThrow('already sent');
  });

  it('never prints the secret', () => {
    const secret = new OneTimeSecret('s3cr3t-value');
    expect(JSON.stringify({ clientSecret: secret })).toBe('{"clientSecret":"[secret]"}');
    expect(String(secret)).toBe('[secret]');
    expect(JSON.stringify([secret])).not.toContain('s3cr3t');
  });
});
