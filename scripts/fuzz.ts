/**
 * `npm run fuzz`: the never-throw and bounded-cost properties with a large budget (the CI suite
 * runs the same properties with a small one: test/checker.test.ts, test/api-robustness.test.ts,
 * test/loader-robustness.test.ts). Seeded; any exception escaping the API fails the run.
 *
 * 1. 1,000,000 hostile entries (test/arbitraries.ts) through check, checkAll, explain and batch
 *    sessions.
 * 2. Hostile arguments to every public function: null, proxies, throwing getters, iterables
 *    and lists that throw, source and option objects whose fields are any of those.
 * 3. Hostile rule-set documents: random JSON, generated rule sets with random conditions, chains
 *    and fan-outs of named conditions, numbers no double holds.
 * 4. Getters that call the checker while it reads them: the outer result is the plain one.
 * 5. What hostile shapes cost, measured in this run: an entry with a million unknown keys and
 *    a case with a million practice team numbers against a plain entry, and a KVDT file whose
 *    besa record has 20,000 and then 190,000 FK 0222 lines (the time must grow with the bytes,
 *    not with bytes × services).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createChecker, loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import type { CheckResult, Checker } from '../plugin-api/types';
import { checkKvdtFile } from '../src/kvdt/report';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { hostileArgument, hostileEntry } from '../test/arbitraries';

const TOTAL = Number(process.env['FUZZ_ENTRIES'] ?? 1_000_000);
const ARGUMENTS = Number(process.env['FUZZ_ARGUMENTS'] ?? 100_000);
const RULE_SETS = Number(process.env['FUZZ_RULESETS'] ?? 2_000);
const sources = readRuleSources([BUNDLED_RULES_DIR]);
const loaded = loadRuleSets(sources);
if (!loaded.ok) throw new Error('bundled rule sets do not load');
const bundle = loaded.bundle;
const checker = createChecker({ ruleSets: bundle });
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(0);
const fail = (what: string): never => {
  console.error(`FAILED: ${what}`);
  process.exit(1);
};
const wellFormed = (r: CheckResult, what: string) => {
  if (!Array.isArray(r.findings) || !Array.isArray(r.corrections)) fail(`${what}: result without findings/corrections`);
};

// 1. Hostile entries.
{
  const BATCH = 10_000;
  let done = 0;
  let findings = 0;
  const t0 = Date.now();
  for (let seed = 1; done < TOTAL; seed++) {
    const entries = fc.sample(hostileEntry, { numRuns: Math.min(BATCH, TOTAL - done), seed });
    for (const e of entries) findings += checker.check(e).findings.length;
    findings += checker.checkAll(entries).length;
    for (let i = 0; i < entries.length; i += 50) findings += checker.explain(entries[i]).result.findings.length;
    const session = checker.batch();
    for (let i = 0; i < entries.length; i += 10) session.add(entries[i]);
    for (let i = 0; i < entries.length; i += 10) findings += session.check(entries[i]).findings.length;
    done += entries.length;
    if (process.stdout.isTTY) process.stdout.write(`\r${done.toLocaleString('en-US')} entries`);
  }
  console.log(`\n${done.toLocaleString('en-US')} hostile entries checked singly, in batches of ${BATCH.toLocaleString('en-US')}, explained and in batch sessions: no exception (${findings.toLocaleString('en-US')} findings/results) in ${seconds(t0)} s`);
}

// 2. Hostile arguments to every public function.
{
  const t0 = Date.now();
  const samples = fc.sample(fc.tuple(hostileArgument, hostileArgument), { numRuns: ARGUMENTS, seed: 2 });
  for (const [a, b] of samples) {
    loadRuleSets(a as never);
    loadPracticeContext(a as never);
    const none = createChecker(a as never);
    wellFormed(none.check(b), 'createChecker(hostile).check');
    const c = createChecker({ ruleSets: bundle, context: a, locale: b as never });
    wellFormed(c.check(b), 'check');
    for (const r of c.checkAll(b as never)) wellFormed(r, 'checkAll');
    wellFormed(c.explain(a).result, 'explain');
    const session = c.batch();
    session.add(a);
    wellFormed(session.check(a), 'batch');
    for (const r of c.stream().check(b as never)) wellFormed(r, 'stream');
    if (c.replaceRuleSets(a as never)) fail('replaceRuleSets accepted a hostile argument');
  }
  console.log(`${ARGUMENTS.toLocaleString('en-US')} pairs of hostile arguments through loadRuleSets, loadPracticeContext, createChecker, check, checkAll, explain, batch, stream and replaceRuleSets: no exception in ${seconds(t0)} s`);
}

// 3. Hostile rule-set documents.
{
  const leaf = fc.record({ fact: fc.constantFrom('gop', 'costCount', 'patient', 'case', 'hybridDrg', 'batchCount', 'nope'), operator: fc.constantFrom('equal', 'notEqual', 'in', 'contains', 'greaterThan', 'someFact:equal', 'x'), value: fc.oneof(fc.jsonValue(), fc.constant({ fact: 'gop' })) }, { requiredKeys: ['fact', 'operator', 'value'] });
  const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
    condition: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }), fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }), fc.record({ not: tie('condition') }), fc.record({ condition: fc.constantFrom('c0', 'c1', 'c5', 'missing') })),
  }));
  const named = (n: number, fan: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, i === n - 1 ? { fact: 'gop', operator: 'equal', value: '1' } : { any: Array.from({ length: fan }, () => ({ condition: `c${i + 1}` })) }]));
  const doc = fc.record({
    conditions: fc.oneof(fc.dictionary(fc.constantFrom('c0', 'c1', 'c2', 'c5'), condition), fc.integer({ min: 2, max: 400 }).chain((n) => fc.integer({ min: 1, max: 3 }).map((fan) => named(n, fan)))),
    rules: fc.array(fc.record({ name: fc.constantFrom('r.a', 'r.b', 'r.a'), scope: fc.constantFrom('entry', 'cost'), conditions: condition }), { maxLength: 4 }),
  });
  const base = { kind: 'ruleset', id: 'fuzz', version: '2026.1', title: { de: 'F', en: 'F' }, validFrom: '2026-01-01', validUntil: null, sources: [{ id: 's', title: 'S', date: '2026-01-01' }] };
  const text = fc.oneof(
    { weight: 4, arbitrary: doc.map((d) => JSON.stringify({ ...base, ...d, rules: d.rules.map((r) => ({ ...r, event: { type: 'correction', params: { field: '5012', value: '1' } } })) })) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constantFrom('{"kind":"ruleset","value":123456789012345678901234567890}', '{"kind":"ruleset"', '[1e999]', '{"__proto__":{}}') },
  );
  const t0 = Date.now();
  let slowest = 0;
  let refused = 0;
  for (const t of fc.sample(text, { numRuns: RULE_SETS, seed: 3 })) {
    const t1 = Date.now();
    const r = loadRuleSets([...sources, { name: 'fuzz.json', text: t }]);
    slowest = Math.max(slowest, Date.now() - t1);
    if (!r.ok) refused++;
  }
  console.log(`${RULE_SETS.toLocaleString('en-US')} hostile rule-set documents loaded with the bundled ones: no exception, ${refused.toLocaleString('en-US')} refused with located problems, slowest load ${slowest} ms, in ${seconds(t0)} s`);
}

// 4. Getters that call the checker while it reads them.
{
  const t0 = Date.now();
  const entries = fc.sample(hostileEntry, { numRuns: 20_000, seed: 4 });
  let nested = 0;
  for (const inner of entries) {
    const plain = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', costs: [{ description: '5489' }], patient: { insuranceNumber: 'A1', birthDate: '1970-01-01' } };
    const reentrant = {
      ...plain,
      get lanr() {
        nested += checker.check(inner).findings.length + checker.checkAll([inner, plain]).length;
        return plain.lanr;
      },
      patient: {
        insuranceNumber: 'A1',
        get birthDate() {
          nested += checker.explain(inner).rules.length;
          return plain.patient.birthDate;
        },
      },
    };
    if (JSON.stringify(checker.check(reentrant)) !== JSON.stringify(checker.check(plain))) fail('a nested check changed the outer result');
  }
  console.log(`20,000 entries whose getters call check, checkAll and explain while being read: outer results unchanged (${nested.toLocaleString('en-US')} nested findings/results) in ${seconds(t0)} s`);
}

// 5. What hostile shapes cost.
{
  const plain = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', costs: [{ description: '5489' }] };
  /** Median time of `check` in ms over `runs` calls. */
  const timeCheck = (c: Checker, entry: unknown, runs = 21) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      c.check(entry);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[runs >> 1]!;
  };
  const manyKeys: Record<string, unknown> = { ...plain };
  for (let i = 0; i < 1_000_000; i++) manyKeys[`unknown${i}`] = i;
  const manyNumbers = { ...plain, case: { practiceTeamNumbers: Array.from({ length: 1_000_000 }, (_, i) => String(i).padStart(9, '0')) } };
  const base = timeCheck(checker, plain);
  const keys = timeCheck(checker, manyKeys) - base;
  const numbers = timeCheck(checker, manyNumbers) - base;
  console.log(`cost added to a check: 1,000,000 unknown keys ${keys.toFixed(3)} ms, case.practiceTeamNumbers of 1,000,000 items ${numbers.toFixed(3)} ms (bound: 1 ms each)`);
  if (keys > 1 || numbers > 1) fail('a hostile shape added more than 1 ms to a check');

  // A besa record with many FK 0222 lines, then 100 cases with ASV services.
  const sample = readFileSync(new URL('../examples/kvdt/asv-beispiel.con', import.meta.url), 'latin1').split('\r\n');
  const start = sample.indexOf('01380000101');
  const end = sample.indexOf('0138000adt9');
  const file = (lines0222: number) => {
    const out: string[] = [];
    for (let i = 0; i < start; i++) {
      out.push(sample[i]!);
      if (sample[i] === '0180222001234577') for (let k = 0; k < lines0222; k++) out.push(`0180222${String(k).padStart(9, '0')}`);
    }
    for (let c = 0; c < 100; c++) for (let i = start; i < end; i++) out.push(sample[i]!);
    for (let i = end; i < sample.length; i++) out.push(sample[i]!);
    return Buffer.from(out.join('\r\n'), 'latin1');
  };
  const timeFile = async (bytes: Buffer) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await checkKvdtFile([bytes], checker);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  const small = file(20_000);
  const large = file(190_000);
  const [ts, tl] = [await timeFile(small), await timeFile(large)];
  const growth = tl / ts;
  const bytes = large.length / small.length;
  console.log(`KVDT besa with 20,000 / 190,000 FK 0222 lines and 100 cases: ${ts.toFixed(0)} / ${tl.toFixed(0)} ms, time ×${growth.toFixed(1)} for bytes ×${bytes.toFixed(1)}`);
  if (growth > 2 * bytes) fail('time grows faster than the file');
}
