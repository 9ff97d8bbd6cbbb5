/**
 * Compiled evaluator ≡ json-rules-engine: same findings and corrections, same order, on
 * generated entries against the bundled rule sets and against generated rule sets.
 * `FUZZ_RUNS` raises the budget (CI runs the default).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker, loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import { readFileSync } from 'node:fs';
import { ROOT } from './helpers';
import { createReferenceChecker } from '../src/reference/reference-checker';
import { bundled, bundledSources, masterSource, mustLoad, withEbmOperations } from './helpers';

/** The bundled rule sets with the host's master files (test ones), so the rules that read them run too. */
const withMasters = mustLoad([...withEbmOperations(), masterSource('SDOPS', 'sdops.xml', '2019-01-01', null), masterSource('SDICD', 'sdicd.xml', '2019-01-01', null)]);

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1);
/** `ci` runs in CI (no FUZZ_RUNS), `fuzz` runs per FUZZ_RUNS otherwise (npm run test:fuzz). */
const runs = (ci: number, fuzz: number) => (process.env['FUZZ_RUNS'] === undefined ? ci : fuzz * RUNS);

const date = fc
  .tuple(fc.integer({ min: 2013, max: 2028 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const gop = fc.oneof(fc.constantFrom('88500', '03000', '50200', '40120', '88599'), fc.stringMatching(/^[0-9]{5}$/));
const goae = fc.oneof(fc.constantFrom('5489', '5488', '5431', '5480', '1', '3562.H1', ' 5489 ', 'GOÄ 5489', ''), fc.string({ maxLength: 6 }));
const cents = fc.oneof(
  fc.constantFrom('52458', '41966', '41967', '0052458', '1000000', '999999', '419,66', '', ' 12 '),
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: 0, max: 2_000_000 }).map(String),
);
const cost = fc.record({ description: goae, cents }, { requiredKeys: [] });
const entry = fc.record(
  {
    date: fc.oneof({ weight: 9, arbitrary: date }, { weight: 1, arbitrary: fc.constantFrom('2026-02-30', '', 'gestern') }),
    gop,
    teamNumber: fc.constantFrom('001234577', '001234566', '', '123'),
    lanr: fc.constantFrom('633116027', '604432405'),
    laterality: fc.constantFrom('R', 'L', 'B'),
    costs: fc.array(cost, { maxLength: 3 }),
    ops: fc.array(fc.constantFrom('5-470.11', '5-530.31', '1-650.2'), { maxLength: 3 }),
    diagnoses: fc.array(fc.record({ icd: fc.constantFrom('C16.0', 'C18.2', 'K35.8', 'Z01.7'), certainty: fc.constantFrom('G', 'V', 'A') }), { maxLength: 3 }),
    patient: fc.record({ birthDate: fc.constantFrom('1950-03-01', '2010-07-15', '1980-00-00'), sex: fc.constantFrom('M', 'W', 'D') }, { requiredKeys: [] }),
    case: fc.record({ referral: fc.boolean(), kind: fc.constantFrom('00', '10', '21') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['date', 'gop'] },
);

/**
 * Both checkers on the same rule sets. A property whose rule sets are the same in every run makes
 * them once and uses them in every run (as a host uses a checker): making json-rules-engine's
 * engines again per run was 1.6 s of this file's 23 s (CPU profile).
 */
function checkers(ruleSets: Parameters<typeof createChecker>[0]['ruleSets'], context?: ReturnType<typeof loadPracticeContext>) {
  return { compiled: createChecker({ ruleSets, context }), reference: createReferenceChecker({ ruleSets, context: context as never }) };
}

async function assertSame({ compiled, reference }: ReturnType<typeof checkers>, entries: unknown[]): Promise<void> {
  for (const e of entries) {
    const want = await reference.check(e);
    expect(JSON.stringify(compiled.check(e)), JSON.stringify(e)).toBe(JSON.stringify(want));
  }
}

describe('compiled evaluator ≡ json-rules-engine reference', () => {
  it('on the bundled rule sets and thousands of generated entries', async () => {
    const both = checkers(bundled());
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 20 }), async (entries) => assertSame(both, entries)),
      { numRuns: 150 * RUNS, seed: 20261124 },
    );
  });

  it('what the checker leaves unread (pairs, patient, case no rule able to meet the entry reads) changes no rule result', async () => {
    // The oracle reads every field; only input warnings on the fields left unread may differ.
    // Some entries bring a pair, a patient or a case field of the wrong type, so there is something to leave unread.
    const withWrongTypes = fc
      .tuple(entry, fc.constantFrom('none', 'pair', 'patient', 'case'))
      .map(([e, wrong]) =>
        wrong === 'pair' ? { ...e, costs: [...(e.costs ?? []), { description: {}, cents: [] }] } : wrong === 'patient' ? { ...e, patient: { ...e.patient, birthDate: 19500301 } } : wrong === 'case' ? { ...e, case: { ...e.case, recordType: 42 } } : e,
      );
    const compiled = createChecker({ ruleSets: withMasters });
    const readAll = createReferenceChecker({ ruleSets: withMasters, readAll: true });
    const ruleResults = (r: { findings: readonly { code: string }[]; corrections: readonly unknown[] }) => JSON.stringify({ findings: r.findings.filter((f) => f.code !== 'INPUT-FELD'), corrections: r.corrections });
    let unreadWarnings = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(withWrongTypes, { minLength: 1, maxLength: 20 }), async (entries) => {
        for (const e of entries) {
          const mine = compiled.check(e);
          const all = await readAll.check(e);
          expect(ruleResults(mine), JSON.stringify(e)).toBe(ruleResults(all));
          unreadWarnings += all.findings.length - mine.findings.length;
        }
      }),
      { numRuns: 100 * RUNS, seed: 20261201 },
    );
    // The generated entries do reach the shortcut (else this test would prove nothing).
    expect(unreadWarnings).toBeGreaterThan(0);
  });

  it('on the bundled rule sets with the sample practice context (ASV team rules)', async () => {
    const context = loadPracticeContext({ name: 'ctx', text: readFileSync(`${ROOT}/examples/practice-context.json`, 'utf8') });
    const teamEntry = fc.record({
      date,
      gop: fc.constantFrom('01100', '88500', '13251', 'G09N'),
      teamNumber: fc.constantFrom('001234577', '001234566', '001234567', '001234588'),
      lanr: fc.constantFrom('604432405', '633116027', '123456640', '123456641', '999999999'),
      pseudoLanr: fc.constantFrom('555555123'),
      diagnoses: fc.array(fc.record({ icd: fc.constantFrom('C50.4', 'C16.0', 'G30.1', 'C57.5') }), { maxLength: 2 }),
      case: fc.oneof(fc.constant({}), fc.constant({ referral: { '4218': '604432405' } }), fc.constant({ recordType: 'hdrg1' })),
      costs: fc.array(cost, { maxLength: 2 }),
    }, { requiredKeys: ['date', 'gop'] });
    const both = checkers(bundled(), context);
    // 50 runs in CI (100 before): the first 46 of this seed already give every finding (code, rule,
    // rule set, severity, fields, pair or not) and every correction (rule, field, pair) the 100
    // gave; a smaller numRuns runs the same first inputs (fast-check, fixed seed).
    await fc.assert(
      fc.asyncProperty(fc.array(teamEntry, { minLength: 1, maxLength: 20 }), async (entries) => assertSame(both, entries)),
      { numRuns: runs(50, 100), seed: 3 },
    );
  });

  it('on generated Hybrid-DRG cases and EBM services, checked as one batch (batch rules included)', async () => {
    const day = fc.constantFrom('2024-06-03', '2025-03-10', '2025-03-11', '2025-12-31', '2026-01-01', '2026-03-10', '2026-03-13');
    const who = fc.constantFrom({ insuranceNumber: 'A1', birthDate: '1971-01-01' }, { insuranceNumber: 'A1', birthDate: '2009-05-05' }, { id: 'P7', birthDate: '1960-00-00' }, {});
    const hdrg = fc.record({
      hybridDrg: fc.record({ code: fc.constantFrom('G24M', 'G24P', 'M04N', 'G09N', 'N07N', 'g24m', 'G2M'), start: day, end: day, opDate: day, ventilationHours: fc.constantFrom(0, 3, '12', 'x') }, { requiredKeys: ['code'] }),
      ops: fc.array(fc.oneof(fc.constant('5-530.03'), fc.record({ code: fc.constant('5-530.1'), laterality: fc.constantFrom('R', 'L', 'B'), sided: fc.boolean() }, { requiredKeys: ['code'] })), { maxLength: 2 }),
      diagnoses: fc.array(fc.record({ icd: fc.constantFrom('K40.90', 'K40.-', 'G63.2*', 'U69.40!'), kind: fc.constantFrom('main', 'secondary') }), { maxLength: 2 }),
      patient: who,
      teamNumber: fc.constantFrom(undefined, '001234577'),
    }, { requiredKeys: ['hybridDrg'] });
    const ebm = fc.record({ date: day, gop: fc.constantFrom('31102', '36200', '03000', '83003'), patient: who, ops: fc.constantFrom([], ['5-530.03']) });
    const { compiled, reference } = checkers(withMasters);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(hdrg, ebm), { minLength: 1, maxLength: 12 }), async (entries) => {
        const want = await reference.checkAll(entries);
        expect(JSON.stringify(compiled.checkAll(entries))).toBe(JSON.stringify(want));
      }),
      { numRuns: 60 * RUNS, seed: 115 },
    );
  });

  it('on generated KVDT records: the KBV rules on case fields, referrals, pseudo-LANRs, material costs and dates', async () => {
    const day = fc.constantFrom('2019-06-03', '2025-12-31', '2026-01-01', '2026-03-10', '2026-03-11');
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const kase = fc.record(
      {
        recordType: fc.constantFrom('0101', '0102', '0104', '0103', 'hdrg1'),
        serviceIndex: maybe(fc.constantFrom(0, 1, 3)),
        subgroup: maybe(fc.constantFrom('21', '27', '28')),
        quarter: maybe(fc.constantFrom('12026', '42025')),
        billingQuarter: maybe(fc.constant('12026')),
        fileCreated: maybe(day),
        cardRead: maybe(day),
        insuranceStart: maybe(day),
        insuranceEnd: maybe(day),
        validity: maybe(fc.constantFrom({ from: '2026-03-01', until: '2026-03-10' }, { from: 'x', until: '2026-03-10' })),
        practicePseudoLanrs: maybe(fc.constantFrom([], ['555555011'])),
        referral: maybe(fc.dictionary(fc.constantFrom('4217', '4218', '4219', '4225', '4226', '4241', '4242', '4248', '4249'), fc.constantFrom('397604800', '001234566', '001234567', '555555011', '55555501', 'Dr. X'), { maxKeys: 4 })),
      },
      { requiredKeys: ['recordType'] },
    );
    const entry = fc.record(
      {
        date: day,
        gop: fc.constantFrom('01100', '88500', '88510', '50100', '99999'),
        lanr: maybe(fc.constant('123456640')),
        pseudoLanr: maybe(fc.constantFrom('555555011', '5555550X1')),
        bsnr: maybe(fc.constant('136926300')),
        hospitalIk: maybe(fc.constant('261102323')),
        teamNumber: maybe(fc.constantFrom('001234566', '001234567')),
        costs: maybe(fc.array(fc.record({ description: maybe(fc.constantFrom('5489', 'Stent')), cents: maybe(fc.constantFrom('52458', '100')), manufacturer: maybe(fc.constant('H')), articleNumber: maybe(fc.constant('A')) }), { maxLength: 2 })),
        hybridDrg: maybe(fc.record({ code: fc.constantFrom('G24M', 'N25N'), start: day, end: day, opDate: day, admissionWeight: maybe(fc.constantFrom(3200, '3200')) }, { requiredKeys: ['code'] })),
        ops: maybe(fc.array(fc.record({ code: fc.constantFrom('5-530.31', '9-984.0'), laterality: maybe(fc.constantFrom('R', 'B')) }, { requiredKeys: ['code'] }), { maxLength: 2 })),
        patient: maybe(fc.record({ birthDate: fc.constantFrom('1971-01-01', '2025-06-01', '1960-00-00', '2026-03-12'), sex: fc.constantFrom('M', 'U', 'X') })),
        case: kase,
      },
      { requiredKeys: ['date', 'gop', 'case'] },
    );
    const seen = new Set<string>();
    const reference = createReferenceChecker({ ruleSets: withMasters, checkDate: '2026-03-10' });
    const compiled = createChecker({ ruleSets: withMasters, checkDate: '2026-03-10' });
    // 30 runs in CI (60 before): the first 24 of this seed already give every finding and correction (as above) the 60 gave.
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), async (entries) => {
        const want = await reference.checkAll(entries);
        expect(JSON.stringify(compiled.checkAll(entries))).toBe(JSON.stringify(want));
        for (const r of want) for (const f of r.findings) if (f.kbvRule) seen.add(f.kbvRule);
      }),
      { numRuns: runs(30, 60), seed: 1414 },
    );
    // The generated records do reach the KBV rules (not a comparison of silences).
    expect(seen.size).toBeGreaterThanOrEqual(15);
  });

  it('on generated rule sets (all json-rules-engine constructs within the supported format)', async () => {
    const catalogue = bundledSources().find((s) => s.name.endsWith('goae.json'))!;
    await fc.assert(
      fc.asyncProperty(ruleSetArbitrary, fc.array(entry, { minLength: 1, maxLength: 12 }), async (doc, entries) => {
        const loaded = loadRuleSets([{ name: 'generated.json', text: JSON.stringify(doc) }, catalogue]);
        if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.pointer} ${p.messageEn}`).join('\n'));
        await assertSame(checkers(loaded.bundle), entries);
      }),
      { numRuns: 200 * RUNS, seed: 4711 },
    );
  });
});

// ---- generated rule sets -------------------------------------------------------------

const TABLE_PARAMS = { table: 'gops', column: 'gop', equalsFact: 'gop' };
const TABLE_PARAMS_VALID = { ...TABLE_PARAMS, validOn: 'date' };

/** Leaf conditions, each within what both evaluators define (no json-rules-engine throw cases). */
const leafEntry = fc.oneof(
  fc.record({ fact: fc.constant('gop'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom('88500', '03000', '50200') }),
  fc.record({ fact: fc.constant('gop'), operator: fc.constantFrom('in', 'notIn'), value: fc.subarray(['88500', '03000', '50200', '40120']) }),
  fc.record({ fact: fc.constant('date'), operator: fc.constantFrom('lessThan', 'greaterThanInclusive', 'equal'), value: fc.constantFrom('2015-01-01', '2020-06-30', '2026-04-01') }),
  fc.record({ fact: fc.constantFrom('teamNumber', 'lanr', 'bsnr', 'laterality'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(null, '001234577', 'R', '633116027') }),
  fc.record({ fact: fc.constant('costCount'), operator: fc.constantFrom('equal', 'lessThan', 'greaterThan', 'lessThanInclusive'), value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ fact: fc.constant('ops'), operator: fc.constantFrom('contains', 'doesNotContain', 'someFact:equal', 'everyFact:notEqual', 'not:contains'), value: fc.constantFrom('5-470.11', '1-650.2') }),
  fc.record({ fact: fc.constant('diagnoses'), operator: fc.constantFrom('someFact:notEqual', 'everyFact:notEqual'), value: fc.constant(null) }),
  fc.record({ fact: fc.constant('patient'), path: fc.constantFrom('$.sex', '$.birthDate', "$['sex']", '$.missing.deeper'), operator: fc.constantFrom('equal', 'notEqual', 'in', 'swap:contains'), value: fc.constantFrom('M', '1950-03-01', null) }).map((c) =>
    c.operator === 'in' || c.operator === 'swap:contains' ? { ...c, value: ['M', 'W'] } : c,
  ),
  fc.record({ fact: fc.constant('case'), path: fc.constantFrom('$.referral', '$.kind'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(true, false, '10', null) }),
  fc.record({ fact: fc.constant('diagnoses'), path: fc.constantFrom('$[0].icd', '$[1].certainty'), operator: fc.constantFrom('equal', 'someValue:equal', 'everyValue:notEqual'), value: fc.constantFrom('C16.0', 'G') }).map((c) =>
    c.operator.includes('Value') ? { ...c, value: ['C16.0', 'G', 'K35.8'] } : c,
  ),
  fc.record({ fact: fc.constant('tableRow'), params: fc.constantFrom(TABLE_PARAMS, TABLE_PARAMS_VALID), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constant(null) }),
  fc.record({ fact: fc.constant('tableRow'), params: fc.constant(TABLE_PARAMS), path: fc.constantFrom('$.n', '$.validFrom', '$.list[0]'), operator: fc.constantFrom('equal', 'notEqual', 'greaterThan'), value: fc.constantFrom(1, '2015-01-01', 'a', null) }),
  fc.record({ fact: fc.constant('lanr'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constant({ fact: 'bsnr' }) }),
  // Facts that are null without a team number: the index skips rules that need one.
  fc.record({ fact: fc.constant('asvTeamNumberStatus'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom('ok', 'format', null) }),
  fc.record({ fact: fc.constant('asvMembership'), path: fc.constantFrom('$.status', '$.role'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom('no-context', null) }),
  fc.record({ fact: fc.constant('asvTeamBasis'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constant(null) }),
  // A rule-set parameter as the value (replaced by its value before either evaluator runs).
  fc.record({ fact: fc.constant('tableRow'), params: fc.constant(TABLE_PARAMS), path: fc.constant('$.n'), operator: fc.constantFrom('greaterThan', 'lessThanInclusive', 'equal'), value: fc.constant({ param: 'limit' }) }),
  fc.record({ fact: fc.constant('tableRow'), params: fc.constant(TABLE_PARAMS), path: fc.constant('$.list'), operator: fc.constantFrom('contains', 'doesNotContain'), value: fc.constant({ fact: 'laterality' }) }),
);
const leafCost = fc.oneof(
  leafEntry,
  fc.record({ fact: fc.constantFrom('cost5011', 'cost5012'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(null, '5489', '52458') }),
  fc.record({ fact: fc.constant('cost5012'), operator: fc.constantFrom('greaterThan', 'lessThanInclusive'), value: fc.constantFrom(999999, 50000, 0) }),
  fc.record({ fact: fc.constant('costIndex'), operator: fc.constantFrom('equal', 'greaterThan'), value: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ fact: fc.constant('goaeItem'), path: fc.constantFrom('$.section', '$.simpleRateOnly', '$.points'), operator: fc.constantFrom('equal', 'notEqual', 'greaterThan'), value: fc.constantFrom('O', true, 5000) }),
  fc.record({ fact: fc.constant('goaePriceCents'), params: fc.constant({ factors: 'factors' }), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(null, { fact: 'cost5012' }, '52458') }),
);

function conditionTree(leaf: fc.Arbitrary<Record<string, unknown>>, named: string[]) {
  return fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      ...(named.length ? [fc.constantFrom(...named).map((n) => ({ condition: n }))] : []),
      fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ not: tie('node') }),
      tie('node').map((n) => ({ ...n, priority: 2 })),
    ),
  })).node;
}

const finding = (code: string, extra: Record<string, unknown>) => ({
  type: 'finding',
  params: { code, severity: 'warning', message: { de: 'g={gop} v={v} höchstens {limit}', en: 'g={gop} v={v} at most {limit}' }, fields: ['5001'], source: 'Test', gop: { fact: 'gop' }, ...extra },
});

const ruleSetArbitrary = fc
  .record({
    named: fc.array(conditionTree(leafEntry, []), { maxLength: 3 }),
    rules: fc.array(
      fc.record({
        scope: fc.constantFrom('entry', 'cost'),
        priority: fc.constantFrom(undefined, 1, 2, 5),
        value: fc.constantFrom<unknown>('x', 7, null, { fact: 'date' }, { fact: 'tableRow', params: TABLE_PARAMS, path: '$.list' }, { fact: 'patient', path: '$.sex' }),
        correction: fc.boolean(),
        seed: fc.nat(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .chain(({ named, rules }) => {
    const names = named.map((_, i) => `named${i}`);
    return fc
      .tuple(
        ...rules.map((r) =>
          fc.record({ all: fc.array(conditionTree(r.scope === 'cost' ? leafCost : leafEntry, names), { maxLength: 3 }) }).map((conditions) => {
            const rule: Record<string, unknown> = { name: `gen.r${r.seed}`, conditions, event: finding('GEN-X', { v: r.value }) };
            if (r.scope === 'cost') rule['scope'] = 'cost';
            if (r.priority !== undefined) rule['priority'] = r.priority;
            if (r.correction) rule['event'] = { type: 'correction', params: { field: r.scope === 'cost' ? '5012' : '5011', value: r.scope === 'cost' ? { fact: 'goaePriceCents', params: { factors: 'factors' } } : { fact: 'tableRow', params: TABLE_PARAMS, path: '$.list[0]' } } };
            return rule;
          }),
        ),
      )
      .map((ruleDocs) => ({
        kind: 'ruleset',
        id: 'gen',
        version: '2026.1',
        title: { de: 'Generiert', en: 'Generated' },
        validFrom: '2014-01-01',
        validUntil: null,
        catalogues: ['goae'],
        sources: [{ id: 'test', title: 'Test', date: '2026-01-01' }],
        parameters: {
          limit: { type: 'integer', value: 2, description: { de: 'Grenze', en: 'Limit' }, source: 'test', label: 'U' },
          replacementMonths: { type: 'integer', value: 6, description: { de: 'Monate', en: 'Months' }, source: 'test', label: 'U' },
        },
        tables: {
          gops: {
            description: { de: 'T', en: 'T' },
            columns: { gop: { type: 'string' }, n: { type: 'number' }, list: { type: 'string[]' }, validFrom: { type: 'date' }, validUntil: { type: 'date', nullable: true } },
            rows: [
              { gop: '88500', n: 1, list: ['R', 'a'], validFrom: '2015-01-01', validUntil: null, source: 'test', label: 'U' },
              { gop: '03000', n: 2, list: [], validFrom: '2020-01-01', validUntil: '2024-12-31', source: 'test', label: 'U' },
              { gop: '03000', n: 3, list: ['L'], validFrom: '2025-01-01', validUntil: null, source: 'test', label: 'U' },
            ],
          },
          factors: {
            description: { de: 'F', en: 'F' },
            columns: { numbers: { type: 'goae[]' }, sections: { type: 'string[]' }, factor: { type: 'decimal' } },
            rows: [
              { numbers: [], sections: ['O', 'A'], factor: '1.2', source: 'test', label: 'U' },
              { numbers: ['1'], sections: ['M'], factor: '1.0', source: 'test', label: 'U' },
            ],
          },
        },
        conditions: Object.fromEntries(named.map((n, i) => [`named${i}`, { all: [n] }])),
        // Rule names must be unique; the seed may repeat.
        rules: ruleDocs.map((r, i) => ({ ...r, name: `gen.r${i}` })),
      }));
  });
