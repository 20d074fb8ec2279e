import { Controller, Get, type INestApplication, Post, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  Access,
  ACCESS_METADATA,
  type AccessDeclaration,
  type AppConfig,
  loadConfig,
  Public,
  resolveEmbeddedSecrets,
} from '@televisit/api-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { EDGE_ROUTES } from './create-app';

/**
 * Walks every route of the real application and fails when one has no access declaration
 * (`@Access` or `@Public`), and keeps docs/access.md — the readable snapshot of who may call what —
 * in step with the code. `UPDATE_ACCESS_DOC=1` rewrites the snapshot.
 */

const WORKSPACE_ROOT = join(__dirname, '../../../..');
const ACCESS_DOC = join(WORKSPACE_ROOT, 'docs/access.md');
const REGENERATE = 'UPDATE_ACCESS_DOC=1 npx jest apps/api/src/app/access-declarations --selectProjects unit';

interface DeclaredRoute {
  method: string;
  path: string;
  handler: string;
  declaration: AccessDeclaration | undefined;
}

function joinPath(...parts: Array<string | undefined>): string {
  const joined = parts
    .filter((p): p is string => p !== undefined)
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** Nest's path metadata: a string, a list of them, or nothing (the controller's root). */
const asList = (value: string | string[] | undefined): string[] =>
  Array.isArray(value) ? value : value === undefined ? [''] : [value];

/** Every route Nest knows, from the controllers' metadata, with the declaration the guard will read. */
function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (method === undefined || methodPath === undefined) continue;
      const declaration = reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS_METADATA, [
        handler,
        controller,
      ]);
      for (const base of asList(
        Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined,
      )) {
        for (const sub of asList(methodPath)) {
          routes.push({
            method: RequestMethod[method],
            path: joinPath(base, sub),
            handler: `${controller.name}.${name}`,
            declaration,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The routes answered ahead of Express (create-app.ts): public by construction, no Nest handler. */
function edgeRoutes(app: INestApplication): DeclaredRoute[] {
  return EDGE_ROUTES.map((type) => {
    const route = app.get(type);
    return {
      method: 'GET',
      path: route.pattern,
      handler: `${type.name}.handle (ahead of Express)`,
      declaration: 'public' as const,
    };
  });
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Where Nest mounts middleware bound with `forRoutes('*')`: a route per method, but no handler. */
const MIDDLEWARE_MOUNT = '/{*path}';

/** What the running Express router actually serves: the cross-check that the walk missed nothing. */
function registeredRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .flatMap((layer) => {
      const route = layer.route;
      if (!route) return [];
      const paths = (Array.isArray(route.path) ? route.path : [route.path]).filter(
        (p) => p !== MIDDLEWARE_MOUNT,
      );
      return Object.keys(route.methods)
        .filter((m) => route.methods[m] && m !== '_all')
        .flatMap((m) => paths.map((p) => `${m.toUpperCase()} ${p}`));
    })
    .sort();
}

function undeclared(routes: DeclaredRoute[]): string[] {
  return routes
    .filter((r) => r.declaration === undefined)
    .map((r) => `${r.method} ${r.path} (${r.handler}) has no @Access or @Public declaration`);
}

const cell = (values: readonly string[] | undefined) => (values?.length ? values.join(', ') : '—');

function accessRow(route: DeclaredRoute): string[] {
  const d = route.declaration;
  if (d === undefined) return [route.method, `\`${route.path}\``, 'UNDECLARED', '—', '—', route.handler];
  if (d === 'public') return [route.method, `\`${route.path}\``, 'yes', '—', '—', route.handler];
  return [route.method, `\`${route.path}\``, 'no', cell(d.roles), cell(d.scopes), route.handler];
}

/** A Markdown table laid out the way prettier lays it out, so that formatting the doc changes nothing. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function renderAccessDoc(routes: DeclaredRoute[]): string {
  return `# Who may call what

<!-- Generated by apps/api/src/app/access-declarations.spec.ts from the running application's routes.
     Do not edit by hand: run \`${REGENERATE}\`. -->

Every route of the API and its access declaration. Anything not listed here is denied by default
(the global guard refuses a handler without a declaration, and the spec that writes this file fails).

- **public**: no credentials needed (and any sent are ignored).
- **roles**: dashboard users signed in with a session cookie; state-changing methods also need the
  session's \`X-CSRF-Token\`. \`—\`: no session may call it.
- **API-key scopes**: \`Authorization: Bearer tvk_…\` holding every listed scope. \`—\`: no API key may
  call it.

A caller admitted here still sees only its own tenant: another clinic's resource (and, for a provider,
another provider's) answers 404, exactly like one that does not exist.

${markdownTable(['method', 'path', 'public', 'roles', 'API-key scopes', 'handler'], routes.map(accessRow))}
`;
}

/** Table rows with their cell padding collapsed, so that only content counts as drift. */
function normalized(doc: string): string {
  return doc
    .split('\n')
    .map((l) => (l.startsWith('|') ? l.replace(/\s+/g, ' ').replace(/-{3,}/g, '---') : l.trimEnd()))
    .join('\n')
    .trim();
}

/** undefined when the committed doc matches; otherwise a message that says what to do. */
function driftOf(committed: string | undefined, expected: string): string | undefined {
  if (committed !== undefined && normalized(committed) === normalized(expected)) return undefined;
  const have = new Set(normalized(committed ?? '').split('\n'));
  const want = new Set(normalized(expected).split('\n'));
  const missing = [...want].filter((l) => !have.has(l)).map((l) => `  code says: ${l}`);
  const stale = [...have].filter((l) => !want.has(l)).map((l) => `  doc says:  ${l}`);
  return [
    committed === undefined
      ? 'docs/access.md is missing.'
      : 'docs/access.md has drifted from the routes the application declares.',
    `If the change in access is intended, regenerate it with: ${REGENERATE}`,
    ...missing,
    ...stale,
  ].join('\n');
}

function testConfig(dataDir: string): AppConfig {
  return resolveEmbeddedSecrets(
    loadConfig({ DATABASE_URL: 'sqlite::memory:', NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
  );
}

async function startApp(dataDir: string, controllers: Type[] = []): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, AppModule.forRoot(testConfig(dataDir))],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  await app.init();
  return app;
}

describe('access declarations of every route', () => {
  let dataDir: string;
  let app: INestApplication;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'televisit-access-'));
    app = await startApp(dataDir);
    routes = declaredRoutes(app);
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds exactly the routes the running app serves', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(registeredRoutes(app));
    // A sanity floor: the walk sees the auth module, not an empty app.
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/clinics/:clinicId/api-keys', '/healthz']),
    );
  });

  it('finds a declaration on every route', () => {
    expect(undeclared(routes)).toEqual([]);
  });

  it('matches the committed docs/access.md', () => {
    const all = [...routes, ...edgeRoutes(app)].sort(
      (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
    );
    const expected = renderAccessDoc(all);
    if (process.env['UPDATE_ACCESS_DOC'] === '1') writeFileSync(ACCESS_DOC, expected);
    const committed = existsSync(ACCESS_DOC) ? readFileSync(ACCESS_DOC, 'utf8') : undefined;
    const drift = driftOf(committed, expected);
    if (drift) throw new Error(drift);
  });

  it('states login, the OAuth callback and the vendor webhooks public and everything under /api/v1 else closed to anonymous callers', () => {
    const open = routes.filter((r) => r.declaration === 'public').map((r) => `${r.method} ${r.path}`);
    // The callback is where the vendor sends the browser (it checks the session that began the flow);
    // the Zoom webhook is authenticated by its signature over the raw body; a Google notification by
    // its channel's token, and it only makes televisit read the calendar from Google itself.
    expect(open.filter((r) => r.includes('/api/v1/')).sort()).toEqual([
      'GET /api/v1/oauth/:vendor/callback',
      'POST /api/v1/auth/login',
      'POST /api/v1/webhooks/google',
      'POST /api/v1/webhooks/zoom',
    ]);
  });

  describe('the walk can fail', () => {
    @Controller('test-only')
    class ProbeController {
      @Get('undeclared')
      undeclared() {
        return { reached: true };
      }

      @Post('declared')
      @Access({ roles: ['platform_admin'] })
      declared() {
        return { reached: true };
      }
    }

    @Public()
    @Controller('test-only/public-class')
    class PublicProbeController {
      @Get()
      inherits() {
        return { reached: true };
      }

      @Get('narrowed')
      @Access({ roles: ['clinic_admin'], scopes: ['appointments:read'] })
      narrowed() {
        return { reached: true };
      }
    }

    let probeDir: string;
    let probe: INestApplication;
    let probeRoutes: DeclaredRoute[];

    beforeAll(async () => {
      probeDir = mkdtempSync(join(tmpdir(), 'televisit-access-probe-'));
      probe = await startApp(probeDir, [ProbeController, PublicProbeController]);
      probeRoutes = declaredRoutes(probe);
      await probe.listen(0, '127.0.0.1');
    }, 30_000);
    afterAll(async () => {
      await probe?.close();
      rmSync(probeDir, { recursive: true, force: true });
    });

    it('names a route without a declaration', () => {
      expect(undeclared(probeRoutes)).toEqual([
        'GET /test-only/undeclared (ProbeController.undeclared) has no @Access or @Public declaration',
      ]);
    });

    it('reads declarations the way the guard does: the handler overrides its class', () => {
      const byPath = new Map(probeRoutes.map((r) => [`${r.method} ${r.path}`, r.declaration]));
      expect(byPath.get('GET /test-only/public-class')).toBe('public');
      expect(byPath.get('GET /test-only/public-class/narrowed')).toEqual({
        roles: ['clinic_admin'],
        scopes: ['appointments:read'],
      });
      expect(byPath.get('POST /test-only/declared')).toEqual({ roles: ['platform_admin'] });
    });

    it('and the guard refuses the undeclared route at run time, before asking who is calling', async () => {
      const res = await fetch(`${await probe.getUrl()}/test-only/undeclared`);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'access_undeclared' });
      expect((await fetch(`${await probe.getUrl()}/test-only/public-class`)).status).toBe(200);
    });

    it('reports drift of docs/access.md and how to fix it', () => {
      const expected = renderAccessDoc(probeRoutes);
      expect(driftOf(expected, expected)).toBeUndefined();
      // Re-padding the table (prettier) is not drift.
      expect(driftOf(expected.replace(/ \| /g, '  |  '), expected)).toBeUndefined();
      const drift = driftOf(renderAccessDoc(routes), expected);
      expect(drift).toMatch(/^docs\/access\.md has drifted/);
      expect(drift).toContain('UPDATE_ACCESS_DOC=1');
      expect(drift).toMatch(/code says: \| GET \| `\/test-only\/undeclared` \| UNDECLARED/);
      expect(driftOf(undefined, expected)).toMatch(/^docs\/access\.md is missing/);
    });
  });
});
