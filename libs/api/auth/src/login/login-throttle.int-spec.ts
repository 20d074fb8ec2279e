import { ManualClock } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { authTestConfig, startAuthTestApp } from '../testing/auth-test-app';
import { type Admission, LoginThrottleService, type ThrottledAttempt } from './login-throttle.service';
import { CHECK_ALLOWANCE_MS } from './throttle-policy';

/**
 * The counts behind the login delay against a real database: attempts arriving at once are counted
 * one by one (the unit specs of throttle-policy.ts hold the curve). On MariaDB they race on pooled
 * connections, as several API processes would.
 */

const BURST = 30;
/** The wait told while the first block (1 s) is held for a check still running. */
const DURING_CHECK = (CHECK_ALLOWANCE_MS + 1000) / 1000;

describeEachEngine('login throttle counts', (engine) => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  let throttle: LoginThrottleService;
  let address = 0;
  const freshAddress = () => `192.0.2.${(address += 1)}`;

  beforeAll(async () => {
    db = await engine.create();
    const { moduleRef, app: started } = await startAuthTestApp(authTestConfig(db.url), clock);
    close = () => started.close();
    throttle = moduleRef.get(LoginThrottleService);
  }, 30_000);

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  const burst = (attempts: Array<[email: string, ip: string | null]>) =>
    Promise.all(attempts.map(([email, ip]) => throttle.admit(email, ip)));
  const admitted = (admissions: Admission[]): ThrottledAttempt[] =>
    admissions.flatMap((a) => (a.admitted ? [a.attempt] : []));
  const refusedWaits = (admissions: Admission[]): number[] =>
    admissions.flatMap((a) => (a.admitted ? [] : [a.retryAfterSeconds]));
  const failAll = (attempts: ThrottledAttempt[]) => Promise.all(attempts.map((a) => throttle.failed(a)));
  /** The next attempt's answer, given back at once so that it changes nothing. */
  async function probe(email: string, ip: string | null): Promise<Admission> {
    const admission = await throttle.admit(email, ip);
    if (admission.admitted) await throttle.withdraw(admission.attempt);
    return admission;
  }

  it('admits as many attempts at one account at once as one at a time, and refuses the rest', async () => {
    const email = 'burst@example.test';
    const admissions = await burst(Array.from({ length: BURST }, () => [email, freshAddress()]));
    // Five free failures and the sixth, whose block (1 s) is held from before its check.
    expect(admitted(admissions)).toHaveLength(6);
    expect(refusedWaits(admissions)).toEqual(Array<number>(BURST - 6).fill(DURING_CHECK));
    // Known to have failed, the block runs 1 s from then.
    await failAll(admitted(admissions));
    expect(await throttle.retryAfterSeconds(email, null)).toBe(1);
    // The refused attempts were not counted: the next block is the seventh failure's, 2 s.
    clock.advance(1000);
    const seventh = await throttle.admit(email, freshAddress());
    if (!seventh.admitted) throw new Error('the seventh attempt was refused');
    await throttle.failed(seventh.attempt);
    expect(await throttle.retryAfterSeconds(email, null)).toBe(2);
  });

  it('admits as many attempts from one address at once as one at a time, across accounts', async () => {
    const ip = freshAddress();
    const admissions = await burst(
      Array.from({ length: BURST }, (_, i) => [`stranger-${i}@example.test`, ip]),
    );
    expect(admitted(admissions)).toHaveLength(21);
    expect(refusedWaits(admissions)).toEqual(Array<number>(BURST - 21).fill(DURING_CHECK));
    // An account refused only by the address was not counted against: five more failures are still free.
    const refused = admissions.findIndex((a) => !a.admitted);
    const email = `stranger-${refused}@example.test`;
    for (let i = 0; i < 5; i++) {
      const admission = await throttle.admit(email, null);
      if (admission.admitted) await throttle.failed(admission.attempt);
    }
    expect(await throttle.retryAfterSeconds(email, null)).toBe(0);
  });

  it('holds a block through a slow check, and starts it when the failure is known', async () => {
    const email = 'slow-check@example.test';
    for (let i = 0; i < 5; i++) {
      const admission = await throttle.admit(email, null);
      if (admission.admitted) await throttle.failed(admission.attempt);
    }
    const sixth = await throttle.admit(email, null);
    if (!sixth.admitted) throw new Error('the sixth attempt was refused');
    clock.advance(2500); // a check slower than the 1 s block it holds: others still wait for its answer
    expect((await probe(email, null)).admitted).toBe(false);
    await throttle.failed(sixth.attempt);
    clock.advance(999);
    expect(await probe(email, null)).toEqual({ admitted: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect((await probe(email, null)).admitted).toBe(true);
  });

  it('a login clears the account and gives the address its attempt back, block included', async () => {
    const email = 'typos@example.test';
    const ip = freshAddress();
    // The address has 20 failures: its next attempt sets a block while it is checked.
    await failAll(
      admitted(await burst(Array.from({ length: 20 }, (_, i) => [`other-${i}@example.test`, ip]))),
    );
    for (let i = 0; i < 5; i++) {
      const admission = await throttle.admit(email, freshAddress());
      if (admission.admitted) await throttle.failed(admission.attempt);
    }
    const login = await throttle.admit(email, ip);
    if (!login.admitted) throw new Error('the login was refused');
    expect(await throttle.retryAfterSeconds(email, ip)).toBe(DURING_CHECK); // both held while it is checked
    await throttle.succeeded(login.attempt);
    expect(await throttle.retryAfterSeconds(email, ip)).toBe(0);
    // The account's typos are free again; the address still has its 20, so the next failure there blocks.
    for (let i = 0; i < 5; i++) {
      const admission = await throttle.admit(email, freshAddress());
      if (admission.admitted) await throttle.failed(admission.attempt);
    }
    expect(await throttle.retryAfterSeconds(email, null)).toBe(0);
    const twentyFirst = await throttle.admit('someone-else@example.test', ip);
    if (!twentyFirst.admitted) throw new Error('the 21st attempt was refused');
    await throttle.failed(twentyFirst.attempt);
    expect(await throttle.retryAfterSeconds('nobody@example.test', ip)).toBe(1);
  });

  it('a confirmed current password gives every count its attempt back', async () => {
    const email = 'confirming@example.test';
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) {
      const admission = await throttle.admit(email, ip);
      if (admission.admitted) await throttle.failed(admission.attempt);
    }
    const confirmed = await throttle.admit(email, ip);
    if (!confirmed.admitted) throw new Error('the attempt was refused');
    await throttle.withdraw(confirmed.attempt);
    expect(await throttle.retryAfterSeconds(email, ip)).toBe(0);
    // Still five failures, not cleared: the next one blocks.
    const sixth = await throttle.admit(email, ip);
    if (!sixth.admitted) throw new Error('the sixth attempt was refused');
    await throttle.failed(sixth.attempt);
    expect(await throttle.retryAfterSeconds(email, null)).toBe(1);
  });
});
