/**
 * `npm run bench` (last part): `pvs-rules serve` under load on loopback. The built server runs
 * in its own process (`node dist/cli.mjs serve`); this process is the client: keep-alive
 * connections, each sending one POST /v1/check at a time (a PVS entering services), single
 * entries from the benchmark's seeded quarter. Every answer is compared with what the
 * in-process checker gives for that entry, so a fast wrong answer counts as an error.
 *
 * Then the same load while the rule folder changes under it — valid edits, and one broken file
 * that the server must refuse while keeping its rule sets — to show that a reload loses no
 * request: every request sent gets a 200 with the right answer.
 *
 * Traffic goes to 127.0.0.1 only; the run is bounded in time and stops by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quarter } from './workload';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// What ships is measured: the build (npm run bench builds first), as bench.ts does.
const DIST_CORE = '../dist/index.mjs';
const { createChecker, loadRuleSets } = (await import(DIST_CORE)) as typeof import('../plugin-api/index');
const { readRuleSources } = await import('../src/node/files');

const SECONDS = Number(process.env['BENCH_SERVER_SECONDS'] ?? 10);
const CONNECTIONS = (process.env['BENCH_SERVER_CONNECTIONS'] ?? '8,32').split(',').map(Number);
const DISTINCT = 2000;

interface Run {
  sent: number;
  answered: number;
  wrong: number;
  errors: number;
  latencies: Float64Array;
  seconds: number;
  generations: Set<string>;
}

/** The server, on a scratch copy of the bundled rules (the reload phase edits it). */
async function startServer(rules: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.mjs'), 'serve', '--rules', rules, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${log}`)));
  });
  return { child, port };
}

/**
 * `connections` keep-alive connections for `seconds`, one request in flight on each. Answers
 * are checked against `expected` (the body the in-process checker gives for that entry).
 */
function load(port: number, requests: Buffer[], expected: string[], connections: number, seconds: number, during?: (elapsed: number) => void): Promise<Run> {
  const latencies: number[] = [];
  const run: Run = { sent: 0, answered: 0, wrong: 0, errors: 0, latencies: new Float64Array(0), seconds, generations: new Set() };
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let next = 0;
  return new Promise((resolve) => {
    let open = connections;
    const done = () => {
      if (--open > 0) return;
      run.latencies = Float64Array.from(latencies).sort();
      run.seconds = Number(process.hrtime.bigint() - start) / 1e9;
      resolve(run);
    };
    const ticker = during ? setInterval(() => during(Number(process.hrtime.bigint() - start) / 1e9), 100) : undefined;
    for (let c = 0; c < connections; c++) {
      const socket: Socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer: Buffer = Buffer.alloc(0);
      let index = 0;
      let t0 = 0n;
      const send = () => {
        const now = process.hrtime.bigint();
        if (now >= end) {
          socket.end();
          return;
        }
        index = next++ % requests.length;
        t0 = now;
        run.sent++;
        socket.write(requests[index]!);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          const head = buffer.indexOf('\r\n\r\n');
          if (head < 0) return;
          const header = buffer.toString('latin1', 0, head);
          const length = Number(/content-length: (\d+)/i.exec(header)?.[1] ?? -1);
          if (length < 0 || buffer.length < head + 4 + length) return;
          const body = buffer.toString('utf8', head + 4, head + 4 + length);
          buffer = buffer.subarray(head + 4 + length);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          run.answered++;
          const generation = /pvs-rules-generation: (\d+)/i.exec(header)?.[1];
          if (generation) run.generations.add(generation);
          if (!header.startsWith('HTTP/1.1 200') || body !== expected[index]) run.wrong++;
          send();
        }
      });
      socket.on('error', () => run.errors++);
      socket.on('close', done);
    }
    if (ticker) setTimeout(() => clearInterval(ticker), seconds * 1000 + 50);
  });
}

/** CPU seconds a process has used (Linux /proc; NaN elsewhere): per request it does not depend on what else runs. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

const pct = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
const ms = (v: number) => `${v.toFixed(2)} ms`;
function report(label: string, r: Run, serverCpu: number): void {
  const rate = r.answered / r.seconds;
  console.log(
    `  ${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(7)} req/s   p50 ${ms(pct(r.latencies, 0.5))}   p99 ${ms(pct(r.latencies, 0.99))}   p99.9 ${ms(pct(r.latencies, 0.999))}   max ${ms(r.latencies.at(-1) ?? NaN)}` +
      `   server CPU ${((serverCpu / r.answered) * 1e6).toFixed(0)} µs/request   sent ${r.sent}, answered ${r.answered}, wrong ${r.wrong}, connection errors ${r.errors}`,
  );
}

// ---- workload: single entries of the seeded quarter, as HTTP requests, with their expected answers
const rulesDir = mkdtempSync(join(tmpdir(), 'pvs-rules-bench-serve-'));
cpSync(join(ROOT, 'rules'), rulesDir, { recursive: true });
const entries = quarter(DISTINCT, 16);
const loaded = loadRuleSets(readRuleSources([rulesDir], rulesDir));
if (!loaded.ok) throw new Error('bundled rule sets do not load');
const checker = createChecker({ ruleSets: loaded.bundle, locale: 'de' });
const expected = entries.map((e) => JSON.stringify(checker.check(e)));
const requests = entries.map((e) => {
  const body = Buffer.from(JSON.stringify(e));
  return Buffer.concat([Buffer.from(`POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
});

const { child, port } = await startServer(rulesDir);
try {
  console.log(`\npvs-rules serve under load (node:http, one server process; this process is the client; ${DISTINCT} distinct single entries of the seeded quarter, each answer compared with the in-process checker)`);
  await load(port, requests, expected, 8, 2); // warm-up
  /** A run, with the CPU time the server process spent on it. */
  const measured = async (connections: number, seconds: number, during?: (elapsed: number) => void) => {
    const before = cpuSeconds(child.pid);
    const run = await load(port, requests, expected, connections, seconds, during);
    return { run, cpu: cpuSeconds(child.pid) - before };
  };
  for (const c of CONNECTIONS) {
    const { run, cpu } = await measured(c, SECONDS);
    report(`POST /v1/check, ${c} keep-alive connections`, run, cpu);
  }

  // Reload under load: the ASV rule set's title edited (answers stay the same), then a broken
  // file the server must refuse (it keeps the last good rule sets), then good again.
  const asv = join(rulesDir, 'asv/2026.1/ruleset.json');
  const original = readFileSync(asv, 'utf8');
  const steps: [number, string][] = [
    [1, original.replace('"de": "ASV: ', '"de": "ASV (1): ')],
    [4, original.replace('"de": "ASV: ', '"de": "ASV (2): ')],
    [7, original.slice(0, original.length / 2)],
    [10, original],
  ];
  let step = 0;
  const { run: reloadRun, cpu: reloadCpu } = await measured(CONNECTIONS[0]!, Math.max(SECONDS, 13), (elapsed) => {
    while (step < steps.length && elapsed >= steps[step]![0]) writeFileSync(asv, steps[step++]![1]);
  });
  report(`same, while reloading (${CONNECTIONS[0]} connections)`, reloadRun, reloadCpu);
  const generations = [...reloadRun.generations].map(Number).sort((a, b) => a - b);
  const lost = reloadRun.sent - reloadRun.answered;
  console.log(
    `  reload during load: rule-set generations answered ${generations.join(', ')} (${generations.length - 1} reloads, one broken file refused); ` +
      `${reloadRun.sent} requests sent, ${lost} lost, ${reloadRun.wrong} wrong or not 200, ${reloadRun.errors} connection errors`,
  );
  console.log('  goal: ≥ 10,000 single-entry checks/s with p99 ≤ 5 ms on this 2-core machine (client and server share it)');
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(rulesDir, { recursive: true, force: true });
}
