import { describe, expect, it } from 'vitest';
import { priceCents, simpleFeeCents } from '../src/money/goae-fee';
import { codes, mustLoad, readJsonFile, withAsv } from './helpers';
import { createChecker } from '../plugin-api/index';
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
    expect(catalogue.rows.length).toBe(2842);
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

  it('gives every row a known source and a label', () => {
    const ids = new Set(catalogue.sources.map((s) => s.id));
    for (const r of catalogue.rows) {
      expect(ids.has(r.source)).toBe(true);
      expect(['C', 'S', 'U']).toContain(r.label);
    }
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

  it('corrects FK 5012 to the KBV-order price for every priceable number', () => {
    let priced = 0;
    for (const r of catalogue.rows) {
      const result = c.check({ date: '2026-04-01', gop: '99999', teamNumber: '001234577', costs: [{ description: r.number, cents: '1' }] });
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
