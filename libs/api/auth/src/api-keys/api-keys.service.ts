import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import {
  type ApiKeyPrincipal,
  assertInScope,
  Clock,
  clinicScope,
  notFound,
  type Principal,
  type RequestMeta,
} from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClinicsService } from '../clinics/clinics.service';
import { ApiKeyEntity } from './api-key.entity';
import { apiKeyHash, looksLikeApiKey, newApiKey } from './api-key-format';
import type { CreateApiKeyDto } from './dto/api-key.dto';
import { type PreparedFind, preparedFind, runInTransaction } from '@televisit/api-database';

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clinics: ClinicsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    // Every API request reads it: a prepared statement (entity-sql), not the query builder.
    this.findByHash = preparedFind(
      dataSource,
      ApiKeyEntity,
      ['id', 'clinicId', 'scopes', 'lastUsedAt'],
      'key_hash = ? AND revoked_at IS NULL',
    );
  }

  private readonly findByHash: PreparedFind<ApiKeyEntity, 'id' | 'clinicId' | 'scopes' | 'lastUsedAt'>;

  async list(principal: Principal, clinicId: string): Promise<ApiKeyEntity[]> {
    await this.clinics.get(principal, clinicId);
    return this.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { clinicId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async create(principal: Principal, clinicId: string, body: CreateApiKeyDto, meta: RequestMeta) {
    await this.clinics.get(principal, clinicId);
    const { key, prefix, hash } = newApiKey();
    const apiKey = await runInTransaction(this.dataSource, async (manager) => {
      const saved = await manager.save(
        manager.create(ApiKeyEntity, {
          id: randomUUID(),
          clinicId,
          name: body.name,
          prefix,
          keyHash: hash,
          scopes: body.scopes,
          createdBy: principal.kind === 'user' ? principal.userId : null,
          createdAt: this.clock.now(),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(manager, {
        actor: principal,
        clinicId,
        action: 'api_key.created',
        target: { type: 'api_key', id: saved.id },
        outcome: 'success',
        meta,
        details: { scopes: body.scopes.join(',') },
      });
      return saved;
    });
    return { apiKey, key };
  }

  /** Idempotent: revoking a revoked key changes nothing and answers the same. */
  async revoke(principal: Principal, id: string, meta: RequestMeta): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const apiKey = await manager.findOneBy(ApiKeyEntity, { id });
      if (!apiKey) throw notFound('API key');
      assertInScope(clinicScope(principal), apiKey.clinicId, 'API key');
      if (apiKey.revokedAt) return;
      apiKey.revokedAt = this.clock.now();
      await manager.save(apiKey);
      await this.audit.record(manager, {
        actor: principal,
        clinicId: apiKey.clinicId,
        action: 'api_key.revoked',
        target: { type: 'api_key', id },
        outcome: 'success',
        meta,
      });
    });
  }

  /** The caller behind a bearer key, or null for an unknown, malformed or revoked key. */
  async resolve(bearer: string): Promise<ApiKeyPrincipal | null> {
    if (!looksLikeApiKey(bearer)) return null;
    const [apiKey] = await this.findByHash([apiKeyHash(bearer)]);
    if (!apiKey) return null;
    const now = this.clock.now();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.dataSource.getRepository(ApiKeyEntity).update({ id: apiKey.id }, { lastUsedAt: now });
    }
    return { kind: 'api_key', apiKeyId: apiKey.id, clinicId: apiKey.clinicId, scopes: apiKey.scopes };
  }
}
