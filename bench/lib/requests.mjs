// Load for benchmarks that the GET-2xx machinery of harness.mjs does not cover: a request (any method,
// headers, body) and the status that counts as success (a 302 redirect, a 201 create). Same settings,
// palindromic interleaving, medians and BENCH_RESULT_FILE output as runHttpBench.
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { compare, fmt, formatTable, schedule, settings, stopAll } from './harness.mjs';

/**
 * A benchmarked target: a server and what to send it. `request = { method, path, headers, body, status,
 * userAgentPerRequest }`; with `userAgentPerRequest` every request carries a user agent of its own.
 */
async function load(target, duration) {
  const latencies = [];
  const { request } = target;
  let sent = 0;
  const instance = autocannon({
    url: target.server.url + request.path,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    connections: settings.connections,
    duration,
    ...(request.userAgentPerRequest
      ? {
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                headers: { ...req.headers, 'user-agent': `bench-browser-${(sent += 1)}` },
              }),
            },
          ],
        }
      : {}),
  });
  let wrong = 0;
  let sample = '';
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode === request.status) latencies.push(ms);
    else if (wrong++ === 0) sample = String(statusCode);
  });
  const result = await instance;
  const failures = result.errors + result.timeouts + wrong;
  if (failures > 0) {
    throw new Error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${wrong} answers other than ` +
        `${request.status} (first: ${sample}) under load\n${target.server.output().slice(-4000)}`,
    );
  }
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return { rps: latencies.length / result.duration, p50: at(50), p99: at(99) };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Warms every target, then measures them in interleaved rounds; one row per target (medians). */
export async function measureTargets(targets) {
  for (const t of targets) {
    process.stdout.write(`  warm-up  ${t.label} (${settings.warmup} s)\n`);
    await load(t, settings.warmup);
  }
  const runs = targets.map(() => []);
  for (const i of schedule(targets.length, settings.rounds)) {
    const run = await load(targets[i], settings.duration);
    runs[i].push(run);
    process.stdout.write(
      `  measured ${targets[i].label.padEnd(22)} ${fmt(run.rps, 0).padStart(7)} req/s` +
        `  p50 ${fmt(run.p50, 2)} ms  p99 ${fmt(run.p99, 2)} ms\n`,
    );
  }
  return targets.map((t, i) => ({
    label: t.label,
    rps: median(runs[i].map((r) => r.rps)),
    p50: median(runs[i].map((r) => r.p50)),
    p99: median(runs[i].map((r) => r.p99)),
    roundsRps: runs[i].map((r) => Math.round(r.rps)),
  }));
}

/**
 * Runs one benchmark in phases, one after another (e.g. one per database engine, so that the servers of
 * one phase do not compete for the cores with those of another). Each phase's `start()` resolves to
 * `{ targets, baseline, cleanup? }` (baseline: the label of its baseline target; rows are compared
 * within their phase). `targets` (per label) are compare()'s ratio targets plus `maxP99Ms`, an absolute
 * p99 target. Prints the table and writes the BENCH_RESULT_FILE that bench/run.mjs reads.
 */
export async function runRequestBench({ name, title, targets: wanted = {}, phases }) {
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
  const s = settings;
  process.stdout.write(
    `\n${title}\n  ${s.connections} connections, ${s.warmup} s warm-up, ` +
      `${s.rounds} x ${s.duration} s measured per target, interleaved; medians reported\n`,
  );
  const rows = [];
  const baselines = [];
  for (const phase of phases) {
    let cleanup = async () => undefined;
    try {
      const started = await phase.start();
      if (!started) continue;
      cleanup = started.cleanup ?? cleanup;
      const measured = compare(await measureTargets(started.targets), started.baseline, wanted);
      for (const row of measured) {
        const max = wanted[row.label]?.maxP99Ms;
        if (max !== undefined && row.p99 > max)
          row.misses.push(`p99 ${fmt(row.p99, 1)} ms > target ${max} ms`);
        rows.push(row);
      }
      baselines.push(started.baseline);
    } finally {
      await stopAll();
      await cleanup();
    }
  }
  process.stdout.write(`\n${formatTable(rows)}\n`);
  const result = { name, title, baseline: baselines.join(', '), settings: s, rows };
  if (process.env.BENCH_RESULT_FILE) writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(result));
  return result;
}
