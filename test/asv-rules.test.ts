import { describe, expect, it } from 'vitest';
import { createChecker } from '../plugin-api/index';
import { KBV_EXAMPLE, checker, codes, mustLoad, withAsv } from './helpers';

const TEAM = '001234577';
const pet = (costs: unknown[], extra: Record<string, unknown> = {}) => ({ date: '2026-04-14', gop: '88500', teamNumber: TEAM, costs, ...extra });

describe('ASV Anlage 5 rule set', () => {
  const c = checker();

  it('KBV example: 88500 with 5011 = 5489 and no 5012 gets 5012 = 52458', () => {
    const r = c.check(KBV_EXAMPLE);
    expect(codes(r)).toEqual(['ASV-5012-FEHLT']);
    expect(r.findings[0]).toMatchObject({ severity: 'error', fields: ['5012'], index: 0, ruleSet: 'asv@2026.1', ruleId: 'asv.5012.missing' });
    expect(r.findings[0]!.message).toContain('52458');
    expect(r.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
  });

  it('accepts a correctly priced pseudo-GOP without findings', () => {
    expect(c.check(pet([{ description: '5489', cents: '52458' }]))).toEqual({ findings: [], corrections: [] });
    expect(c.check(pet([{ description: '5489', cents: 52458 }]))).toEqual({ findings: [], corrections: [] });
    // Leading zeros are not significant in the numeric field.
    expect(c.check(pet([{ description: '5489', cents: '0052458' }]))).toEqual({ findings: [], corrections: [] });
  });

  it('pseudo-GOP without team number (FK 5100) → error', () => {
    const r = c.check(pet([{ description: '5489', cents: '52458' }], { teamNumber: undefined }));
    expect(codes(r)).toEqual(['ASV-TEAMNR-FEHLT']);
    expect(r.findings[0]).toMatchObject({ severity: 'error', fields: ['5001', '5100'] });
    // An empty string counts as missing.
    expect(codes(c.check(pet([{ description: '5489', cents: '52458' }], { teamNumber: '' })))).toEqual(['ASV-TEAMNR-FEHLT']);
  });

  it('5011 missing → error; no correction when the row allows two numbers', () => {
    const none = c.check(pet([]));
    expect(codes(none)).toEqual(['ASV-5011-FEHLT']);
    expect(none.findings[0]!.message).toContain('5488, 5489');
    expect(none.corrections).toEqual([]);
    const pairWithout5011 = c.check(pet([{ cents: '52458' }]));
    expect(codes(pairWithout5011)).toEqual(['ASV-5011-FEHLT', 'KVDT-5012-OHNE-5011']);
    expect(pairWithout5011.corrections).toEqual([]);
  });

  it('5011 missing → a correction fills it when the row allows exactly one number', () => {
    const c1 = createChecker({
      ruleSets: mustLoad(
        withAsv((doc) => {
          doc.tables.pseudoGops.rows.push({ ...doc.tables.pseudoGops.rows[0], gop: '88599', goaeNumbers: ['5431'], fillGoae: '5431', label: 'U' });
        }),
      ),
    });
    const noPair = c1.check({ ...pet([]), gop: '88599' });
    expect(codes(noPair)).toEqual(['ASV-5011-FEHLT']);
    expect(noPair.corrections).toEqual([{ field: '5011', index: 0, value: '5431', ruleId: 'asv.5011.fill-no-pair' }]);
    const pair = c1.check({ ...pet([{ cents: '15738' }]), gop: '88599' });
    expect(pair.corrections).toEqual([{ field: '5011', index: 0, value: '5431', ruleId: 'asv.5011.fill' }]);
  });

  it('a fill number is refused at load time unless it is the only allowed number', () => {
    const twoAllowed = withAsv((doc) => {
      doc.tables.pseudoGops.rows[0].fillGoae = '5489';
    });
    expect(() => mustLoad(twoAllowed)).toThrow(/may only be set when "goaeNumbers" has exactly one item/);
    const other = withAsv((doc) => {
      doc.tables.pseudoGops.rows[0].goaeNumbers = ['5489'];
      doc.tables.pseudoGops.rows[0].fillGoae = '5488';
    });
    expect(() => mustLoad(other)).toThrow(/tables\/pseudoGops\/rows\/0\/fillGoae .*must then be that item/);
  });

  it('5011 not allowed for the pseudo-GOP → error, and no price correction', () => {
    const r = c.check(pet([{ description: '5431', cents: '15738' }]));
    expect(codes(r)).toEqual(['ASV-5011-UNZULAESSIG']);
    expect(r.findings[0]).toMatchObject({ fields: ['5011'], index: 0 });
    expect(r.corrections).toEqual([]);
    // Not a GOÄ number at all.
    expect(codes(c.check(pet([{ description: 'GOÄ 5489', cents: '52458' }])))).toEqual(['ASV-5011-UNZULAESSIG']);
  });

  it('5012 not equal to the computed price → error plus correction with the previous value', () => {
    const r = c.check(pet([{ description: '5488', cents: '41967' }]));
    expect(codes(r)).toEqual(['ASV-5012-FALSCH']);
    expect(r.findings[0]!.message).toContain('41966');
    expect(r.corrections).toEqual([{ field: '5012', index: 0, value: '41966', previous: '41967', ruleId: 'asv.5012.set-price' }]);
    // Text that is not whole cents is wrong too, and corrected.
    expect(c.check(pet([{ description: '5488', cents: '419,66' }])).corrections[0]).toMatchObject({ value: '41966', previous: '419,66' });
  });

  it('prices several 5011/5012 pairs on one service each on their own', () => {
    const r = c.check(pet([{ description: '5489', cents: '52458' }, { description: '5488' }, { description: '5489', cents: '1' }]));
    expect(r.findings.map((f) => [f.code, f.index])).toEqual([
      ['ASV-5012-FEHLT', 1],
      ['ASV-5012-FALSCH', 2],
    ]);
    expect(r.corrections).toEqual([
      { field: '5012', index: 1, value: '41966', ruleId: 'asv.5012.set-price' },
      { field: '5012', index: 2, value: '52458', previous: '1', ruleId: 'asv.5012.set-price' },
    ]);
  });

  it('pseudo-GOP on a date before the table validity → finding, no price correction', () => {
    const r = c.check({ date: '2014-12-31', gop: '88500', teamNumber: TEAM, costs: [{ description: '5489' }] });
    expect(codes(r)).toEqual(['ASV-PSEUDO-GOP-UNGUELTIG']);
    expect(r.findings[0]!.message).toContain('2015-01-01');
    expect(r.corrections).toEqual([]);
    // First valid day.
    expect(codes(c.check({ date: '2015-01-01', gop: '88500', teamNumber: TEAM, costs: [{ description: '5489' }] }))).toEqual(['ASV-5012-FEHLT']);
  });

  it('simple-rate-only GOÄ numbers get a warning and no price', () => {
    const c1 = createChecker({
      ruleSets: mustLoad(
        withAsv((doc) => {
          doc.tables.pseudoGops.rows[0].goaeNumbers.push('5480');
        }),
      ),
    });
    const r = c1.check(pet([{ description: '5480', cents: '4372' }]));
    expect(codes(r)).toEqual(['ASV-GOAE-EINFACHSATZ']);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(r.corrections).toEqual([]);
  });

  it('ordinary EBM services meet no ASV rule', () => {
    expect(c.check({ date: '2026-04-14', gop: '03000' })).toEqual({ findings: [], corrections: [] });
    expect(c.check({ date: '2016-01-04', gop: '50200', teamNumber: '001234566' })).toEqual({ findings: [], corrections: [] });
  });

  it('speaks English with locale "en"', () => {
    const r = checker('en').check(KBV_EXAMPLE);
    expect(r.findings[0]!.message).toBe('Price (FK 5012) for GOÄ number 5489 is missing; it is 52458 cents.');
  });
});

describe('KVDT field rules', () => {
  const c = checker();
  it('5012 without 5011 → warning', () => {
    const r = c.check({ date: '2026-04-14', gop: '40120', costs: [{ cents: '120' }] });
    expect(r.findings.map((f) => [f.code, f.severity, f.index])).toEqual([['KVDT-5012-OHNE-5011', 'warning', 0]]);
  });
  it('5012 > 999999 cent → warning (rule 710); 999999 is fine', () => {
    expect(codes(c.check({ date: '2026-04-14', gop: '40120', costs: [{ description: 'Stent', cents: '1000000' }] }))).toEqual(['KVDT-710']);
    expect(codes(c.check({ date: '2026-04-14', gop: '40120', costs: [{ description: 'Stent', cents: '999999' }] }))).toEqual([]);
  });
  it('applies from the version read (Q2/2026), not before', () => {
    expect(codes(c.check({ date: '2026-03-31', gop: '40120', costs: [{ cents: '1000000' }] }))).toEqual([]);
  });
});
