import { SerialDrain } from './serial-drain';

/** A pass that waits until the test lets it finish, counting how often it ran. */
function gatedPasses() {
  let passes = 0;
  let release: (() => void) | undefined;
  const pass = async () => {
    passes++;
    await new Promise<void>((resolve) => (release = resolve));
    return 1;
  };
  return { pass, passes: () => passes, finish: () => release?.() };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SerialDrain', () => {
  it('runs one pass at a time, and one more after it when asked for meanwhile', async () => {
    const gate = gatedPasses();
    const drain = new SerialDrain(
      gate.pass,
      () => undefined,
      () => true,
    );
    const first = drain.run();
    expect(drain.run()).toBe(first);
    expect(drain.run()).toBe(first);
    expect(gate.passes()).toBe(1);
    gate.finish();
    expect(await first).toBe(1);
    await flush();
    expect(gate.passes()).toBe(2); // both requests made mid-pass: one more pass
    gate.finish();
    await flush();
    expect(gate.passes()).toBe(2);
    expect(drain.current).toBeUndefined();
  });

  it('starts no further pass once the worker stopped', async () => {
    const gate = gatedPasses();
    let active = true;
    const drain = new SerialDrain(
      gate.pass,
      () => undefined,
      () => active,
    );
    const first = drain.run();
    void drain.run();
    active = false;
    gate.finish();
    await first;
    await flush();
    expect(gate.passes()).toBe(1);
  });

  it('reports a failing pass and answers zero', async () => {
    const failures: unknown[] = [];
    const drain = new SerialDrain(
      () => Promise.reject(new Error('db down')),
      (e) => failures.push(e),
      () => true,
    );
    expect(await drain.run()).toBe(0);
    expect(failures).toEqual([new Error('db down')]);
  });

  it('lets a pass take the request itself, to go round again instead of a pass after it', async () => {
    const gate = gatedPasses();
    const drain = new SerialDrain(
      gate.pass,
      () => undefined,
      () => true,
    );
    const first = drain.run();
    void drain.run();
    expect(drain.takeAsked()).toBe(true);
    expect(drain.takeAsked()).toBe(false);
    gate.finish();
    await first;
    await flush();
    expect(gate.passes()).toBe(1);
  });
});
