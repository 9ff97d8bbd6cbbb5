import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { LoadProblem, RuleSetSource } from '../plugin-api/types';
import { KBV_EXAMPLE as KBV, bundled, bundledSources, demoRuleSet, withAsv } from './helpers';

const catalogue = () => bundledSources().find((s) => s.name.endsWith('goae.json'))!;

/** A minimal valid rule set, one key per line so positions are easy to state. */
const ruleSet = demoRuleSet;
const src = (doc: unknown, name = 'rules/demo/2026.1/ruleset.json'): RuleSetSource => ({ name, text: JSON.stringify(doc, null, 2) });
const problemsOf = (sources: RuleSetSource[]): LoadProblem[] => {
  const r = loadRuleSets(sources);
  expect(r.ok).toBe(false);
  return r.problems;
};
const summary = (p: LoadProblem) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.code}`;

describe('loading', () => {
  it('loads the bundled rule sets and catalogue without problems; it notes the rules that wait for the host\'s master files', () => {
    const r = loadRuleSets(bundledSources());
    expect(r.ok && r.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(r.problems.every((p) => p.code === 'inactive-rules')).toBe(true);
    expect(bundled().ruleSets).toEqual(['asv@2026.1', 'bv@2026.1', 'hdrg@2024.1', 'hdrg@2025.1', 'hdrg@2026.1', 'kvdt@2026.1']);
  });

  it('reports schema problems with file, pointer and line:column – all of them', () => {
    const text = [
      '{',
      '  "kind": "ruleset",',
      '  "id": "Demo",',
      '  "version": "2026.1",',
      '  "title": { "de": "x", "en": "x" },',
      '  "validFrom": "2026-01-01",',
      '  "sources": [{ "id": "s", "title": "t", "date": "2026-01-01" }],',
      '  "rules": [',
      '    { "name": "r", "conditions": { "all": [] }, "event": { "type": "finding", "params": { "code": "X1", "severity": "fatal", "message": { "de": "d", "en": "e" }, "fields": [], "source": "s" } } }',
      '  ],',
      '  "extra": true',
      '}',
    ].join('\n');
    const problems = problemsOf([{ name: 'bad.json', text }, catalogue()]);
    expect(problems.map(summary)).toEqual([
      'bad.json:11:3 /extra schema',
      'bad.json:3:3 /id schema',
      'bad.json:9:105 /rules/0/event/params/severity schema',
    ]);
    expect(problems.find((p) => p.pointer === '/extra')!.message).toBe('Unbekannte Angabe "extra".');
    expect(problems.find((p) => p.pointer === '/rules/0/event/params/severity')!.messageEn).toContain('"error", "warning", "info"');
  });

  it('reports a JSON syntax error at its position', () => {
    const problems = problemsOf([{ name: 'broken.json', text: '{\n  "kind": "ruleset",\n  "id": \n}' }]);
    expect(problems.map(summary)).toEqual(['broken.json:4:1  syntax']);
  });

  it('an unknown fact or operator in a condition is a schema problem (the schema lists the facts), one message each', () => {
    const doc = ruleSet({ rules: [{ name: 'demo.one', conditions: { all: [{ fact: 'gopp', operator: 'equal', value: '1' }, { fact: 'gop', operator: 'equals', value: '1' }] }, event: { type: 'correction', params: { field: '5012', value: 'x' } } }] });
    const problems = problemsOf([src(doc), catalogue()]);
    expect(problems.map((p) => `${p.pointer} ${p.code} ${p.messageEn}`)).toEqual([
      '/rules/0/conditions/all/0/fact schema Unknown fact (the facts: docs/facts.md, or the completion in the editor).',
      '/rules/0/conditions/all/1/operator schema Unknown operator (the operators: docs/facts.md).',
    ]);
  });

  it('reports semantic problems: unknown fact, named condition, bad path, scope, placeholder', () => {
    const doc = ruleSet({
      conditions: { loopA: { all: [{ condition: 'loopB' }] }, loopB: { any: [{ condition: 'loopA' }] } },
      rules: [
        {
          name: 'demo.one',
          conditions: {
            all: [
              { fact: 'gop', operator: 'equal', value: { fact: 'gopp' } },
              { fact: 'gop', operator: 'equal', value: { fact: 'gop', extra: 1 } },
              { condition: 'nope' },
              { fact: 'patient', path: '$..birthDate', operator: 'equal', value: '1' },
              { fact: 'cost5011', operator: 'equal', value: null },
              { condition: 'loopA' },
            ],
          },
          event: { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: '{missing}', en: 'x' }, fields: [], source: 'Test' } },
        },
        { name: 'demo.one', conditions: { any: [] }, event: { type: 'correction', params: { field: '5012', value: 'x' } } },
      ],
    });
    const problems = problemsOf([src(doc), catalogue()]);
    expect(problems.map((p) => `${p.pointer} ${p.code}`)).toEqual([
      '/rules/0/conditions/all/0/value/fact unknown-fact',
      '/rules/0/conditions/all/1/value/extra fact-reference',
      '/rules/0/conditions/all/2/condition unknown-condition',
      '/rules/0/conditions/all/3/path path',
      '/rules/0/conditions/all/4/fact fact-scope',
      '/conditions/loopB/any/0/condition condition-cycle',
      '/rules/0/event/params/message/de placeholder',
      '/rules/1/name duplicate-rule',
    ]);
    for (const p of problems) expect(p.line).toBeGreaterThan(1);
  });

  it('checks tables: columns, types, sources, GOÄ numbers against the catalogue', () => {
    const doc = ruleSet({
      catalogues: ['goae'],
      tables: {
        t: {
          description: { de: 'T', en: 'T' },
          columns: { gop: { type: 'string' }, n: { type: 'goae[]' }, from: { type: 'date' } },
          rows: [
            { gop: '1', n: ['5489', '99999'], from: '2026-02-30', source: 'src', label: 'C' },
            { gop: 2, n: [], source: 'elsewhere', label: 'S', extra: 1 },
          ],
        },
      },
    });
    const problems = problemsOf([src(doc), catalogue()]);
    expect(problems.map((p) => `${p.pointer} ${p.code}`)).toEqual([
      '/tables/t/rows/0/n/1 goae-unknown',
      '/tables/t/rows/0/from column-type',
      '/tables/t/rows/1/source unknown-source',
      '/tables/t/rows/1/extra unknown-column',
      '/tables/t/rows/1/gop column-type',
      '/tables/t/rows/1 missing-column',
    ]);
  });

  it('rejects overlapping validity of two versions of one rule set, and validUntil before validFrom', () => {
    const v1 = ruleSet({ version: '2026.1', validFrom: '2026-01-01', validUntil: '2026-06-30' });
    const v2 = ruleSet({ version: '2026.2', validFrom: '2026-06-30', validUntil: null });
    const problems = problemsOf([src(v1, 'a.json'), src(v2, 'b.json')]);
    expect(problems.map(summary)).toEqual(['b.json:9:3 /validFrom overlapping-validity']);
    const backwards = problemsOf([src(ruleSet({ validFrom: '2026-06-01', validUntil: '2026-01-01' }))]);
    expect(backwards.map((p) => p.code)).toEqual(['validity']);
  });

  it('picks the version valid on the service date, never the clock', () => {
    const v1 = ruleSet({ version: '2026.1', validFrom: '2026-01-01', validUntil: '2026-03-31' });
    const v2 = ruleSet({ version: '2026.2', validFrom: '2026-04-01', validUntil: null });
    (v2.rules as any[])[0].event.params.message = { de: 'neu {gop}', en: 'new {gop}' };
    const r = loadRuleSets([src(v1, 'a.json'), src(v2, 'b.json')]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = createChecker({ ruleSets: r.bundle });
    const at = (date: string) => c.check({ date, gop: '01234' }).findings.map((f) => `${f.ruleSet} ${f.message}`);
    expect(at('2025-12-31')).toEqual([]);
    expect(at('2026-03-31')).toEqual(['demo@2026.1 D 01234']);
    expect(at('2026-04-01')).toEqual(['demo@2026.2 neu 01234']);
    expect(at('2030-01-01')).toEqual(['demo@2026.2 neu 01234']);
  });

  it('never throws on garbage sources', () => {
    for (const bad of [null, undefined, 42, [{}], [{ name: 'x', text: 42 }], [{ name: 'x', text: '[]' }], [{ name: 'x', text: '{"kind":"catalogue"}' }]]) {
      const r = loadRuleSets(bad as never);
      expect(typeof r.ok).toBe('boolean');
    }
    expect(loadRuleSets([{ name: 'x', text: '[]' }]).ok).toBe(false);
  });

  it('warns about rules that can never fire', () => {
    const doc = ruleSet({
      rules: [
        {
          name: 'demo.never',
          conditions: { all: [{ fact: 'gop', operator: 'equal', value: '1' }, { fact: 'gop', operator: 'in', value: ['2', '3'] }] },
          event: { type: 'correction', params: { field: '5012', value: '1' } },
        },
      ],
    });
    const r = loadRuleSets([src(doc)]);
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => `${p.severity} ${p.code} ${p.pointer}`)).toEqual(['warning unreachable-rule /rules/0/conditions']);
  });

  it('a rule set that holds no namedParams, param or after key is taken as written; one that holds one is still walked for it', () => {
    // Without them the loader skips the walks that put named params and parameters in and place rules (parseJson's watched keys).
    const plain = loadRuleSets([src(ruleSet())]);
    expect(plain.ok && plain.problems).toEqual([]);
    const leaf = { fact: 'costCount', operator: 'greaterThan', value: { param: 'most' } };
    const referred = ruleSet({ rules: [{ ...(ruleSet().rules as object[])[0]!, conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }, leaf] } }] });
    expect(problemsOf([src(referred)]).map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/0/conditions/all/1/value/param unknown-parameter']);
    const named = ruleSet({ rules: [{ ...(ruleSet().rules as object[])[0]!, conditions: { all: [{ fact: 'tableRow', namedParams: 'none', operator: 'notEqual', value: null }] } }] });
    expect(problemsOf([src(named)]).map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/0/conditions/all/0/namedParams named-params']);
    const placed = ruleSet({ rules: [{ ...(ruleSet().rules as object[])[0]!, after: 'demo.rule' }] });
    expect(problemsOf([src(placed)]).map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/0/after extends-needed', '/rules/0/after after-unknown']);
  });

  it('a named condition says the same to every rule that uses it (it is walked once): the fee numbers each rule can fire for', () => {
    const event = { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: 'D', en: 'E' }, fields: ['5001'], source: 'Test' } };
    const rule = (name: string, all: unknown[]) => ({ name, conditions: { all }, event });
    const doc = ruleSet({
      conditions: { oneOrTwo: { any: [{ fact: 'gop', operator: 'equal', value: '1' }, { fact: 'gop', operator: 'equal', value: '2' }] } },
      rules: [
        rule('demo.one', [{ fact: 'gop', operator: 'equal', value: '1' }, { condition: 'oneOrTwo' }]),
        rule('demo.two', [{ condition: 'oneOrTwo' }, { fact: 'gop', operator: 'equal', value: '2' }]),
        rule('demo.three', [{ condition: 'oneOrTwo' }, { fact: 'gop', operator: 'equal', value: '3' }]),
      ],
    });
    const r = loadRuleSets([src(doc)]);
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => `${p.code} ${p.pointer}`)).toEqual(['unreachable-rule /rules/2/conditions']);
    const checker = createChecker({ ruleSets: r.ok ? r.bundle : (undefined as never) });
    const fired = (gop: string) => checker.check({ ...KBV, date: '2026-03-02', gop }).findings.length;
    expect([fired('1'), fired('2'), fired('3')]).toEqual([1, 1, 0]);
  });

  it('a comparison met again is compiled once, and each use still reports its own problem at its own place', () => {
    const event = { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: 'D', en: 'E' }, fields: ['5001'], source: 'Test' } };
    const gop = { fact: 'gop', operator: 'equal', value: '1' };
    const pairFact = { fact: 'cost5012', operator: 'equal', value: '100' };
    const rule = (name: string, scope: 'entry' | 'cost') => ({ name, scope, conditions: { all: [gop, pairFact] }, event });
    // A pair's fact is fine in a pair rule and wrong in an entry rule, however often either is met.
    const doc = ruleSet({ rules: [rule('demo.a', 'cost'), rule('demo.b', 'entry'), rule('demo.c', 'entry'), rule('demo.d', 'cost')] });
    expect(problemsOf([src(doc)]).map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/1/conditions/all/1/fact fact-scope', '/rules/2/conditions/all/1/fact fact-scope']);
    // 1 and "1" are two comparisons (strict equality), not one met again.
    const count = (name: string, value: unknown) => ({ name, conditions: { all: [gop, { fact: 'costCount', operator: 'equal', value }] }, event });
    const loaded = loadRuleSets([src(ruleSet({ rules: [count('demo.number', 1), count('demo.text', '1')] }))]);
    const checker = createChecker({ ruleSets: loaded.ok ? loaded.bundle : (undefined as never) });
    expect(checker.check({ ...KBV, date: '2026-03-02', gop: '1' }).findings.map((f) => f.ruleId)).toEqual(['demo.number']);
  });

  it('warns about a version without any rule (own or inherited): it would pass everything', () => {
    const empty = ruleSet({ rules: [] });
    const r = loadRuleSets([src(empty)]);
    expect(r.ok).toBe(true);
    expect(r.problems.map((p) => `${p.severity} ${p.code} ${p.pointer}`)).toEqual(['warning no-rules /rules']);
    expect(r.problems[0]!.line).toBeGreaterThan(1);
  });

  it('a named condition whose root is a single comparison is an error (json-rules-engine refuses it, so the reference could not run the rule set)', () => {
    const doc = ruleSet({
      conditions: { isDemo: { fact: 'gop', operator: 'equal', value: '01234' }, wrapped: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }] } },
      rules: [{ name: 'demo.named', conditions: { all: [{ condition: 'isDemo' }, { condition: 'wrapped' }] }, event: { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: 'D', en: 'E' }, fields: ['5001'], source: 'Test' } } }],
    });
    const r = loadRuleSets([src(doc)]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.severity} ${p.code} ${p.pointer}`)).toEqual(['error condition-root /conditions/isDemo']);
  });

  it('a bad rule set never replaces a good one in a running checker', () => {
    const c = createChecker({ ruleSets: bundled() });
    const before = c.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] });
    const bad = loadRuleSets(
      withAsv((doc) => {
        doc.rules[0].conditions.all[0].fact = 'noSuchFact';
      }),
    );
    expect(bad.ok).toBe(false);
    expect(c.replaceRuleSets(bad)).toBe(false);
    expect(c.ruleSets).toBe(bundled());
    expect(c.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] })).toEqual(before);
    const good = loadRuleSets(bundledSources());
    expect(c.replaceRuleSets(good)).toBe(true);
    expect(c.ruleSets).not.toBe(bundled());
  });

  it('rejects adversarial rule sets with a located error, and a running checker keeps the last good one', () => {
    const c = createChecker({ ruleSets: bundled() });
    const good = c.check(KBV);
    const rule = (conditions: unknown) => JSON.stringify(ruleSet({ rules: [{ name: 'x', conditions, event: { type: 'correction', params: { field: '5012', value: '1' } } }] }));
    const deep = rule({ all: [] }).replace('{"all":[]}', `${'{"all":['.repeat(10_000)}{"fact":"gop","operator":"equal","value":"1"}${']}'.repeat(10_000)}`);
    const cases: [string, string, string][] = [
      ['10,000-deep nesting', deep, 'syntax'],
      ['prototype key', rule({ all: [{ fact: 'gop', operator: 'equal', value: '1' }] }).replace('"rules":', '"__proto__": {}, "rules":'), 'forbidden-key'],
      ['regular expression operator', rule({ all: [{ fact: 'gop', operator: 'matches', value: '(a+)+$' }] }), 'schema'],
      ['non-finite number', rule({ all: [{ fact: 'costCount', operator: 'greaterThan', value: 0 }] }).replace('"value":0', '"value":1e999'), 'non-finite-number'],
      ['absurd size', rule({ all: [] }).replace('"rules":', `"padding": "${'x'.repeat(33 * 1024 * 1024)}", "rules":`), 'too-large'],
    ];
    for (const [what, text, code] of cases) {
      const r = loadRuleSets([...bundledSources(), { name: 'boese.json', text }]);
      expect(r.ok, what).toBe(false);
      const p = r.problems.find((x) => x.file === 'boese.json')!;
      expect([what, p.code]).toEqual([what, code]);
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(c.replaceRuleSets(r)).toBe(false);
    }
    expect(c.check(KBV)).toEqual(good);
  });
});
