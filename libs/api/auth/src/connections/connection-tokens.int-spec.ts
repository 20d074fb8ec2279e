import { AuditEventEntity } from '@televisit/api-audit';
import { type AppConfig, ManualClock } from '@televisit/api-core';
import { Vault } from '@televisit/api-vault';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClinicEntity } from '../clinics/clinic.entity';
import { authTestConfig, startAuthTestApp } from '../testing/auth-test-app';
import { UserEntity } from '../users/user.entity';
import { ConnectionEntity } from './connection.entity';
import { type ConnectionProvider, InvalidGrantError, type VendorTokens } from './connection-provider.port';
import { ConnectionProviders } from './connection-providers';
import { ConnectionTokens } from './connection-tokens.service';
import { tokenBinding } from './token-binding';

/** A vendor whose refresh tokens rotate like Zoom's: a superseded one answers invalid_grant. */
class RotatingVendor implements ConnectionProvider {
  readonly vendor = 'rotating';
  /** false: the operator removed the vendor's OAuth client. */
  configured = true;
  missingScopes(): string[] {
    return [];
  }
  refreshes = 0;
  current = 'refresh-0';
  delayMs = 40;

  constructor(private readonly clock: ManualClock) {}

  createStrategy(): never {
    throw new Error('not used here');
  }

  async refresh(refreshToken: string): Promise<VendorTokens> {
    await sleep(this.delayMs);
    if (refreshToken !== this.current) throw new InvalidGrantError(this.vendor);
    this.refreshes++;
    this.current = `refresh-${this.refreshes}`;
    return {
      accessToken: `access-${this.refreshes}`,
      refreshToken: this.current,
      expiresAt: new Date(this.clock.now().getTime() + 3600_000),
      scopes: ['meeting:write'],
    };
  }

  async check(): Promise<void> {}

  async revoke(): Promise<void> {}
}

describeEachEngine('connection tokens: single-flight refresh', (engine) => {
  let db: TestDatabase;
  const clock = new ManualClock(new Date('2026-04-01T10:00:00.000Z'));
  const vendor = new RotatingVendor(clock);
  const apps: INestApplication[] = [];
  let dataSource: DataSource;
  let vault: Vault;
  let replicas: ConnectionTokens[];

  async function startReplica(config: AppConfig): Promise<ConnectionTokens> {
    const { moduleRef, app } = await startAuthTestApp(config, clock);
    apps.push(app);
    moduleRef.get(ConnectionProviders).register(vendor);
    dataSource ??= moduleRef.get(DataSource);
    vault ??= moduleRef.get(Vault);
    return moduleRef.get(ConnectionTokens);
  }

  beforeAll(async () => {
    db = await engine.create();
    const config = authTestConfig(db.url);
    // Two replicas on one database, as two API processes would be (SQLite: one process only).
    replicas = [await startReplica(config)];
    if (engine.name !== 'sqlite') replicas.push(await startReplica(config));
    await dataSource.getRepository(ClinicEntity).save({ id: 'c1', name: 'Clinic', timezone: 'UTC' });
    await dataSource.getRepository(UserEntity).save({
      id: 'p1',
      clinicId: 'c1',
      email: 'p1@example.test',
      name: 'P1',
      role: 'provider',
      passwordHash: 'x',
      zoomUser: null,
      disabledAt: null,
    });
  }, 30_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.drop();
  });

  async function seedConnection(expiresInMs: number): Promise<void> {
    const id = 'conn-1';
    await dataSource.getRepository(ConnectionEntity).delete({ id });
    await dataSource.getRepository(ConnectionEntity).insert({
      id,
      userId: 'p1',
      clinicId: 'c1',
      vendor: vendor.vendor,
      status: 'connected',
      accountId: 'vendor-user-1',
      accountEmail: 'dr@example.test',
      scopes: ['meeting:write'],
      sealedAccessToken: vault.seal('access-initial', tokenBinding(id, 'access_token')),
      sealedRefreshToken: vault.seal(vendor.current, tokenBinding(id, 'refresh_token')),
      accessExpiresAt: new Date(clock.now().getTime() + expiresInMs),
      connectedAt: clock.now(),
      lastError: null,
      leaseOwner: null,
      leaseUntil: null,
      tokenVersion: 0,
    });
  }

  it('hands out the stored token while it is fresh, without calling the vendor', async () => {
    await seedConnection(3600_000);
    const before = vendor.refreshes;
    await expect(replicas[0]?.accessToken('p1', vendor.vendor)).resolves.toBe('access-initial');
    expect(vendor.refreshes).toBe(before);
  });

  it('hands out a token for one vendor account only when the connection is to that account', async () => {
    await seedConnection(3600_000);
    const tokens = replicas[0] as ConnectionTokens;
    await expect(tokens.accessToken('p1', vendor.vendor, { accountId: 'vendor-user-1' })).resolves.toBe(
      'access-initial',
    );
    await expect(
      tokens.accessToken('p1', vendor.vendor, { accountId: 'vendor-user-2' }),
    ).rejects.toMatchObject({
      code: 'other_account',
    });
    // Whatever the state of a connection to another account, the answer is the same.
    await dataSource.getRepository(ConnectionEntity).update({ id: 'conn-1' }, { status: 'needs_reauth' });
    await expect(
      tokens.accessToken('p1', vendor.vendor, { accountId: 'vendor-user-2' }),
    ).rejects.toMatchObject({
      code: 'other_account',
    });
    await expect(
      tokens.accessToken('p1', vendor.vendor, { accountId: 'vendor-user-1' }),
    ).rejects.toMatchObject({
      code: 'connection_needs_reauth',
    });
    await expect(
      tokens.accessToken('p2', vendor.vendor, { accountId: 'vendor-user-1' }),
    ).rejects.toMatchObject({
      code: 'other_account',
    });
  });

  it('uses no stored token, fresh or due, once the vendor is not configured, and keeps them for a disconnect to erase', async () => {
    const connections = dataSource.getRepository(ConnectionEntity);
    const before = vendor.refreshes;
    vendor.configured = false;
    try {
      for (const expiresInMs of [3600_000, 0]) {
        await seedConnection(expiresInMs);
        for (const tokens of replicas) {
          await expect(tokens.accessToken('p1', vendor.vendor)).rejects.toMatchObject({
            status: 409,
            code: 'vendor_not_configured',
          });
        }
        expect(await connections.findOneByOrFail({ id: 'conn-1' })).toMatchObject({
          status: 'connected',
          sealedAccessToken: expect.any(String),
          sealedRefreshToken: expect.any(String),
          leaseOwner: null,
          tokenVersion: 0,
        });
      }
      expect(vendor.refreshes).toBe(before);
    } finally {
      vendor.configured = true;
    }
    // Configured again: the same connection works again, refreshing the due token once.
    await expect(replicas[0]?.accessToken('p1', vendor.vendor)).resolves.toBe(`access-${before + 1}`);
  });

  it('refreshes exactly once for 100 concurrent callers across replicas at expiry', async () => {
    await seedConnection(30_000); // inside the refresh margin
    const before = vendor.refreshes;
    const tokens = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (replicas[i % replicas.length] as ConnectionTokens).accessToken('p1', vendor.vendor),
      ),
    );
    expect(vendor.refreshes - before).toBe(1);
    expect(new Set(tokens)).toEqual(new Set([`access-${vendor.refreshes}`]));
    const row = await dataSource.getRepository(ConnectionEntity).findOneByOrFail({ id: 'conn-1' });
    expect(row.status).toBe('connected');
    expect(row.leaseOwner).toBeNull();
    // The rotated refresh token was committed, sealed: the next refresh uses it and succeeds.
    expect(vault.open(row.sealedRefreshToken as string, tokenBinding(row.id, 'refresh_token'))).toBe(
      vendor.current,
    );
    expect(row.sealedRefreshToken).not.toContain(vendor.current);
  });

  it('marks the connection needs_reauth on invalid_grant, audits it and erases the tokens', async () => {
    await seedConnection(0);
    vendor.current = 'a-token-the-vendor-rotated-elsewhere';
    const results = await Promise.allSettled(
      replicas.flatMap((r) => [r.accessToken('p1', vendor.vendor), r.accessToken('p1', vendor.vendor)]),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'connection_needs_reauth' });
    }
    const row = await dataSource.getRepository(ConnectionEntity).findOneByOrFail({ id: 'conn-1' });
    expect(row).toMatchObject({
      status: 'needs_reauth',
      lastError: 'invalid_grant',
      sealedAccessToken: null,
      sealedRefreshToken: null,
    });
    const audited = await dataSource
      .getRepository(AuditEventEntity)
      .findBy({ action: 'connection.needs_reauth', targetId: 'conn-1' });
    expect(audited).toHaveLength(1);
    // Never a silent fallback: later callers are told too.
    await expect(replicas[0]?.accessToken('p1', vendor.vendor)).rejects.toMatchObject({
      code: 'connection_needs_reauth',
    });
  });

  it('does not write tokens back over a disconnect that happened during the refresh', async () => {
    vendor.current = 'refresh-restart';
    await seedConnection(0);
    vendor.delayMs = 150;
    const pending = replicas[0]?.accessToken('p1', vendor.vendor);
    await sleep(50);
    await dataSource.getRepository(ConnectionEntity).update(
      { id: 'conn-1' },
      {
        status: 'not_connected',
        sealedAccessToken: null,
        sealedRefreshToken: null,
        tokenVersion: () => 'token_version + 1',
      },
    );
    await expect(pending).rejects.toMatchObject({ code: 'not_connected' });
    vendor.delayMs = 40;
    const row = await dataSource.getRepository(ConnectionEntity).findOneByOrFail({ id: 'conn-1' });
    expect(row.sealedAccessToken).toBeNull();
    expect(row.sealedRefreshToken).toBeNull();
  });
});
