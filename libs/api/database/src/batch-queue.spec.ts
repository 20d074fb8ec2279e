import { BatchQueue, type Settled } from './batch-queue';

describe('BatchQueue', () => {
  it('writes what arrives together as one batch, and what arrives during a write as the next', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const queue = new BatchQueue<number, number>(10, async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((value) => ({ ok: true, value: value * 2 }));
    });
    const first = [1, 2, 3].map((n) => queue.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    const second = [4, 5].map((n) => queue.add(n)); // while the first batch is being written
    release();
    expect(await Promise.all([...first, ...second])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('caps a batch at max items, in arrival order', async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue<number, number>(2, (items) => {
      batches.push(items);
      return Promise.resolve(items.map((value) => ({ ok: true, value })));
    });
    await Promise.all([1, 2, 3, 4, 5].map((n) => queue.add(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('settles each caller with its own outcome, and a failed write rejects its batch alone', async () => {
    let calls = 0;
    let fail: () => void = () => undefined;
    const queue = new BatchQueue<string, string>(10, (items) => {
      calls += 1;
      if (calls === 1)
        return new Promise((_, reject) => (fail = () => reject(new Error('database went away'))));
      return Promise.resolve(
        items.map((item): Settled<string> =>
          item === 'bad' ? { ok: false, error: new Error(item) } : { ok: true, value: item },
        ),
      );
    });
    const first = Promise.allSettled([queue.add('a'), queue.add('b')]);
    await new Promise((resolve) => setImmediate(resolve));
    // Queued while the failing write is still under way: the next batch, untouched by that failure.
    const second = Promise.allSettled([queue.add('c'), queue.add('bad'), queue.add('d')]);
    fail();
    const failed = await first;
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = await second;
    expect(next.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)))).toEqual([
      'c',
      'Error: bad',
      'd',
    ]);
  });
});
