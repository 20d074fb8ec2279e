import { randomBytes } from 'node:crypto';
import { openSecret, sealedKid, sealSecret, VaultError } from './seal';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const row = { table: 'connections', column: 'refresh_token', rowId: 'conn-1' };
const secret = 'zoom-refresh-token-Ünïcødé-✓';

describe('sealSecret / openSecret', () => {
  it('round-trips and never contains the plaintext', () => {
    const sealed = sealSecret(secret, row, k1);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('zoom-refresh-token');
    expect(openSecret(sealed, row, [k1])).toBe(secret);
  });

  it('uses a fresh IV every time', () => {
    const ivs = new Set(Array.from({ length: 200 }, () => sealSecret(secret, row, k1).split('.')[2]));
    expect(ivs.size).toBe(200);
  });

  it('opens with any configured key, found by its id', () => {
    const sealed = sealSecret(secret, row, k1);
    expect(sealedKid(sealed)).toBe('k1');
    expect(openSecret(sealed, row, [k2, k1])).toBe(secret);
    expect(() => openSecret(sealed, row, [k2])).toThrow('no configured key has id "k1"');
  });

  it.each([
    ['another row', { ...row, rowId: 'conn-2' }],
    ['another column', { ...row, column: 'access_token' }],
    ['another table', { ...row, table: 'clinic_zoom_accounts' }],
  ])('refuses to open when copied to %s', (_what, binding) => {
    const sealed = sealSecret(secret, row, k1);
    expect(() => openSecret(sealed, binding, [k1])).toThrow(VaultError);
  });

  it('refuses any altered part', () => {
    const sealed = sealSecret(secret, row, k1);
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const bytes = Buffer.from(altered[index] as string, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      altered[index] = bytes.toString('base64url');
      expect(() => openSecret(altered.join('.'), row, [k1])).toThrow(VaultError);
    }
    expect(() => openSecret(sealed.replace('v1.k1', 'v1.k2'), row, [k1, k2])).toThrow(VaultError);
  });

  it.each([['plain'], ['v1.k1.a.b'], ['v2.k1.a.b.c'], ['v1..a.b.c']])('refuses %j as not sealed', (value) => {
    expect(() => openSecret(value, row, [k1])).toThrow(VaultError);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => sealSecret(secret, row, { kid: 'short', key: randomBytes(16) })).toThrow('32 bytes');
  });
});
