import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock, DomainException, sha256Hex } from '@televisit/api-core';
import { isUniqueViolation } from '@televisit/api-database';
import { IsNull, LessThan, MoreThan, type Repository } from 'typeorm';
import { LoginThrottleEntity } from './login-throttle.entity';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  admitAttempt,
  blockDurationMs,
  FAILURE_MEMORY_MS,
  type ThrottleCount,
  type ThrottlePolicy,
} from './throttle-policy';

const keyOf = (kind: 'account' | 'address', value: string) => sha256Hex(`${kind}:${value}`);

/**
 * Lost races allowed on one count before giving up. Each lost race means another attempt was counted,
 * and counting soon sets a block that ends the race, so a real burst stays far below this.
 */
const MAX_RACES = 100;

/** One count an admitted attempt holds, and the block it set there (null: none). */
interface Hold {
  key: string;
  policy: ThrottlePolicy;
  blockedUntil: Date | null;
}

/** An attempt counted as a failure before its password is checked: report its outcome once. */
export interface ThrottledAttempt {
  readonly accountKey: string;
  readonly holds: readonly Hold[];
}

export type Admission =
  { admitted: true; attempt: ThrottledAttempt } | { admitted: false; retryAfterSeconds: number };

/**
 * Growing delays after failed logins, per account and per address, kept in the database so that
 * every API process sees the same counts. The answer is the same whether or not the account exists.
 *
 * An attempt is counted before its password is checked (`admit`), not after: otherwise every attempt
 * arriving during the first check (scrypt, about 0.1 s) would be checked too, and a parallel burst
 * would get hundreds of guesses where one at a time gets six. Its outcome then either keeps the
 * count (`failed`) or gives it back (`succeeded`, `withdraw`).
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectRepository(LoginThrottleEntity) private readonly throttles: Repository<LoginThrottleEntity>,
    private readonly clock: Clock,
  ) {}

  private keys(email: string, ip: string | null): Array<[string, ThrottlePolicy]> {
    const keys: Array<[string, ThrottlePolicy]> = [[keyOf('account', email), ACCOUNT_POLICY]];
    if (ip) keys.push([keyOf('address', ip), ADDRESS_POLICY]);
    return keys;
  }

  /** The answer while a wait lasts: 429 with Retry-After, the same for logins and password checks. */
  static refusal(wait: number): DomainException {
    return new DomainException(
      429,
      'login_throttled',
      `Too many wrong passwords. Try again in ${wait} s.`,
      undefined,
      {
        'Retry-After': String(wait),
      },
    );
  }

  /** Seconds to wait before another attempt is even checked, or 0. */
  async retryAfterSeconds(email: string, ip: string | null): Promise<number> {
    const now = this.clock.now().getTime();
    const rows = await Promise.all(this.keys(email, ip).map(([key]) => this.throttles.findOneBy({ key })));
    const waits = rows.map((row) => (row?.blockedUntil ? row.blockedUntil.getTime() - now : 0));
    return Math.max(0, Math.ceil(Math.max(0, ...waits) / 1000));
  }

  /** Counts an attempt on the account and the address, or refuses it while either is blocked. */
  async admit(email: string, ip: string | null): Promise<Admission> {
    const holds: Hold[] = [];
    for (const [key, policy] of this.keys(email, ip)) {
      const held = await this.hold(key, policy);
      if ('retryAfterMs' in held) {
        // Refused by the address after the account counted it: an attempt never checked is no failure.
        for (const hold of holds) await this.giveBack(hold);
        return { admitted: false, retryAfterSeconds: Math.ceil(held.retryAfterMs / 1000) };
      }
      holds.push(held);
    }
    return { admitted: true, attempt: { accountKey: keyOf('account', email), holds } };
  }

  /**
   * The password was wrong: the attempt stays counted, and the block its count earns runs from now,
   * when the failure is known. The block this attempt held for its check is replaced; any other is
   * only ever lengthened (the attempt that set it may still be checking).
   */
  async failed(attempt: ThrottledAttempt): Promise<void> {
    const now = this.clock.now().getTime();
    for (const hold of attempt.holds) {
      const row = await this.throttles.findOneBy({ key: hold.key });
      const block = row ? blockDurationMs(row.failures, hold.policy) : 0;
      if (!block) continue;
      const until = new Date(now + block);
      if (hold.blockedUntil) {
        const own = { key: hold.key, blockedUntil: hold.blockedUntil };
        if ((await this.throttles.update(own, { blockedUntil: until })).affected) continue;
      }
      await this.throttles
        .createQueryBuilder()
        .update()
        .set({ blockedUntil: until })
        .where({ key: hold.key })
        .andWhere([{ blockedUntil: IsNull() }, { blockedUntil: LessThan(until) }])
        .execute();
    }
  }

  /** A login: clears the account's count; the address gets the attempt back but keeps its count (one good account is no alibi). */
  async succeeded(attempt: ThrottledAttempt): Promise<void> {
    await this.throttles.delete({ key: attempt.accountKey });
    for (const hold of attempt.holds) if (hold.key !== attempt.accountKey) await this.giveBack(hold);
  }

  /** The password was right but this was no login (a password change): every count gets the attempt back. */
  async withdraw(attempt: ThrottledAttempt): Promise<void> {
    for (const hold of attempt.holds) await this.giveBack(hold);
  }

  /** Deletes counts whose last failure is older than FAILURE_MEMORY_MS and whose block has ended. */
  async purgeForgotten(): Promise<number> {
    const now = this.clock.now().getTime();
    const result = await this.throttles
      .createQueryBuilder()
      .delete()
      .where('updated_at < :forgotten', { forgotten: new Date(now - FAILURE_MEMORY_MS) })
      .andWhere('(blocked_until IS NULL OR blocked_until < :now)', { now: new Date(now) })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Counts one attempt on `key`, or says how long it must wait. A compare-and-set on the count read,
   * so that of attempts racing for one count exactly one wins; the others read again and find the
   * count (and the block) it left. Works across API processes, on SQLite and MySQL alike.
   */
  private async hold(key: string, policy: ThrottlePolicy): Promise<Hold | { retryAfterMs: number }> {
    for (let race = 0; race < MAX_RACES; race++) {
      const now = this.clock.now();
      const row = await this.throttles.findOneBy({ key });
      const decision = admitAttempt(row, now, policy);
      if (!decision.admitted) return decision;
      const next: ThrottleCount = {
        failures: decision.failures,
        blockedUntil: decision.blockedUntil,
        updatedAt: now,
      };
      if (row ? await this.replace(row, next) : await this.create(key, next)) {
        return { key, policy, blockedUntil: next.blockedUntil };
      }
    }
    throw new Error(`login throttle: lost ${MAX_RACES} races for one count`);
  }

  /** Writes `next` over `row` unless another attempt changed it since it was read. */
  private async replace(row: LoginThrottleEntity, next: ThrottleCount): Promise<boolean> {
    const { affected } = await this.throttles.update(
      { key: row.key, failures: row.failures, updatedAt: row.updatedAt },
      next,
    );
    return affected === 1;
  }

  /** Creates the count unless another attempt created it first. */
  private async create(key: string, next: ThrottleCount): Promise<boolean> {
    try {
      await this.throttles.insert({ key, ...next });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Takes one attempt off a count, and lifts the block it set for its check if that still stands (no
   * later attempt was counted under it); a block set by a later attempt, after ours ended, stays.
   */
  private async giveBack(hold: Hold): Promise<void> {
    const counted = { key: hold.key, failures: MoreThan(0) };
    if (hold.blockedUntil) {
      const lifted = await this.throttles.update(
        { ...counted, blockedUntil: hold.blockedUntil },
        { failures: () => 'failures - 1', blockedUntil: null },
      );
      if (lifted.affected) return;
    }
    await this.throttles.update(counted, { failures: () => 'failures - 1' });
  }
}
