/**
 * The peer comparison of issue #18, part of `npm run bench` (or alone: `tsx bench/peers.ts`):
 * pvs-rules, json-rules-engine, json-logic-engine, GoRules ZEN and a hand-written Map on the
 * same R rules and the same entries (peer-workload.ts), R = 10 / 200 / 2,000 / 20,000.
 *
 * Each engine and R runs in a fresh process of its own: load, then verify that the engine
 * fires exactly the rules of the definition (`expectedFired`) on up to 1,000 entries (a
 * mismatch stops the bench), then time. An engine that needs milliseconds per entry is timed
 * on a prefix of the 100,000 entries, as many as fit its time budget (the output says how
 * many). Figures are medians of up to five rounds, each on fresh copies of the entries (moved
 * out of the young generation before the round is timed, see settle); the rounds' fired-rule
 * counts are checked too. Each round of an engine follows a round of the
 * hand-written floor on all the entries in the same process, and the ratios are taken to that
 * floor: this machine's load changes from one process to the next, its ratios much less.
 * A synchronous engine called once per entry (pvs-rules' check, json-logic-engine) is timed
 * interleaved with the floor in slices of CHUNK entries, slice by slice, and its ratio is its
 * time over the floor's, both summed over the same slices: on a machine shared with other work,
 * the two see the same load (whole-list rounds one after the other do not). The median of the
 * slices' ratios is printed beside it: it leaves out the garbage collections, which fall into
 * a few slices of an engine that allocates (the floor allocates nothing).
 * Load time and heap are measured at R = 20,000, each in fresh processes.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median, runFresh } from './fresh-process';
import { CONTESTANTS, contestant, type AsyncEngine, type SyncEngine } from './peer-engines';
import { expectedFired, PEER_ENTRIES, PEER_RULE_COUNTS, peerEntries, peerRules, type PeerEntry } from './peer-workload';

/** Time per timed form (all its rounds), and for the verification of one engine. */
const BUDGET_MS = Number(process.env['BENCH_PEER_BUDGET_MS'] ?? 1500);
const ROUNDS = 5;
/** Fewest entries timed or verified: entries 0–3 hold every kind of fee number (see peerEntries). */
const MIN_SAMPLE = 4;
const VERIFY_MAX = 1000;
const CALIBRATE_MS = 50;
/** Engines needing at most this per entry are timed on all PEER_ENTRIES. */
const FULL_SAMPLE_NS = 5_000;
const LOAD_RUNS = 3;
/** Fresh processes for JSON.parse of the pvs-rules text alone (one costs about a third of a load). */
const PARSE_RUNS = 5;
const LOAD_R = 20_000;
/** Entries per slice when an engine is timed interleaved with the floor (well under a scheduler's time slice). */
const CHUNK = 500;
/** Pairs of whole-list rounds of check and checkAll for their ratio. */
const PAIRS = 7;

/** fast-json-rules-engine is not on npm: its figures from issue #18's run outside the project (median ns per entry). */
const FAST_JSON_RULES_ENGINE: Readonly<Record<number, number>> = { 10: 434, 200: 9_521, 2_000: 108_089, 20_000: 1_455_175 };
const FAST_JSON_RULES_ENGINE_LOAD = { ms: 104, heapMB: 43 };
/**
 * Issue #18's load at R = 20,000 on the machine it was measured on (ms) and its target: the bench sets the
 * target beside those figures, as ratios, since this machine's speed differs from that one's and moves between runs.
 */
const ISSUE_LOAD = { targetMs: 100, floorMs: 8, jreMs: 54 };

interface Timing {
  id: string;
  form: string;
  label: string;
  r: number;
  ns: number;
  /** The floor's median in the same process, each of its rounds right before one of the engine's. */
  floorNs: number;
  /** Interleaved forms: the median over slices of (engine ÷ floor), each pair of slices timed back to back (no garbage collection in most). */
  sliceRatio?: number;
  /** pvs-rules' batch form: checkAll ÷ check per entry, the median of PAIRS pairs of whole-list rounds (see pairedRatio). */
  pairRatio?: number;
  timed: number;
  rounds: number;
  verified: number;
}

const isAsync = (e: SyncEngine | AsyncEngine): e is AsyncEngine => e.kind === 'async';

/** A timed form: runs the engine over a list of entries, returns how many rules fired. */
type Form = (list: PeerEntry[]) => number | Promise<number>;

/** One call per entry of a synchronous engine. */
const callEach =
  (engine: SyncEngine): Form =>
  (list) => {
    let n = 0;
    for (const e of list) n += engine.run(e);
    return n;
  };

/**
 * Verifies the engine on the first entries, as many as it checks within BUDGET_MS (at least
 * MIN_SAMPLE + 1, at most VERIFY_MAX); returns how many, and the time per entry after the
 * first (which may carry lazy set-up, such as pvs-rules' trigger index).
 */
async function verify(engine: SyncEngine | AsyncEngine, rules: ReturnType<typeof peerRules>, entries: PeerEntry[], label: string): Promise<{ verified: number; estimateNs: number }> {
  let t0 = 0;
  let k = 0;
  for (; k < VERIFY_MAX && (k <= MIN_SAMPLE || performance.now() - t0 < BUDGET_MS); k++) {
    if (k === 1) t0 = performance.now();
    const e = entries[k]!;
    const got = await engine.fired(e);
    const want = expectedFired(rules, e);
    if (got.length !== want.length || got.some((x, i) => x !== want[i])) {
      throw new Error(`${label} at R = ${rules.length} fires [${got.join(', ')}] for entry ${k} (${JSON.stringify(e)}), the definition [${want.join(', ')}]`);
    }
  }
  return { verified: k, estimateNs: ((performance.now() - t0) * 1e6) / (k - 1) };
}

/** Time per entry of `form`, on prefixes growing until one takes CALIBRATE_MS (for engines that need less than that for MIN_SAMPLE entries). */
async function calibrate(form: Form, estimateNs: number): Promise<number> {
  if (estimateNs * MIN_SAMPLE >= CALIBRATE_MS * 1e6) return estimateNs;
  for (let n = MIN_SAMPLE; ; n = Math.min(PEER_ENTRIES, n * 4)) {
    const list = peerEntries(n);
    const t0 = performance.now();
    await form(list);
    const ms = performance.now() - t0;
    if (ms >= CALIBRATE_MS || n === PEER_ENTRIES) return (ms * 1e6) / n;
  }
}

/**
 * Before a timed round: the entries just made for it (tens of MB, alive) moved out of the young
 * generation, with two minor collections (a survivor of two is promoted; the timing processes
 * run with --expose-gc). Else the first scavenge inside the round copies them, costing as much
 * as the round itself, and is charged to whichever engine's allocation triggers it. A
 * collection of what an engine allocates while timed is still the engine's.
 */
function settle(): void {
  const gc = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;
  gc?.({ type: 'minor' });
  gc?.({ type: 'minor' });
}

/** One timed round of `form` on a fresh copy of the first n entries: ns per entry; the fired count must be `expected`. */
async function round(form: Form, n: number, expected: number, what: string): Promise<number> {
  const list = peerEntries(n);
  settle();
  const t0 = performance.now();
  const fired = await form(list);
  const ns = ((performance.now() - t0) * 1e6) / n;
  if (fired !== expected) throw new Error(`${what}: ${fired} rules fired on ${n} entries, the definition says ${expected}`);
  return ns;
}

const firedOn = (rules: ReturnType<typeof peerRules>, n: number) => peerEntries(n).reduce((sum, e) => sum + expectedFired(rules, e).length, 0);

/**
 * The median ns per entry of `form` over up to ROUNDS rounds within BUDGET_MS, each on a fresh
 * copy of the first n entries (all of them for a fast engine, else as many as fit a round's
 * share of BUDGET_MS), and of the floor on all entries, a round of it before each round.
 * With 'all' for the estimate: ROUNDS rounds on all the entries.
 */
async function measure(form: Form, floor: Form | null, estimateNs: number | 'all', rules: ReturnType<typeof peerRules>, label: string): Promise<{ ns: number; floorNs: number; timed: number; rounds: number }> {
  const n = estimateNs === 'all' || estimateNs <= FULL_SAMPLE_NS ? PEER_ENTRIES : Math.max(MIN_SAMPLE, Math.min(PEER_ENTRIES, Math.floor((BUDGET_MS * 1e6) / ROUNDS / estimateNs)));
  const expected = firedOn(rules, n);
  const expectedAll = n === PEER_ENTRIES ? expected : firedOn(rules, PEER_ENTRIES);
  const samples: number[] = [];
  const floorSamples: number[] = [];
  let spent = 0;
  while (samples.length < ROUNDS && (samples.length === 0 || spent < BUDGET_MS || estimateNs === 'all')) {
    if (floor) floorSamples.push(await round(floor, PEER_ENTRIES, expectedAll, `floor at R = ${rules.length}`));
    const t0 = performance.now();
    samples.push(await round(form, n, expected, `${label} at R = ${rules.length}`));
    spent += performance.now() - t0;
  }
  const ns = median(samples);
  return { ns, floorNs: floor ? median(floorSamples) : ns, timed: n, rounds: samples.length };
}

/**
 * A per-entry form timed interleaved with the floor (see the file's comment): ROUNDS rounds on
 * fresh copies of all the entries, each cut into slices of CHUNK, the floor's slice timed right
 * before the engine's. ns per entry over all the slices, and the median of the slices' ratios.
 */
async function measureSliced(form: Form, floor: Form, rules: ReturnType<typeof peerRules>, label: string): Promise<{ ns: number; floorNs: number; sliceRatio: number; timed: number; rounds: number }> {
  const expected = firedOn(rules, PEER_ENTRIES);
  const slices = (list: PeerEntry[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, k) => list.slice(k * CHUNK, (k + 1) * CHUNK));
  const ratios: number[] = [];
  const samples: number[] = [];
  const floorSamples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const mine = slices(peerEntries(PEER_ENTRIES));
    const theirs = slices(peerEntries(PEER_ENTRIES));
    settle();
    let ns = 0;
    let floorNs = 0;
    let fired = 0;
    let floorFired = 0;
    for (let k = 0; k < mine.length; k++) {
      const t0 = performance.now();
      floorFired += (await floor(theirs[k]!)) as number;
      const t1 = performance.now();
      fired += (await form(mine[k]!)) as number;
      const t2 = performance.now();
      floorNs += t1 - t0;
      ns += t2 - t1;
      ratios.push((t2 - t1) / (t1 - t0));
    }
    if (fired !== expected || floorFired !== expected) throw new Error(`${label} at R = ${rules.length}: ${fired} (floor ${floorFired}) rules fired, the definition says ${expected}`);
    samples.push((ns * 1e6) / PEER_ENTRIES);
    floorSamples.push((floorNs * 1e6) / PEER_ENTRIES);
  }
  return { ns: median(samples), floorNs: median(floorSamples), sliceRatio: median(ratios), timed: PEER_ENTRIES, rounds: ROUNDS };
}

/**
 * checkAll ÷ check per entry: PAIRS pairs of rounds, each form on a fresh copy of all the
 * entries (both keep nothing but what the form itself keeps: checkAll its results), which goes
 * first alternating; the median of the pairs' ratios. Their medians from measure and
 * measureSliced are taken minutes apart, under whatever load the machine had then, and
 * checkAll's round is one call on 100,000 entries that no slicing can pair with the floor;
 * a pair of rounds back to back sees the same machine.
 */
async function pairedRatio(call: Form, batch: Form, rules: ReturnType<typeof peerRules>): Promise<number> {
  const expected = firedOn(rules, PEER_ENTRIES);
  const ratios: number[] = [];
  for (let p = 0; p < PAIRS; p++) {
    const callFirst = p % 2 === 0;
    const first = await round(callFirst ? call : batch, PEER_ENTRIES, expected, `pvs-rules at R = ${rules.length}`);
    const second = await round(callFirst ? batch : call, PEER_ENTRIES, expected, `pvs-rules at R = ${rules.length}`);
    ratios.push(callFirst ? second / first : first / second);
  }
  return median(ratios);
}

/** Child process: one engine at one R; prints one PEER line per timed form. */
async function timeEngine(id: string, r: number): Promise<void> {
  const c = contestant(id);
  await c.prepare();
  const rules = peerRules(r);
  const engine = c.load(c.text(rules));
  const { verified, estimateNs } = await verify(engine, rules, peerEntries(VERIFY_MAX), c.label);
  const floor = id === 'floor' ? null : contestant('floor');
  const floorEngine = floor?.load(floor.text(rules)) as SyncEngine | undefined;
  const floorForm = floorEngine ? callEach(floorEngine) : null;
  const forms: [string, string, Form, boolean][] = [];
  if (isAsync(engine)) {
    forms.push(['call', `${c.label} [PVS]`, async (list) => {
      let n = 0;
      for (const e of list) n += await engine.run(e);
      return n;
    }, false]);
    forms.push(['batch', `${c.label} batch`, (list) => engine.runAll(list), false]);
  } else {
    // Interleaved with the floor slice by slice when it is fast enough to run on all the entries.
    forms.push(['call', c.id === 'pvs' ? `${c.label} check` : c.label, callEach(engine), floorForm !== null]);
    const runAll = engine.runAll;
    if (runAll) forms.push(['batch', `${c.label} ${c.batchForm}`, (list) => runAll(list), false]);
  }
  const timings: Timing[] = [];
  for (const [form, label, fn, sliced] of forms) {
    // The estimate of the verification (its first entries, JIT warm-up included) decides only whether to calibrate.
    const estimate = c.fullSample ? 'all' : await calibrate(fn, estimateNs);
    const m: { ns: number; floorNs: number; timed: number; rounds: number; sliceRatio?: number } =
      sliced && (estimate === 'all' || estimate <= FULL_SAMPLE_NS) ? await measureSliced(fn, floorForm!, rules, label) : await measure(fn, floorForm, estimate, rules, label);
    const t: Timing = { id, form, label, r, ns: m.ns, floorNs: m.floorNs, timed: m.timed, rounds: m.rounds, verified };
    if (m.sliceRatio !== undefined) t.sliceRatio = m.sliceRatio;
    timings.push(t);
  }
  if (c.id === 'pvs' && forms.length === 2) timings[1]!.pairRatio = await pairedRatio(forms[0]![2], forms[1]![2], rules);
  for (const t of timings) console.log(`PEER ${JSON.stringify(t)}`);
  if (isAsync(engine)) engine.dispose?.();
}

/** Child process (with --expose-gc): one cold load at LOAD_R; prints one LOAD line. */
async function loadEngine(id: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const c = contestant(id);
  await c.prepare();
  gc();
  const before = process.memoryUsage();
  let text: string | null = c.text(peerRules(LOAD_R));
  const entry = peerEntries(1)[0]!;
  const t0 = performance.now();
  const engine = c.load(text);
  const t1 = performance.now();
  await engine.run(entry);
  const t2 = performance.now();
  text = null;
  gc();
  const after = process.memoryUsage();
  console.log(`LOAD ${JSON.stringify({ ms: t1 - t0, firstMs: t2 - t1, heapMB: after.heapUsed / 2 ** 20, growthMB: (after.heapUsed - before.heapUsed) / 2 ** 20, nativeMB: (after.rss - before.rss - (after.heapTotal - before.heapTotal)) / 2 ** 20 })}`);
  if (isAsync(engine)) engine.dispose?.();
}

/**
 * Child process: JSON.parse of the pvs-rules text at LOAD_R alone, nothing checked or built: the
 * floor under any loader that takes this text in a fresh process. Prints one PARSE line.
 */
function parseAlone(): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const text = contestant('pvs').text(peerRules(LOAD_R));
  gc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value: unknown = JSON.parse(text);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (typeof value !== 'object' || value === null) throw new Error('the pvs-rules peer text is no object');
  console.log(`PARSE ${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, mb: text.length / 2 ** 20 })}`);
}

const SELF = new URL(import.meta.url);
const fmtNs = (ns: number) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : ns >= 1e4 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const int = (n: number) => n.toLocaleString('en-US');
/** An engine's time as a multiple of the floor measured alongside it. */
const toFloor = (t: Timing) => t.ns / t.floorNs;
const ratio = (x: number) => (x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);

/** The sweep and the load table, each measurement in a fresh process. */
export async function peerSweep(): Promise<void> {
  console.log(`\npeers: the same rules (rule i fires when the fee number is the five-digit code 10000 + i and the entry has ≥ 1 + i mod 3 pairs) and the same ${int(PEER_ENTRIES)} entries; every engine and R in a fresh process, verified against the rules' definition before it is timed`);
  console.log('  [PVS]: one awaited call per entry, as a PVS calls at service entry. batch: the engine\'s best batch form —');
  for (const c of CONTESTANTS) if (c.batchForm) console.log(`    ${c.label}: ${c.batchForm}`);
  console.log('  fast-json-rules-engine is not on npm: its figures are those of issue #18 (measured outside the project), not measured here');
  const all: Timing[] = [];
  for (const r of PEER_RULE_COUNTS) {
    const rows: Timing[] = [];
    for (const c of CONTESTANTS) {
      for (const line of runFresh(SELF, { BENCH_PEER: `time:${c.id}:${r}` }, ['--expose-gc'])) if (line.startsWith('PEER ')) rows.push(JSON.parse(line.slice(5)) as Timing);
    }
    all.push(...rows);
    const pvs = rows.find((t) => t.id === 'pvs' && t.form === 'call')!;
    const W = 52;
    console.log(`\n  R = ${int(r)}`);
    console.log(`    ${'engine'.padEnd(W)} ${'median/entry'.padStart(12)} ${'its floor'.padStart(10)} ${'× floor'.padStart(9)} ${'× pvs-rules'.padStart(11)} ${'timed on'.padStart(9)} ${'verified on'.padStart(11)}`);
    for (const t of rows) {
      console.log(
        `    ${t.label.padEnd(W)} ${fmtNs(t.ns).padStart(12)} ${fmtNs(t.floorNs).padStart(10)} ${ratio(toFloor(t)).padStart(9)} ${ratio(toFloor(t) / toFloor(pvs)).padStart(11)} ${int(t.timed).padStart(9)} ${int(t.verified).padStart(11)}`,
      );
    }
    const fast = FAST_JSON_RULES_ENGINE[r]!;
    console.log(`    ${'fast-json-rules-engine (issue #18, not measured)'.padEnd(W)} ${fmtNs(fast).padStart(12)}`);
    const batch = rows.find((t) => t.id === 'pvs' && t.form === 'batch')!;
    const slices = pvs.sliceRatio === undefined ? '' : ` (median of its ${CHUNK}-entry slices, garbage collections left out: ${ratio(pvs.sliceRatio)})`;
    // The ratio that counts is pairedRatio's (rounds of both back to back); beside it the two forms' own medians, taken apart.
    console.log(`    pvs-rules checkAll / check: ${ratio(batch.pairRatio!)} per entry (median of ${PAIRS} pairs of rounds back to back; ${ratio(batch.ns / pvs.ns)} from the two medians above, timed apart)   pvs-rules / floor: ${ratio(toFloor(pvs))}${slices}`);
  }
  summary(all);
  loads();
}

/** The sweep as two markdown tables: median per entry, and each as a multiple of the floor measured alongside it. */
function summary(all: Timing[]): void {
  const columns: [string, string, string][] = [
    ['pvs', 'call', 'pvs-rules check'],
    ['pvs', 'batch', 'pvs-rules checkAll'],
    ['floor', 'call', 'hand Map'],
    ['json-logic', 'call', 'json-logic (build)'],
    ['jre', 'call', 'json-rules-engine [PVS]'],
    ['jre', 'batch', 'json-rules-engine batch'],
    ['zen', 'call', 'ZEN [PVS]'],
    ['zen', 'batch', 'ZEN batch'],
  ];
  const find = (r: number, id: string, form: string) => all.find((t) => t.r === r && t.id === id && t.form === form)!;
  console.log('\n  summary, median per entry (fast-json-rules-engine: issue #18\'s figures, not measured here):');
  console.log(`  | R | ${columns.map((c) => c[2]).join(' | ')} | fast-json-rules-engine |`);
  console.log(`  |---|${columns.map(() => '---|').join('')}---|`);
  for (const r of PEER_RULE_COUNTS) {
    console.log(`  | ${int(r)} | ${columns.map(([id, form]) => fmtNs(find(r, id, form).ns)).join(' | ')} | ${fmtNs(FAST_JSON_RULES_ENGINE[r]!)} |`);
  }
  console.log('\n  the same as multiples of the hand-written floor measured alongside (in the same process, round by round):');
  console.log(`  | R | ${columns.map((c) => c[2]).join(' | ')} | pvs-rules checkAll ÷ check, per entry (pairs of rounds) |`);
  console.log(`  |---|${columns.map(() => '---|').join('')}---|`);
  for (const r of PEER_RULE_COUNTS) {
    const checkAll = find(r, 'pvs', 'batch').pairRatio!;
    console.log(`  | ${int(r)} | ${columns.map(([id, form]) => ratio(toFloor(find(r, id, form)))).join(' | ')} | ${ratio(checkAll)} |`);
  }
}

/** Load time and heap at LOAD_R: medians of LOAD_RUNS fresh processes per engine. */
export function loads(): void {
  console.log(`\n  load at R = ${int(LOAD_R)} from JSON text to a ready engine (median of ${LOAD_RUNS} fresh processes each; heap after a forced GC, source text dropped)`);
  console.log(`    ${'engine'.padEnd(36)} ${'load'.padStart(10)} ${'µs/rule'.padStart(8)} ${'1st entry'.padStart(10)} ${'heap'.padStart(9)} ${'growth'.padStart(9)} ${'native'.padStart(8)}`);
  const loadMs = new Map<string, number>();
  for (const c of CONTESTANTS) {
    const runs = Array.from({ length: LOAD_RUNS }, () => {
      const line = runFresh(SELF, { BENCH_PEER: `load:${c.id}` }, ['--expose-gc']).find((l) => l.startsWith('LOAD '))!;
      return JSON.parse(line.slice(5)) as { ms: number; firstMs: number; heapMB: number; growthMB: number; nativeMB: number };
    });
    const m = (k: keyof (typeof runs)[number]) => median(runs.map((x) => x[k]));
    loadMs.set(c.id, m('ms'));
    console.log(
      `    ${c.label.padEnd(36)} ${`${m('ms').toFixed(0)} ms`.padStart(10)} ${((m('ms') * 1000) / LOAD_R).toFixed(1).padStart(8)} ${fmtNs(m('firstMs') * 1e6).padStart(10)} ${`${m('heapMB').toFixed(1)} MB`.padStart(9)} ${`${m('growthMB').toFixed(1)} MB`.padStart(9)} ${`${m('nativeMB').toFixed(0)} MB`.padStart(8)}`,
    );
  }
  console.log(`    ${'fast-json-rules-engine (issue #18)'.padEnd(36)} ${`${FAST_JSON_RULES_ENGINE_LOAD.ms} ms`.padStart(10)} ${((FAST_JSON_RULES_ENGINE_LOAD.ms * 1000) / LOAD_R).toFixed(1).padStart(8)} ${''.padStart(10)} ${`${FAST_JSON_RULES_ENGINE_LOAD.heapMB} MB`.padStart(9)}`);
  console.log('    heap: V8 heap used after load; growth: over the heap before the rules\' text was made; native: RSS growth outside the V8 heap (ZEN keeps its tables in Rust memory)');
  const pvs = loadMs.get('pvs')!;
  // The same fresh processes, JSON.parse of pvs-rules' text alone: what no loader of that text can go below.
  const parses = Array.from({ length: PARSE_RUNS }, () => JSON.parse(runFresh(SELF, { BENCH_PEER: 'parse' }, ['--expose-gc']).find((l) => l.startsWith('PARSE '))!.slice(6)) as { ms: number; cpuMs: number; mb: number });
  const parseMs = median(parses.map((p) => p.ms));
  console.log(
    `    JSON.parse alone of pvs-rules' ${parses[0]!.mb.toFixed(1)} MB text (median of ${PARSE_RUNS} fresh processes): ${parseMs.toFixed(0)} ms, CPU ${median(parses.map((p) => p.cpuMs)).toFixed(0)} ms (fastest ${Math.min(...parses.map((p) => p.ms)).toFixed(0)} ms); pvs-rules' load is ${ratio(pvs / parseMs)} that`,
  );
  const { targetMs, floorMs, jreMs } = ISSUE_LOAD;
  console.log(
    `    the issue's target of ${targetMs} ms as ratios to its own figures (hand Map ${floorMs} ms, json-rules-engine ${jreMs} ms): ≤ ${ratio(targetMs / floorMs)} the hand Map's load, ≤ ${ratio(targetMs / jreMs)} json-rules-engine's; pvs-rules in this run: ${ratio(pvs / loadMs.get('floor')!)} and ${ratio(pvs / loadMs.get('jre')!)}`,
  );
}

const part = process.env['BENCH_PEER'];
if (part?.startsWith('time:')) {
  const [, id, r] = part.split(':');
  await timeEngine(id!, Number(r));
} else if (part === 'parse') {
  parseAlone();
} else if (part?.startsWith('load:')) {
  await loadEngine(part.slice(5));
} else if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(SELF)) {
  await peerSweep();
}
