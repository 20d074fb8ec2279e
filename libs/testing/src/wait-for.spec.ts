import { shown, waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value that meets the condition', async () => {
    let reads = 0;
    const value = await waitFor(
      () => ++reads,
      (n) => n >= 3,
      { what: 'the third read', intervalMs: 5 },
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it('resolves at once, without pausing, when the first read already meets it', async () => {
    const started = Date.now();
    await expect(
      waitFor(
        () => Promise.resolve('done'),
        (s) => s === 'done',
        { what: 'done', intervalMs: 10_000 },
      ),
    ).resolves.toBe('done');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('throws on timeout, naming what was awaited, the time waited and the last value read', async () => {
    let reads = 0;
    const error = await waitFor(
      () => Promise.resolve({ status: 'pending', read: ++reads }),
      (a) => a.status === 'ready',
      { what: 'the meeting to be ready', timeoutMs: 60, intervalMs: 5 },
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^Timed out after \\d+ ms waiting for the meeting to be ready; last value: \\{"status":"pending","read":${reads}\\}$`,
      ),
    );
    expect(reads).toBeGreaterThan(2);
    expect(Number(/after (\d+) ms/.exec((error as Error).message)?.[1])).toBeGreaterThanOrEqual(60);
  });

  it('shows the last value as told', async () => {
    await expect(
      waitFor(
        () => ({ meeting: { status: 'pending' }, patient: 'Jane' }),
        () => false,
        { what: 'x', timeoutMs: 10, intervalMs: 5, describe: (a) => a.meeting.status },
      ),
    ).rejects.toThrow(/last value: pending$/);
  });

  it('ends the wait at once when a read fails', async () => {
    let reads = 0;
    await expect(
      waitFor(
        () => {
          reads++;
          throw new Error('connection refused');
        },
        () => true,
        { what: 'x', intervalMs: 5 },
      ),
    ).rejects.toThrow('connection refused');
    expect(reads).toBe(1);
  });
});

describe('shown', () => {
  it('leaves out links and secrets, at any depth', () => {
    const text = shown({
      id: 'a1',
      status: 'scheduled',
      patientJoinUrl: 'https://televisit.test/join/secret-token',
      meeting: { status: 'ready', url: 'https://zoom.test/j/1?pwd=x', start_url: 'https://zoom.test/s/1' },
      data: [{ accessToken: 'tok', clientSecret: 'sec', password: 'pw', kind: 'k' }],
    });
    expect(text).toBe('{"id":"a1","status":"scheduled","meeting":{"status":"ready"},"data":[{"kind":"k"}]}');
    expect(text).not.toMatch(/join|zoom\.test|tok|sec|pw/);
  });

  it('cuts a long value to 500 characters and says how long it was', () => {
    const text = shown({ entries: 'x'.repeat(2_000) });
    expect(text).toMatch(/^\{"entries":"x{488}… \(2014 characters\)$/);
  });

  it('prints what JSON cannot', () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(shown(undefined)).toBe('undefined');
    expect(shown(circular)).toBe('[not printable as JSON]');
  });
});
