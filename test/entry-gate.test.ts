/**
 * An entry no rule can run for is checked without a copy (checkEntry with the checker's
 * RouteGate): its fields are read and reported exactly as a copy reads and reports them, and
 * the gate says "nothing" only where the checker would run no rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker, loadPracticeContext } from '../plugin-api/index';
import { internalsOf } from '../src/compile/bundle';
import { blankEntry, checkEntry, normalizeEntry, type EntryGate, type InputProblem } from '../src/facts/entry';
import { RouteGate } from '../src/evaluate/route-gate';
import { HAS_CONTEXT } from '../src/compile/trigger-index';
import { createReferenceChecker } from '../src/reference/reference-checker';
import { hostileEntry } from './arbitraries';
import { bundled, bundledSources, codes, mustLoad, ROOT } from './helpers';
import { readFileSync } from 'node:fs';

const NOTHING_RUNS: EntryGate = { runsNothing: () => true };
const SOMETHING_RUNS: EntryGate = { runsNothing: () => false };

/** Entries that can be checked, each with any of the fields a copy holds (each field present or not). */
const text = fc.constantFrom('1', 'L', '001234577', '2015-01-01');
const everyField = fc.record(
  {
    date: fc.constantFrom('2026-05-04', '2026-05-05'),
    gop: fc.constantFrom('88500', '10345'),
    teamNumber: text,
    lanr: text,
    pseudoLanr: text,
    bsnr: text,
    hospitalIk: text,
    laterality: text,
    costs: fc.array(fc.record({ description: text, cents: text, manufacturer: text, articleNumber: text }, { requiredKeys: [] }), { maxLength: 2 }),
    diagnoses: fc.array(fc.record({ icd: text, kind: fc.constantFrom('main', 'secondary') }), { maxLength: 2 }),
    ops: fc.array(text, { maxLength: 2 }),
    hybridDrg: fc.record({ code: text, start: text, end: text, opDate: text }, { requiredKeys: ['code'] }),
    patient: fc.record({ insuranceNumber: text, id: text, birthDate: text, note: text }, { requiredKeys: [] }),
    case: fc.record({ recordType: text, insurerIk: text, serviceIndex: fc.nat(2), referral: fc.boolean(), note: text }, { requiredKeys: [] }),
  },
  { requiredKeys: ['date', 'gop'] },
);


/** Problems of a read, or 'throws'. */
function problemsOf(read: (problems: InputProblem[]) => unknown): InputProblem[] | 'throws' {
  const problems: InputProblem[] = [];
  try {
    read(problems);
  } catch {
    return 'throws';
  }
  return problems;
}

describe('checking an entry without a copy', () => {
  it('reads and reports what a copy reads and reports, hostile entries included', () => {
    const inner = internalsOf(bundled())!;
    fc.assert(
      fc.property(hostileEntry, (e) => {
        const copied = problemsOf((p) => normalizeEntry(e, p, inner.reads, null, inner.routeReads));
        const checked = problemsOf((p) => {
          const r = checkEntry(e, p, inner.reads, inner.routeReads, NOTHING_RUNS);
          // A gate that says "nothing" leaves no copy, but an entry that cannot be checked stays null.
          if (r !== undefined && r !== null) throw new Error('a copy was made');
        });
        expect(checked).toEqual(copied);
      }),
      { numRuns: 1500, seed: 1812 },
    );
  });

  it('a gate that lets the entry through gets the copy normalizeEntry makes', () => {
    const inner = internalsOf(bundled())!;
    const e = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', lanr: 42, costs: [{ description: '5489', cents: '52458' }], patient: { birthDate: '1970-01-01' }, case: { recordType: 'besa' } };
    const p1: InputProblem[] = [];
    const p2: InputProblem[] = [];
    expect(checkEntry(e, p1, inner.reads, inner.routeReads, SOMETHING_RUNS)).toEqual(normalizeEntry(e, p2, inner.reads, null, inner.routeReads));
    expect(p1).toEqual(p2);
  });

  it('an entry copied into a reused object (the checker\'s, for check) equals a fresh copy, whatever entries were copied into it before', () => {
    const inner = internalsOf(bundled())!;
    const through = SOMETHING_RUNS;
    const read = (copy: () => unknown) => {
      try {
        const e = copy();
        return e === null || e === undefined ? e : { ...e };
      } catch {
        return 'throws';
      }
    };
    fc.assert(
      fc.property(fc.array(fc.oneof(hostileEntry, everyField), { minLength: 2, maxLength: 8 }), (list) => {
        const into = blankEntry();
        for (const e of list) {
          const fresh = read(() => normalizeEntry(e, [], inner.reads, null, inner.routeReads));
          expect(read(() => checkEntry(e, [], inner.reads, inner.routeReads, through, into))).toEqual(fresh);
        }
      }),
      { numRuns: 600, seed: 1818 },
    );
  });

  it('the gate says "nothing" only for entries the checker runs no rule for', () => {
    const bundle = bundled();
    const inner = internalsOf(bundle)!;
    const context = loadPracticeContext({ name: 'ctx', text: readFileSync(`${ROOT}/examples/practice-context.json`, 'utf8') });
    const date = fc.constantFrom('2019-01-04', '2026-04-14', '2026-05-04');
    const rich = fc.record(
      {
        date,
        gop: fc.oneof(fc.constantFrom('88500', '50200', '40120', '10345', 'BV001', '01100'), fc.stringMatching(/^[0-9]{5}$/)),
        teamNumber: fc.constantFrom('001234577', ''),
        pseudoLanr: fc.constantFrom('555555501', ''),
        costs: fc.array(fc.record({ description: fc.constantFrom('5489', 'Stent'), cents: fc.constantFrom('52458', '100'), manufacturer: fc.constantFrom('ACME', '') }, { requiredKeys: [] }), { maxLength: 2 }),
        hybridDrg: fc.record({ code: fc.constantFrom('G24M', 'M04N'), start: fc.constant('2026-04-14') }),
        case: fc.record({ recordType: fc.constantFrom('besa', '0101', '0102'), serviceIndex: fc.constantFrom(0, 1) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['date', 'gop'] },
    );
    const ordinary = fc.record({ date, gop: fc.stringMatching(/^[0-9]{5}$/), lanr: fc.constant('604432405'), costs: fc.constant([{ description: 'Stent', cents: '100' }]) }, { requiredKeys: ['date', 'gop'] });
    const entry = fc.oneof(rich, ordinary);
    for (const withContext of [false, true]) {
      const checker = createChecker({ ruleSets: bundle, context: withContext ? context : undefined });
      const gate = new RouteGate(inner, withContext ? HAS_CONTEXT : 0);
      let nothing = 0;
      let something = 0;
      fc.assert(
        fc.property(entry, (e) => {
          const gated = checkEntry(e, [], inner.reads, inner.routeReads, gate);
          const considered = checker.explain(e).rules.length;
          if (gated === undefined) {
            nothing++;
            expect(considered, JSON.stringify(e)).toBe(0);
          } else something++;
        }),
        { numRuns: 400, seed: withContext ? 2 : 1 },
      );
      // Both sides are reached: else this test would prove nothing.
      expect(nothing).toBeGreaterThan(20);
      expect(something).toBeGreaterThan(20);
    }
  });

  it('the gate asks the batch\'s counters only about an entry no rule runs for, and their answer decides whether it is copied', () => {
    // A bundle of its own: the answers are remembered with its plans (see RouteGate.mayCount).
    const bundle = mustLoad(bundledSources());
    const inner = internalsOf(bundle)!;
    const checker = createChecker({ ruleSets: bundle });
    const gate = new RouteGate(inner, 0);
    const asked: string[] = [];
    let answer = true;
    gate.counters = {
      mayCount: (_day, _date, gop) => {
        asked.push(gop);
        return answer;
      },
    };
    const runs = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] };
    const idle = { date: '2026-05-04', gop: '10345' };
    expect(checker.explain(runs).rules.length).toBeGreaterThan(0);
    expect(checker.explain(idle).rules).toEqual([]);
    // A rule runs: copied, whatever a counter would say, and no counter is asked.
    expect(checkEntry(runs, [], inner.reads, inner.routeReads, gate)).toBeDefined();
    expect(asked).toEqual([]);
    // No rule runs: copied only when a counter may count it.
    expect(checkEntry(idle, [], inner.reads, inner.routeReads, gate)).toMatchObject({ gop: '10345' });
    answer = false;
    expect(checkEntry({ ...idle, gop: '10346' }, [], inner.reads, inner.routeReads, gate)).toBeUndefined();
    // A five-digit fee number asked once for the plan, then its answer remembered; any other asked each time.
    expect(checkEntry(idle, [], inner.reads, inner.routeReads, gate)).toMatchObject({ gop: '10345' });
    expect(checkEntry({ ...idle, gop: '1034' }, [], inner.reads, inner.routeReads, gate)).toBeUndefined();
    expect(checkEntry({ ...idle, gop: '1034' }, [], inner.reads, inner.routeReads, gate)).toBeUndefined();
    expect(asked).toEqual(['10345', '10346', '1034', '1034']);
  });

  it('an entry no rule runs for: check and checkAll report its input problems and unreadable fields as the reference does', async () => {
    const bundle = bundled();
    const compiled = createChecker({ ruleSets: bundle });
    const reference = createReferenceChecker({ ruleSets: bundle });
    const entries = [
      { date: '2026-05-04', gop: '10345', lanr: 42, bsnr: {}, laterality: 7, patient: 'Müller', case: [] },
      { date: '2026-05-04', gop: '10345', costs: 'none', diagnoses: [{ icd: 7 }], ops: [{}], case: { participations: 3, practiceTeamNumbers: [1] } },
      { date: '2026-05-04', gop: '10345', patient: { insuranceNumber: 'X1' } },
    ];
    for (const e of entries) {
      const want = await reference.check(e);
      expect(compiled.check(e), JSON.stringify(e)).toEqual(want);
    }
    expect(compiled.checkAll(entries)).toEqual(entries.map((e) => compiled.check(e)));
    expect(codes(compiled.check(entries[0]))).toEqual(['INPUT-FELD', 'INPUT-FELD', 'INPUT-FELD', 'INPUT-FELD', 'INPUT-FELD']);
    // A patient whose field throws when read: unreadable, as with a copy.
    const throwing = { date: '2026-05-04', gop: '10345', patient: Object.defineProperty({}, 'birthDate', { get: () => { throw new Error('host'); }, enumerable: true }) };
    expect(codes(compiled.check(throwing))).toEqual(['INPUT-UNLESBAR']);
    expect(compiled.checkAll([throwing]).map(codes)).toEqual([['INPUT-UNLESBAR']]);
  });
});
