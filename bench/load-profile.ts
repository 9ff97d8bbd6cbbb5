/**
 * Where pvs-rules' load goes at R = 20,000 (the peer comparison's rule set), part of
 * `npm run bench`, or alone: `tsx bench/load-profile.ts [--heap]`. Only the build's public API
 * is called, each measurement in a fresh process:
 *
 * - time: loadRuleSets, then the first check (which builds the trigger index), with JSON.parse
 *   and String.prototype.split timed through wrappers; and a load whose rule set has one
 *   warning to locate.
 * - cpu: the same under the inspector's sampling profiler; every sample goes to the stage of
 *   the innermost function on its stack that STAGES names (the wrappers show up as frames).
 *   A function renamed in src/ falls to "other": the table below is the only thing to update.
 * - heap (--heap only, slow): the heap after load by kind of object, from a heap snapshot.
 */
import { Session } from 'node:inspector/promises';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { median, runFresh } from './fresh-process';
import { peerEntries, peerRules, pvsSource } from './peer-workload';

const R = 20_000;
const TIME_RUNS = 5;
const SAMPLING_US = 50;

/** Stages by function name (rollup's `$n` suffixes stripped), in the words of issue #18; a sample goes to the innermost one named. */
const STAGES: readonly [string, readonly (string | RegExp)[]][] = [
  ['JSON.parse', ['JSON_parse']],
  ['exact checks after JSON.parse (forbidden and watched keys, depth, numbers, duplicate keys by counting colons)', ['String_split', 'parseClean', 'clean', 'cleanIn', 'colonsIn', 'marksOf', 'plainRows']],
  ['locating problems (positional parser, or a walk along the pointer)', ['parse', 'parseValue', 'parseString', 'skipWhitespace', 'positionOf', 'locate', 'get', 'seek', 'skipValue', 'stringEnd', 'skipSpace']],
  // The compiled verdict's closures are anonymous: they go to coreSchemaErrors, their caller.
  ['schema validation (src/load/schema-verdict.ts, json-schema.ts)', ['verdictOf', 'kindTest', 'objectKeywords', 'arrayKeywords', 'propertyCheck', 'passes', 'refTarget', 'duplicate', 'codePoints', 'nodeOf', 'coreSchemaErrors', 'schemaProblems', 'said', 'translate']],
  // Before the bounds: the version resolver's inner function is called `resolve` too.
  ['resolving versions (extends, named params, parameters)', ['resolveVersions', 'merge', 'makeResolved', 'changeRules', 'patchTable', 'emit', 'resolveRule', 'resolveCondition', 'resolveRef', 'condition', 'applyParameters', 'rule', 'shownText']],
  ['semantic checks of the loader', ['checkRuleSet', 'checkVersions', 'checkContract', 'checkTable', 'checkPeriod', 'dedupe', 'kbvProblems']],
  ['freezing the document (deepFreeze)', ['deepFreeze']],
  ['binding facts (fact key, bind memo, slot)', ['factOperand', 'stableStringify', 'bind', 'none', 'compileFactReference', 'compileValue', 'parsePath', 'compilePath']],
  ['program nodes, literals, slots (interning)', ['intern', 'node', 'literal', 'slot', 'operand', 'operator', 'build']],
  ['compiling events (fact references checked; a finding without placeholders is made on first firing)', ['compileEvent', 'findingWithPlaceholders', 'plainFinding', 'splitMessage', 'split', 'paramsPointer']],
  ['trigger keys, needs, master files, size of a plain tree (rule analysis, one walk)', ['analyzeRule', 'analyze', 'analyzeNamed', 'extent', 'within', 'leafKeys', 'leafNeeds', 'leafMasters', 'falseOnNull', 'exactGopKeys', 'isPlainGop', 'intersect', 'throughNamed', 'hasBooleanRoot', 'restrictCounters']],
  ['rules silent for want of a master file (inactive-rules.ts)', ['inactiveRules', 'inactiveNotices']],
  ['compiling conditions (tree walk; a plain comparison met again taken from a map)', ['compileRoot', 'compileChild', 'decided', 'isPlainComparison', 'find', 'keep', 'PlainNodes', 'compileCondition', 'junction', 'compileNamed', 'conditionKind', 'isFactReference', 'constant', 'resolveOperator']],
  ['condition bounds (depth and size of every condition tree)', ['ConditionExtents', 'of', 'ofNamed', 'references', 'exists', 'localOf', 'measure', 'local', 'visit', 'withinExtent', 'reportExtent']],
  ['compile: rule loop, order, lists', ['compileRuleSet', 'compileRule', 'Rule', 'inOrder']],
  ['bundle', ['makeBundle', 'BundleInternals']],
  ['loader: rest', ['loadRuleSets']],
];
/** Stages of the first check after load. */
const FIRST_CHECK_STAGES: typeof STAGES = [
  ['trigger index and plan (built on first use)', ['TriggerIndex', 'routesFor', 'keyed', 'partWords', 'Routes', 'build', 'add', 'planOn', 'makePlan']],
  ['the check itself', ['check', 'guarded', 'run']],
];
const GC = 'garbage collection';
const V8 = 'V8 itself (compiling JS, inline caches)';

type PvsApi = typeof import('../plugin-api/index');
const DIST_CORE = '../dist/index.mjs';

/** JSON.parse and String.prototype.split, wrapped so that they are timed and appear as frames of their own. */
function wrapNatives(): { parseMs: () => number; splitMs: () => number } {
  const nativeParse = JSON.parse;
  const nativeSplit = String.prototype.split;
  let parseMs = 0;
  let splitMs = 0;
  JSON.parse = function JSON_parse(text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown {
    const t0 = performance.now();
    const v: unknown = nativeParse(text, reviver);
    parseMs += performance.now() - t0;
    return v;
  };
  String.prototype.split = function String_split(this: string, ...args: unknown[]): string[] {
    const t0 = performance.now();
    const v = (nativeSplit as (...a: unknown[]) => string[]).apply(this, args);
    splitMs += performance.now() - t0;
    return v;
  } as typeof String.prototype.split;
  return { parseMs: () => parseMs, splitMs: () => splitMs };
}

/** The rule set of the sweep at R, and a variant with one rule that can never fire (one warning to locate). */
function sources(withWarning: boolean) {
  const source = pvsSource(peerRules(R));
  if (!withWarning) return source;
  const doc = JSON.parse(source.text) as { rules: unknown[] };
  doc.rules.push({ ...(doc.rules[0] as object), name: 'never', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '00001' }, { fact: 'gop', operator: 'equal', value: '00002' }] } });
  return { name: source.name, text: JSON.stringify(doc) };
}

/** Child: one timed load and first check; prints TIME. */
async function timeLoad(withWarning: boolean): Promise<void> {
  const pvs = (await import(DIST_CORE)) as PvsApi;
  const source = sources(withWarning);
  const natives = wrapNatives();
  const t0 = performance.now();
  const loaded = pvs.loadRuleSets([source]);
  const t1 = performance.now();
  const parseMs = natives.parseMs();
  const splitMs = natives.splitMs();
  if (!loaded.ok || loaded.problems.length !== (withWarning ? 1 : 0)) throw new Error(`unexpected load result: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
  const checker = pvs.createChecker({ ruleSets: loaded.bundle });
  const t2 = performance.now();
  checker.check(peerEntries(1)[0]);
  const t3 = performance.now();
  // The same load again in this process, the fastest of three: the code is warm (optimized, its
  // feedback gathered), the heap grown. The gap to the first load is what running for the first time costs.
  let warmLoadMs = Infinity;
  for (let i = 1; i <= 3; i++) {
    const again = { name: source.name, text: source.text + ' '.repeat(i) };
    const t4 = performance.now();
    if (!pvs.loadRuleSets([again]).ok) throw new Error('a later load failed');
    warmLoadMs = Math.min(warmLoadMs, performance.now() - t4);
  }
  console.log(`TIME ${JSON.stringify({ loadMs: t1 - t0, parseMs, splitMs, firstCheckMs: t3 - t2, warmLoadMs })}`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** ms per stage (STAGES, GC, V8, other) and the functions with the most self time. */
function classify(profile: Profile, table: typeof STAGES): { stages: Map<string, number>; self: Map<string, number> } {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n);
  }
  const stageOf = (name: string): string | undefined => {
    const plain = name.replace(/\$\d+$/, '');
    return table.find(([, names]) => names.some((x) => (typeof x === 'string' ? x === plain : x.test(plain))))?.[0];
  };
  const stages = new Map<string, number>();
  const self = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, ms: number) => m.set(k, (m.get(k) ?? 0) + ms);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    const name = leaf.callFrame.functionName;
    if (name === '(idle)' || name === '(root)') return;
    add(self, name || '(anonymous)', ms);
    if (name === '(garbage collector)') return add(stages, GC, ms);
    if (name === '(program)') return add(stages, V8, ms);
    for (let n: ProfileNode | undefined = leaf; n; n = parent.get(n.id)) {
      const stage = stageOf(n.callFrame.functionName);
      if (stage) return add(stages, stage, ms);
    }
    add(stages, 'other', ms);
  });
  return { stages, self };
}

/** Child: load and first check under the sampling profiler; prints CPU. */
async function profileLoad(): Promise<void> {
  const pvs = (await import(DIST_CORE)) as PvsApi;
  const source = sources(false);
  wrapNatives();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_US });
  await session.post('Profiler.start');
  const loaded = pvs.loadRuleSets([source]);
  const load = (await session.post('Profiler.stop')).profile as unknown as Profile;
  if (!loaded.ok) throw new Error('the rule set does not load');
  const checker = pvs.createChecker({ ruleSets: loaded.bundle });
  await session.post('Profiler.start');
  checker.check(peerEntries(1)[0]);
  const first = (await session.post('Profiler.stop')).profile as unknown as Profile;
  const a = classify(load, STAGES);
  const b = classify(first, FIRST_CHECK_STAGES);
  console.log(`CPU ${JSON.stringify({ load: [...a.stages], firstCheck: [...b.stages], self: [...a.self].sort((x, y) => y[1] - x[1]).slice(0, 15) })}`);
}

/** Child (--expose-gc): heap after load, and a snapshot's self sizes by kind of object; prints HEAP. */
async function heapAfterLoad(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const pvs = (await import(DIST_CORE)) as PvsApi;
  gc();
  const base = process.memoryUsage().heapUsed;
  let source: { name: string; text: string } | null = sources(false);
  gc();
  const withText = process.memoryUsage().heapUsed;
  const loaded = pvs.loadRuleSets([source]);
  if (!loaded.ok) throw new Error('the rule set does not load');
  gc();
  const loadedHeap = process.memoryUsage().heapUsed;
  source = null;
  gc();
  const afterLoad = process.memoryUsage().heapUsed;
  const checker = pvs.createChecker({ ruleSets: loaded.bundle });
  checker.check(peerEntries(1)[0]);
  gc();
  const afterFirst = process.memoryUsage().heapUsed;
  const file = writeHeapSnapshot(join(tmpdir(), `pvs-load-${process.pid}.heapsnapshot`));
  const kinds = snapshotKinds(file);
  rmSync(file, { force: true });
  const mb = (b: number) => b / 2 ** 20;
  console.log(`HEAP ${JSON.stringify({ baseMB: mb(base), textMB: mb(withText - base), loadMB: mb(loadedHeap - withText), textDroppedMB: mb(loadedHeap - afterLoad), afterLoadMB: mb(afterLoad), indexMB: mb(afterFirst - afterLoad), kinds })}`);
  if (checker.check(peerEntries(1)[0]).findings.length < 0) console.log(loaded.bundle);
}

/** Self size (MB) and count per kind of object in a heap snapshot, largest first. */
function snapshotKinds(file: string): [string, number, number][] {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const kinds = new Map<string, [number, number]>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = snap.strings[snap.nodes[i + nameAt]!]!;
    // Strings and code by type; objects by constructor; closures by type (their names are many).
    const kind = type === 'object' || type === 'hidden' || type === 'native' ? `${type} ${name}` : type === 'array' ? `array ${name}` : type;
    const k = kinds.get(kind) ?? [0, 0];
    k[0] += snap.nodes[i + sizeAt]!;
    k[1]++;
    kinds.set(kind, k);
  }
  return [...kinds]
    .map(([kind, [size, count]]) => [kind, size / 2 ** 20, count] as [string, number, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14);
}

const SELF = new URL(import.meta.url);
const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

/** The breakdown, printed; with `heap`, also the heap by kind of object (a snapshot: slow). */
export async function loadProfile(heap = false): Promise<void> {
  const runs = (part: string, n: number) =>
    Array.from({ length: n }, () => JSON.parse(runFresh(SELF, { BENCH_LOAD: part }).find((l) => l.startsWith('TIME '))!.slice(5)) as { loadMs: number; parseMs: number; splitMs: number; firstCheckMs: number; warmLoadMs: number });
  const plain = runs('time', TIME_RUNS);
  const warned = runs('time-warning', 3);
  const m = (list: typeof plain, k: keyof (typeof plain)[number]) => median(list.map((x) => x[k]));
  const loadMs = m(plain, 'loadMs');
  console.log(`\nload breakdown: pvs-rules, the peer rule set at R = ${R.toLocaleString('en-US')} (${(pvsSource(peerRules(R)).text.length / 2 ** 20).toFixed(1)} MB of JSON), fresh processes`);
  console.log(`  loadRuleSets median of ${TIME_RUNS}: ${fmtMs(loadMs)} (${((loadMs * 1000) / R).toFixed(1)} µs/rule); of it JSON.parse ${fmtMs(m(plain, 'parseMs'))}, String.split for the duplicate-key count ${fmtMs(m(plain, 'splitMs'))}`);
  console.log(`  first check after load (builds the trigger index): ${fmtMs(m(plain, 'firstCheckMs'))}; load with one warning to locate: ${fmtMs(m(warned, 'loadMs'))}`);
  const warm = m(plain, 'warmLoadMs');
  console.log(`  the same load again in the process (code warm; the fastest of three later loads): ${fmtMs(warm)}, ${(warm / loadMs).toFixed(2)}x the first: ${fmtMs(loadMs - warm)} of the first load is code running for the first time`);
  const cpu = JSON.parse(runFresh(SELF, { BENCH_LOAD: 'cpu' }).find((l) => l.startsWith('CPU '))!.slice(4)) as { load: [string, number][]; firstCheck: [string, number][]; self: [string, number][] };
  const total = cpu.load.reduce((s, [, ms]) => s + ms, 0);
  console.log(`  where the load goes (sampling profile every ${SAMPLING_US} µs, ${fmtMs(total)} profiled; share, and the share of the median load):`);
  for (const [stage, ms] of cpu.load.sort((a, b) => b[1] - a[1])) {
    console.log(`    ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${fmtMs((ms / total) * loadMs).padStart(8)}  ${stage}`);
  }
  const firstTotal = cpu.firstCheck.reduce((s, [, ms]) => s + ms, 0);
  console.log(`  first check (${fmtMs(firstTotal)} profiled): ${cpu.firstCheck.sort((a, b) => b[1] - a[1]).map(([s, ms]) => `${s} ${((ms / firstTotal) * 100).toFixed(0)} %`).join(', ')}`);
  console.log(`  most self time in load: ${cpu.self.slice(0, 10).map(([f, ms]) => `${f} ${((ms / total) * 100).toFixed(1)} %`).join(', ')}`);
  if (!heap) return;
  const h = JSON.parse(runFresh(SELF, { BENCH_LOAD: 'heap' }, ['--expose-gc', '--max-old-space-size=4096']).find((l) => l.startsWith('HEAP '))!.slice(5)) as {
    baseMB: number;
    textMB: number;
    loadMB: number;
    textDroppedMB: number;
    afterLoadMB: number;
    indexMB: number;
    kinds: [string, number, number][];
  };
  console.log(`  heap: ${h.baseMB.toFixed(1)} MB before; the JSON text ${h.textMB.toFixed(1)} MB; load adds ${h.loadMB.toFixed(1)} MB; dropping the text frees ${h.textDroppedMB.toFixed(1)} MB; after load ${h.afterLoadMB.toFixed(1)} MB; the trigger index (first check) adds ${h.indexMB.toFixed(1)} MB`);
  console.log('  heap after the first check by kind of object (self size; a snapshot):');
  for (const [kind, mb, count] of h.kinds) console.log(`    ${mb.toFixed(1).padStart(6)} MB  ${count.toLocaleString('en-US').padStart(9)}  ${kind}`);
}

const part = process.env['BENCH_LOAD'];
if (part === 'time' || part === 'time-warning') await timeLoad(part === 'time-warning');
else if (part === 'cpu') await profileLoad();
else if (part === 'heap') await heapAfterLoad();
else if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(SELF)) await loadProfile(process.argv.includes('--heap'));
