/**
 * `npm run bench`: the compiled checker against json-rules-engine (the reference) and a
 * hand-written Map-lookup baseline, on the same rules and the same seeded entries, in one
 * run on one machine. Figures are ratios within this run; nothing here is a test.
 *
 * Scenario A: the bundled rule sets. Scenario B: the bundled rule sets plus 2,000 generated
 * rules keyed on the fee number. Then the peer comparison (peers.ts), where the load of
 * 20,000 rules goes (load-profile.ts) and the KVDT file check against its read-and-split floor
 * (kvdt.ts; `BENCH_ONLY=kvdt` runs only that; `BENCH_ONLY=load` only the cold starts and the
 * load of 20,000 rules).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { CheckResult, Checker, RuleSetBundle } from '../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { generatedRuleSet, handWrittenBaseline, quarter } from './workload';
import { median, runFresh } from './fresh-process';
import { coreSize, minGzKb } from './core-size';
import { loads, peerSweep } from './peers';
import { loadProfile } from './load-profile';
import { importBench } from './import';
import { kvdtBench } from './kvdt';
import { extendsBench } from './extends';

// What ships is measured: the rollup build (npm run bench builds first), not the TypeScript sources.
const DIST_CORE = '../dist/index.mjs';
const DIST_REFERENCE = '../dist/reference.mjs';
const { createChecker, loadRuleSets } = (await import(DIST_CORE)) as typeof import('../plugin-api/index');
const { createReferenceChecker } = (await import(DIST_REFERENCE)) as typeof import('../src/reference/reference-checker');

const ENTRIES = Number(process.env['BENCH_ENTRIES'] ?? 1_000_000);
const REFERENCE_SAMPLE = Number(process.env['BENCH_REFERENCE_SAMPLE'] ?? 400);

function timeSync(label: string, entries: unknown[], fn: (e: unknown) => unknown): number {
  for (let i = 0; i < Math.min(entries.length, 20_000); i++) fn(entries[i]); // warm up
  const t0 = performance.now();
  let sink = 0;
  for (const e of entries) sink += (fn(e) as { findings: unknown[] }).findings.length;
  const ms = performance.now() - t0;
  if (sink < 0) console.log(label);
  return (ms * 1e6) / entries.length;
}

async function timeReference(bundle: RuleSetBundle, entries: unknown[]): Promise<number> {
  const ref = createReferenceChecker({ ruleSets: bundle });
  for (const e of entries.slice(0, 20)) await ref.check(e);
  const t0 = performance.now();
  for (const e of entries) await ref.check(e);
  return ((performance.now() - t0) * 1e6) / entries.length;
}

function latency(checker: Checker, entries: unknown[]): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const e = entries[i % entries.length];
    const t0 = process.hrtime.bigint();
    checker.check(e);
    samples.push(Number(process.hrtime.bigint() - t0));
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)]!, p99: samples[Math.floor(samples.length * 0.99)]! };
}

const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const rate = (ns: number) => `${Math.round(1e9 / ns).toLocaleString('en-US')}/s`;

/**
 * Batch checking on several cores: the entries split into one slice per worker thread, each
 * worker with its own checker (bundles are not shared across threads). Batch rules need one
 * patient's entries in one slice; a real split would go by patient, which costs the same.
 */
async function workerScaling(entries: unknown[]): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const n = Math.min(entries.length, 400_000);
  const slice = entries.slice(0, n);
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    const api = require(${JSON.stringify(new URL('../dist/index.cjs', import.meta.url).pathname)});
    const loaded = api.loadRuleSets(workerData.sources);
    const checker = api.createChecker({ ruleSets: loaded.bundle });
    let count = 0;
    // Warmed up on other entries first, as the scenarios are: the figure is checking, not V8 warming up.
    for (const e of workerData.warmup) count += checker.check(e).findings.length;
    const t0 = performance.now();
    for (const e of workerData.entries) count += checker.check(e).findings.length;
    parentPort.postMessage({ ms: performance.now() - t0, count });`;
  const sources = readRuleSources([BUNDLED_RULES_DIR]);
  const warmup = quarter(20_000, 1);
  let one = 0;
  console.log(`\nbatch check on worker threads (${n.toLocaleString('en-US')} entries, check only; load and a warm-up on 20,000 other entries excluded):`);
  for (const threads of [1, 2]) {
    const per = Math.ceil(n / threads);
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: threads }, (_, k) =>
        new Promise<{ ms: number }>((resolve, reject) => {
          const w = new Worker(script, { eval: true, workerData: { sources, warmup, entries: slice.slice(k * per, (k + 1) * per) } });
          w.once('message', (m) => {
            resolve(m);
            void w.terminate();
          });
          w.once('error', reject);
        }),
      ),
    );
    const wall = performance.now() - t0;
    const slowest = Math.max(...results.map((r) => r.ms));
    if (threads === 1) one = slowest;
    console.log(`  ${threads} thread(s): slowest worker ${slowest.toFixed(0)} ms (${rate((slowest * 1e6) / n)} together), wall incl. start-up and copying ${wall.toFixed(0)} ms, scaling ${(one / slowest).toFixed(2)}x`);
  }
}

/** Sets of three rounds (check, check keeping its results, checkAll) for the batch ratios. */
const BATCH_ROUNDS = 9;

/**
 * checkAll against check on the same entries, each form warmed up first. BATCH_ROUNDS sets of
 * three whole-list rounds back to back, one of each form, which goes first turning from set to
 * set; the ratios are taken within a set (the three see the same load of this shared machine)
 * and their median counts. Medians, not the fastest: checkAll keeps its results until it
 * returns, and the collections that costs (a scavenge copying the survivors, a full collection
 * of the whole heap — the scenario's quarter of a million entries is alive — when the old
 * generation fills, on helper threads that compete with other work for the cores) fall into some rounds and not others: the fastest of a few rounds is the
 * luck of where they fell (0.89–2.04x in six runs of scenario B). A PVS that calls checkAll
 * keeps the results, so "check keeping its results" is the like-for-like ratio; check dropping
 * each result is shown beside it.
 */
function batchRatios(checker: Checker, list: unknown[], warmup: unknown[]) {
  const rounds = [
    () => {
      let sink = 0;
      for (const e of list) sink += checker.check(e).findings.length;
      return sink;
    },
    () => {
      const kept: CheckResult[] = [];
      for (const e of list) kept[kept.length] = checker.check(e);
      return kept.length;
    },
    () => checker.checkAll(list).length,
  ];
  const time = (k: number) => {
    const t0 = performance.now();
    if (rounds[k]!() < 0) console.log(k);
    return ((performance.now() - t0) * 1e6) / list.length;
  };
  for (const e of warmup.slice(0, 20_000)) checker.check(e);
  checker.checkAll(warmup);
  const ns: number[][] = [[], [], []];
  const toCheck: number[] = [];
  const toKept: number[] = [];
  for (let set = 0; set < BATCH_ROUNDS; set++) {
    const t = [0, 0, 0];
    for (let i = 0; i < 3; i++) {
      const k = (set + i) % 3;
      ns[k]!.push((t[k] = time(k)));
    }
    toCheck.push(t[2]! / t[0]!);
    toKept.push(t[2]! / t[1]!);
  }
  const range = (r: number[]) => `${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}`;
  return { n: list.length, checkNs: median(ns[0]!), keptNs: median(ns[1]!), batchNs: median(ns[2]!), toCheck: median(toCheck), toKept: median(toKept), toCheckRange: range(toCheck), toKeptRange: range(toKept) };
}

/** One scenario, in its own process: a PVS process holds one bundle, so the JIT sees one. */
async function scenario(part: 'A' | 'B'): Promise<void> {
  const sources = readRuleSources([BUNDLED_RULES_DIR]);
  const loaded = loadRuleSets(part === 'A' ? sources : [...sources, generatedRuleSet()]);
  if (!loaded.ok) throw new Error('rule sets do not load');
  const bundle = loaded.bundle;
  const generated = part === 'B';
  const name = part === 'A' ? 'A bundled rule sets' : 'B bundled + 2,000 generated rules';
  const entries = quarter(ENTRIES, 20261124);
  const checker = createChecker({ ruleSets: bundle });
  const compiled = timeSync('compiled', entries, (e) => checker.check(e));
  const rss = process.memoryUsage().rss;
  // The baseline gets its own copy of the same quarter: fresh objects and strings, as the
  // compiled checker had (else it would find every string already hashed by the checker).
  const baseline = timeSync('baseline', quarter(ENTRIES, 20261124), handWrittenBaseline(generated) as (e: unknown) => unknown);
  const reference = await timeReference(bundle, entries.slice(0, REFERENCE_SAMPLE));
  const ordinary = entries.filter((e) => /^1\d{4}$/.test((e as { gop: string }).gop) && !(e as { costs?: unknown }).costs).slice(0, 100_000);
  const pseudo = entries.filter((e) => (e as { gop: string }).gop === '88500').slice(0, 50_000);
  const ordinaryNs = timeSync('ordinary', ordinary, (e) => checker.check(e));
  const pseudoNs = timeSync('pseudo', pseudo, (e) => checker.check(e));
  const lat = latency(checker, entries);
  const batch = batchRatios(checker, entries.slice(0, Math.min(entries.length, 200_000)), entries.slice(-20_000));
  console.log(`\n${name}`);
  console.log(`  compiled        ${fmt(compiled).padStart(10)}/entry  ${rate(compiled).padStart(14)}`);
  console.log(`  reference (jre) ${fmt(reference).padStart(10)}/entry  ${rate(reference).padStart(14)}`);
  console.log(`  hand baseline   ${fmt(baseline).padStart(10)}/entry  ${rate(baseline).padStart(14)}`);
  console.log(`  compiled/reference speed ratio: ${(reference / compiled).toFixed(0)}x   baseline/compiled time ratio: ${(compiled / baseline).toFixed(2)}x`);
  console.log(`  ordinary entry (no rule fires): ${fmt(ordinaryNs)}   ASV pseudo-GOP entry with pricing: ${fmt(pseudoNs)}`);
  console.log(`  single-entry latency p50 ${fmt(lat.p50)}  p99 ${fmt(lat.p99)}`);
  console.log(`  as one batch (checkAll, one pass, batch rules): ${fmt(batch.batchNs)}/entry  ${rate(batch.batchNs)}; median of ${BATCH_ROUNDS} rounds of each form on the same ${batch.n.toLocaleString('en-US')} entries, ratios within each set of three rounds back to back:`);
  console.log(`    checkAll ÷ check keeping its results (what a PVS holds that calls checkAll): ${batch.toKept.toFixed(2)}x  (sets ${batch.toKeptRange})`);
  console.log(`    checkAll ÷ check dropping each result:                                       ${batch.toCheck.toFixed(2)}x  (sets ${batch.toCheckRange}); check ${fmt(batch.checkNs)}, keeping ${fmt(batch.keptNs)}`);
  console.log(`RESULT ${JSON.stringify({ speedup: reference / compiled, rss })}`);
}

/** One cold load in this (fresh) process: read, validate and compile every bundled document. */
function coldLoad(): void {
  const sources = readRuleSources([BUNDLED_RULES_DIR]);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const loaded = loadRuleSets(sources);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!loaded.ok) throw new Error('bundled rule sets do not load');
  // CPU time of every thread of the process: V8's optimizing compiler works beside the main thread.
  console.log(`COLD ${ms} ${(cpu.user + cpu.system) / 1000}`);
}

/** Runs this file in a fresh process with BENCH_PART=part (and node's `nodeArgs`); its output lines. */
const inFreshProcess = (part: string, nodeArgs: readonly string[] = []): string[] => runFresh(import.meta.url, { BENCH_PART: part }, nodeArgs);

/** Cold loads in fresh processes, with and without V8's optimizing compiler, alternating: wall and CPU ms of each, sorted. */
function coldStarts(): { wall: number[]; cpu: number[]; noOptWall: number[]; noOptCpu: number[] } {
  const out = { wall: [] as number[], cpu: [] as number[], noOptWall: [] as number[], noOptCpu: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    for (const noOpt of [false, true]) {
      const [wall, cpu] = inFreshProcess('cold', noOpt ? ['--no-opt'] : []).find((l) => l.startsWith('COLD '))!.slice(5).split(' ').map(Number) as [number, number];
      (noOpt ? out.noOptWall : out.wall).push(wall);
      (noOpt ? out.noOptCpu : out.cpu).push(cpu);
    }
  }
  for (const list of Object.values(out)) list.sort((a, b) => a - b);
  return out;
}

const COLD_RUNS = 7;

/** The cold starts, a line each for the median and the slowest, and for the CPU and --no-opt figures. */
function printColdStarts(): void {
  // A cold start happens once per process: measured in fresh processes, the median and the slowest shown.
  const cold = coldStarts();
  const mid = COLD_RUNS >> 1;
  console.log(`cold load + validate + compile of the bundled rule sets and GOÄ catalogue (${COLD_RUNS} fresh processes): median ${cold.wall[mid]!.toFixed(1)} ms, slowest ${cold.wall[COLD_RUNS - 1]!.toFixed(1)} ms`);
  // How much of a cold start is V8 optimizing the code that runs hot while loading (on threads beside the main one).
  console.log(`  CPU of all threads: median ${cold.cpu[mid]!.toFixed(1)} ms; without V8's optimizing compiler (node --no-opt, ${COLD_RUNS} processes alternating with those): median ${cold.noOptWall[mid]!.toFixed(1)} ms, CPU ${cold.noOptCpu[mid]!.toFixed(1)} ms`);
}

async function main() {
  const part = process.env['BENCH_PART'];
  if (part === 'A' || part === 'B') return scenario(part);
  if (part === 'cold') return coldLoad();
  // BENCH_ONLY=kvdt: only the KVDT file check (bench/kvdt.ts).
  if (process.env['BENCH_ONLY'] === 'kvdt') return kvdtBench();
  if (process.env['BENCH_ONLY'] === 'extends') return extendsBench();
  console.log(`pvs-rules benchmark · node ${process.version} · ${ENTRIES.toLocaleString('en-US')} entries (seeded) · reference sample ${REFERENCE_SAMPLE}`);
  printColdStarts();
  // BENCH_ONLY=load: only the cold starts and the load of 20,000 rules (a minute, not thirteen).
  if (process.env['BENCH_ONLY'] === 'load') return loads();
  console.log('(each scenario runs in a fresh process of its own, on the same entries)');

  let lastSpeedup = 0;
  let peakRss = process.memoryUsage().rss;
  for (const scenarioPart of ['A', 'B']) {
    for (const line of inFreshProcess(scenarioPart)) {
      if (line.startsWith('RESULT ')) {
        const result = JSON.parse(line.slice(7)) as { speedup: number; rss: number };
        lastSpeedup = result.speedup;
        peakRss = Math.max(peakRss, result.rss);
      } else if (line) console.log(line);
    }
  }
  // The same seeded quarter: its first entries are those the scenarios checked; the workers take 400,000.
  await workerScaling(quarter(Math.min(ENTRIES, 400_000), 20261124));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.log(`\npeak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  const core = await coreSize();
  const decimal = await minGzKb(readFileSync(new URL('../node_modules/decimal.js/decimal.mjs', import.meta.url), 'utf8'));
  console.log(`core bundle (dist/index.mjs + chunks): ${core.total.toFixed(1)} KB min+gz, with decimal.js ${(core.total + decimal).toFixed(1)} KB`);
  for (const [file, kb] of core.files) console.log(`  ${file.padEnd(28)} ${kb.toFixed(1).padStart(5)} KB`);
  console.log(`speedup vs reference: ${lastSpeedup.toFixed(0)}x`);
  await peerSweep();
  // `npm run bench -- --heap` adds the heap after load by kind of object (a heap snapshot: slow).
  await loadProfile(process.argv.includes('--heap'));
  await importBench();
  await kvdtBench();
  await extendsBench();
}

void main();
