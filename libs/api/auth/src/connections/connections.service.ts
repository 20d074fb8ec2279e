import { Inject, Injectable, Logger } from '@nestjs/common';
import { type AuditActor, AuditService } from '@televisit/api-audit';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  CredentialFixes,
  DomainException,
  notFound,
  type Principal,
  type RequestMeta,
  requestMeta,
  type UserPrincipal,
} from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { findVisibleUser } from '../users/visible-user';
import { ConnectionEntity } from './connection.entity';
import { AccessTokenRejectedError, type VendorGrant } from './connection-provider.port';
import { ConnectionProviders } from './connection-providers';
import { ConnectionTokens } from './connection-tokens.service';
import { runStrategy } from './run-strategy';
import { tokenBinding } from './token-binding';

export interface ConnectionView {
  vendor: string;
  /** Whether this server can connect the vendor now: false for one whose OAuth client was removed. */
  available: boolean;
  status: ConnectionEntity['status'];
  accountEmail: string | null;
  scopes: string[];
  connectedAt: Date | null;
  lastError: string | null;
}

/** Where the callback sends the browser back to, with `vendor` and `result` or `error`. */
export const DASHBOARD_CONNECTIONS_PATH = '/connections';

/** The vendor-neutral connect flow: list, authorize, callback, disconnect, vendor deauthorization. */
@Injectable()
export class ConnectionsService {
  private readonly logger = new Logger(ConnectionsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly providers: ConnectionProviders,
    private readonly vault: Vault,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tokens: ConnectionTokens,
    private readonly fixes: CredentialFixes,
  ) {}

  /**
   * The configured vendors, in registration order, then any vendor that is not configured any more but
   * still holds a connection of this user (so it can be seen and disconnected).
   */
  async list(principal: Principal, userId: string): Promise<ConnectionView[]> {
    const user = await findVisibleUser(this.dataSource.manager, principal, userId);
    const rows = await this.dataSource.getRepository(ConnectionEntity).findBy({ userId: user.id });
    const leftovers = this.providers
      .registered()
      .filter(
        (p) => !p.configured && rows.some((r) => r.vendor === p.vendor && r.status !== 'not_connected'),
      );
    return [...this.providers.all(), ...leftovers].map(({ vendor, configured }) => {
      const row = rows.find((r) => r.vendor === vendor);
      return {
        vendor,
        available: configured,
        status: row?.status ?? 'not_connected',
        accountEmail: row?.status === 'not_connected' ? null : (row?.accountEmail ?? null),
        scopes: row?.status === 'connected' ? row.scopes : [],
        connectedAt: row?.status === 'connected' ? row.connectedAt : null,
        lastError: row?.lastError ?? null,
      };
    });
  }

  /** Starts the flow for the signed-in provider's own account; the state is bound to this session. */
  async authorize(principal: UserPrincipal, userId: string, vendor: string, req: Request): Promise<string> {
    if (principal.userId !== userId) {
      await findVisibleUser(this.dataSource.manager, principal, userId);
      throw new DomainException(
        403,
        'own_connection_only',
        'Only the provider themself can connect their own video account.',
      );
    }
    const strategy = this.providers.strategy(vendor);
    req.connectFlow = { userId, sessionId: principal.sessionId, vendor };
    const outcome = await runStrategy(strategy, req);
    if (outcome.kind !== 'redirect') {
      this.logger.error(`could not start the ${vendor} connect flow: ${describe(outcome)}`);
      throw new DomainException(502, 'vendor_unavailable', `Could not start connecting ${vendor}.`);
    }
    return outcome.url;
  }

  /**
   * Finishes the flow and answers where to send the browser. Only the session that started the flow
   * may finish it; every failure lands back in the dashboard with a reason, never on a JSON error.
   */
  async callback(principal: Principal | null, vendor: string, req: Request): Promise<string> {
    const back = (query: Record<string, string>) =>
      `${this.config.publicUrl}${DASHBOARD_CONNECTIONS_PATH}?${new URLSearchParams({ vendor, ...query }).toString()}`;
    if (!principal || principal.kind !== 'user') return back({ error: 'session_required' });
    const query = req.query as Record<string, unknown>;
    if (typeof query['code'] !== 'string' && typeof query['error'] !== 'string') {
      return back({ error: 'invalid_callback' });
    }
    let strategy;
    try {
      strategy = this.providers.strategy(vendor);
    } catch {
      return back({ error: 'unknown_vendor' });
    }
    req.connectFlow = { userId: principal.userId, sessionId: principal.sessionId, vendor };
    const outcome = await runStrategy(strategy, req);
    const meta = requestMeta(req);
    if (outcome.kind === 'success') {
      const grant = outcome.user as VendorGrant;
      const missing = this.providers.get(vendor).missingScopes(grant.scopes);
      if (missing.length) {
        await this.refuseGrant(principal, vendor, grant, meta);
        return back({ error: 'missing_scope' });
      }
      await this.store(principal, vendor, grant, meta);
      await this.fixes.fixed({ scope: 'provider', userId: principal.userId, vendor });
      return back({ result: 'connected' });
    }
    const reason =
      typeof query['error'] === 'string'
        ? query['error'] === 'access_denied'
          ? 'access_denied'
          : 'vendor_error'
        : outcome.kind === 'fail'
          ? 'state_invalid'
          : 'exchange_failed';
    if (outcome.kind === 'error') this.logger.warn(`${vendor} callback failed: ${describe(outcome)}`);
    await this.audit.recordNow({
      actor: principal,
      clinicId: principal.clinicId,
      action: 'connection.connect_failed',
      target: { type: 'user', id: principal.userId },
      outcome: 'failure',
      meta,
      details: { vendor, reason },
    });
    return back({ error: reason });
  }

  /**
   * Proves the connection works now: gets a usable access token (refreshing it if due, exactly once
   * across processes) and makes one harmless call at the vendor.
   */
  async test(principal: Principal, userId: string, vendor: string): Promise<Date> {
    const user = await findVisibleUser(this.dataSource.manager, principal, userId);
    const provider = this.providers.get(vendor);
    const accessToken = await this.tokens.accessToken(user.id, vendor);
    try {
      await provider.check(accessToken).catch(async (error: unknown) => {
        if (!(error instanceof AccessTokenRejectedError)) throw error;
        // Revoked behind our back: refresh (which marks needs_reauth if the grant is gone), then try once more.
        await provider.check(await this.tokens.accessToken(user.id, vendor, { rejected: accessToken }));
      });
    } catch (error) {
      if (error instanceof DomainException) throw error;
      this.logger.warn(`${vendor} check for connection of user ${user.id} failed: ${String(error)}`);
      throw new DomainException(
        502,
        'vendor_check_failed',
        `${vendor} did not accept the connection just now.`,
      );
    }
    return this.clock.now();
  }

  async disconnect(principal: Principal, userId: string, vendor: string, meta: RequestMeta): Promise<void> {
    const user = await findVisibleUser(this.dataSource.manager, principal, userId);
    // An unknown vendor is a 404; one whose OAuth client was removed since still has its tokens erased.
    this.providers.known(vendor);
    const row = await this.dataSource.getRepository(ConnectionEntity).findOneBy({ userId: user.id, vendor });
    // Nothing to erase (never connected, or disconnected already): done, and nothing to audit again.
    if (!row || row.status === 'not_connected') return;
    await this.remove(row, principal, 'connection.disconnected', meta);
    // A visit that waited on this connection (one that stopped working, or that the server no longer
    // offers) is tried again now: the clinic's account may host it, or it says what is missing now.
    await this.fixes.fixed({ scope: 'provider', userId: row.userId, vendor });
  }

  /**
   * The vendor says the user removed the app (Zoom `app_deauthorized`): purge every connection to that
   * vendor account. Nothing is revoked at the vendor: removing the app revoked the grant already, and
   * the webhook that says so must be answered within seconds, not after a call that can only fail.
   */
  async deauthorizeAccount(vendor: string, accountId: string): Promise<number> {
    const rows = await this.dataSource.getRepository(ConnectionEntity).findBy({ vendor, accountId });
    for (const row of rows) {
      await this.remove(row, { kind: 'system' }, 'connection.deauthorized', null, { revoke: false });
      await this.fixes.fixed({ scope: 'provider', userId: row.userId, vendor });
    }
    return rows.length;
  }

  /**
   * Release and revoke at the vendor (when there is anything to revoke, unless told the vendor did),
   * then erase and audit in one transaction.
   */
  private async remove(
    row: ConnectionEntity,
    actor: AuditActor,
    action: 'connection.disconnected' | 'connection.deauthorized',
    meta: RequestMeta | null = null,
    { revoke = true }: { revoke?: boolean } = {},
  ): Promise<void> {
    let revoked = false;
    if (revoke) {
      // Released with a token that may be refreshed on the way: the revoke reads what is stored now.
      revoked = await this.revokeAtVendor(await this.releaseAtVendor(row));
    }
    await runInTransaction(this.dataSource, async (manager) => {
      await this.purge(manager, row.id);
      await this.audit.record(manager, {
        actor,
        clinicId: row.clinicId,
        action,
        target: { type: 'connection', id: row.id },
        outcome: 'success',
        meta,
        details: { vendor: row.vendor, userId: row.userId, revokedAtVendor: revoked },
      });
    });
  }

  private async store(principal: UserPrincipal, vendor: string, grant: VendorGrant, meta: RequestMeta) {
    if (!principal.clinicId) throw notFound('Clinic');
    const clinicId = principal.clinicId;
    await runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(ConnectionEntity);
      const existing = await repo.findOneBy({ userId: principal.userId, vendor });
      const id = existing?.id ?? randomUUID();
      const fields = {
        status: 'connected' as const,
        accountId: grant.accountId,
        accountEmail: grant.accountEmail,
        scopes: grant.scopes,
        sealedAccessToken: this.vault.seal(grant.accessToken, tokenBinding(id, 'access_token')),
        sealedRefreshToken: grant.refreshToken
          ? this.vault.seal(grant.refreshToken, tokenBinding(id, 'refresh_token'))
          : null,
        accessExpiresAt: grant.expiresAt,
        connectedAt: this.clock.now(),
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
      };
      if (existing) {
        await repo.update({ id }, { ...fields, tokenVersion: () => 'token_version + 1' });
      } else {
        await repo.insert({ id, userId: principal.userId, clinicId, vendor, tokenVersion: 0, ...fields });
      }
      await this.audit.record(manager, {
        actor: principal,
        clinicId,
        action: 'connection.connected',
        target: { type: 'connection', id },
        outcome: 'success',
        meta,
        details: { vendor, scopes: grant.scopes.join(' ') },
      });
    });
  }

  private async refuseGrant(principal: UserPrincipal, vendor: string, grant: VendorGrant, meta: RequestMeta) {
    // A grant we will not keep must not stay live at the vendor either.
    await this.providers
      .get(vendor)
      .revoke(grant.refreshToken ?? grant.accessToken)
      .catch((error: unknown) =>
        this.logger.warn(`revoking a refused ${vendor} grant failed: ${String(error)}`),
      );
    await this.audit.recordNow({
      actor: principal,
      clinicId: principal.clinicId,
      action: 'connection.connect_failed',
      target: { type: 'user', id: principal.userId },
      outcome: 'failure',
      meta,
      details: { vendor, reason: 'missing_scope', grantedScopes: grant.scopes.join(' ') },
    });
  }

  /**
   * Lets the vendor module close what it keeps open with this grant, while the grant still works (a
   * token refreshed if due). Best effort: what cannot be closed ends by itself at the vendor, and the
   * tokens are erased all the same.
   */
  private async releaseAtVendor(row: ConnectionEntity): Promise<ConnectionEntity> {
    const provider = this.providers.known(row.vendor);
    // A vendor whose OAuth client was removed gets no token for it: what it keeps open ends by itself.
    if (!provider.release || !provider.configured || row.status !== 'connected') return row;
    try {
      await provider.release(row.userId, await this.tokens.accessToken(row.userId, row.vendor));
    } catch (error) {
      this.logger.warn(`releasing ${row.vendor} connection ${row.id} at the vendor failed: ${String(error)}`);
    }
    return (await this.dataSource.getRepository(ConnectionEntity).findOneBy({ id: row.id })) ?? row;
  }

  private async revokeAtVendor(row: ConnectionEntity): Promise<boolean> {
    const sealed = row.sealedRefreshToken ?? row.sealedAccessToken;
    if (!sealed) return false;
    const column = row.sealedRefreshToken ? 'refresh_token' : 'access_token';
    try {
      // Also when the vendor's OAuth client was removed since: a vendor that can revoke with the token
      // alone still does; one that needs its client throws, and the tokens are erased all the same.
      await this.providers.known(row.vendor).revoke(this.vault.open(sealed, tokenBinding(row.id, column)));
      return true;
    } catch (error) {
      this.logger.warn(`revoking ${row.vendor} connection ${row.id} at the vendor failed: ${String(error)}`);
      return false;
    }
  }

  /** Erases the tokens themselves (the columns, not a flag) and bumps the version so an in-flight refresh cannot write them back. */
  private async purge(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(ConnectionEntity).update(
      { id },
      {
        status: 'not_connected',
        sealedAccessToken: null,
        sealedRefreshToken: null,
        accessExpiresAt: null,
        accountId: null,
        accountEmail: null,
        scopes: [],
        connectedAt: null,
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        tokenVersion: () => 'token_version + 1',
      },
    );
  }
}

function describe(outcome: { kind: string; error?: unknown; status?: number }): string {
  if (outcome.kind === 'error') return outcome.error instanceof Error ? outcome.error.message : 'error';
  return `${outcome.kind}${outcome.status ? ` ${outcome.status}` : ''}`;
}
