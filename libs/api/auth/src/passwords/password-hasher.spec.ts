import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hasher';

const fast = { ln: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple', fast);
    expect(stored).toMatch(/^scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here', fast)).not.toBe(
      await hashPassword('same password here', fast),
    );
  });

  it('normalises Unicode so the same characters always match', async () => {
    const stored = await hashPassword('Ångström-passwort', fast);
    expect(await verifyPassword('A\u030Angstro\u0308m-passwort', stored)).toBe(true);
  });

  it.each([[''], ['plain'], ['scrypt$ln=99,r=8,p=1$AAAA$BBBB'], ['bcrypt$2b$10$abc']])(
    'never matches a malformed stored value %j',
    async (stored) => {
      await expect(verifyPassword('anything', stored)).resolves.toBe(false);
    },
  );

  it('uses the OWASP parameters by default and flags older hashes for rehash', async () => {
    const current = await hashPassword('a long enough password');
    expect(current).toMatch(/^scrypt\$ln=15,r=8,p=3\$/);
    expect(needsRehash(current)).toBe(false);
    expect(needsRehash(await hashPassword('a long enough password', fast))).toBe(true);
  });

  it('has a dummy hash to spend the same time on unknown accounts', async () => {
    const dummy = await dummyPasswordHash();
    expect(await verifyPassword('whatever', dummy)).toBe(false);
    expect(await dummyPasswordHash()).toBe(dummy);
  });
});
