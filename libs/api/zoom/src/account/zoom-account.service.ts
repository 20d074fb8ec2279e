import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { ClinicsService } from '@televisit/api-auth';
import {
  Clock,
  CredentialFixes,
  DomainException,
  notFound,
  type Principal,
  type RequestMeta,
} from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { DataSource } from 'typeorm';
import { ZoomOAuthError, ZoomTokenClient } from '../oauth/zoom-token.client';
import { ZoomApiClient } from '../zoom-api.client';
import { accountBinding, ClinicZoomAccountEntity } from './clinic-zoom-account.entity';
import type { SaveZoomAccountDto } from './dto/zoom-account.dto';

/** Renew an account token this long before it expires. */
const RENEW_MARGIN_MS = 5 * 60 * 1000;

/** Zoom's largest page of users; a clinic's account beyond this many pages is not one we list whole. */
const USER_PAGE_SIZE = 300;
const MAX_USER_PAGES = 34;

interface ZoomListedUser {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
}

/**
 * A clinic's Server-to-Server Zoom account: credentials validated by obtaining a token before they are
 * kept, the secret sealed and never returned, and account tokens cached (sealed) and renewed before
 * expiry. Server-to-Server tokens do not rotate, so two processes renewing at once is harmless.
 */
@Injectable()
export class ZoomAccountService {
  private readonly logger = new Logger(ZoomAccountService.name);
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clinics: ClinicsService,
    private readonly tokens: ZoomTokenClient,
    private readonly api: ZoomApiClient,
    private readonly vault: Vault,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly fixes: CredentialFixes,
  ) {}

  async get(principal: Principal, clinicId: string): Promise<ClinicZoomAccountEntity> {
    await this.clinics.get(principal, clinicId);
    const row = await this.dataSource.getRepository(ClinicZoomAccountEntity).findOneBy({ clinicId });
    if (!row) throw notFound('Zoom account');
    return row;
  }

  async save(
    principal: Principal,
    clinicId: string,
    body: SaveZoomAccountDto,
    meta: RequestMeta,
  ): Promise<ClinicZoomAccountEntity> {
    await this.clinics.get(principal, clinicId);
    const app = { clientId: body.clientId, clientSecret: body.clientSecret };
    let issued;
    try {
      issued = await this.tokens.accountToken(body.accountId, app);
    } catch (error) {
      if (error instanceof ZoomOAuthError && error.status < 500) {
        throw new DomainException(
          422,
          'zoom_credentials_rejected',
          'Zoom refused these credentials: check the Account ID, Client ID and Client secret of the Server-to-Server app, and that the app is activated.',
        );
      }
      throw new DomainException(
        502,
        'vendor_unavailable',
        'Zoom could not be reached to check the credentials.',
      );
    }
    await runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(ClinicZoomAccountEntity);
      const fields = {
        accountId: body.accountId,
        clientId: body.clientId,
        sealedClientSecret: this.vault.seal(body.clientSecret, accountBinding(clinicId, 'client_secret')),
        sealedAccessToken: this.vault.seal(issued.accessToken, accountBinding(clinicId, 'access_token')),
        accessExpiresAt: issued.expiresAt,
        lastError: null,
      };
      const existing = await repo.findOneBy({ clinicId });
      if (existing) await repo.update({ clinicId }, { ...fields, tokenVersion: () => 'token_version + 1' });
      else await repo.insert({ clinicId, tokenVersion: 0, leaseOwner: null, leaseUntil: null, ...fields });
      await this.audit.record(manager, {
        actor: principal,
        clinicId,
        action: 'zoom_account.saved',
        target: { type: 'clinic', id: clinicId },
        outcome: 'success',
        meta,
        details: { replaced: Boolean(existing) },
      });
    });
    await this.fixes.fixed({ scope: 'clinic', clinicId, vendor: 'zoom' });
    return this.dataSource.getRepository(ClinicZoomAccountEntity).findOneByOrFail({ clinicId });
  }

  async remove(principal: Principal, clinicId: string, meta: RequestMeta): Promise<void> {
    const row = await this.get(principal, clinicId);
    if (row.sealedAccessToken && row.sealedClientSecret) {
      const app = {
        clientId: row.clientId,
        clientSecret: this.vault.open(row.sealedClientSecret, accountBinding(clinicId, 'client_secret')),
      };
      await this.tokens
        .revoke(this.vault.open(row.sealedAccessToken, accountBinding(clinicId, 'access_token')), app)
        .catch((error: unknown) =>
          this.logger.warn(`revoking clinic ${clinicId}'s Zoom token failed: ${String(error)}`),
        );
    }
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(ClinicZoomAccountEntity).delete({ clinicId });
      await this.audit.record(manager, {
        actor: principal,
        clinicId,
        action: 'zoom_account.removed',
        target: { type: 'clinic', id: clinicId },
        outcome: 'success',
        meta,
      });
    });
  }

  /** The users of the clinic's Zoom account, to map each provider to theirs (`zoomUser`). */
  async users(
    principal: Principal,
    clinicId: string,
  ): Promise<Array<{ id: string; email: string; name: string }>> {
    await this.get(principal, clinicId);
    const token = await this.accessToken(clinicId);
    const users: ZoomListedUser[] = [];
    let pageToken = '';
    for (let page = 0; page < MAX_USER_PAGES; page++) {
      const query = new URLSearchParams({ status: 'active', page_size: String(USER_PAGE_SIZE) });
      if (pageToken) query.set('next_page_token', pageToken);
      const answer = await this.api.call<{ users?: ZoomListedUser[]; next_page_token?: string }>(
        'GET',
        `/users?${query.toString()}`,
        token,
      );
      users.push(...(answer.users ?? []));
      pageToken = answer.next_page_token ?? '';
      if (!pageToken) break;
    }
    return users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.display_name ?? [u.first_name, u.last_name].filter(Boolean).join(' '),
    }));
  }

  /**
   * A valid account token for the clinic, renewed when it is within five minutes of expiry, or when it
   * is `rejected` (Zoom just refused it although it looked fresh); callers in this process share one
   * renewal.
   */
  async accessToken(clinicId: string, { rejected }: { rejected?: string } = {}): Promise<string> {
    const token = await this.shared(clinicId, rejected);
    // Joined a renewal that began before the refusal: it may have handed out the refused token.
    return token === rejected ? this.shared(clinicId, rejected) : token;
  }

  private shared(clinicId: string, rejected: string | undefined): Promise<string> {
    let pending = this.inFlight.get(clinicId);
    if (!pending) {
      pending = this.currentToken(clinicId, rejected).finally(() => this.inFlight.delete(clinicId));
      this.inFlight.set(clinicId, pending);
    }
    return pending;
  }

  private async currentToken(clinicId: string, rejected?: string): Promise<string> {
    const repo = this.dataSource.getRepository(ClinicZoomAccountEntity);
    const row = await repo.findOneBy({ clinicId });
    if (!row?.sealedClientSecret) {
      throw new DomainException(409, 'zoom_not_connected', 'The clinic has no Zoom account configured.');
    }
    const now = this.clock.now().getTime();
    if (row.sealedAccessToken && (row.accessExpiresAt?.getTime() ?? 0) - RENEW_MARGIN_MS > now) {
      const cached = this.vault.open(row.sealedAccessToken, accountBinding(clinicId, 'access_token'));
      if (cached !== rejected) return cached;
    }
    const app = {
      clientId: row.clientId,
      clientSecret: this.vault.open(row.sealedClientSecret, accountBinding(clinicId, 'client_secret')),
    };
    try {
      const issued = await this.tokens.accountToken(row.accountId, app);
      await repo.update(
        { clinicId, tokenVersion: row.tokenVersion },
        {
          sealedAccessToken: this.vault.seal(issued.accessToken, accountBinding(clinicId, 'access_token')),
          accessExpiresAt: issued.expiresAt,
          lastError: null,
          tokenVersion: () => 'token_version + 1',
        },
      );
      return issued.accessToken;
    } catch (error) {
      if (error instanceof ZoomOAuthError && error.status < 500) {
        await repo.update({ clinicId }, { lastError: 'credentials_rejected' });
        throw new DomainException(
          409,
          'zoom_not_connected',
          "Zoom refused the clinic's Server-to-Server credentials; a clinic admin must enter them again.",
        );
      }
      this.logger.warn(`renewing clinic ${clinicId}'s Zoom account token failed: ${String(error)}`);
      throw new DomainException(
        502,
        'vendor_unavailable',
        'Zoom could not be reached to renew the account token.',
      );
    }
  }
}
