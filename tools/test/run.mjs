// npm test: every check the project has, in order, then a summary of what ran, what was skipped
// and why, ending with "N passed, N failed". With CI=true a skipped suite is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const reportDir = join(root, 'tmp/test-report');
const ci = process.env.CI === 'true';
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e` runs just those steps
const bin = (name) => join(root, 'node_modules/.bin', name);
const env = { ...process.env, NX_DAEMON: 'false', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const jest = (project, extra = []) => [
  bin('jest'),
  [
    '--selectProjects',
    project,
    '--json',
    `--outputFile=${join(reportDir, `${project}.json`)}`,
    ...(ci ? ['--ci'] : []),
    ...extra,
  ],
];

const steps = [
  {
    name: 'format',
    what: 'prettier --check',
    cmd: [bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  },
  { name: 'graph', what: 'nx project graph', cmd: [bin('nx'), ['show', 'projects']], quiet: true },
  {
    name: 'lint',
    what: 'eslint (module boundaries, floating promises…)',
    cmd: [bin('eslint'), ['--max-warnings', '0', '.']],
  },
  { name: 'typecheck', what: 'tsc (api, libs, specs)', cmd: [bin('tsc'), ['-p', 'tsconfig.json']] },
  {
    name: 'typecheck-web',
    what: 'tsc (dashboard)',
    cmd: [bin('tsc'), ['-p', 'apps/dashboard/tsconfig.json']],
  },
  {
    name: 'build',
    what: 'nx build api + dashboard',
    cmd: [bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'dashboard', '--outputStyle=static']],
  },
  {
    name: 'client',
    what: 'typed client matches the OpenAPI document',
    cmd: [process.execPath, ['tools/api-client/generate.mjs', '--check']],
    needs: 'build',
  },
  { name: 'unit', what: 'jest unit specs', cmd: jest('unit'), jest: true },
  {
    name: 'integration',
    what: 'jest integration (SQLite, MariaDB, compose)',
    cmd: jest('integration'),
    jest: true,
  },
  {
    name: 'e2e',
    what: 'jest API end-to-end against the built app',
    cmd: jest('e2e'),
    jest: true,
    needs: 'build',
  },
  {
    name: 'browser',
    what: 'jest browser specs in Chromium',
    cmd: jest('browser', ['--runInBand']),
    jest: true,
    needs: 'build',
  },
];

const results = [];
const started = Date.now();
for (const step of steps) {
  if (only.length && !only.includes(step.name) && !(step.name === 'graph' && only.includes('lint'))) continue;
  const dependency = results.find((r) => r.name === step.needs);
  if (dependency && !dependency.ok) {
    results.push({ ...step, ok: false, seconds: 0, note: `not run: ${step.needs} failed` });
    continue;
  }
  process.stdout.write(`\n▶ ${step.name}: ${step.what}\n`);
  const t0 = Date.now();
  const [file, args] = step.cmd;
  const run = spawnSync(file, args, { cwd: root, env, stdio: step.quiet ? 'ignore' : 'inherit' });
  const result = { ...step, ok: run.status === 0, seconds: (Date.now() - t0) / 1000 };
  if (step.jest) {
    const reportFile = join(reportDir, `${step.name}.json`);
    if (existsSync(reportFile)) {
      const report = JSON.parse(readFileSync(reportFile, 'utf8'));
      Object.assign(result, {
        passed: report.numPassedTests,
        failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
        pending: report.numPendingTests + report.numTodoTests,
        suites: report.numTotalTestSuites,
      });
      if (ci && result.pending > 0) {
        result.ok = false;
        result.note = `${result.pending} skipped test(s): not allowed in CI`;
      }
    } else {
      Object.assign(result, { passed: 0, failed: 1, note: 'jest wrote no report' });
    }
  }
  results.push(result);
}

const skips = existsSync(join(reportDir, 'skips.jsonl'))
  ? readFileSync(join(reportDir, 'skips.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];

let passed = 0;
let failed = 0;
console.log('\n──────── npm test summary ────────');
for (const r of results) {
  const counts =
    r.jest && r.passed !== undefined
      ? ` ${r.passed} passed, ${r.failed} failed, ${r.pending ?? 0} skipped in ${r.suites} suites`
      : '';
  console.log(
    `${r.ok ? '✔' : '✘'} ${r.name.padEnd(13)} ${r.seconds.toFixed(1).padStart(6)} s ${counts}${r.note ? `  (${r.note})` : ''}`,
  );
  if (r.jest && r.passed !== undefined) {
    passed += r.passed;
    failed += r.failed + (r.ok || r.failed ? 0 : 1);
  } else if (r.ok) passed += 1;
  else failed += 1;
}
if (skips.length) {
  console.log(`\nSkipped suites (${ci ? 'failures in CI' : 'set CI=true to make these fail'}):`);
  for (const s of skips) console.log(`  - ${s.suite}: ${s.reason}`);
} else {
  console.log('\nNo suite was skipped.');
}
console.log(`\nTotal time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
