import type { DatabaseEngine, RunningApi, TestDatabase } from '@televisit/testing';
import { type StandaloneSandbox, startStandaloneSandbox } from './connections/standalone-sandbox';
import { seedTenants, startIdentityApi, type Tenants } from './identity/identity-fixture';

/** What `useSandboxedTenants` sets up; filled in by its `beforeAll`, so read it inside hooks and tests. */
export interface SandboxedTenants {
  db: TestDatabase;
  vendors: StandaloneSandbox;
  api: RunningApi;
  t: Tenants;
}

export interface SandboxedTenantsOptions {
  /** Runs on the fake vendors before the API starts: apps, users, knobs, webhook URLs the API reads at start. */
  prepare?: (vendors: StandaloneSandbox) => void | Promise<void>;
  /** More environment for the API process, over the database and the vendors' own. */
  env?: Record<string, string>;
}

/**
 * One fresh database of `engine`, the fake vendors in this process, one built API against both and the
 * seeded tenants, for the calling `describe` block: registers its `beforeAll` and `afterAll` (API, then
 * vendors, then database) and returns the object they fill in.
 */
export function useSandboxedTenants(
  engine: DatabaseEngine,
  { prepare, env = {} }: SandboxedTenantsOptions = {},
): SandboxedTenants {
  const ctx = {} as SandboxedTenants;
  beforeAll(async () => {
    ctx.db = await engine.create();
    ctx.vendors = await startStandaloneSandbox();
    await prepare?.(ctx.vendors);
    ctx.api = await startIdentityApi({ DATABASE_URL: ctx.db.url, ...ctx.vendors.env, ...env });
    ctx.t = await seedTenants(ctx.api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await ctx.api?.stop();
    await ctx.vendors?.running.close();
    await ctx.db?.drop();
  });
  return ctx;
}

/** What `useTenantsApi` sets up; filled in by its `beforeAll`, so read it inside hooks and tests. */
export interface TenantsApi {
  db: TestDatabase;
  api: RunningApi;
  t: Tenants;
}

/**
 * One fresh database of `engine`, one built API on it (its in-process sandbox vendors included, unless
 * `env` says otherwise) and the seeded tenants, for the calling `describe` block; `prepare` runs last
 * (connecting a provider, say). Registers its `beforeAll` and `afterAll` (API, then database).
 */
export function useTenantsApi(
  engine: DatabaseEngine,
  env: Record<string, string> = {},
  prepare?: (ctx: TenantsApi) => Promise<unknown>,
): TenantsApi {
  const ctx = {} as TenantsApi;
  beforeAll(async () => {
    ctx.db = await engine.create();
    ctx.api = await startIdentityApi({ DATABASE_URL: ctx.db.url, ...env });
    ctx.t = await seedTenants(ctx.api.baseUrl);
    await prepare?.(ctx);
  }, 60_000);
  afterAll(async () => {
    await ctx.api?.stop();
    await ctx.db?.drop();
  });
  return ctx;
}
