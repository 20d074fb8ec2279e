import { Injectable } from '@nestjs/common';
import { Clock, DomainException, principalId, type Principal, sha256Hex } from '@televisit/api-core';
import { isUniqueViolation } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { DataSource, type EntityManager, IsNull, LessThan } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A request still "in flight" after this long died with its process: its key may be taken over. */
export const IN_FLIGHT_STALE_MS = 30 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface Replayable<T> {
  status: number;
  body: T;
}

/** Handed to the work so it can bind what it creates to the key, in the transaction that creates it. */
export interface IdempotencyClaim {
  bind(manager: EntityManager, resourceId: string): Promise<void>;
}

/**
 * `Idempotency-Key` per caller, kept 24 h: the same key and body replays the first response; the same
 * key with another body is 422; while the first request is still running, 409. A request that fails
 * frees its key. A request whose process died: if its resource was committed (bound to the key in the
 * same transaction) a retry gets that resource; if not, the key is taken over once it is stale.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly vault: Vault,
  ) {}

  async run<T>(
    principal: Principal,
    key: string | undefined,
    request: unknown,
    work: (claim: IdempotencyClaim | null) => Promise<Replayable<T>>,
    recover: (resourceId: string) => Promise<Replayable<T>>,
  ): Promise<Replayable<T>> {
    if (key === undefined) return work(null);
    if (!KEY_PATTERN.test(key)) {
      throw new DomainException(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 1–255 visible ASCII characters.',
      );
    }
    const id = sha256Hex(`${principal.kind}:${principalId(principal)}:${key}`);
    const requestHash = sha256Hex(JSON.stringify(request));
    const repo = this.dataSource.getRepository(IdempotencyKeyEntity);
    const now = this.clock.now();
    await repo.delete({ id, expiresAt: LessThan(now) });
    if (!(await this.claim(id, requestHash, now))) {
      const first = await repo.findOneBy({ id });
      if (!first)
        throw new DomainException(409, 'idempotency_in_flight', 'Retry: the first request just finished.');
      if (first.requestHash !== requestHash) {
        throw new DomainException(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used with a different request body.',
        );
      }
      if (first.state === 'done' && first.responseStatus !== null && first.responseBody !== null) {
        return {
          status: first.responseStatus,
          body: JSON.parse(this.vault.open(first.responseBody, bodyBinding(id))) as T,
        };
      }
      if (first.resourceId) return this.finish(id, await recover(first.resourceId));
      if (!(await this.takeOverStale(first, now))) {
        throw new DomainException(
          409,
          'idempotency_in_flight',
          'The first request with this Idempotency-Key is still running.',
        );
      }
    }
    const claim: IdempotencyClaim = {
      bind: async (manager, resourceId) => {
        await manager.getRepository(IdempotencyKeyEntity).update({ id }, { resourceId });
      },
    };
    try {
      return await this.finish(id, await work(claim));
    } catch (error) {
      // Nothing was committed for it: free the key so the client may retry.
      await repo.delete({ id, resourceId: IsNull(), state: 'in_flight' }).catch(() => undefined);
      throw error;
    }
  }

  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .getRepository(IdempotencyKeyEntity)
      .delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }

  private async claim(id: string, requestHash: string, now: Date): Promise<boolean> {
    try {
      await this.dataSource.getRepository(IdempotencyKeyEntity).insert({
        id,
        requestHash,
        state: 'in_flight',
        resourceId: null,
        responseStatus: null,
        responseBody: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Only one retry may take over a stale key: the update is conditional on the time it read. */
  private async takeOverStale(first: IdempotencyKeyEntity, now: Date): Promise<boolean> {
    if (now.getTime() - first.createdAt.getTime() < IN_FLIGHT_STALE_MS) return false;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(IdempotencyKeyEntity)
      .set({ createdAt: now })
      .where('id = :id AND state = :state AND created_at = :seen AND resource_id IS NULL', {
        id: first.id,
        state: 'in_flight',
        seen: first.createdAt,
      })
      .execute();
    return result.affected === 1;
  }

  private async finish<T>(id: string, result: Replayable<T>): Promise<Replayable<T>> {
    await this.dataSource.getRepository(IdempotencyKeyEntity).update(
      { id },
      {
        state: 'done',
        responseStatus: result.status,
        // Sealed: the response carries the patient's join link.
        responseBody: this.vault.seal(JSON.stringify(result.body), bodyBinding(id)),
      },
    );
    return result;
  }
}

const bodyBinding = (id: string) => ({ table: 'idempotency_keys', column: 'response_body', rowId: id });
