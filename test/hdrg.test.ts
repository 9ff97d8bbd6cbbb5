import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKvdtFile } from '../src/kvdt/check-file';
import { encodeLine } from '../src/kvdt/writer';
import { formatEuro } from '../src/evaluate/events';
import { belegungstage } from '../src/facts/hdrg-facts';
import { createReferenceChecker } from '../src/reference/reference-checker';
import type { CheckResult } from '../plugin-api/types';
import { createChecker } from '../plugin-api/index';
import { bundled, bundledSources, checker, masterSource, mustLoad, ROOT } from './helpers';

const HDRG_FILE = readFileSync(`${ROOT}/test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con`);
const codes = (r: CheckResult) => r.findings.map((f) => f.code).sort();

const patient = { insuranceNumber: 'A123456789', birthDate: '1971-01-01', sex: 'M' };
const hdrgCase = (opDate: string, code = 'G24M', extra: Record<string, unknown> = {}) => ({
  hybridDrg: { code, start: opDate, end: opDate, opDate },
  ops: [{ code: '5-530.03', laterality: 'L' }],
  diagnoses: [{ icd: 'K40.90', kind: 'main' }],
  patient,
  ...extra,
});

describe('Hybrid-DRG: Belegungstage and money text', () => {
  it('counts the admission day, not the discharge day; the same day is one', () => {
    expect(belegungstage('2026-03-10', '2026-03-10')).toBe(1);
    expect(belegungstage('2026-03-10', '2026-03-11')).toBe(1);
    expect(belegungstage('2026-03-10', '2026-03-12')).toBe(2);
    expect(belegungstage('2026-02-28', '2026-03-03')).toBe(3);
    expect(belegungstage('2026-03-10', '2026-03-09')).toBeNull();
    expect(belegungstage(null, '2026-03-09')).toBeNull();
  });

  it('formats decimal euros by digits in both languages', () => {
    expect(formatEuro('10281.49', 'de')).toBe('10.281,49 €');
    expect(formatEuro('10281.49', 'en')).toBe('€10,281.49');
    expect(formatEuro('909.25', 'de')).toBe('909,25 €');
    expect(formatEuro('1018.5', 'de')).toBe('1.018,50 €');
    expect(formatEuro('1234567', 'de')).toBe('1.234.567,00 €');
    expect(formatEuro(null, 'de')).toBe('–');
    expect(formatEuro('abc', 'en')).toBe('abc');
    expect(formatEuro('-1234.5', 'de')).toBe('-1.234,50 €');
    expect(formatEuro(1234.567, 'en')).toBe('€1,234.567');
    expect(formatEuro('0', 'de')).toBe('0,00 €');
    expect(formatEuro('1.', 'de')).toBe('1.');
  });

  it('groups thousands exactly as the regular-expression form it replaced', () => {
    const grouped = (text: string, locale: 'de' | 'en') => {
      const negative = text.startsWith('-');
      const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
      const cents = (frac + '00').slice(0, Math.max(2, frac.length));
      const g = int!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'de' ? '.' : ',');
      const sign = negative ? '-' : '';
      return locale === 'de' ? `${sign}${g},${cents} €` : `${sign}€${g}.${cents}`;
    };
    const amount = fc.tuple(fc.boolean(), fc.stringMatching(/^\d{1,16}$/), fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }));
    fc.assert(
      fc.property(amount, fc.constantFrom('de' as const, 'en' as const), ([neg, int, frac], locale) => {
        const text = `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
        expect(formatEuro(text, locale)).toBe(grouped(text, locale));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('Hybrid-DRG: catalogue by year', () => {
  it('the same code means a different flat rate in 2025 and 2026 (G24M)', () => {
    const c = checker();
    const y25 = c.check(hdrgCase('2025-12-31'));
    const y26 = c.check(hdrgCase('2026-01-01'));
    expect(y25.findings[0]).toMatchObject({ code: 'HDRG-PREIS', ruleSet: 'hdrg@2025.1' });
    expect(y25.findings[0]!.message).toContain('1.852,71 €');
    expect(y26.findings[0]).toMatchObject({ code: 'HDRG-PREIS', ruleSet: 'hdrg@2026.1' });
    expect(y26.findings[0]!.message).toContain('3.713,46 €');
  });

  it('a 2025 code on a 2026 date is not in the catalogue (warning, not an error)', () => {
    const r = checker().check(hdrgCase('2026-02-02', 'M04N'));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['HDRG-5027-UNBEKANNT', 'warning']]);
  });

  it('the OP date is checked even when the end lies before the start: against the start, the end being the wrong date', () => {
    const c = checker();
    const inverted = (opDate: string) => ({ ...hdrgCase('2026-03-10'), hybridDrg: { code: 'G24M', start: '2026-03-10', end: '2026-03-09', opDate } });
    expect(codes(c.check(inverted('2026-03-08')))).toEqual(['HDRG-ENDE-VOR-BEGINN', 'HDRG-OPDATUM-AUSSERHALB', 'HDRG-PREIS']);
    expect(codes(c.check(inverted('2026-03-10')))).toEqual(['HDRG-ENDE-VOR-BEGINN', 'HDRG-PREIS']);
  });

  it('the OP date picks the year, else the start of the service', () => {
    const c = checker();
    const noOp = { ...hdrgCase('2026-01-01'), hybridDrg: { code: 'G24P', start: '2025-12-31', end: '2026-01-01' } };
    expect(codes(c.check(noOp))).toEqual(['HDRG-5027-UNBEKANNT']);
    const withOp = { ...hdrgCase('2026-01-01'), hybridDrg: { code: 'G24P', start: '2025-12-31', end: '2026-01-01', opDate: '2026-01-01' } };
    expect(codes(c.check(withOp))).toEqual(['HDRG-PREIS']);
  });

  it('every 2026 code prices in both variants; 2026 is 69 codes, 2025 22, 2024 12', () => {
    const doc = (y: number) => JSON.parse(readFileSync(`${ROOT}/rules/hdrg/${y}.1/ruleset.json`, 'utf8'));
    const rows26 = doc(2026).tables.catalogue.rows as { code: string; euro: string; euroWithAftercare: string }[];
    expect([rows26.length, doc(2025).tables.catalogue.rows.length, doc(2024).tables.catalogue.rows.length]).toEqual([69, 22, 12]);
    const c = checker('en');
    for (const row of rows26) {
      const r = c.check(hdrgCase('2026-06-01', row.code));
      expect(r.findings.map((f) => f.code)).toEqual(['HDRG-PREIS']);
      expect(r.findings[0]!.message).toContain(formatEuro(row.euro, 'en'));
      expect(r.findings[0]!.message).toContain(formatEuro(row.euroWithAftercare, 'en'));
    }
  });
});

describe('Hybrid-DRG: rules need a Hybrid-DRG case', () => {
  it('an ordinary EBM service never meets the Hybrid-DRG rules (index), and gets no finding', () => {
    const c = checker();
    const ex = c.explain({ date: '2026-06-01', gop: '03000' });
    expect(ex.ruleSets).toContain('hdrg@2026.1');
    expect(ex.rules.filter((r) => r.ruleSet.startsWith('hdrg'))).toEqual([]);
    expect(ex.result.findings).toEqual([]);
  });

  it('bad Hybrid-DRG input is reported, never thrown', () => {
    const c = checker();
    for (const bad of [{ hybridDrg: 5 }, { hybridDrg: { code: 7 } }, { hybridDrg: { code: 'G24M', start: 'gestern', opDate: '2026-13-01', ventilationHours: -1 } }, { hybridDrg: { code: 'G24M' }, ops: [null] }]) {
      const r = c.check({ date: '2026-06-01', gop: '03000', ...bad });
      expect(r.findings.some((f) => f.code === 'INPUT-FELD')).toBe(true);
    }
    // Without date and fee number a Hybrid-DRG case takes the OP date and the code.
    expect(c.explain(hdrgCase('2026-06-01')).ruleSets).toContain('hdrg@2026.1');
  });
});

describe('Hybrid-DRG: batch rules (§ 5 Abs. 5 Hybrid-DRG-Vergütungsvereinbarung)', () => {
  // An EBM operation per the host's EBM master file (the fixture: 31101 in section 31.2, Q2/2026).
  const ebmOp = (date: string, p = patient) => ({ date, gop: '31101', patient: p });
  const withSdebm = () => mustLoad([...bundledSources(), masterSource('SDEBM', 'sdebm.xml')]);

  it('an EBM operation for the same patient on the same day → warning on the Hybrid-DRG, in the batch only', () => {
    const c = createChecker({ ruleSets: withSdebm() });
    // Without the host's EBM master file the rule has nothing to tell an operation by: silent.
    expect(codes(checker().checkAll([ebmOp('2026-06-01'), hdrgCase('2026-06-01')])[1]!)).toEqual(['HDRG-PREIS']);
    const batch = [ebmOp('2026-06-01'), hdrgCase('2026-06-01')];
    const [op, hdrg] = c.checkAll(batch);
    expect(codes(hdrg!)).toEqual(['HDRG-EBM-OP-SELBER-TAG', 'HDRG-PREIS']);
    expect(codes(op!)).toEqual([]);
    // The order does not matter for this rule.
    expect(codes(c.checkAll([...batch].reverse())[0]!)).toEqual(['HDRG-EBM-OP-SELBER-TAG', 'HDRG-PREIS']);
    // A single check has no batch.
    expect(codes(c.check(hdrgCase('2026-06-01')))).toEqual(['HDRG-PREIS']);
    // Another day, another patient, an EBM service that is no operation: nothing.
    expect(codes(c.checkAll([ebmOp('2026-06-02'), hdrgCase('2026-06-01')])[1]!)).toEqual(['HDRG-PREIS']);
    expect(codes(c.checkAll([ebmOp('2026-06-01', { ...patient, insuranceNumber: 'B999' }), hdrgCase('2026-06-01')])[1]!)).toEqual(['HDRG-PREIS']);
    expect(codes(c.checkAll([{ date: '2026-06-01', gop: '03000', patient }, hdrgCase('2026-06-01')])[1]!)).toEqual(['HDRG-PREIS']);
  });

  it('a second flat rate for the same patient on the same day → warning on the second only', () => {
    const results = checker().checkAll([hdrgCase('2026-06-01'), hdrgCase('2026-06-01', 'G24N'), hdrgCase('2026-06-02')]);
    expect(results.map(codes)).toEqual([['HDRG-PREIS'], ['HDRG-PREIS', 'HDRG-ZWEITE-PAUSCHALE'], ['HDRG-PREIS']]);
  });

  it('one insurance number with two birth dates is two patients (as in the KBV test file)', () => {
    const other = { ...patient, birthDate: '1984-07-11' };
    const results = checker().checkAll([hdrgCase('2026-06-01'), hdrgCase('2026-06-01', 'G24N', { patient: other })]);
    expect(results.map(codes)).toEqual([['HDRG-PREIS'], ['HDRG-PREIS']]);
  });

  it('the json-rules-engine reference gives the same batch results', async () => {
    const batch = [ebmOp('2026-06-01'), hdrgCase('2026-06-01'), hdrgCase('2026-06-01', 'G24N'), hdrgCase('2026-06-03', 'G24M', { patient: { birthDate: '2010-01-01' } })];
    const ref = await createReferenceChecker({ ruleSets: withSdebm() }).checkAll(batch);
    expect(createChecker({ ruleSets: withSdebm() }).checkAll(batch)).toEqual(ref);
    expect(ref[1]!.findings.map((f) => f.code)).toContain('HDRG-EBM-OP-SELBER-TAG');
  });

  it('a KVDT file is read once, and the batch rules see every case', async () => {
    const enc = (fk: string, v: string) => Buffer.from(encodeLine(fk, v, 'iso-8859-15')!);
    const hdrg1 = (code: string) =>
      [
        ['8000', 'hdrg1'], ['3105', 'A123456789'], ['3103', '19710101'], ['3110', 'M'], ['5027', code], ['5028', '20260601'], ['5029', '20260601'],
        ['5034', '20260601'], ['5035', '5-530.03'], ['5041', 'L'], ['5098', '198212400'], ['5099', '776299002'], ['6009', 'K40.90'],
      ].map(([fk, v]) => enc(fk!, v!));
    const file = Buffer.concat([enc('8000', 'con0'), enc('9106', '4'), enc('8000', 'hdrg0'), ...hdrg1('G24M'), ...hdrg1('G24N'), enc('8000', 'hdrg9'), enc('8000', 'con9')]);
    let opened = 0;
    const once = await checkKvdtFile(() => (opened++, [file]), checker());
    expect(opened).toBe(1);
    expect(once.findings.map((f) => [f.code, f.line])).toEqual([
      ['HDRG-PREIS', 8],
      ['HDRG-PREIS', 21],
      ['HDRG-ZWEITE-PAUSCHALE', 21],
    ]);
    // Handed the chunks themselves, the same.
    expect((await checkKvdtFile([file], checker())).findings.map((f) => f.code)).toEqual(['HDRG-PREIS', 'HDRG-PREIS', 'HDRG-ZWEITE-PAUSCHALE']);
    // Rule sets without batch rules: no batch state at all.
    const noBatch = createChecker({ ruleSets: mustLoad(bundledSources().filter((s) => !/rules\/(hdrg|bv)\//.test(s.name))) });
    expect(noBatch.stream().needed).toBe(false);
    expect((await checkKvdtFile([file], noBatch)).findings).toEqual([]);
  });
});

describe('the KBV HDRG test file, checked end to end', () => {
  /*
   * Looked at by hand (Z30123456699_27.10.2025_12.00.con, seven hdrg1 cases, all 2025):
   * - every code (G09N, I20M, L17N, N25N, L20M, I20M, J09N) is in the 2025 catalogue → a price each;
   * - every case has FK 5029 (end) months before FK 5028 (start), e.g. 20251006 → 20250107:
   *   the dates contradict each other → HDRG-ENDE-VOR-BEGINN, an error, in all seven. The
   *   Belegungstage cannot be counted (silent); the OP date is held against the start alone
   *   (issue #14: the check stays active) and lies on or after it in all seven → nothing;
   * - OPS with laterality R each, main diagnosis terminal (I80.1, D04.7, D20.1, D50.1, D50.9,
   *   D50.9, S04.3), birth dates complete, adults, no ventilation, no team number → nothing;
   * - cases 1 and 4 have their OP date (2025-11-07, 2025-11-01) after the file's creation date
   *   (con0 9103, hdrg0 9117: 2025-10-20) → HDRG-DATUM-NACH-PRUEFTAG (a warning of this project;
   *   KVDT rule 304 checks only the birth date in hdrg1, against the machine date);
   * - cases 5 and 6 (Hamann, Ludwig) share insurance number 100417294901 and OP day 2025-10-05
   *   but differ in birth date and sex: two patients, so no "second flat rate".
   * Whether OPS and diagnosis fit the Hybrid-DRG is the grouper's business, not checked.
   */
  it('gives exactly the findings it deserves', async () => {
    const report = await checkKvdtFile(() => [HDRG_FILE], checker());
    expect(report.problems).toEqual([]);
    expect(report.cases).toBe(7);
    const byCase = new Map<number, string[]>();
    for (const f of report.findings) byCase.set(f.serviceLine, [...(byCase.get(f.serviceLine) ?? []), f.code]);
    // Cases 1 and 4: the OP date (2025-11-07, 2025-11-01) lies after the file's creation date 2025-10-20.
    const base = ['HDRG-PREIS', 'HDRG-ENDE-VOR-BEGINN'];
    expect([...byCase.values()]).toEqual([[...base, 'HDRG-DATUM-NACH-PRUEFTAG'], base, base, [...base, 'HDRG-DATUM-NACH-PRUEFTAG'], base, base, base]);
    expect(report.findings.filter((f) => f.code === 'HDRG-PREIS').map((f) => f.message.match(/^Hybrid-DRG (\w+) 2025: ([\d.,]+ €)/)!.slice(1))).toEqual([
      ['G09N', '2.227,33 €'],
      ['I20M', '1.014,94 €'],
      ['L17N', '1.356,45 €'],
      ['N25N', '1.568,91 €'],
      ['L20M', '1.525,54 €'],
      ['I20M', '1.014,94 €'],
      ['J09N', '1.199,83 €'],
    ]);
    expect(report.findings.every((f) => f.ruleSet === 'hdrg@2025.1')).toBe(true);
  });
});
