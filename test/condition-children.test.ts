/**
 * The walks over a rule's condition tree that go through eachChild (rule-analysis.ts) reach
 * every child: of `all`, of `any` and the `not`, at any depth. The parameters a rule uses (for
 * the hints about values written into messages) and the rules that read a batch counter (which
 * entries the counter must count) are each found under all three.
 */
import { describe, expect, it } from 'vitest';
import type { ConditionDoc, RuleDoc, RuleSetDoc } from '../src/model';
import { eachChild } from '../src/compile/rule-analysis';
import { parametersOfRule } from '../src/load/parameters';
import { internalsOf } from '../src/compile/bundle';
import { demoRuleSet, mustLoad } from './helpers';

const leaf = (value: unknown): ConditionDoc => ({ fact: 'costCount', operator: 'greaterThan', value }) as ConditionDoc;

describe('eachChild', () => {
  it('visits the children of all, then of any, then the not, and nothing else', () => {
    const [a, b, c, d] = [leaf(1), leaf(2), leaf(3), leaf(4)];
    const seen: ConditionDoc[] = [];
    eachChild({ all: [a, b], any: [c], not: d, condition: 'named' } as ConditionDoc, (x) => seen.push(x));
    expect(seen).toEqual([a, b, c, d]);
    seen.length = 0;
    eachChild(a, (x) => seen.push(x));
    expect(seen).toEqual([]);
  });
});

describe('walks through eachChild', () => {
  it('finds a parameter compared under all, any and not', () => {
    const param = (name: string) => leaf({ param: name });
    const rule = { name: 'r', conditions: { all: [param('a'), { any: [param('b'), { not: param('c') }] }] } } as unknown as RuleDoc;
    expect([...parametersOfRule(rule, {} as RuleSetDoc, () => [])].sort()).toEqual(['a', 'b', 'c']);
  });

  it('lets a batch counter count the fee numbers of every rule that reads it, also under any and not', () => {
    const counter = { fact: 'batchCount', params: { per: 'patientDay', match: 'sameGop' }, operator: 'greaterThan', value: 0 };
    const finding = (code: string) => ({ type: 'finding', params: { code, severity: 'info', message: { de: 'x', en: 'x' }, fields: ['5001'], source: 'src' } });
    const gop = (value: string) => ({ fact: 'gop', operator: 'equal', value });
    const doc = demoRuleSet({
      rules: [
        { name: 'in.all', conditions: { all: [gop('10000'), counter] }, event: finding('TEST-ALL') },
        { name: 'in.any', conditions: { all: [gop('20000'), { any: [leaf(5), counter] }] }, event: finding('TEST-ANY') },
        { name: 'in.not', conditions: { all: [gop('30000'), { not: counter }] }, event: finding('TEST-NOT') },
      ],
    });
    const bundle = mustLoad([{ name: 'test/counting.json', text: JSON.stringify(doc) }]);
    const counters = internalsOf(bundle)!.versions.flatMap((v) => v.env.counters);
    expect(counters.map((c) => [...(c.restrictTo ?? [])].sort())).toEqual([['10000', '20000', '30000']]);
  });
});
