import { Logger } from '@nestjs/common';
import type { AuditInput, AuditService } from '@televisit/api-audit';
import { ManualClock, type RequestMeta } from '@televisit/api-core';
import { type JoinUse, JoinUseAudit } from './join-use-audit';

const T0 = new Date('2026-12-01T14:50:00.000Z');
const REPEAT_WINDOW_MS = 60_000;
const META: RequestMeta = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 spec', requestId: 'req-1' };

function use(over: Partial<JoinUse> = {}, meta: Partial<RequestMeta> = {}): JoinUse {
  return {
    appointmentId: 'appt-1',
    clinicId: 'clinic-1',
    decision: 'redirect',
    ...over,
    meta: { ...META, ...meta },
  };
}

/** An AuditService whose commits the test releases (or fails) one at a time. */
function setup(joinAuditRepeatSeconds = REPEAT_WINDOW_MS / 1000) {
  const written: AuditInput[] = [];
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let autoCommit = true;
  const audit = {
    recordNow: (input: AuditInput) =>
      new Promise<void>((resolve, reject) => {
        const commit = () => {
          written.push(input);
          resolve();
        };
        if (autoCommit) commit();
        else pending.push({ resolve: commit, reject });
      }),
  } as unknown as AuditService;
  const clock = new ManualClock(T0);
  const uses = new JoinUseAudit(audit, clock, { joinAuditRepeatSeconds });
  return {
    uses,
    clock,
    written,
    pending,
    holdCommits: () => (autoCommit = false),
    settled: (promise: Promise<unknown> | undefined) => {
      let done = false;
      void Promise.resolve(promise).then(
        () => (done = true),
        () => (done = true),
      );
      return () => done;
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('JoinUseAudit', () => {
  it('writes the first use of a source as a join_link.used row, and answers only once it is committed', async () => {
    const { uses, written, pending, holdCommits, settled } = setup();
    holdCommits();
    const done = settled(uses.record(use()));
    await flush();
    expect(done()).toBe(false);
    pending[0]?.resolve();
    await flush();
    expect(done()).toBe(true);
    expect(written).toEqual([
      {
        actor: { kind: 'anonymous' },
        clinicId: 'clinic-1',
        action: 'join_link.used',
        target: { type: 'appointment', id: 'appt-1' },
        outcome: 'success',
        meta: META,
        details: { outcome: 'redirect' },
      },
    ]);
  });

  it('counts the same source’s repeats in its window, each answered only after the first use is committed, and writes them as one row when the window closes', async () => {
    const { uses, clock, written, pending, holdCommits, settled } = setup();
    holdCommits();
    const first = uses.record(use());
    const repeat = settled(uses.record(use({}, { requestId: 'req-2' })));
    await flush();
    expect(repeat()).toBe(false); // waits for the first use's row
    pending[0]?.resolve();
    await first;
    await flush();
    expect(repeat()).toBe(true);
    clock.advance(10_000);
    // Once the first use is committed, a repeat is counted at once: there is nothing to wait for.
    expect(uses.record(use({}, { requestId: 'req-3' }))).toBeUndefined();
    clock.advance(REPEAT_WINDOW_MS - 10_001);
    await uses.record(use({}, { requestId: 'req-4' })); // the window's last millisecond
    expect(written).toHaveLength(1);

    await uses.writeClosedWindows(); // not closed yet
    expect(pending).toHaveLength(1);
    clock.advance(1);
    const closing = uses.writeClosedWindows();
    await flush();
    pending[1]?.resolve();
    await closing;
    expect(written).toHaveLength(2);
    expect(written[1]).toEqual({
      actor: { kind: 'anonymous' },
      clinicId: 'clinic-1',
      action: 'join_link.used',
      target: { type: 'appointment', id: 'appt-1' },
      outcome: 'success',
      meta: { ...META, requestId: 'req-4' },
      details: {
        outcome: 'redirect',
        repeats: 3,
        firstRepeatAt: T0.toISOString(),
        lastRepeatAt: new Date(T0.getTime() + REPEAT_WINDOW_MS - 1).toISOString(),
      },
    });
    // The window is gone: the next use is a first use again, durable before it is answered.
    const next = settled(uses.record(use()));
    await flush();
    expect(next()).toBe(false);
    pending[2]?.resolve();
    await flush();
    expect(next()).toBe(true);
    expect(written[2]?.details).toEqual({ outcome: 'redirect' });
  });

  it.each<[string, JoinUse]>([
    ['another IP address', use({}, { ip: '198.51.100.9' })],
    ['another user agent', use({}, { userAgent: 'curl/8' })],
    ['no IP address', use({}, { ip: null })],
    ['another outcome', use({ decision: 'gone' })],
    ['another appointment', use({ appointmentId: 'appt-2' })],
  ])('%s is another source: its first use is written on its own', async (_label, other) => {
    const { uses, written } = setup();
    await uses.record(use());
    await uses.record(other);
    await uses.record(other);
    expect(written.map((w) => [w.target?.id, w.meta?.ip, w.meta?.userAgent, w.details])).toEqual([
      ['appt-1', META.ip, META.userAgent, { outcome: 'redirect' }],
      [other.appointmentId, other.meta.ip, other.meta.userAgent, { outcome: other.decision }],
    ]);
  });

  it('a use after the window starts a new one, and the old window’s repeats are written', async () => {
    const { uses, clock, written } = setup();
    await uses.record(use());
    await uses.record(use());
    clock.advance(REPEAT_WINDOW_MS);
    await uses.record(use());
    await flush();
    expect(written.map((w) => w.details)).toEqual([
      { outcome: 'redirect' },
      {
        outcome: 'redirect',
        repeats: 1,
        firstRepeatAt: T0.toISOString(),
        lastRepeatAt: T0.toISOString(),
      },
      { outcome: 'redirect' },
    ]);
    expect(written[1]?.meta?.requestId).toBe('req-1');
  });

  it('a window without repeats closes without a row', async () => {
    const { uses, clock, written } = setup();
    await uses.record(use());
    clock.advance(REPEAT_WINDOW_MS);
    await uses.writeClosedWindows();
    expect(written).toHaveLength(1);
  });

  it('when the first use cannot be written, it fails; a repeat waiting on it becomes a first use of its own', async () => {
    const { uses, written, pending, holdCommits } = setup();
    holdCommits();
    const first = uses.record(use());
    const repeat = uses.record(use({}, { requestId: 'req-2' }));
    await flush();
    pending[0]?.reject(new Error('database is locked'));
    await expect(first).rejects.toThrow('database is locked');
    await flush();
    expect(pending).toHaveLength(2); // the repeat's own row
    pending[1]?.resolve();
    await repeat;
    expect(written.map((w) => [w.meta?.requestId, w.details])).toEqual([['req-2', { outcome: 'redirect' }]]);
    // …and it opened the window its own repeats now count in.
    await uses.record(use());
    expect(pending).toHaveLength(2);
  });

  it('a window that closes while its first row is still being written: a repeat waiting on it is written on its own', async () => {
    const { uses, clock, written, pending, holdCommits } = setup();
    holdCommits();
    const first = uses.record(use());
    const repeat = uses.record(use({}, { requestId: 'req-2' }));
    clock.advance(REPEAT_WINDOW_MS);
    await uses.writeClosedWindows();
    pending[0]?.resolve();
    await first;
    await flush();
    expect(pending).toHaveLength(2);
    pending[1]?.resolve();
    await repeat;
    expect(written.map((w) => [w.meta?.requestId, w.details])).toEqual([
      ['req-1', { outcome: 'redirect' }],
      ['req-2', { outcome: 'redirect' }],
    ]);
  });

  it('a failed count is logged, never thrown into the sweep', async () => {
    const { uses, clock, pending, holdCommits } = setup();
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await uses.record(use());
      await uses.record(use());
      holdCommits();
      clock.advance(REPEAT_WINDOW_MS);
      const sweep = uses.writeClosedWindows();
      await flush();
      pending[0]?.reject(new Error('disk full'));
      await expect(sweep).resolves.toBeUndefined();
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.any(Error) }),
        'appointment appt-1: 1 repeated join link use(s) could not be audited',
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('shutdown writes every open window’s repeats; after it every use is written on its own', async () => {
    const { uses, written } = setup();
    await uses.record(use());
    await uses.record(use());
    await uses.record(use({ appointmentId: 'appt-2' }));
    await uses.beforeApplicationShutdown();
    expect(written.map((w) => [w.target?.id, w.details?.['repeats'] ?? null])).toEqual([
      ['appt-1', null],
      ['appt-2', null],
      ['appt-1', 1],
    ]);
    await uses.record(use());
    await uses.record(use());
    expect(written).toHaveLength(5);
  });

  it('shutdown waits for repeats the sweep is still writing', async () => {
    const { uses, clock, written, pending, holdCommits, settled } = setup();
    await uses.record(use());
    await uses.record(use());
    holdCommits();
    clock.advance(REPEAT_WINDOW_MS);
    void uses.writeClosedWindows(); // the sweep takes the window and starts writing its count
    await flush();
    expect(pending).toHaveLength(1);
    const shutdown = settled(uses.beforeApplicationShutdown());
    await flush();
    expect(shutdown()).toBe(false);
    pending[0]?.resolve();
    await flush();
    await flush();
    expect(shutdown()).toBe(true);
    expect(written.map((w) => w.details?.['repeats'] ?? null)).toEqual([null, 1]);
  });

  it('a clock set back ends the window instead of stretching it', async () => {
    const { uses, clock, written } = setup();
    await uses.record(use());
    await uses.record(use());
    await uses.record(use({ appointmentId: 'appt-2' }));
    await uses.record(use({ appointmentId: 'appt-2' }));
    clock.advance(-10 * 60_000);
    await uses.record(use()); // a first use again; the old window's count is written
    await flush();
    await uses.writeClosedWindows(); // the sweep ends appt-2's window too
    expect(written.map((w) => [w.target?.id, w.details?.['repeats'] ?? null])).toEqual([
      ['appt-1', null],
      ['appt-2', null],
      ['appt-1', 1],
      ['appt-1', null],
      ['appt-2', 1],
    ]);
  });

  it('with JOIN_AUDIT_REPEAT_SECONDS=0 every use is a row of its own, committed before it is answered', async () => {
    const { uses, written, pending, holdCommits, settled } = setup(0);
    await uses.record(use());
    await uses.record(use());
    holdCommits();
    const third = settled(uses.record(use()));
    await flush();
    expect(third()).toBe(false);
    pending[0]?.resolve();
    await flush();
    expect(third()).toBe(true);
    expect(written.map((w) => w.details)).toEqual([
      { outcome: 'redirect' },
      { outcome: 'redirect' },
      { outcome: 'redirect' },
    ]);
  });

  it('counts at most 10,000 sources at once; beyond that, every use is written on its own', async () => {
    const { uses, written } = setup();
    for (let i = 0; i < 10_000; i++) await uses.record(use({}, { ip: `10.0.${i >> 8}.${i & 255}` }));
    expect(written).toHaveLength(10_000);
    const beyond = use({}, { ip: '192.0.2.1' });
    await uses.record(beyond);
    await uses.record(beyond);
    expect(written).toHaveLength(10_002);
    await uses.record(use({}, { ip: '10.0.0.0' })); // a counted source still counts
    expect(written).toHaveLength(10_002);
  });
});
