import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import {
  Clock,
  CredentialFixes,
  DomainException,
  ErrorCode,
  notFound,
  type Principal,
  type RequestMeta,
} from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClinicsService } from '../clinics/clinics.service';
import { LoginThrottleService } from '../login/login-throttle.service';
import { hashPassword, verifyPassword } from '../passwords/password-hasher';
import { SessionsService } from '../sessions/sessions.service';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UserEntity } from './user.entity';
import { findVisibleUser } from './visible-user';
import { isUniqueViolation, runInTransaction } from '@televisit/api-database';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clinics: ClinicsService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    private readonly throttle: LoginThrottleService,
    private readonly fixes: CredentialFixes,
  ) {}

  async list(principal: Principal, clinicId: string): Promise<UserEntity[]> {
    await this.clinics.get(principal, clinicId);
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: { clinicId }, order: { name: 'ASC', id: 'ASC' } });
  }

  async create(
    principal: Principal,
    clinicId: string,
    body: CreateUserDto,
    meta: RequestMeta,
  ): Promise<UserEntity> {
    await this.clinics.get(principal, clinicId);
    const passwordHash = await hashPassword(body.password);
    const emailTaken = () =>
      new DomainException(409, 'email_taken', 'A user with this email already exists.');
    return runInTransaction(this.dataSource, async (manager) => {
      if (await manager.existsBy(UserEntity, { email: body.email })) {
        throw emailTaken();
      }
      const user = await manager.save(
        manager.create(UserEntity, {
          id: randomUUID(),
          clinicId,
          email: body.email,
          name: body.name,
          role: body.role,
          passwordHash,
          zoomUser: null,
          disabledAt: null,
        }),
      );
      await this.audit.record(manager, {
        actor: principal,
        clinicId,
        action: 'user.created',
        target: { type: 'user', id: user.id },
        outcome: 'success',
        meta,
        details: { role: user.role },
      });
      return user;
    }).catch((error: unknown) => {
      // Two creates racing past the check above meet the unique index instead.
      throw isUniqueViolation(error) ? emailTaken() : error;
    });
  }

  async update(
    principal: Principal,
    userId: string,
    body: UpdateUserDto,
    meta: RequestMeta,
  ): Promise<UserEntity> {
    if (body.password && principal.kind === 'user' && principal.userId === userId) {
      await this.checkCurrentPassword(principal.userId, principal.email, body.currentPassword, meta);
    }
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    const updated = await runInTransaction(this.dataSource, async (manager) => {
      const user = await findVisibleUser(manager, principal, userId);
      this.assertMayChange(principal, user, body);
      if (body.name !== undefined) user.name = body.name;
      if (body.role !== undefined) user.role = body.role;
      if (body.zoomUser !== undefined) user.zoomUser = body.zoomUser;
      if (body.disabled !== undefined)
        user.disabledAt = body.disabled ? (user.disabledAt ?? this.clock.now()) : null;
      if (passwordHash) user.passwordHash = passwordHash;
      const saved = await manager.save(user);
      // A disabled account or a changed password ends every session of that user.
      if (body.disabled || passwordHash) await this.sessions.endAllFor(manager, user.id);
      await this.audit.record(manager, {
        actor: principal,
        clinicId: user.clinicId,
        action: 'user.updated',
        target: { type: 'user', id: user.id },
        outcome: 'success',
        meta,
        // Which fields changed, never their values (names and emails are personal data).
        details: {
          fields: Object.keys(body)
            .filter((field) => field !== 'currentPassword')
            .sort()
            .join(','),
        },
      });
      return saved;
    });
    // A provider given a vendor user on the clinic's account: what waited for one may go ahead now.
    if (body.zoomUser) await this.fixes.fixed({ scope: 'provider', userId: updated.id });
    return updated;
  }

  /**
   * Someone holding a session must not be able to take over the account with it: your own new
   * password needs the current one. Wrong guesses count towards the account's login throttle.
   */
  private async checkCurrentPassword(
    userId: string,
    email: string,
    offered: string | undefined,
    meta: RequestMeta,
  ) {
    const refused = (reason: string) =>
      new DomainException(400, ErrorCode.ValidationFailed, 'Confirm with your current password.', [
        { path: 'currentPassword', message: reason },
      ]);
    if (!offered) {
      // No guess to count, but a blocked account answers as blocked whatever is sent.
      const wait = await this.throttle.retryAfterSeconds(email, meta.ip);
      if (wait > 0) throw LoginThrottleService.refusal(wait);
      throw refused('is required to change your own password');
    }
    // Counted before the check, like a login, so that a burst of guesses cannot outrun the count.
    const admission = await this.throttle.admit(email, meta.ip);
    if (!admission.admitted) throw LoginThrottleService.refusal(admission.retryAfterSeconds);
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: userId });
    if (!(await verifyPassword(offered, user.passwordHash))) {
      await this.throttle.failed(admission.attempt);
      throw refused('is not your current password');
    }
    await this.throttle.withdraw(admission.attempt);
  }

  private assertMayChange(principal: Principal, user: UserEntity, body: UpdateUserDto): void {
    if (principal.kind !== 'user') throw notFound('User');
    const adminOnly = (['role', 'zoomUser', 'disabled'] as const).filter(
      (field) => body[field] !== undefined,
    );
    if (principal.role === 'provider' && adminOnly.length) {
      throw new DomainException(
        403,
        ErrorCode.Forbidden,
        `Only a clinic admin may change ${adminOnly.join(', ')}.`,
      );
    }
    if (user.role === 'platform_admin' && principal.role !== 'platform_admin') throw notFound('User');
    if (user.id === principal.userId && (body.disabled || (body.role && body.role !== user.role))) {
      throw new DomainException(
        409,
        'own_account',
        'You cannot disable your own account or change your own role.',
      );
    }
    // Every role but platform admin works within one clinic: given to a user without one (another
    // platform admin), it would leave an account that fails on every request.
    if (body.role && user.clinicId === null) {
      throw new DomainException(
        409,
        'role_needs_clinic',
        `A ${body.role} belongs to a clinic, and this user belongs to none: add them to a clinic as a new user instead.`,
      );
    }
  }
}
