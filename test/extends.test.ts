/**
 * Versions that extend versions: what is inherited, replaced and removed, where problems are
 * located, and the effective difference between versions.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { LoadProblem, RuleSetBundle, RuleSetSource } from '../plugin-api/types';
import { internalsOf } from '../src/compile/bundle';
import type { CompiledVersion } from '../src/compile/rule-set';
import { ROOT, bundled, bundledSources } from './helpers';
import { runCli } from '../src/cli/main';
import { diffLoadedVersions } from '../src/tooling/diff';

const catalogue = () => bundledSources().find((s) => s.name.endsWith('goae.json'))!;
const summary = (p: LoadProblem) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.code}`;

const finding = (code: string, de = code) => ({ type: 'finding', params: { code, severity: 'info', message: { de, en: de }, fields: ['5001'], source: 'Test' } });
const rule = (name: string, gop: string, code = name.toUpperCase().replace(/\./g, '-')) => ({ name, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }] }, event: finding(code) });

function base(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'ruleset',
    id: 'demo',
    version: '2025.1',
    title: { de: 'Demo 2025', en: 'Demo 2025' },
    validFrom: '2025-01-01',
    validUntil: '2025-12-31',
    sources: [{ id: 'src', title: 'Quelle', date: '2025-01-01' }],
    tables: {
      prices: {
        description: { de: 'Preise', en: 'Prices' },
        columns: { gop: { type: 'string' }, euro: { type: 'decimal' } },
        rows: [
          { gop: '01001', euro: '10.00', source: 'src', label: 'C' },
          { gop: '01002', euro: '20.00', source: 'src', label: 'C' },
        ],
      },
    },
    conditions: { known: { all: [{ fact: 'tableRow', params: { table: 'prices', column: 'gop', equalsFact: 'gop' }, operator: 'notEqual', value: null }] } },
    rules: [
      rule('demo.a', '01001'),
      rule('demo.b', '01002'),
      {
        name: 'demo.price',
        conditions: { all: [{ condition: 'known' }] },
        event: { type: 'finding', params: { code: 'DEMO-PREIS', severity: 'info', message: { de: '{price:euro}', en: '{price:euro}' }, fields: ['5001'], source: 'Test', price: { fact: 'tableRow', params: { table: 'prices', column: 'gop', equalsFact: 'gop' }, path: '$.euro' } } },
      },
    ],
    ...over,
  };
}

function child(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'ruleset', id: 'demo', version: '2026.1', extends: 'demo@2025.1', title: { de: 'Demo 2026', en: 'Demo 2026' }, validFrom: '2026-01-01', validUntil: null, ...over };
}

const src = (doc: unknown, name: string): RuleSetSource => ({ name, text: JSON.stringify(doc, null, 2) });
const load = (...docs: [unknown, string][]) => loadRuleSets([...docs.map(([d, n]) => src(d, n)), catalogue()]);
const problemsOf = (...docs: [unknown, string][]): LoadProblem[] => {
  const r = load(...docs);
  expect(r.ok).toBe(false);
  return r.problems;
};
const version = (bundle: RuleSetBundle, key: string): CompiledVersion => internalsOf(bundle)!.versions.find((v) => v.key === key)!;
const codesOn = (bundle: RuleSetBundle, entry: Record<string, unknown>) => createChecker({ ruleSets: bundle }).check(entry).findings.map((f) => `${f.ruleSet} ${f.code} ${f.message}`);

describe('a version that extends another', () => {
  it('inherits rules, named conditions, tables and sources, and holds only what changes', () => {
    const r = load([base(), 'demo-2025.json'], [child(), 'demo-2026.json']);
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    expect(r.bundle.ruleSets).toEqual(['demo@2025.1', 'demo@2026.1']);
    expect(codesOn(r.bundle, { date: '2026-03-01', gop: '01001' })).toEqual(['demo@2026.1 DEMO-A DEMO-A', 'demo@2026.1 DEMO-PREIS 10,00 €']);
    const v = version(r.bundle, 'demo@2026.1');
    expect(v.base).toBe('demo@2025.1');
    expect(v.doc.sources.map((s) => s.id)).toEqual(['src']);
    expect('extends' in v.doc).toBe(false);
  });

  it('replaces a rule by id in its place, adds new rules at the end or after a named rule, and removes by id', () => {
    const r = load(
      [base(), 'demo-2025.json'],
      [child({ remove: { rules: ['demo.b'] }, rules: [rule('demo.a', '01002', 'A-NEU'), rule('demo.z', '01001'), { ...rule('demo.n', '01001'), after: 'demo.a' }] }), 'demo-2026.json'],
    );
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    expect(version(r.bundle, 'demo@2026.1').doc.rules.map((x) => x.name)).toEqual(['demo.a', 'demo.n', 'demo.price', 'demo.z']);
    expect(codesOn(r.bundle, { date: '2026-03-01', gop: '01002' })).toEqual(['demo@2026.1 A-NEU A-NEU', 'demo@2026.1 DEMO-PREIS 20,00 €']);
    // The base is unchanged.
    expect(codesOn(r.bundle, { date: '2025-03-01', gop: '01002' })).toEqual(['demo@2025.1 DEMO-B DEMO-B', 'demo@2025.1 DEMO-PREIS 20,00 €']);
    // No trace of the authoring keys in what the evaluators see.
    expect(JSON.stringify(version(r.bundle, 'demo@2026.1').doc)).not.toMatch(/"after"|"remove"|"extends"/);
  });

  it('changes parts of an inherited rule by id ("change"): description, priority, single finding params; its conditions and place stay', () => {
    const r = load(
      [base(), 'demo-2025.json'],
      [child({ change: { rules: { 'demo.price': { description: { de: 'Preis 2026', en: 'Price 2026' }, event: { params: { source: 'Neue Quelle 2026', message: { de: 'Preis {price:euro}', en: 'Price {price:euro}' } } } } } } }), 'demo-2026.json'],
    );
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    const now = version(r.bundle, 'demo@2026.1').doc;
    const before = version(r.bundle, 'demo@2025.1').doc;
    expect(now.rules.map((x) => x.name)).toEqual(before.rules.map((x) => x.name));
    const [a, b] = [now.rules[2]!, before.rules[2]!];
    expect(a.conditions).toEqual(b.conditions);
    expect(a.description).toEqual({ de: 'Preis 2026', en: 'Price 2026' });
    expect(a.event.params).toEqual({ ...b.event.params, source: 'Neue Quelle 2026', message: { de: 'Preis {price:euro}', en: 'Price {price:euro}' } });
    const f = createChecker({ ruleSets: r.bundle }).check({ date: '2026-03-01', gop: '01001' }).findings.find((x) => x.code === 'DEMO-PREIS')!;
    expect([f.message, f.source]).toEqual(['Preis 10,00 €', 'Neue Quelle 2026']);
    expect(codesOn(r.bundle, { date: '2025-03-01', gop: '01001' })).toContain('demo@2025.1 DEMO-PREIS 10,00 €');
    expect(JSON.stringify(now)).not.toMatch(/"change"/);
  });

  it('"change": an unknown rule, a rule also written or removed, a correction\'s event, a version that extends nothing — located', () => {
    const correction = { name: 'demo.fix', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01001' }] }, event: { type: 'correction', params: { field: '5012', value: '100' } } };
    const problems = problemsOf(
      [base({ rules: [...(base()['rules'] as unknown[]), correction] }), 'demo-2025.json'],
      [child({ remove: { rules: ['demo.b'] }, rules: [rule('demo.a', '01002')], change: { rules: { 'demo.nix': { priority: 2 }, 'demo.a': { priority: 2 }, 'demo.b': { priority: 2 }, 'demo.fix': { event: { params: { source: 'x' } } } } } }), 'demo-2026.json'],
    );
    expect(problems.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/change/rules/demo.nix change-unknown', '/change/rules/demo.a change-and-define', '/change/rules/demo.b change-and-define', '/change/rules/demo.fix/event change-event']);
    expect(problemsOf([base({ change: { rules: { 'demo.a': { priority: 2 } } } }), 'demo-2025.json']).map((p) => `${p.pointer} ${p.code}`)).toEqual(['/change extends-needed']);
  });

  it('a problem in a changed part is located in the "change" entry, one in an inherited part in the base', () => {
    const problems = problemsOf([base(), 'demo-2025.json'], [child({ change: { rules: { 'demo.price': { event: { params: { message: { de: '{nix}', en: '{nix}' } } } } } } }), 'demo-2026.json']);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(`${p.file} ${p.pointer}`).toMatch(/^demo-2026\.json \/change\/rules\/demo\.price\/event\/params\/message/);
  });

  it('a part changed two versions back is still located in that version\'s "change" entry when a later version changes another part', () => {
    const grandchild = { ...child({ version: '2027.1', extends: 'demo@2026.1', validFrom: '2027-01-01', title: { de: 'Demo 2027', en: 'Demo 2027' } }), change: { rules: { 'demo.price': { priority: 5 } } } };
    const middle = child({ validUntil: '2026-12-31', change: { rules: { 'demo.price': { event: { params: { message: { de: '{nix}', en: '{nix}' } } } } } } });
    const problems = problemsOf([base(), 'demo-2025.json'], [middle, 'demo-2026.json'], [grandchild, 'demo-2027.json']);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(`${p.file} ${p.pointer}`).toMatch(/^demo-2026\.json \/change\/rules\/demo\.price\/event\/params\/message/);
  });

  it('namedParams: a fact\'s params written once, used in conditions, named conditions and messages, inherited by an extending version', () => {
    const known = { fact: 'tableRow', namedParams: 'priceRow', operator: 'notEqual', value: null };
    const named = base({
      namedParams: { priceRow: { table: 'prices', column: 'gop', equalsFact: 'gop' } },
      conditions: { known: { all: [known] } },
    });
    (named['rules'] as { event: { params: Record<string, unknown> } }[])[2]!.event.params['price'] = { fact: 'tableRow', namedParams: 'priceRow', path: '$.euro' };
    const r = load([named, 'demo-2025.json'], [child({ rules: [{ name: 'demo.known', conditions: { all: [known] }, event: finding('BEKANNT') }] }), 'demo-2026.json']);
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    // The same as written with params, for both evaluators: nothing of the name is left.
    const plain = load([base(), 'demo-2025.json']);
    if (!plain.ok) throw new Error('base does not load');
    expect(version(r.bundle, 'demo@2025.1').doc.conditions).toEqual(version(plain.bundle, 'demo@2025.1').doc.conditions);
    expect(version(r.bundle, 'demo@2025.1').doc.rules).toEqual(version(plain.bundle, 'demo@2025.1').doc.rules);
    expect(JSON.stringify(version(r.bundle, 'demo@2026.1').doc)).not.toContain('namedParams');
    expect(codesOn(r.bundle, { date: '2026-03-01', gop: '01001' })).toEqual(['demo@2026.1 DEMO-A DEMO-A', 'demo@2026.1 DEMO-PREIS 10,00 €', 'demo@2026.1 BEKANNT BEKANNT']);
  });

  it('namedParams: an extending version replaces or removes an inherited block; a rule still naming a removed one is located', () => {
    const named = base({ namedParams: { priceRow: { table: 'prices', column: 'gop', equalsFact: 'gop' } } });
    (named['rules'] as { event: { params: Record<string, unknown> } }[])[2]!.event.params['price'] = { fact: 'tableRow', namedParams: 'priceRow', path: '$.euro' };
    const problems = problemsOf([named, 'demo-2025.json'], [child({ remove: { namedParams: ['priceRow'] } }), 'demo-2026.json']);
    expect(problems.map((p) => `${p.file} ${p.pointer} ${p.code}`)).toEqual(['demo-2025.json /rules/2/event/params/price/namedParams named-params']);
    expect(problems[0]!.message).toContain('(geerbt in demo@2026.1)');
    const unknown = problemsOf([named, 'demo-2025.json'], [child({ remove: { namedParams: ['nix'] } }), 'demo-2026.json']);
    expect(unknown.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/remove/namedParams/0 remove-unknown']);
  });

  it('namedParams: a name without a block, or params beside it, is located where it is written', () => {
    const problems = problemsOf(
      [base({ namedParams: { priceRow: { table: 'prices', column: 'gop', equalsFact: 'gop' } } }), 'demo-2025.json'],
      [child({ rules: [{ name: 'demo.x', conditions: { all: [{ fact: 'tableRow', namedParams: 'nix', operator: 'notEqual', value: null }, { fact: 'tableRow', namedParams: 'priceRow', params: { table: 'prices', column: 'gop', equalsFact: 'gop' }, operator: 'equal', value: null }] }, event: finding('DEMO-X') }] }), 'demo-2026.json'],
    );
    expect(problems.map(summary)).toEqual([
      expect.stringMatching(/^demo-2026\.json:\d+:\d+ \/rules\/0\/conditions\/all\/0\/namedParams named-params$/),
      expect.stringMatching(/^demo-2026\.json:\d+:\d+ \/rules\/0\/conditions\/all\/1\/namedParams named-params$/),
    ]);
  });

  it('namedParams: a name without a block deep in a rule (any, not, a value that is a fact reference) or in a named condition is located there', () => {
    const missing = { fact: 'tableRow', namedParams: 'nix', operator: 'notEqual', value: null };
    const problems = problemsOf(
      [base({ conditions: { deep: { all: [{ any: [{ fact: 'gop', operator: 'equal', value: '01001' }, missing] }] } } }), 'demo-2025.json'],
      [child({ rules: [{ name: 'demo.x', conditions: { any: [{ not: { fact: 'gop', operator: 'equal', value: { fact: 'tableRow', namedParams: 'nix' } } }, { all: [missing] }] }, event: finding('DEMO-X') }] }), 'demo-2026.json'],
    );
    expect(problems.map((p) => `${p.file} ${p.pointer} ${p.code}`)).toEqual([
      'demo-2025.json /conditions/deep/all/0/any/1/namedParams named-params',
      'demo-2026.json /rules/0/conditions/any/0/not/value/namedParams named-params',
      'demo-2026.json /rules/0/conditions/any/1/all/0/namedParams named-params',
    ]);
  });

  it('"after" chains: a new rule behind a new rule behind an inherited one; a circle is reported', () => {
    const r = load([base(), 'demo-2025.json'], [child({ rules: [{ ...rule('demo.y', '01001'), after: 'demo.x' }, { ...rule('demo.x', '01001'), after: 'demo.a' }] }), 'demo-2026.json']);
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    expect(version(r.bundle, 'demo@2026.1').doc.rules.map((x) => x.name)).toEqual(['demo.a', 'demo.x', 'demo.y', 'demo.b', 'demo.price']);
    const circle = problemsOf([base(), 'demo-2025.json'], [child({ rules: [{ ...rule('demo.y', '01001'), after: 'demo.x' }, { ...rule('demo.x', '01001'), after: 'demo.y' }] }), 'demo-2026.json']);
    expect(circle.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/0/after after-cycle']);
  });

  it('replaces a table whole, or changes, adds and removes rows by key', () => {
    const whole = { description: { de: 'Neu', en: 'New' }, columns: { gop: { type: 'string' }, euro: { type: 'decimal' } }, rows: [{ gop: '01001', euro: '11.00', source: 'src', label: 'C' }] };
    const replaced = load([base(), 'demo-2025.json'], [child({ tables: { prices: whole } }), 'demo-2026.json']);
    if (!replaced.ok) throw new Error(replaced.problems.map(summary).join('\n'));
    expect(codesOn(replaced.bundle, { date: '2026-03-01', gop: '01002' })).toEqual(['demo@2026.1 DEMO-B DEMO-B']);

    const patch = { rows: [{ gop: '01001', euro: '12.50', source: 'neu', label: 'S' }, { gop: '01003', euro: '30.00', source: 'src', label: 'C' }], removeRows: ['01002'] };
    const patched = load([base(), 'demo-2025.json'], [child({ sources: [{ id: 'neu', title: 'Neue Quelle', date: '2026-01-01' }], tables: { prices: patch } }), 'demo-2026.json']);
    if (!patched.ok) throw new Error(patched.problems.map(summary).join('\n'));
    const rows = version(patched.bundle, 'demo@2026.1').doc.tables!['prices']!.rows.map((x) => `${x['gop'] as string}=${x['euro'] as string}`);
    expect(rows).toEqual(['01001=12.50', '01003=30.00']);
    expect(codesOn(patched.bundle, { date: '2026-03-01', gop: '01001' })).toContain('demo@2026.1 DEMO-PREIS 12,50 €');
    expect(codesOn(patched.bundle, { date: '2025-03-01', gop: '01001' })).toContain('demo@2025.1 DEMO-PREIS 10,00 €');
  });

  it('reports a missing base, located at "extends"', () => {
    const text = JSON.stringify(child({ extends: 'demo@2024.1' }), null, 2);
    const problems = problemsOf([base(), 'demo-2025.json'], [JSON.parse(text), 'demo-2026.json']);
    expect(problems.map(summary)).toEqual(['demo-2026.json:5:3 /extends extends-missing']);
    expect(problems[0]!.message).toContain('demo@2024.1');
  });

  it('reports a cycle at every version in it, located at "extends", with the cycle named', () => {
    const a = child({ version: '2026.1', extends: 'demo@2027.1' });
    const b = child({ version: '2027.1', extends: 'demo@2026.1', validFrom: '2027-01-01' });
    const problems = problemsOf([a, 'a.json'], [b, 'b.json']);
    expect(problems.map(summary).sort()).toEqual(['a.json:5:3 /extends extends-cycle', 'b.json:5:3 /extends extends-cycle']);
    expect(problems[0]!.message).toMatch(/demo@2026\.1 → demo@2027\.1 → demo@2026\.1|demo@2027\.1 → demo@2026\.1 → demo@2027\.1/);
    const self = problemsOf([child({ extends: 'demo@2026.1' }), 'self.json']);
    expect(self.map(summary)).toEqual(['self.json:5:3 /extends extends-cycle']);
  });

  it('a version extending one in a cycle fails with it, without a second message', () => {
    const a = child({ version: '2026.1', extends: 'demo@2027.1' });
    const b = child({ version: '2027.1', extends: 'demo@2026.1', validFrom: '2027-01-01' });
    const c = child({ version: '2028.1', extends: 'demo@2027.1', validFrom: '2028-01-01' });
    expect(problemsOf([c, 'c.json'], [a, 'a.json'], [b, 'b.json']).map((p) => p.file).sort()).toEqual(['a.json', 'b.json']);
  });

  it('reports removing what is not inherited, "after" an unknown rule, and authoring keys without extends', () => {
    const problems = problemsOf([base(), 'demo-2025.json'], [child({ remove: { rules: ['demo.x'], tables: ['nix'] }, rules: [{ ...rule('demo.n', '01001'), after: 'demo.y' }] }), 'demo-2026.json']);
    expect(problems.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/remove/tables/0 remove-unknown', '/remove/rules/0 remove-unknown', '/rules/0/after after-unknown']);
    const alone = problemsOf([base({ remove: { rules: ['demo.a'] } }), 'demo-2025.json']);
    expect(alone.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/remove extends-needed']);
  });

  it('locates a problem in a rule the extending version writes in its own file, at its own pointer', () => {
    const bad = { ...rule('demo.n', '01001'), conditions: { all: [{ fact: 'nix', operator: 'equal', value: 1 }] } };
    const problems = problemsOf([base(), 'demo-2025.json'], [child({ rules: [bad] }), 'demo-2026.json']);
    expect(problems.map((p) => `${p.file} ${p.pointer}`)).toEqual(['demo-2026.json /rules/0/conditions/all/0/fact']);
  });

  it('reports a row key that does not name rows uniquely', () => {
    const patch = { key: 'euro', rows: [{ gop: '01009', euro: '10.00', source: 'src', label: 'C' }] };
    const dup = base();
    (dup['tables'] as any).prices.rows.push({ gop: '01003', euro: '10.00', source: 'src', label: 'C' });
    const problems = problemsOf([dup, 'demo-2025.json'], [child({ tables: { prices: patch } }), 'demo-2026.json']);
    expect(problems.map((p) => `${p.file} ${p.pointer} ${p.code}`)).toEqual(['demo-2026.json /tables/prices/rows/0 row-key']);
  });

  it('locates a problem that only arises in the extending version at the inherited part, naming the version', () => {
    // The child drops the table the inherited named condition and rule read.
    const problems = problemsOf([base(), 'demo-2025.json'], [child({ remove: { tables: ['prices'] } }), 'demo-2026.json']);
    expect(problems.every((p) => p.file === 'demo-2025.json')).toBe(true);
    expect(problems.map((p) => p.pointer)).toContain('/conditions/known/all/0/params/table');
    expect(problems[0]!.message).toContain('(geerbt in demo@2026.1)');
    expect(problems[0]!.messageEn).toContain('(inherited in demo@2026.1)');
  });
});

describe('an inherited rule runs with its version\'s own context', () => {
  // What an inherited, unchanged rule's compiled form captures: parameter values (in its
  // conditions, its trigger fee numbers and its message), tables its facts read, named
  // conditions, its batch counter. A version that extends another and overrides one of them
  // must see the rule fire by its own values: compiling the rule once and handing the base's
  // compiled form to the extension (a cache keyed by the rule alone) fails here.
  const P = { insuranceNumber: 'A123456789' };
  const count = { per: 'patientDay', match: 'gopInTable', table: 'counted' };
  const param = (value: unknown, type?: string) => ({ ...(type ? { type, description: { de: 'Test', en: 'Test' } } : {}), value, source: 'src', label: 'C' });
  const table = (columns: Record<string, unknown>, rows: Record<string, unknown>[]) => ({ description: { de: 'Test', en: 'Test' }, columns, rows: rows.map((r) => ({ ...r, source: 'src', label: 'C' })) });
  const withContext = (over: Record<string, unknown> = {}) =>
    base({
      parameters: { gopParam: param('01003', 'string'), year: param(2025, 'integer') },
      tables: { ...(base()['tables'] as object), counted: table({ from: { type: 'string' }, to: { type: 'string' } }, [{ from: '01001', to: '01001' }]) },
      rules: [
        ...(base()['rules'] as unknown[]),
        { name: 'demo.param', conditions: { all: [{ fact: 'gop', operator: 'equal', value: { param: 'gopParam' } }] }, event: finding('DEMO-PARAM', 'Jahr {year}') },
        {
          name: 'demo.count',
          conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01001' }, { fact: 'batchCount', params: count, operator: 'greaterThan', value: 0 }] },
          event: { type: 'finding', params: { ...finding('DEMO-COUNT').params, message: { de: '{n}', en: '{n}' }, n: { fact: 'batchCount', params: count } } },
        },
      ],
      ...over,
    });
  const said = (bundle: RuleSetBundle, entries: Record<string, unknown>[]) => createChecker({ ruleSets: bundle }).checkAll(entries).map((r) => r.findings.map((f) => `${f.ruleSet} ${f.code} ${f.message}`));
  const day = (date: string, ...gops: string[]) => gops.map((gop) => ({ date, gop, patient: P }));

  it('parameters, a table and a counter overridden or inherited: each version fires by its own', () => {
    const prices = (base()['tables'] as { prices: { rows: Record<string, unknown>[] } }).prices;
    const r = load(
      [withContext(), 'demo-2025.json'],
      [
        child({
          parameters: { gopParam: param('01004'), year: param(2026) },
          tables: { prices: { ...prices, rows: prices.rows.map((row) => (row['gop'] === '01001' ? { ...row, euro: '15.00' } : row)) }, counted: table({ from: { type: 'string' }, to: { type: 'string' } }, [{ from: '01001', to: '01002' }]) },
        }),
        'demo-2026.json',
      ],
    );
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    expect(said(r.bundle, day('2025-03-02', '01001', '01002', '01003', '01004', '01001'))).toEqual([
      // The counter counts the patient's other entries of the day in its table's range: 01001 only in 2025.
      ['demo@2025.1 DEMO-A DEMO-A', 'demo@2025.1 DEMO-PREIS 10,00 €', 'demo@2025.1 DEMO-COUNT 1'],
      ['demo@2025.1 DEMO-B DEMO-B', 'demo@2025.1 DEMO-PREIS 20,00 €'],
      ['demo@2025.1 DEMO-PARAM Jahr 2025'],
      [],
      ['demo@2025.1 DEMO-A DEMO-A', 'demo@2025.1 DEMO-PREIS 10,00 €', 'demo@2025.1 DEMO-COUNT 1'],
    ]);
    expect(said(r.bundle, day('2026-03-02', '01001', '01002', '01003', '01004', '01001'))).toEqual([
      // 01001 to 01002 in 2026.
      ['demo@2026.1 DEMO-A DEMO-A', 'demo@2026.1 DEMO-PREIS 15,00 €', 'demo@2026.1 DEMO-COUNT 2'],
      ['demo@2026.1 DEMO-B DEMO-B', 'demo@2026.1 DEMO-PREIS 20,00 €'],
      [],
      ['demo@2026.1 DEMO-PARAM Jahr 2026'],
      ['demo@2026.1 DEMO-A DEMO-A', 'demo@2026.1 DEMO-PREIS 15,00 €', 'demo@2026.1 DEMO-COUNT 2'],
    ]);
    // Nothing overridden: the extension fires as its base, with its own counter.
    const same = load([withContext(), 'demo-2025.json'], [child(), 'demo-2026.json']);
    if (!same.ok) throw new Error(same.problems.map(summary).join('\n'));
    const in2025 = said(same.bundle, day('2025-03-02', '01001', '01003', '01001'));
    expect(in2025[2]).toEqual(['demo@2025.1 DEMO-A DEMO-A', 'demo@2025.1 DEMO-PREIS 10,00 €', 'demo@2025.1 DEMO-COUNT 1']);
    expect(said(same.bundle, day('2026-03-02', '01001', '01003', '01001'))).toEqual(in2025.map((l) => l.map((f) => f.replace('2025.1', '2026.1'))));
  });

  it('a named condition overridden: the inherited rule that uses it follows the extension\'s', () => {
    const r = load([withContext(), 'demo-2025.json'], [child({ conditions: { known: { all: [{ fact: 'gop', operator: 'equal', value: '01002' }] } } }), 'demo-2026.json']);
    if (!r.ok) throw new Error(r.problems.map(summary).join('\n'));
    expect(said(r.bundle, day('2025-03-02', '01001', '01002'))).toEqual([
      ['demo@2025.1 DEMO-A DEMO-A', 'demo@2025.1 DEMO-PREIS 10,00 €'],
      ['demo@2025.1 DEMO-B DEMO-B', 'demo@2025.1 DEMO-PREIS 20,00 €'],
    ]);
    expect(said(r.bundle, day('2026-03-02', '01001', '01002'))).toEqual([['demo@2026.1 DEMO-A DEMO-A'], ['demo@2026.1 DEMO-B DEMO-B', 'demo@2026.1 DEMO-PREIS 20,00 €']]);
  });
});

describe('diff between versions is the effective difference', () => {
  it('pvs-rules diff: an extending version against its base names what it adds and changes, nothing inherited as removed', async () => {
    let out = '';
    const code = await runCli(['diff', 'rules/hdrg/2025.1/ruleset.json', 'rules/hdrg/2026.1/ruleset.json', '--format', 'json'], { out: (t) => (out += t), err: () => {}, cwd: ROOT });
    expect(code).toBe(0);
    const d = JSON.parse(out);
    // 706 (B from 2026 by FK 5028) is in the base since issue #14, so 2026 adds only the minor hint.
    expect(d.rules.added).toEqual(['hdrg.patient.minor']);
    expect(d.rules.removed).toEqual([]);
    expect(d.rules.changed.map((c: { name: string }) => c.name)).toEqual(['hdrg.price', 'hdrg.stay.too-long']);
    expect(d.parameters).toEqual({ added: ['adultAge'], removed: [], changed: [{ name: 'catalogueYear', old: 2025, new: 2026 }, { name: 'maxStayDays', old: 1, new: 2 }] });
    expect(d.tables.changed.map((t: { table: string }) => t.table)).toEqual(['catalogue']);
  });

  it('pvs-rules diff: an extending version against the version before its base includes what it inherits', async () => {
    let out = '';
    await runCli(['diff', 'rules/hdrg/2024.1/ruleset.json', 'rules/hdrg/2026.1/ruleset.json', '--format', 'json'], { out: (t) => (out += t), err: () => {}, cwd: ROOT });
    expect(JSON.parse(out).rules.removed).toEqual(['hdrg2024.pseudo-gop.ops-missing', 'hdrg2024.pseudo-gop.price']);
  });

  it('pvs-rules diff: a base taken from the bundled rule sets (not among the files, no --rules) is said, never substituted silently', async () => {
    const d = mkdtempSync(join(tmpdir(), 'pvs-rules-diff-'));
    copyFileSync(join(ROOT, 'rules/hdrg/2026.1/ruleset.json'), join(d, 'v2026.json'));
    copyFileSync(join(ROOT, 'rules/hdrg/2024.1/ruleset.json'), join(d, 'v2024.json'));
    for (const format of ['text', 'json']) {
      let out = '';
      let err = '';
      const code = await runCli(['diff', 'v2024.json', 'v2026.json', '--format', format], { out: (t) => (out += t), err: (t) => (err += t), cwd: d });
      expect(code).toBe(0);
      // 2026.1 extends 2025.1, which is not among the two files: it comes from the package.
      expect(err).toMatch(/Hinweis: .*hdrg@2025\.1.* mitgelieferten Regelwerken .*rules\/hdrg\/2025\.1\/ruleset\.json.*--rules/);
      expect(err).not.toContain('hdrg@2024.1');
      if (format === 'json') JSON.parse(out);
    }
    let err = '';
    await runCli(['diff', 'v2024.json', 'v2026.json', '--locale', 'en'], { out: () => {}, err: (t) => (err += t), cwd: d });
    expect(err).toMatch(/Note: .*hdrg@2025\.1.* bundled rule sets/);
    // Named with --rules, or given as a file: nothing to say.
    copyFileSync(join(ROOT, 'rules/hdrg/2025.1/ruleset.json'), join(d, 'v2025.json'));
    for (const args of [['v2024.json', 'v2026.json', '--rules', join(ROOT, 'rules')], ['v2024.json', 'v2025.json']]) {
      err = '';
      expect(await runCli(['diff', ...args], { out: () => {}, err: (t) => (err += t), cwd: d })).toBe(0);
      expect(err).toBe('');
    }
  });

  it('diffLoadedVersions: the same difference from a loaded bundle (for the studio)', () => {
    const d = diffLoadedVersions(bundled(), 'hdrg@2024.1', 'hdrg@2025.1')!;
    expect(d.rules.removed).toEqual(['hdrg2024.pseudo-gop.ops-missing', 'hdrg2024.pseudo-gop.price']);
    expect(d.rules.added).toEqual([]);
    expect(diffLoadedVersions(bundled(), 'hdrg@2024.1', 'nix@1.1')).toBeUndefined();
  });
});
