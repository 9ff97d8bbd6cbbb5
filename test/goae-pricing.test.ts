import { describe, expect, it } from 'vitest';
import { priceCents, simpleFeeCents } from '../src/money/goae-fee';
import { bundledSources, codes, mustLoad, readJsonFile, withAsv } from './helpers';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { CatalogueDoc } from '../src/model';

const catalogue = readJsonFile<CatalogueDoc>('rules/catalogues/goae.json');

/**
 * The KBV rounding order in integer arithmetic, independent of decimal.js: the point value
 * 5.82873 ct is 582873 units of 1e-5 ct; round half up to the cent, then apply the factor
 * given in tenths, round half up again.
 */
function handPrice(points: number, factorTenths: number): bigint {
  const simple = (BigInt(points) * 582873n + 50000n) / 100000n;
  return (simple * BigInt(factorTenths) + 5n) / 10n;
}

describe('GOÄ catalogue data', () => {
  it('holds the whole Gebührenverzeichnis with the spot-checked points', () => {
    const byNumber = new Map(catalogue.rows.map((r) => [r.number, r]));
    // 2,842 numbers of the 2001 text; seven rows more for B VII as amended from 2020 (100, 101, 102, 106–109).
    expect(catalogue.rows.length).toBe(2849);
    expect(byNumber.get('5489')).toMatchObject({ points: 7500, section: 'O', label: 'C' });
    expect(byNumber.get('5488')).toMatchObject({ points: 6000, section: 'O' });
    expect(byNumber.get('5431')).toMatchObject({ points: 2250, section: 'O' });
    // Ends of the sections and a few rows cross-checked against the GOÄ text.
    expect(byNumber.get('1')).toMatchObject({ points: 80, section: 'B' });
    expect(byNumber.get('6018')).toMatchObject({ points: 300, section: 'P' });
    expect(byNumber.get('3562.H1')).toMatchObject({ points: 40, section: 'M' });
    expect(byNumber.get('250a')).toMatchObject({ points: 40, section: 'C', sectionA: true });
    expect(byNumber.get('5480')).toMatchObject({ simpleRateOnly: true });
    expect(catalogue.pointValueCent).toBe('5.82873');
  });

  it('has Abschnitt B VII (Todesfeststellung) as amended from 1 Jan 2020, the old points until 2019', () => {
    const b7 = catalogue.rows.filter((r) => /^10\d$/.test(r.number)).map((r) => [r.number, r.points, r.validFrom ?? null, r.validUntil ?? null, r.simpleRateOnly === true]);
    expect(b7).toEqual([
      ['100', 250, null, '2019-12-31', false],
      ['100', 1896, '2020-01-01', null, true],
      ['101', 2844, '2020-01-01', null, true],
      ['102', 150, null, '2019-12-31', false],
      ['102', 474, '2020-01-01', null, true],
      ['104', 250, null, '2019-12-31', false],
      ['105', 230, null, '2019-12-31', false],
      ['106', 150, '2020-01-01', null, false],
      ['107', 220, null, '2019-12-31', false],
      ['107', 250, '2020-01-01', null, false],
      ['108', 230, '2020-01-01', null, false],
      ['109', 220, '2020-01-01', null, false],
    ]);
  });

  it('gives every row a known source and a label', () => {
    const ids = new Set(catalogue.sources.map((s) => s.id));
    // The rows that break either (one expect, not two per row: 5,700 calls were most of this test's time).
    expect(catalogue.rows.filter((r) => !ids.has(r.source))).toEqual([]);
    expect(catalogue.rows.filter((r) => !['C', 'S', 'U'].includes(r.label))).toEqual([]);
  });
});

describe('GOÄ fee in the KBV rounding order', () => {
  it('prices the KBV example 5489 at 1.2 as 52458 (not 52459)', () => {
    expect(simpleFeeCents(7500, '5.82873').toFixed(0)).toBe('43715');
    expect(priceCents(7500, '5.82873', '1.2')).toBe('52458');
  });

  it('matches the hand-derived table of the facts file (§ 3.3)', () => {
    const table: [number, string][] = [
      [1200, '8393'], // 5410, 5430, 5486
      [1000, '6995'], // 5422
      [2000, '13988'], // 5423, 5487
      [2800, '19584'], // 5424
      [2250, '15738'], // 5431
      [6000, '41966'], // 5488
      [7500, '52458'], // 5489
      [680, '4757'], // 5481, 5483
    ];
    for (const [points, cents] of table) expect(priceCents(points, '5.82873', '1.2')).toBe(cents);
  });

  it('equals the independent integer computation for every catalogue number and every factor', () => {
    let compared = 0;
    for (const r of catalogue.rows) {
      if (r.points === null) continue;
      for (const [factor, tenths] of [
        ['1.0', 10],
        ['1.2', 12],
        ['1.5', 15],
      ] as const) {
        expect(priceCents(r.points, '5.82873', factor), `${r.number} × ${factor}`).toBe(handPrice(r.points, tenths).toString());
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8000);
  });
});

describe('ASV price of every GOÄ number, end to end through the rule set', () => {
  // A test-only pseudo-GOP that allows every catalogue number, so the checker prices each one.
  const bundle = mustLoad(
    withAsv((doc) => {
      doc.tables.pseudoGops.rows.push({
        gop: '99999',
        service: 'Test: alle GOÄ-Nummern',
        goaeNumbers: catalogue.rows.map((r) => r.number),
        fillGoae: null,
        appendix: 'Test',
        validFrom: '2015-01-01',
        validUntil: null,
        source: 'kvdt-dsb',
        label: 'U',
      });
    }),
  );
  const c = createChecker({ ruleSets: bundle });

  /** The rule: M (and No. 437, § 5 Abs. 4) → 1.0; A, E, O → 1.2; others → 1.5. */
  const expectedTenths = (r: (typeof catalogue.rows)[number]) =>
    r.number === '437' || r.section === 'M' ? 10 : r.sectionA || r.section === 'E' || r.section === 'O' ? 12 : 15;

  it('corrects FK 5012 to the KBV-order price for every priceable number, each row on a day it applies to', () => {
    let priced = 0;
    for (const r of catalogue.rows) {
      const date = r.validUntil ?? r.validFrom ?? '2026-04-01';
      const result = c.check({ date, gop: '99999', teamNumber: '001234577', costs: [{ description: r.number, cents: '1' }] });
      if (r.points === null || r.simpleRateOnly) {
        expect(result.corrections, r.number).toEqual([]);
        if (r.simpleRateOnly) expect(codes(result), r.number).toContain('ASV-GOAE-EINFACHSATZ');
        continue;
      }
      expect(result.corrections, r.number).toEqual([
        { field: '5012', index: 0, value: handPrice(r.points, expectedTenths(r)).toString(), previous: '1', ruleId: 'asv.5012.set-price' },
      ]);
      priced++;
    }
    expect(priced).toBeGreaterThan(2700);
  });
});

describe('GOÄ rows with validity', () => {
  const bundle = mustLoad(
    withAsv((doc) => {
      doc.tables.pseudoGops.rows.push({ gop: '99998', service: 'Test: B VII', goaeNumbers: ['100', '106', '107'], fillGoae: null, appendix: 'Test', validFrom: '2015-01-01', validUntil: null, source: 'kvdt-dsb', label: 'U' });
    }),
  );
  const c = createChecker({ ruleSets: bundle });
  const price = (date: string, goae: string) => c.check({ date, gop: '99998', teamNumber: '001234577', costs: [{ description: goae, cents: '1' }] });

  it('a 2019 service keeps the old points; from 2020 the new ones, and 100 only at the simple rate', () => {
    // 107: Herzschrittmacher 220 points until 2019, Bulbus 250 points from 2020 (× 1.5 in ASV).
    expect(price('2019-12-31', '107').corrections[0]!.value).toBe(handPrice(220, 15).toString());
    expect(price('2020-01-01', '107').corrections[0]!.value).toBe(handPrice(250, 15).toString());
    expect(price('2019-06-01', '100').corrections[0]!.value).toBe(handPrice(250, 15).toString());
    const r2020 = price('2020-01-01', '100');
    expect(r2020.corrections).toEqual([]);
    expect(codes(r2020)).toContain('ASV-GOAE-EINFACHSATZ');
    // 106 did not exist before 2020: not in the catalogue on that day.
    expect(price('2019-06-01', '106').corrections).toEqual([]);
    expect(price('2020-06-01', '106').corrections[0]!.value).toBe(handPrice(150, 15).toString());
  });

  it('one number twice with overlapping validity, or a bad period, is a located load error', () => {
    const text = JSON.stringify({
      ...catalogue,
      rows: [
        { number: '1', points: 80, section: 'B', validUntil: '2020-01-01', source: 'goae-1996', label: 'C' },
        { number: '1', points: 90, section: 'B', validFrom: '2020-01-01', source: 'goae-1996', label: 'C' },
        { number: '2', points: 30, section: 'B', validFrom: '2020-01-01', validUntil: '2019-01-01', source: 'goae-1996', label: 'C' },
        { number: '3', points: 30, section: 'B', validFrom: '2020-02-30', source: 'goae-1996', label: 'C' },
        { number: '4', points: 30, section: 'B', validFrom: '2020-13-01', validUntil: '2021-02-29', source: 'goae-1996', label: 'C' },
        // A third row of a number: compared with both before it (it overlaps the second only).
        { number: '5', points: 30, section: 'B', validUntil: '2019-12-31', source: 'goae-1996', label: 'C' },
        { number: '5', points: 40, section: 'B', validFrom: '2020-01-01', validUntil: '2020-12-31', source: 'goae-1996', label: 'C' },
        { number: '5', points: 50, section: 'B', validFrom: '2020-06-01', source: 'goae-1996', label: 'C' },
        { number: '5', points: 60, section: 'B', validFrom: '2018-06-01', validUntil: '2018-12-31', source: 'goae-1996', label: 'C' },
      ],
    }, null, 2);
    const r = loadRuleSets([{ name: 'goae.json', text }, ...bundledSources().filter((s) => !s.name.endsWith('goae.json'))]);
    expect(r.ok).toBe(false);
    expect(r.problems.filter((p) => p.file === 'goae.json').map((p) => [p.code, p.pointer])).toEqual([
      ['duplicate-number', '/rows/1/number'],
      ['validity', '/rows/2/validUntil'],
      ['date', '/rows/3/validFrom'],
      ['date', '/rows/4/validFrom'],
      ['date', '/rows/4/validUntil'],
      ['duplicate-number', '/rows/7/number'],
      ['duplicate-number', '/rows/8/number'],
    ]);
    const lines = r.problems.filter((p) => p.pointer === '/rows/7/number' || p.pointer === '/rows/8/number').map((p) => p.messageEn);
    // The line of a row is that of its '{', the line before its number's.
    const rowLine = (marker: string) => text.split('\n').findIndex((l) => l.includes(marker));
    expect(lines).toEqual([`Number 5 is already on line ${rowLine('"points": 40') - 1} with overlapping validity.`, `Number 5 is already on line ${rowLine('"number": "5"')} with overlapping validity.`]);
  });
});
