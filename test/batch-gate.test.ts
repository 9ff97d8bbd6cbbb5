/**
 * checkAll with batch rules keeps no copy of an entry that no counter counts and no rule runs
 * for (its result is its input findings). Held to the two-pass batch session, which copies and
 * counts every entry: entries that only count, entries that only run, both, and neither, of
 * several patients in turn.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../plugin-api/index';
import type { CheckResult, Checker, RuleSetSource } from '../plugin-api/types';
import { masterSource, mustLoad } from './helpers';

/** A rule on fee number 10000 that counts the patient's services of the day in 10000–10999 (10500 and 10001 are counted, no rule runs for them), and one on 20000 (not counted). */
function countingRuleSet(): { name: string; text: string } {
  const doc = {
    kind: 'ruleset',
    id: 'counting',
    version: '2026.1',
    title: { de: 'Zählen', en: 'Counting' },
    validFrom: '2026-01-01',
    validUntil: null,
    sources: [{ id: 'test', title: 'Test', date: '2026-01-01' }],
    tables: {
      range: {
        description: { de: 'GOP-Bereich', en: 'Fee-number range' },
        columns: { from: { type: 'string', description: { de: 'von', en: 'from' } }, to: { type: 'string', description: { de: 'bis', en: 'to' } } },
        rows: [{ from: '10000', to: '10999', source: 'test', label: 'C' }],
      },
    },
    rules: [
      {
        name: 'counting.others',
        conditions: {
          all: [
            { fact: 'gop', operator: 'equal', value: '10000' },
            { fact: 'batchCount', params: { per: 'patientDay', match: 'gopInTable', table: 'range' }, operator: 'greaterThan', value: 0 },
          ],
        },
        event: { type: 'finding', params: { code: 'TEST-OTHERS', severity: 'info', message: { de: '{n} weitere', en: '{n} more' }, fields: ['5001'], source: 'test', n: { fact: 'batchCount', params: { per: 'patientDay', match: 'gopInTable', table: 'range' } } } },
      },
      // Runs for 20000, which no counter counts.
      { name: 'counting.plain', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '20000' }] }, event: { type: 'finding', params: { code: 'TEST-PLAIN', severity: 'info', message: { de: 'GOP', en: 'GOP' }, fields: ['5001'], source: 'test' } } },
    ],
  };
  return { name: 'test/counting.json', text: JSON.stringify(doc) };
}

/** The two-pass session: every entry copied and counted, then each checked. */
function twoPass(c: Checker, entries: unknown[]) {
  const session = c.batch();
  for (const e of entries) session.add(e);
  return entries.map((e) => session.check(e));
}

const entry = fc.record({
  date: fc.constantFrom('2026-05-04', '2026-05-05'),
  gop: fc.constantFrom('10000', '10000', '10500', '10001', '20000', 'X1'),
  patient: fc.constantFrom({ insuranceNumber: 'A1' }, { insuranceNumber: 'B2' }, { insuranceNumber: 'C3' }, { id: 'P4' }),
  lanr: fc.constantFrom('604432405', 42),
});

describe('checkAll with batch rules', () => {
  const c = createChecker({ ruleSets: mustLoad([countingRuleSet()]) });

  it('counts an entry no rule runs for, and finds for one a later entry counts against', () => {
    const day = '2026-05-04';
    const entries = [
      { date: day, gop: '10500', patient: { insuranceNumber: 'A1' } },
      { date: day, gop: '10000', patient: { insuranceNumber: 'B2' } },
      { date: day, gop: '10000', patient: { insuranceNumber: 'A1' } },
      { date: day, gop: '20000', patient: { insuranceNumber: 'B2' } },
      { date: day, gop: '10001', patient: { insuranceNumber: 'B2' } },
      { date: day, gop: '10000', lanr: 42, patient: { insuranceNumber: 'C3' } },
    ];
    const all = c.checkAll(entries);
    expect(all.map((r) => r.findings.map((f) => `${f.code} ${f.message}`))).toEqual([
      [],
      ['TEST-OTHERS 1 weitere'],
      ['TEST-OTHERS 1 weitere'],
      ['TEST-PLAIN GOP'],
      [],
      // Input findings of an entry that is checked (lanr is no text), nothing counted for C3.
      [expect.stringMatching(/^INPUT-FELD /)],
    ]);
    expect(all).toEqual(twoPass(c, entries));
  });

  it('gives what the two-pass session gives, for any order of patients, fee numbers and days', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        expect(c.checkAll(entries)).toEqual(twoPass(c, entries));
      }),
      { numRuns: 400, seed: 1819 },
    );
  });

  it('a host getter that calls the checker, or throws, while checkAll reads an entry leaves every result as the two-pass session gives it', () => {
    // The nested call's copies must not take checkAll's reused entry; a throw mid-copy leaves nothing behind in it.
    const hostile = fc.record({ base: entry, call: fc.constantFrom('none', 'none', 'checkAll', 'check', 'explain', 'stream', 'throw') });
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 10 }), (items) => {
        const plain = items.map((x) => x.base);
        const entries = items.map(({ base, call }) => {
          if (call === 'none') return base;
          const patient = Object.defineProperty({}, 'insuranceNumber', {
            enumerable: true,
            get: () => {
              if (call === 'throw') throw new Error('Patientin Erika Mustermann');
              if (call === 'checkAll') c.checkAll(plain);
              else if (call === 'check') c.check(plain[0]);
              else if (call === 'explain') c.explain(plain[plain.length - 1]);
              else c.stream().check(plain);
              return base.patient.insuranceNumber ?? 'A1';
            },
          });
          return { ...base, patient };
        });
        expect(c.checkAll(entries)).toEqual(twoPass(c, entries));
        // Without a throw: as for the same data without getters.
        const same = items.map(({ base, call }) => (call === 'none' ? base : { ...base, patient: { insuranceNumber: base.patient.insuranceNumber ?? 'A1' } }));
        if (items.every((x) => x.call !== 'throw')) expect(c.checkAll(entries)).toEqual(c.checkAll(same));
      }),
      { numRuns: 200, seed: 2207 },
    );
  });

  it('leaves none of its counts with the checker once it returns, a checkAll nested in a host getter included', () => {
    // While checkAll runs, the checker's gate asks the batch's counters (no copy of an entry none may count); after it, nothing may hold them.
    const counters = () => (c as unknown as { gate: { counters: unknown } }).gate.counters;
    const inner = [{ date: '2026-05-04', gop: '10500', patient: { insuranceNumber: 'A1' } }];
    let during: unknown = 'not asked';
    const patient = Object.defineProperty({}, 'insuranceNumber', {
      enumerable: true,
      get: () => {
        c.checkAll(inner);
        during = counters();
        return 'A1';
      },
    });
    c.checkAll([{ date: '2026-05-04', gop: '10000', patient }]);
    // Back to the outer checkAll's own counters after the nested one, and to none after the outer one.
    expect(during).not.toBeNull();
    expect(during).not.toBe('not asked');
    expect(counters()).toBeNull();
  });
});

/** A rule on fee number `gop` (10000) that reads `batchCount` with `params` (one version of rule set `id`, valid `from`–`until`). */
function readingVersion(id: string, version: string, from: string, until: string | null, params: Record<string, unknown>, range = ['10000', '10999'], gop = '10000'): RuleSetSource {
  const doc = {
    kind: 'ruleset',
    id,
    version,
    title: { de: 'Zählen', en: 'Counting' },
    validFrom: from,
    validUntil: until,
    sources: [{ id: 'test', title: 'Test', date: '2026-01-01' }],
    tables: {
      range: {
        description: { de: 'GOP-Bereich', en: 'Fee-number range' },
        columns: { from: { type: 'string', description: { de: 'von', en: 'from' } }, to: { type: 'string', description: { de: 'bis', en: 'to' } } },
        rows: [{ from: range[0], to: range[1], source: 'test', label: 'C' }],
      },
    },
    rules: [
      {
        name: `${id}.reads`,
        conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }, { fact: 'batchCount', params, operator: 'greaterThan', value: 0 }] },
        event: { type: 'finding', params: { code: 'TEST-COUNT', severity: 'info', message: { de: '{n}', en: '{n}' }, fields: ['5001'], source: 'test', n: { fact: 'batchCount', params } } },
      },
    ],
  };
  return { name: `test/${id}-${version}.json`, text: JSON.stringify(doc) };
}

/** The findings of each entry, as code and message. */
const said = (results: readonly CheckResult[]) => results.map((r) => r.findings.map((f) => `${f.code} ${f.message}`));

describe('checkAll remembers per fee number whether a counter may count an entry no rule runs for', () => {
  const P = { insuranceNumber: 'A123456789' };
  const inTable = { per: 'patientQuarter', match: 'gopInTable', table: 'range' };

  it('per plan: a fee number the counters of one period count and those of another do not', () => {
    // 10777 is counted until 15 May, not after (the later version counts 20000–20999).
    const c = createChecker({ ruleSets: mustLoad([readingVersion('memo', '2026.1', '2026-01-01', '2026-05-15', inTable), readingVersion('memo', '2026.2', '2026-05-16', null, inTable, ['20000', '20999'])]) });
    const late = [{ date: '2026-06-01', gop: '10777', patient: P }, { date: '2026-06-01', gop: '10000', patient: P }];
    const early = [{ date: '2026-05-04', gop: '10777', patient: P }, { date: '2026-05-04', gop: '10000', patient: P }];
    // The later period first: its "no counter counts 10777" must not answer for the earlier one, in this batch or the next.
    expect(said(c.checkAll(late))).toEqual([[], []]);
    expect(said(c.checkAll(early))).toEqual([[], ['TEST-COUNT 1']]);
    expect(said(c.checkAll([...late, ...early]))).toEqual([[], [], [], ['TEST-COUNT 1']]);
    expect(c.checkAll([...late, ...early])).toEqual(twoPass(c, [...late, ...early]));
  });

  it('per checker: another bundle whose counters do not count the fee number', () => {
    const other = createChecker({ ruleSets: mustLoad([readingVersion('memo', '2026.1', '2026-01-01', null, inTable, ['20000', '20999'])]) });
    const c = createChecker({ ruleSets: mustLoad([readingVersion('memo', '2026.1', '2026-01-01', null, inTable)]) });
    const batch = [{ date: '2026-05-04', gop: '10777', patient: P }, { date: '2026-05-04', gop: '10000', patient: P }];
    expect(said(other.checkAll(batch))).toEqual([[], []]);
    expect(said(c.checkAll(batch))).toEqual([[], ['TEST-COUNT 1']]);
  });

  it('with and without a Hybrid-DRG case: the same fee number counted only with one', () => {
    const c = createChecker({ ruleSets: mustLoad([readingVersion('memo', '2026.1', '2026-01-01', null, { per: 'patientDay', match: 'hybridDrg' })]) });
    const day = '2026-05-04';
    const plain = { date: day, gop: '10777', patient: P };
    const hdrg = { date: day, gop: '10777', patient: P, hybridDrg: { code: 'G24M', start: day, end: day, opDate: day } };
    const reads = { date: day, gop: '10000', patient: P };
    // The fee number's answer without a case is asked first: it must not stand for the entry with one.
    expect(said(c.checkAll([plain, reads]))).toEqual([[], []]);
    expect(said(c.checkAll([plain, hdrg, reads]))).toEqual([[], [], ['TEST-COUNT 1']]);
    expect(c.checkAll([plain, hdrg, reads])).toEqual(twoPass(c, [plain, hdrg, reads]));
  });

  it('an EBM operation by the SDEBM valid on the day: the same fee number counted on one day, not on another', () => {
    // The SDEBM (31102 an operation) valid 1–20 May only: on 25 May 31102 is no operation the counter counts.
    const sources = [readingVersion('memo', '2026.1', '2026-01-01', null, { per: 'patientQuarter', match: 'ebmOperation' }), masterSource('SDEBM', 'sdebm-operationen.xml', '2026-05-01', '2026-05-20')];
    const c = createChecker({ ruleSets: mustLoad(sources) });
    const late = { date: '2026-05-25', gop: '31102', patient: P };
    const early = { date: '2026-05-04', gop: '31102', patient: P };
    const reads = { date: '2026-05-04', gop: '10000', patient: P };
    expect(said(c.checkAll([late, reads]))).toEqual([[], []]);
    expect(said(c.checkAll([late, early, reads]))).toEqual([[], [], ['TEST-COUNT 1']]);
    expect(c.checkAll([late, early, reads])).toEqual(twoPass(c, [late, early, reads]));
  });
});

describe('the batch counts remember per fee number whether a counter counts an entry', () => {
  const P = { insuranceNumber: 'A123456789' };

  it('with and without a Hybrid-DRG case: entries of one fee number a rule runs for, counted only with one', () => {
    const hdrgCount = readingVersion('memo', '2026.1', '2026-01-01', null, { per: 'patientDay', match: 'hybridDrg' });
    const day = '2026-05-04';
    const plain = { date: day, gop: '10000', patient: P };
    const hdrg = { date: day, gop: '10000', patient: P, hybridDrg: { code: 'G24M', start: day, end: day, opDate: day } };
    // Either answer asked first must not stand for the other: one entry with a case is counted, whatever the order.
    for (const c of [createChecker({ ruleSets: mustLoad([hdrgCount]) }), createChecker({ ruleSets: mustLoad([hdrgCount]) })]) {
      expect(said(c.checkAll([plain, hdrg]))).toEqual([['TEST-COUNT 1'], []]);
      expect(said(c.checkAll([hdrg, plain]))).toEqual([[], ['TEST-COUNT 1']]);
      expect(said(c.checkAll([hdrg, plain, hdrg]))).toEqual([['TEST-COUNT 1'], ['TEST-COUNT 2'], ['TEST-COUNT 1']]);
      expect(c.checkAll([plain, hdrg, plain])).toEqual(twoPass(c, [plain, hdrg, plain]));
    }
  });

  it('a counter that reads the date is asked for every entry: an EBM operation on one day and not on another', () => {
    // The SDEBM (31102 an operation) valid 1–20 May only; the rule runs for 31102, so every entry is counted or not by its own day.
    const sources = [readingVersion('memo', '2026.1', '2026-01-01', null, { per: 'patientQuarter', match: 'ebmOperation' }, undefined, '31102'), masterSource('SDEBM', 'sdebm-operationen.xml', '2026-05-01', '2026-05-20')];
    const c = createChecker({ ruleSets: mustLoad(sources) });
    const late = { date: '2026-05-25', gop: '31102', patient: P };
    const early = { date: '2026-05-04', gop: '31102', patient: P };
    expect(said(c.checkAll([late, early, early]))).toEqual([[], ['TEST-COUNT 1'], ['TEST-COUNT 1']]);
    expect(said(c.checkAll([early, late, early]))).toEqual([['TEST-COUNT 1'], [], ['TEST-COUNT 1']]);
    expect(c.checkAll([late, early, early])).toEqual(twoPass(c, [late, early, early]));
  });
});
