import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { DomainException, type RequestMeta, type UserPrincipal } from '@televisit/api-core';
import { DataSource } from 'typeorm';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../passwords/password-hasher';
import { SessionsService } from '../sessions/sessions.service';
import { UserEntity } from '../users/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { runInTransaction } from '@televisit/api-database';

const INVALID = 'The email or password is wrong.';

@Injectable()
export class LoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the password and opens a new session, ending `previousSessionId` if there was one. Unknown
   * email, wrong password and disabled account answer identically and take the same time.
   */
  async login(email: string, password: string, meta: RequestMeta, previousSessionId: string | undefined) {
    // Counted before the password is checked, so that a burst of guesses cannot outrun the count.
    const admission = await this.throttle.admit(email, meta.ip);
    if (!admission.admitted) {
      await this.audit.recordNow({
        actor: { kind: 'anonymous' },
        clinicId: null,
        action: 'auth.login',
        outcome: 'denied',
        meta,
        details: { reason: 'throttled' },
      });
      throw LoginThrottleService.refusal(admission.retryAfterSeconds);
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid || user.disabledAt) {
      await this.throttle.failed(admission.attempt);
      await this.audit.recordNow({
        actor: user ? { kind: 'user_id', userId: user.id } : { kind: 'anonymous' },
        clinicId: user?.clinicId ?? null,
        action: 'auth.login',
        outcome: 'failure',
        meta,
        details: { reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_password' },
      });
      throw new DomainException(401, 'invalid_credentials', INVALID);
    }
    await this.throttle.succeeded(admission.attempt);
    if (needsRehash(user.passwordHash)) user.passwordHash = await hashPassword(password);
    return runInTransaction(this.dataSource, async (manager) => {
      if (previousSessionId) await this.sessions.end(manager, previousSessionId);
      await manager.save(user);
      const created = await this.sessions.create(manager, user.id, meta);
      await this.audit.record(manager, {
        actor: { kind: 'user_id', userId: user.id },
        clinicId: user.clinicId,
        action: 'auth.login',
        outcome: 'success',
        meta,
      });
      return { user, ...created };
    });
  }

  async logout(principal: UserPrincipal, meta: RequestMeta): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      await this.sessions.end(manager, principal.sessionId);
      await this.audit.record(manager, {
        actor: principal,
        clinicId: principal.clinicId,
        action: 'auth.logout',
        outcome: 'success',
        meta,
      });
    });
  }
}
