import { whenReady } from './maybe-promise';

describe('whenReady', () => {
  it('goes on at once with a value that is already there', () => {
    expect(whenReady(2, (n) => n * 3)).toBe(6);
  });

  it('goes on after a promise settles, and returns a promise', async () => {
    const result = whenReady(Promise.resolve(2), (n) => n * 3);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(6);
  });

  it('passes a rejection on without calling next', async () => {
    const next = jest.fn();
    await expect(whenReady(Promise.reject(new Error('down')), next)).rejects.toThrow('down');
    expect(next).not.toHaveBeenCalled();
  });

  it('lets next throw synchronously when nothing was awaited', () => {
    expect(() =>
      whenReady(1, () => {
        throw new Error('bad');
      }),
    ).toThrow('bad');
  });
});
