// Shared machinery for HTTP benchmarks: start servers as child processes (the load generator runs
// here, the server elsewhere: the machine has 2 cores), check they answer alike, drive them with
// autocannon in interleaved rounds, and report ratios against the baseline measured in the same run.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function envNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
}

/**
 * Load settings shared by every HTTP benchmark. The environment may shorten them for a smoke run
 * (BENCH_DURATION=1 BENCH_WARMUP=1 node bench/run.mjs); figures worth quoting use the defaults.
 */
export const settings = {
  connections: envNumber('BENCH_CONNECTIONS', 50),
  /** Seconds per measured run. */
  duration: envNumber('BENCH_DURATION', 4),
  /** Seconds of unmeasured load per server before the first measured run (JIT, caches, pools). */
  warmup: envNumber('BENCH_WARMUP', 3),
  /**
   * Measured runs per server, in palindromic order (A B B A A B B A) to cancel linear drift. Many short
   * runs rather than a few long ones: a burst of other work on the machine spoils one run, and the
   * median discards it.
   */
  rounds: envNumber('BENCH_ROUNDS', 4),
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();

/**
 * Starts `node <script>` on a free port (given as PORT) and resolves once GET `readyPath` answers 2xx.
 * `env` replaces the inherited environment except PATH.
 */
export async function startServer({ label, script, env = {}, readyPath = '/healthz', timeoutMs = 30_000 }) {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d.toString()));
  child.stderr.on('data', (d) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const server = {
    label,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    async stop() {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = globalThis.setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  running.add(server);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(
        `${label} exited with code ${child.exitCode} before answering ${readyPath}:\n${output}`,
      );
    }
    try {
      const res = await fetch(server.url + readyPath);
      await res.arrayBuffer();
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error(`${label} did not answer ${readyPath} within ${timeoutMs} ms:\n${output}`);
}

export async function stopAll() {
  await Promise.all([...running].map((s) => s.stop()));
}

/** A comparison is only fair if every server sends the same status, content type and body. */
export async function assertSameResponse(servers, path) {
  const answers = [];
  for (const s of servers) {
    const res = await fetch(s.url + path);
    answers.push({
      label: s.label,
      status: res.status,
      type: res.headers.get('content-type'),
      body: await res.text(),
    });
  }
  const [first] = answers;
  for (const a of answers) {
    if (a.status !== first.status || a.type !== first.type || a.body !== first.body) {
      throw new Error(
        `servers answer ${path} differently:\n${answers.map((x) => JSON.stringify(x)).join('\n')}`,
      );
    }
  }
  return first;
}

/**
 * Latencies as autocannon measures them (hrtime, float ms), kept here because autocannon's own
 * histogram rounds to whole milliseconds, too coarse for a sub-millisecond baseline.
 */
class Latencies {
  values = new Float64Array(1 << 20);
  count = 0;
  record(ms) {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = ms;
  }
  percentile(p) {
    const sorted = this.values.subarray(0, this.count).sort();
    return sorted[Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1)];
  }
}

async function load(server, path, duration) {
  const latencies = new Latencies();
  const instance = autocannon({ url: server.url + path, connections: settings.connections, duration });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) latencies.record(ms);
  });
  const result = await instance;
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new Error(
      `${server.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx ` +
        `responses under load; the figures would not measure ${path}\n${server.output()}`,
    );
  }
  return {
    rps: result.requests.total / result.duration,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
  };
}

/** Palindromic schedule: rounds=4 over [A, B, C] gives A B C C B A A B C C B A. */
export function schedule(count, rounds) {
  const forward = [...Array(count).keys()];
  const order = [];
  for (let r = 0; r < rounds; r++) order.push(...(r % 2 === 0 ? forward : [...forward].reverse()));
  return order;
}

/**
 * Warms every server, then measures them in interleaved rounds. Returns one row per server: the
 * median over rounds of req/s, p50 and p99 (ms), and each round's req/s to show the spread.
 */
export async function measure(servers, path) {
  for (const s of servers) {
    process.stdout.write(`  warm-up  ${s.label} (${settings.warmup} s)\n`);
    await load(s, path, settings.warmup);
  }
  const runs = servers.map(() => []);
  for (const i of schedule(servers.length, settings.rounds)) {
    const run = await load(servers[i], path, settings.duration);
    runs[i].push(run);
    process.stdout.write(
      `  measured ${servers[i].label.padEnd(16)} ${fmt(run.rps, 0).padStart(7)} req/s` +
        `  p50 ${fmt(run.p50, 2)} ms  p99 ${fmt(run.p99, 2)} ms\n`,
    );
  }
  return servers.map((s, i) => ({
    label: s.label,
    rps: median(runs[i].map((r) => r.rps)),
    p50: median(runs[i].map((r) => r.p50)),
    p99: median(runs[i].map((r) => r.p99)),
    roundsRps: runs[i].map((r) => Math.round(r.rps)),
  }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function fmt(value, digits) {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Adds ratios against the baseline row and checks declared targets:
 * `targets = { label: { minThroughputRatio, maxP99Ratio } }`.
 */
export function compare(rows, baselineLabel, targets = {}) {
  const base = rows.find((r) => r.label === baselineLabel);
  if (!base) throw new Error(`no baseline row ${baselineLabel}`);
  return rows.map((r) => {
    const row = { ...r, rpsRatio: r.rps / base.rps, p99Ratio: r.p99 / base.p99, misses: [] };
    const t = targets[r.label];
    if (t?.minThroughputRatio !== undefined && row.rpsRatio < t.minThroughputRatio) {
      row.misses.push(`throughput ${fmt(row.rpsRatio, 2)}x < target ${t.minThroughputRatio}x`);
    }
    if (t?.maxP99Ratio !== undefined && row.p99Ratio > t.maxP99Ratio) {
      row.misses.push(`p99 ${fmt(row.p99Ratio, 2)}x > target ${t.maxP99Ratio}x`);
    }
    return row;
  });
}

export function formatTable(rows) {
  const header = [
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'req/s vs base',
    'p99 vs base',
    'rounds req/s min-max',
  ];
  const lines = rows.map((r) => [
    r.label,
    fmt(r.rps, 0),
    fmt(r.p50, 2),
    fmt(r.p99, 2),
    `${fmt(r.rpsRatio, 2)}x`,
    `${fmt(r.p99Ratio, 2)}x`,
    `${fmt(Math.min(...r.roundsRps), 0)}-${fmt(Math.max(...r.roundsRps), 0)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const marks = rows.map((r) => (r.misses.length ? `  << BELOW TARGET: ${r.misses.join('; ')}` : ''));
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map((l, i) => row(l) + marks[i])].join(
    '\n',
  );
}

/**
 * Runs one HTTP benchmark: `start()` resolves to the servers (baseline first), which are measured on
 * `path`, compared, printed, and written as JSON to BENCH_RESULT_FILE for bench/run.mjs.
 */
export async function runHttpBench({ name, title, path, baseline, targets, start }) {
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  const s = settings;
  process.stdout.write(
    `\n${title}\n  ${s.connections} connections, ${s.warmup} s warm-up, ` +
      `${s.rounds} x ${s.duration} s measured per server, interleaved; medians reported\n`,
  );
  try {
    const servers = await start();
    const answer = await assertSameResponse(servers, path);
    process.stdout.write(`  all answer ${answer.status} ${answer.type} ${answer.body}\n`);
    const rows = compare(await measure(servers, path), baseline, targets);
    process.stdout.write(`\n${formatTable(rows)}\n`);
    const result = { name, title, baseline, settings: s, rows };
    if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
    return result;
  } finally {
    await stopAll();
  }
}

/**
 * For experiments: req/s of each `{ label, url, headers? }` (a full URL each), warmed 2 s, then
 * `rounds` interleaved rounds of `seconds`; prints each median and its ratio to the first target's.
 */
export async function compareUrls(targets, { rounds, seconds }) {
  const run = async (t, duration) =>
    (await autocannon({ url: t.url, headers: t.headers ?? {}, connections: 50, duration })).requests.average;
  for (const t of targets) await run(t, 2);
  const runs = targets.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, t] of targets.entries()) runs[i].push(await run(t, seconds));
  }
  const base = median(runs[0]);
  process.stdout.write(`\n${rounds} x ${seconds} s interleaved, 50 connections, medians:\n`);
  const width = Math.max(...targets.map((t) => t.label.length));
  for (const [i, t] of targets.entries()) {
    const rps = median(runs[i]);
    process.stdout.write(
      `  ${t.label.padEnd(width)} ${fmt(rps, 0).padStart(7)} req/s  ${fmt(rps / base, 2)}x  ` +
        `rounds ${runs[i].map((v) => fmt(v, 0)).join(', ')}\n`,
    );
  }
}
