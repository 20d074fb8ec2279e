import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Clock, type CredentialFix, CredentialFixes } from '@televisit/api-core';
import { DataSource, In, IsNull, MoreThan, Not } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { NEEDS_A_PERSON } from './backoff';

/**
 * When a person fixes what a meeting was waiting for (a provider connects, a clinic admin saves the
 * clinic's vendor account or chooses a provider's vendor user), the meetings that failed for want of
 * it, or may be failing for want of it right now, are made due now rather than at their next slow
 * retry (15 minutes). A meeting of another vendor
 * of the same provider gets one early try too: cheaper than telling vendors apart, and harmless.
 */
@Injectable()
export class RetryOnFix implements OnModuleInit, OnModuleDestroy {
  private stop: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly fixes: CredentialFixes,
  ) {}

  onModuleInit(): void {
    this.stop = this.fixes.listen((fix) => this.retryNow(fix));
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /**
   * Makes due now every meeting of `fix`'s provider or clinic that waits for a person, and every one
   * an attempt is under way for (it began before the fix and may fail for want of it).
   * The reconciler leaves a due time moved during its attempt standing (`Reconciler.failed`).
   */
  private async retryNow(fix: CredentialFix): Promise<void> {
    const now = this.clock.now();
    const whose = fix.scope === 'provider' ? { providerId: fix.userId } : { clinicId: fix.clinicId };
    const repository = this.dataSource.getRepository(AppointmentEntity);
    await repository.update(
      { ...whose, meetingLastError: In([...NEEDS_A_PERSON]), dueAt: MoreThan(now) },
      { dueAt: now },
    );
    await repository.update({ ...whose, leaseOwner: Not(IsNull()) }, { dueAt: now });
  }
}
