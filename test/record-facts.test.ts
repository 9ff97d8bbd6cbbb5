import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { RuleSetSource } from '../plugin-api/types';
import { demoRuleSet } from './helpers';

/** One rule set; each rule fires when its conditions hold and shows {v}. */
function ruleSet(rules: { name: string; all: Record<string, unknown>[]; v: Record<string, unknown> }[]): RuleSetSource {
  const doc = demoRuleSet({
    validFrom: '2025-01-01',
    rules: rules.map(({ name, all, v }) => ({
      name,
      conditions: { all },
      event: { type: 'finding', params: { code: name.toUpperCase().replace(/[^A-Z0-9]+/g, '-'), severity: 'info', message: { de: '{v}', en: '{v}' }, fields: ['5001'], source: 'Test', v } },
    })),
  });
  return { name: 'rules/demo/2026.1/ruleset.json', text: JSON.stringify(doc) };
}
const field = (fk: string, path?: string) => ({ fact: 'kvdtField', params: { fk }, ...(path ? { path } : {}) });

function checker(rules: Parameters<typeof ruleSet>[0], options: { checkDate?: string } = {}) {
  const r = loadRuleSets([ruleSet(rules)]);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return createChecker({ ruleSets: r.bundle, ...options });
}
const messages = (c: ReturnType<typeof checker>, entry: unknown) => c.check(entry).findings.map((f) => `${f.code}: ${f.message}`);

const HDRG = {
  gop: 'G24M',
  hybridDrg: { code: 'G24M', start: '2025-10-06', end: '2025-01-07', opDate: '2025-11-07', admissionWeight: '3200' },
  patient: { birthDate: '1960-04-04', sex: 'U' },
  case: { recordType: 'hdrg1', insuranceStart: '2025-04-01', insuranceEnd: '2025-11-01', validity: { from: '2025-10-01', until: '2025-10-31' }, cardRead: '2025-10-06', fileCreated: '2025-10-20', referral: { '4218': '123456700' } },
};

describe('facts that read an entry as its KVDT record', () => {
  it('kvdtField compares fields as the KBV rule tables write them (FK 5034 ≤ FK 4110, 4125 as a period)', () => {
    const c = checker([
      { name: 'r321', all: [field('5034', undefined), { ...field('5034'), operator: 'greaterThan', value: field('4110') }, { ...field('4110'), operator: 'notEqual', value: null }], v: field('4110') },
      { name: 'r366', all: [{ ...field('5029'), operator: 'lessThan', value: field('4125', '$.from') }], v: field('4125', '$.from') },
      { name: 'sex', all: [{ ...field('3110'), operator: 'notIn', value: ['M', 'W', 'X', 'D'] }], v: field('3110') },
      { name: 'weight', all: [{ ...field('3111'), operator: 'equal', value: 3200 }], v: field('3111') },
      { name: 'referral', all: [{ ...field('4218'), operator: 'notEqual', value: null }], v: field('4218') },
      { name: 'no4242', all: [{ ...field('4242'), operator: 'equal', value: null }], v: field('4242') },
    ].map((r) => ({ ...r, all: r.all.filter((x) => 'operator' in x) })));
    expect(messages(c, HDRG)).toEqual(['R321: 2025-11-01', 'R366: 2025-10-01', 'SEX: U', 'WEIGHT: 3200', 'REFERRAL: 123456700', 'NO4242: –']);
    // A date that is no date is no value: nothing compares with it.
    expect(messages(c, { ...HDRG, case: { ...HDRG.case, insuranceEnd: '01.11.2025', validity: { from: '2025-10-01', until: 'x' } } })).toEqual(['SEX: U', 'WEIGHT: 3200', 'REFERRAL: 123456700', 'NO4242: –']);
  });

  it('kvdtField knows the fields it names and refuses others', () => {
    const r = loadRuleSets([ruleSet([{ name: 'xx', all: [{ ...field('9999'), operator: 'equal', value: 'a' }], v: { fact: 'gop' } }])]);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.pointer).toBe('/rules/0/conditions/all/0/params/fk');
  });

  it('checkDate: the checker option, else the file creation date; the birth date after it (KVDT rule 304)', () => {
    const rules = [{ name: 'r304', all: [{ fact: 'checkDate', operator: 'notEqual', value: null }, { ...field('3103'), operator: 'greaterThan', value: { fact: 'checkDate' } }], v: { fact: 'checkDate' } }];
    const future = { ...HDRG, patient: { birthDate: '2025-12-24' } };
    expect(messages(checker(rules), future)).toEqual(['R304: 2025-10-20']);
    expect(messages(checker(rules, { checkDate: '2026-01-05' }), future)).toEqual([]);
    expect(messages(checker(rules), { ...future, case: {} })).toEqual([]);
    // A birth date with 00 parts compares as written.
    expect(messages(checker(rules), { ...HDRG, patient: { birthDate: '2025-11-00' } })).toEqual(['R304: 2025-10-20']);
    const bad = checker(rules, { checkDate: '5.1.2026' });
    expect(bad.contextProblems.map((p) => p.code)).toEqual(['check-date']);
    expect(messages(bad, future)).toEqual(['R304: 2025-10-20']);
  });

  it('patientAgeAt: full years on the date of a field (KVDT rule 390: 5028 − 3103)', () => {
    const c = checker([{ name: 'r390', all: [{ fact: 'patientAgeAt', params: { fk: '5028' }, operator: 'lessThanInclusive', value: 1 }, { fact: 'patientAgeAt', params: { fk: '5028' }, operator: 'notEqual', value: null }], v: { fact: 'patientAgeAt', params: { fk: '5028' } } }]);
    expect(messages(c, { ...HDRG, patient: { birthDate: '2023-10-07' } })).toEqual(['R390: 1']);
    expect(messages(c, { ...HDRG, patient: { birthDate: '2023-10-06' } })).toEqual([]);
    expect(messages(c, { ...HDRG, patient: { birthDate: '2024-10-00' } })).toEqual([]);
    expect(loadRuleSets([ruleSet([{ name: 'xx', all: [{ fact: 'patientAgeAt', params: { fk: '5001' }, operator: 'equal', value: 1 }], v: { fact: 'gop' } }])]).ok).toBe(false);
  });

  it('recordType and caseHead: record rules skip entries without a record, case rules run on the first service of a case only', () => {
    const c = checker([
      { name: 'rec', all: [{ fact: 'recordType', operator: 'in', value: ['0101', '0102', '0104'] }, { fact: 'lanr', operator: 'equal', value: null }], v: { fact: 'recordType' } },
      { name: 'head', all: [{ fact: 'caseHead', operator: 'equal', value: true }, { fact: 'recordType', operator: 'equal', value: '0102' }], v: { fact: 'recordType' } },
    ]);
    const entry = (kase?: Record<string, unknown>) => ({ date: '2026-01-05', gop: '01100', ...(kase ? { case: kase } : {}) });
    expect(messages(c, entry({ recordType: '0102' }))).toEqual(['REC: 0102', 'HEAD: 0102']);
    expect(messages(c, entry({ recordType: '0102', serviceIndex: 0 }))).toEqual(['REC: 0102', 'HEAD: 0102']);
    expect(messages(c, entry({ recordType: '0102', serviceIndex: 3 }))).toEqual(['REC: 0102']);
    expect(messages(c, entry({ recordType: '0103' }))).toEqual([]);
    // Without a record type neither rule is even looked at.
    expect(c.explain(entry()).rules).toEqual([]);
    expect(c.explain(entry({ recordType: '0101', serviceIndex: 2 })).rules.map((r) => r.ruleId)).toEqual(['rec']);
  });
});
