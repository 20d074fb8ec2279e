import nx from '@nx/eslint-plugin';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { depConstraints } = require('./module-boundaries.cjs') as { depConstraints: unknown[] };

const root = join(__dirname, '../..');

/** Lints an in-memory file placed inside a project with only the boundary rule (no type info needed). */
async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@nx': nx as unknown as ESLint.Plugin },
        rules: { '@nx/enforce-module-boundaries': ['error', { depConstraints, allow: [] }] },
      },
    ],
  });
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);
}

const importing = (alias: string, name: string) =>
  `import { ${name} } from '${alias}';\nexport const used = ${name};\n`;

describe('module boundaries (docs/design.md)', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; make sure it exists and is current.
    execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'show', 'projects'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
  }, 60_000);

  const TAG_RULE = /^@nx\/enforce-module-boundaries: A project tagged with ".+" can (only|not) depend on/;
  /**
   * Nx checks for cycles before tags and stops there: where the target already imports the source
   * (vendors import mapping and auth, whose ports they implement; features import database), the import
   * is refused as a cycle.
   */
  const CYCLE = /^@nx\/enforce-module-boundaries: Circular dependency between/;

  it.each([
    ['mapping → zoom', 'libs/api/mapping/src/fixture.ts', '@televisit/api-zoom', 'ZoomModule', CYCLE],
    [
      'mapping → google-meet',
      'libs/api/mapping/src/fixture.ts',
      '@televisit/api-google-meet',
      'GoogleMeetModule',
      CYCLE,
    ],
    ['mapping → sandbox', 'libs/api/mapping/src/fixture.ts', '@televisit/sandbox', 'createSandbox', TAG_RULE],
    ['auth → zoom', 'libs/api/auth/src/fixture.ts', '@televisit/api-zoom', 'ZoomModule', CYCLE],
    [
      'zoom → google-meet',
      'libs/api/zoom/src/fixture.ts',
      '@televisit/api-google-meet',
      'GoogleMeetModule',
      TAG_RULE,
    ],
    [
      'google-meet → zoom',
      'libs/api/google-meet/src/fixture.ts',
      '@televisit/api-zoom',
      'ZoomModule',
      TAG_RULE,
    ],
    [
      'dashboard → an API library',
      'apps/dashboard/src/fixture.tsx',
      '@televisit/api-core',
      'ErrorCode',
      TAG_RULE,
    ],
    [
      'api-client → an API library',
      'libs/api-client/src/fixture.ts',
      '@televisit/api-core',
      'ErrorCode',
      TAG_RULE,
    ],
    [
      'database (data access) → a feature',
      'libs/api/database/src/fixture.ts',
      '@televisit/api-mapping',
      'MappingModule',
      CYCLE,
    ],
  ])('rejects %s', async (_name, file, alias, symbol, expected) => {
    const errors = await boundaryErrors(file, importing(alias, symbol));
    expect(errors).toEqual([expect.stringMatching(expected)]);
  });

  it.each([
    [
      'zoom → mapping (implements the VideoProvider port)',
      'libs/api/zoom/src/fixture.ts',
      '@televisit/api-mapping',
      'VIDEO_PROVIDERS',
    ],
    [
      'google-meet → auth (implements the ConnectionProvider port)',
      'libs/api/google-meet/src/fixture.ts',
      '@televisit/api-auth',
      'CONNECTION_PROVIDERS',
    ],
    ['dashboard → api-client', 'apps/dashboard/src/fixture.tsx', '@televisit/api-client', 'createApiClient'],
    ['api app → a vendor module', 'apps/api/src/fixture.ts', '@televisit/api-zoom', 'ZoomModule'],
  ])('allows %s', async (_name, file, alias, symbol) => {
    expect(await boundaryErrors(file, importing(alias, symbol))).toEqual([]);
  });

  it('rejects a relative import that leaves its library', async () => {
    const errors = await boundaryErrors(
      'libs/api/mapping/src/fixture.ts',
      importing('../../zoom/src', 'ZoomModule'),
    );
    expect(errors.join('\n')).toMatch(/enforce-module-boundaries/);
  });
});
