import { Logger } from '@nestjs/common';
import { type CredentialFix, CredentialFixes } from './credential-fixes';

describe('CredentialFixes', () => {
  const fix: CredentialFix = { scope: 'provider', userId: 'u1', vendor: 'zoom' };

  it('hands every fix to every listener, in order, and waits for them', async () => {
    const fixes = new CredentialFixes();
    const seen: string[] = [];
    fixes.listen(async (f) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`a:${f.scope}`);
    });
    fixes.listen((f) => {
      seen.push(`b:${f.vendor}`);
      return Promise.resolve();
    });
    await fixes.fixed(fix);
    expect(seen).toEqual(['a:provider', 'b:zoom']);
  });

  it('stops calling a listener once it is removed', async () => {
    const fixes = new CredentialFixes();
    const calls: CredentialFix[] = [];
    const stop = fixes.listen((f) => {
      calls.push(f);
      return Promise.resolve();
    });
    await fixes.fixed(fix);
    stop();
    await fixes.fixed(fix);
    expect(calls).toHaveLength(1);
  });

  it('logs a failing listener and still calls the others, never throwing at the caller', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const fixes = new CredentialFixes();
      const after = jest.fn(() => Promise.resolve());
      fixes.listen(() => Promise.reject(new Error('database gone')));
      fixes.listen(after);
      await expect(fixes.fixed({ scope: 'clinic', clinicId: 'c1', vendor: 'zoom' })).resolves.toBeUndefined();
      expect(after).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        'acting on a fixed zoom credential failed: Error: database gone',
      ]);
    } finally {
      errors.mockRestore();
    }
  });
});
