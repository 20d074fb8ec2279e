import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock, DomainException, sha256Hex } from '@televisit/api-core';
import { LessThan, type Repository } from 'typeorm';
import { LoginThrottleEntity } from './login-throttle.entity';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  blockDurationMs,
  FAILURE_MEMORY_MS,
  type ThrottlePolicy,
} from './throttle-policy';

const keyOf = (kind: 'account' | 'address', value: string) => sha256Hex(`${kind}:${value}`);

/**
 * Growing delays after failed logins, per account and per address, kept in the database so that
 * every API process sees the same counts. The answer is the same whether or not the account exists.
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

  async recordFailure(email: string, ip: string | null): Promise<void> {
    const now = this.clock.now();
    for (const [key, policy] of this.keys(email, ip)) {
      const failures = await this.countFailure(key, now);
      const block = blockDurationMs(failures, policy);
      // Only the writer of the latest count sets the block, so a slower request cannot shorten it.
      await this.throttles.update(
        { key, failures },
        { blockedUntil: block ? new Date(now.getTime() + block) : null },
      );
    }
  }

  /**
   * Adds one failure with an atomic increment and returns the new count. A read-then-write would
   * lose failures that arrive at once (a parallel guessing burst), and with them the delay.
   */
  private async countFailure(key: string, now: Date): Promise<number> {
    await this.throttles.delete({ key, updatedAt: LessThan(new Date(now.getTime() - FAILURE_MEMORY_MS)) });
    for (let attempt = 0; ; attempt++) {
      const { affected } = await this.throttles.increment({ key }, 'failures', 1);
      if (affected) break;
      try {
        await this.throttles.insert({ key, failures: 1, blockedUntil: null, updatedAt: now });
        return 1;
      } catch (error) {
        if (attempt > 0) throw error; // else another request inserted it first: count on its row
      }
    }
    await this.throttles.update({ key }, { updatedAt: now });
    return (await this.throttles.findOneByOrFail({ key })).failures;
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

  /** A success clears the account's count; the address keeps its count (one good account is no alibi). */
  async recordSuccess(email: string): Promise<void> {
    await this.throttles.delete({ key: keyOf('account', email) });
  }
}
