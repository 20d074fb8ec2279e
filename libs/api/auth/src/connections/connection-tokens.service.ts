import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { Clock, DomainException } from '@televisit/api-core';
import { newLeaseOwner, runInTransaction } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { ConnectionEntity } from './connection.entity';
import { InvalidGrantError } from './connection-provider.port';
import { ConnectionProviders } from './connection-providers';
import { tokenBinding } from './token-binding';

/** Refresh this long before expiry, so a token is never used in its last minute. */
export const REFRESH_MARGIN_MS = 60_000;
/** A refresher that died holding the lease blocks others this long at most. */
export const LEASE_MS = 30_000;
const WAIT_STEP_MS = 50;

/**
 * Hands out a connection's access token, refreshing it at most once per expiry across every API
 * process: a lease claimed with a conditional UPDATE decides who refreshes, an in-process promise
 * keeps this process's callers on one attempt, and the new tokens are committed before anyone uses
 * them. Others wait and re-read. `invalid_grant` marks the connection `needs_reauth`, never silently.
 */
@Injectable()
export class ConnectionTokens {
  private readonly logger = new Logger(ConnectionTokens.name);
  private readonly owner = newLeaseOwner();
  private readonly inFlight = new Map<string, Promise<{ token: string; accountId: string | null }>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly providers: ConnectionProviders,
    private readonly audit: AuditService,
  ) {}

  /**
   * A usable access token for the user's connection to `vendor`, or a 409 saying why there is none.
   * `rejected`: the vendor just refused this token although it looked fresh (revoked behind our back):
   * refresh now, which ends in `needs_reauth` if the grant is gone. `accountId`: only a token for that
   * vendor account (the one hosting an existing meeting); a connection to another account, or none at
   * all, is `other_account`, whatever its state. A connection to a vendor whose OAuth client the
   * operator removed is `vendor_not_configured`: its tokens are kept only to be erased, never used or
   * refreshed.
   */
  async accessToken(
    userId: string,
    vendor: string,
    options: { rejected?: string; accountId?: string } = {},
  ): Promise<string> {
    return (await this.grant(userId, vendor, options)).accessToken;
  }

  /**
   * `accessToken`'s token together with the vendor account it acts as (the connection's account id),
   * for a caller that must record who hosts what it creates.
   */
  async grant(
    userId: string,
    vendor: string,
    { rejected, accountId }: { rejected?: string; accountId?: string } = {},
  ): Promise<{ accessToken: string; accountId: string | null }> {
    const connection = await this.read(userId, vendor, accountId);
    this.providers.get(vendor); // 409 vendor_not_configured: a stored token, but not one to use
    const usable = this.usableToken(connection);
    if (usable && usable !== rejected) return { accessToken: usable, accountId: connection.accountId };
    const key = connection.id;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.refreshOnce(connection).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const refreshed = await pending;
    // Waiting on another process's refresh re-reads the connection, which may since have been made to
    // another account: then the token is not for `accountId`.
    if (accountId !== undefined && refreshed.accountId !== accountId) throw otherAccount(vendor);
    return { accessToken: refreshed.token, accountId: refreshed.accountId };
  }

  private async read(userId: string, vendor: string, accountId?: string): Promise<ConnectionEntity> {
    const connection = await this.dataSource.getRepository(ConnectionEntity).findOneBy({ userId, vendor });
    if (accountId !== undefined && connection?.accountId !== accountId) throw otherAccount(vendor);
    if (!connection || connection.status !== 'connected') {
      throw connection?.status === 'needs_reauth'
        ? needsReauth(vendor)
        : new DomainException(409, 'not_connected', `The provider has not connected ${vendor}.`);
    }
    return connection;
  }

  private usableToken(connection: ConnectionEntity): string | undefined {
    const expires = connection.accessExpiresAt?.getTime() ?? 0;
    if (!connection.sealedAccessToken || expires - REFRESH_MARGIN_MS <= this.clock.now().getTime()) {
      return undefined;
    }
    return this.vault.open(connection.sealedAccessToken, tokenBinding(connection.id, 'access_token'));
  }

  /** A fresh token and the account it is for (a connection read again may be to another one since). */
  private async refreshOnce(seen: ConnectionEntity): Promise<{ token: string; accountId: string | null }> {
    const deadline = this.clock.now().getTime() + LEASE_MS * 2;
    let current = seen;
    for (;;) {
      if (await this.claimLease(current)) {
        return { token: await this.refreshHolding(current), accountId: current.accountId };
      }
      // Someone else is refreshing: wait for their commit, then use what they stored.
      await sleep(WAIT_STEP_MS);
      current = await this.read(current.userId, current.vendor);
      const usable = this.usableToken(current);
      if (usable) return { token: usable, accountId: current.accountId };
      if (this.clock.now().getTime() > deadline) {
        throw new DomainException(
          503,
          'refresh_timeout',
          `The ${current.vendor} token refresh did not finish.`,
        );
      }
    }
  }

  private async claimLease(connection: ConnectionEntity): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ConnectionEntity)
      .set({ leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id AND status = :status AND token_version = :version', {
        id: connection.id,
        status: 'connected',
        version: connection.tokenVersion,
      })
      .andWhere([{ leaseUntil: IsNull() }, { leaseUntil: LessThan(now) }])
      .execute();
    return result.affected === 1;
  }

  private async refreshHolding(connection: ConnectionEntity): Promise<string> {
    const refreshToken = connection.sealedRefreshToken
      ? this.vault.open(connection.sealedRefreshToken, tokenBinding(connection.id, 'refresh_token'))
      : undefined;
    try {
      // Configured: `grant` refuses a vendor that is not before any refresh starts.
      const provider = this.providers.known(connection.vendor);
      if (!refreshToken) throw new InvalidGrantError(connection.vendor);
      const tokens = await provider.refresh(refreshToken);
      const stored = await this.dataSource
        .createQueryBuilder()
        .update(ConnectionEntity)
        .set({
          sealedAccessToken: this.vault.seal(tokens.accessToken, tokenBinding(connection.id, 'access_token')),
          // Zoom rotates refresh tokens; Google keeps the old one (null here).
          sealedRefreshToken: tokens.refreshToken
            ? this.vault.seal(tokens.refreshToken, tokenBinding(connection.id, 'refresh_token'))
            : connection.sealedRefreshToken,
          accessExpiresAt: tokens.expiresAt,
          scopes: tokens.scopes.length ? tokens.scopes : connection.scopes,
          tokenVersion: () => 'token_version + 1',
          leaseOwner: null,
          leaseUntil: null,
          lastError: null,
        })
        .where('id = :id AND lease_owner = :owner AND token_version = :version', {
          id: connection.id,
          owner: this.owner,
          version: connection.tokenVersion,
        })
        .execute();
      if (stored.affected !== 1) {
        // Disconnected (or deauthorized) while we refreshed: the new tokens must not be used.
        await provider.revoke(tokens.refreshToken ?? tokens.accessToken).catch(() => undefined);
        throw new DomainException(409, 'not_connected', `The ${connection.vendor} connection was removed.`);
      }
      this.logger.log(`refreshed ${connection.vendor} connection ${connection.id}`);
      return tokens.accessToken;
    } catch (error) {
      if (error instanceof InvalidGrantError) {
        await this.markNeedsReauth(connection);
        throw needsReauth(connection.vendor);
      }
      await this.dataSource
        .getRepository(ConnectionEntity)
        .update({ id: connection.id, leaseOwner: this.owner }, { leaseOwner: null, leaseUntil: null });
      if (error instanceof DomainException) throw error;
      // The vendor is down or answered nonsense: the grant may be fine, so the connection stays as it is.
      this.logger.warn(
        `refreshing ${connection.vendor} connection ${connection.id} failed: ${String(error)}`,
      );
      throw new DomainException(
        502,
        'vendor_unavailable',
        `${connection.vendor} could not refresh the connection just now.`,
      );
    }
  }

  private async markNeedsReauth(connection: ConnectionEntity): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(
        ConnectionEntity,
        { id: connection.id, leaseOwner: this.owner, tokenVersion: connection.tokenVersion },
        {
          status: 'needs_reauth',
          lastError: 'invalid_grant',
          sealedAccessToken: null,
          sealedRefreshToken: null,
          accessExpiresAt: null,
          leaseOwner: null,
          leaseUntil: null,
          tokenVersion: () => 'token_version + 1',
        },
      );
      if (result.affected !== 1) return;
      await this.audit.record(manager, {
        actor: { kind: 'system' },
        clinicId: connection.clinicId,
        action: 'connection.needs_reauth',
        target: { type: 'connection', id: connection.id },
        outcome: 'failure',
        details: { vendor: connection.vendor, userId: connection.userId, reason: 'invalid_grant' },
      });
    });
    this.logger.warn(
      `${connection.vendor} connection ${connection.id} needs reauthorization (invalid_grant)`,
    );
  }
}

function needsReauth(vendor: string): DomainException {
  return new DomainException(
    409,
    'connection_needs_reauth',
    `The ${vendor} connection stopped working; the provider must connect again.`,
  );
}

function otherAccount(vendor: string): DomainException {
  return new DomainException(
    409,
    'other_account',
    `The provider's ${vendor} connection is not to the account this belongs to.`,
  );
}
