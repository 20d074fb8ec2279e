// Runs every bench/*.bench.mjs (or the files named as arguments) one after another, each in its own
// process, then prints one summary table. Ratios are reported, not asserted: the exit code is non-zero
// only when a benchmark crashes. A row that misses a target its benchmark declares is marked
// "BELOW TARGET".
//
//   node bench/run.mjs                         all benchmarks (npm run bench builds first)
//   node bench/run.mjs bench/adapter.bench.mjs one benchmark
//   BENCH_DURATION=1 BENCH_WARMUP=1 node bench/run.mjs   smoke run; figures not worth quoting
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fmt, formatTable } from './lib/harness.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.mjs'))
      .sort()
      .map((f) => join(benchDir, f));
if (files.length === 0) {
  process.stderr.write(`no *.bench.mjs files in ${benchDir}\n`);
  process.exit(1);
}

const loadBefore = loadavg()[0];
const resultsDir = mkdtempSync(join(tmpdir(), 'televisit-bench-results-'));
const started = performance.now();
const outcomes = [];
let interrupted = null;

function runFile(file, resultFile) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [file], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    });
    const forward = (signal) => {
      interrupted = signal;
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      done(signal ? `killed by ${signal}` : code === 0 ? null : `exit code ${code}`);
    });
    child.on('error', (error) => done(error.message));
  });
}

try {
  for (const file of files) {
    const name = basename(file, '.bench.mjs');
    const resultFile = join(resultsDir, `${name}.json`);
    const t0 = performance.now();
    const failure = await runFile(file, resultFile);
    const seconds = (performance.now() - t0) / 1000;
    if (!failure && !existsSync(resultFile)) {
      outcomes.push({ name, seconds, failure: 'wrote no result (does it call runHttpBench?)' });
    } else {
      outcomes.push({
        name,
        seconds,
        failure,
        result: failure ? undefined : JSON.parse(readFileSync(resultFile, 'utf8')),
      });
    }
    if (interrupted) break;
  }
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}

const total = (performance.now() - started) / 1000;
const cores = cpus().length;
process.stdout.write(
  `\n=== Benchmark summary: ${cores} cores, node ${process.version}, ${fmt(total, 0)} s, ` +
    `load average ${fmt(loadBefore, 2)} before; ratios are vs the baseline of the same run ===\n`,
);
let crashed = 0;
let below = 0;
for (const o of outcomes) {
  if (o.failure) {
    crashed++;
    process.stdout.write(`\n${o.name}: CRASHED (${o.failure})\n`);
    continue;
  }
  const { title, rows, settings: s } = o.result;
  process.stdout.write(
    `\n${o.name}: ${title}\n  ${s.connections} conn, ${s.rounds} x ${s.duration} s per server, ${fmt(o.seconds, 0)} s\n`,
  );
  process.stdout.write(formatTable(rows).replace(/^/gm, '  ') + '\n');
  below += rows.filter((r) => r.misses.length > 0).length;
}
process.stdout.write(
  `\n${outcomes.length - crashed}/${outcomes.length} benchmarks ran` +
    (crashed ? `, ${crashed} CRASHED` : '') +
    (below ? `, ${below} row(s) BELOW TARGET (reported, not failed)` : '') +
    '\n',
);
process.exit(interrupted ? 130 : crashed ? 1 : 0);
