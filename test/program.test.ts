/**
 * The compiled program: structurally equal conditions share one node, and the fee-number
 * tests the trigger index decides are left out of what the evaluator runs (never out of
 * `explain`). Semantics against json-rules-engine are the differential test's business.
 */
import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import { internalsOf } from '../src/compile/bundle';
import { COMPARE, EQUAL, FLOW, NOT, NOT_EQUAL } from '../src/compile/program';

const ruleSet = (rules: unknown[], id = 'p', version = '2026.1', validFrom = '2020-01-01', validUntil: string | null = null) => ({
  name: `${id}-${version}.json`,
  text: JSON.stringify({ kind: 'ruleset', id, version, title: { de: 'P', en: 'P' }, validFrom, validUntil, sources: [{ id: 's', title: 'S', date: '2026-01-01' }], rules }),
});
const finding = { type: 'finding', params: { code: 'PRG-INFO', severity: 'info', message: { de: 'GOP {gop}', en: 'GOP {gop}' }, fields: ['5001'], source: 'S', gop: { fact: 'gop' } } };
const keyed = (gop: string | string[]) => ({
  name: `p.${Array.isArray(gop) ? gop.join('-') : gop}`,
  conditions: { all: [{ fact: 'gop', operator: Array.isArray(gop) ? 'in' : 'equal', value: gop }, { fact: 'lanr', operator: 'notEqual', value: null }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] },
  event: finding,
});

function load(rules: unknown[]) {
  const loaded = loadRuleSets([ruleSet(rules)]);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.messageEn).join('\n'));
  const version = internalsOf(loaded.bundle)!.versions[0]!;
  return { bundle: loaded.bundle, version };
}

describe('compiled program', () => {
  it('runs one shared node for rules that differ only in their fee number, and stays small', () => {
    const { bundle, version } = load(Array.from({ length: 500 }, (_, i) => keyed(String(10000 + i))));
    const nodes = new Set(version.entryRules.map((r) => r.node));
    expect(nodes.size).toBe(1);
    // 500 rules, yet only the shared residual (lanr, costCount) and each rule's full conditions for explain.
    expect(version.program.code.length).toBeLessThan(500 * 12);
    const c = createChecker({ ruleSets: bundle });
    const e = { date: '2026-05-04', gop: '10007', lanr: '604432405', costs: [{ description: 'x' }] };
    expect(c.check(e).findings.map((f) => [f.ruleId, f.message])).toEqual([['p.10007', 'GOP 10007']]);
    expect(c.check({ ...e, gop: '10600' }).findings).toEqual([]);
    expect(c.check({ ...e, lanr: undefined }).findings).toEqual([]);
    // explain still shows the fee-number test the evaluator skipped.
    const rule = c.explain(e).rules.find((r) => r.ruleId === 'p.10007')!;
    expect(rule.conditions.children![0]).toMatchObject({ fact: 'gop', operator: 'equal', value: '10007', factValue: '10007', result: true });
  });

  it('leaves a fee-number test in when the index does not decide it', () => {
    // `in` over two numbers is decided for both; `notEqual` decides nothing; under `any` the index keys nothing.
    const { bundle, version } = load([
      keyed(['20001', '20002']),
      { ...keyed('x'), name: 'not', conditions: { all: [{ fact: 'gop', operator: 'notEqual', value: '20001' }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] } },
      { ...keyed('x'), name: 'any', conditions: { any: [{ fact: 'gop', operator: 'equal', value: '20003' }, { fact: 'lanr', operator: 'equal', value: '1' }] } },
    ]);
    const [inRule, notRule, anyRule] = ['p.20001-20002', 'not', 'any'].map((id) => version.entryRules.find((r) => r.id === id)!);
    // What each runs (opcode, children): `in` without its decided fee-number test, `not` and `any` as written.
    const head = (node: number) => [version.program.code[node], version.program.code[node + 1]];
    expect(head(inRule!.node)).toEqual([FLOW, 2]);
    expect(head(notRule!.node)).toEqual([FLOW, 2]);
    expect(head(anyRule!.node)).toEqual([FLOW, 2]);
    const c = createChecker({ ruleSets: bundle });
    const e = { date: '2026-05-04', gop: '20002', lanr: '1', costs: [{ description: 'x' }] };
    expect(c.check(e).findings.map((f) => f.ruleId)).toEqual(['p.20001-20002', 'not', 'any']);
    expect(c.check({ ...e, gop: '20001' }).findings.map((f) => f.ruleId)).toEqual(['p.20001-20002', 'any']);
    expect(c.check({ ...e, gop: '20003', lanr: '2' }).findings.map((f) => f.ruleId)).toEqual(['not', 'any']);
  });

  it('runs a rule whose root is a junction, a comparison or a not (the checker calls evaluate for a root all/any, holds for the rest)', () => {
    const rule = (name: string, conditions: unknown) => ({ ...keyed('x'), name, conditions });
    const { bundle, version } = load([
      rule('eq', { all: [{ fact: 'gop', operator: 'equal', value: '30001' }, { fact: 'lanr', operator: 'equal', value: '1' }] }),
      rule('ne', { all: [{ fact: 'lanr', operator: 'notEqual', value: null }] }),
      rule('in', { any: [{ fact: 'lanr', operator: 'in', value: ['1', '2'] }] }),
      rule('any', { any: [{ fact: 'lanr', operator: 'equal', value: '9' }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] }),
      rule('all', { all: [{ fact: 'lanr', operator: 'equal', value: '1' }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] }),
      rule('not', { not: { fact: 'lanr', operator: 'equal', value: '9' } }),
    ]);
    const ids = ['eq', 'ne', 'in', 'any', 'all', 'not'];
    // The root each runs: the fee-number test decided by the index and a junction of one are left out.
    expect(ids.map((id) => version.program.code[version.entryRules.find((r) => r.id === id)!.node])).toEqual([EQUAL, NOT_EQUAL, COMPARE, FLOW, FLOW, NOT]);
    const c = createChecker({ ruleSets: bundle });
    const fired = (e: object) => c.check(e).findings.map((f) => f.ruleId).sort();
    const explained = (e: object) => c.explain(e).rules.filter((r) => r.fired).map((r) => r.ruleId).sort();
    const e = { date: '2026-05-04', gop: '30001', lanr: '1', costs: [{ description: 'x' }] };
    expect(fired(e)).toEqual([...ids].sort());
    expect(fired({ date: '2026-05-04', gop: '30001', lanr: '9' })).toEqual(['any', 'ne']);
    expect(fired({ ...e, gop: '30002', lanr: '2' })).toEqual(['any', 'in', 'ne', 'not']);
    for (const x of [e, { date: '2026-05-04', gop: '30001', lanr: '9' }, { ...e, gop: '30002', lanr: '2' }]) expect(explained(x)).toEqual(fired(x));
  });

  it('runs nested all, any and not as a flow that gives what the conditions say, for every combination of its comparisons', () => {
    // Three comparisons a, b, c, each true or false by the entry; trees of all/any/not over them, nested up to four deep.
    const leaves = [
      { fact: 'lanr', operator: 'equal', value: '1' },
      { fact: 'bsnr', operator: 'notEqual', value: '2' },
      { fact: 'costCount', operator: 'greaterThan', value: 0 },
    ];
    type Tree = number | { all: Tree[] } | { any: Tree[] } | { not: Tree };
    const doc = (t: Tree): unknown => (typeof t === 'number' ? leaves[t] : 'not' in t ? { not: doc(t.not) } : 'all' in t ? { all: t.all.map(doc) } : { any: t.any.map(doc) });
    // As json-rules-engine: an empty any is true, like an empty all.
    const value = (t: Tree, bits: number): boolean =>
      typeof t === 'number' ? ((bits >> t) & 1) === 1 : 'not' in t ? !value(t.not, bits) : 'all' in t ? t.all.every((c) => value(c, bits)) : t.any.length === 0 || t.any.some((c) => value(c, bits));
    let seed = 7;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const tree = (depth: number): Tree => {
      const kind = depth === 0 ? 0 : next(4);
      if (kind === 0) return next(3);
      if (kind === 1) return { not: tree(depth - 1) };
      const children = Array.from({ length: next(4) }, () => tree(depth - 1));
      return kind === 2 ? { all: children } : { any: children };
    };
    const trees: Tree[] = Array.from({ length: 150 }, () => tree(4));
    // One junction of more than 64 conditions, which its parent runs as one condition, and the same in a not.
    const wide: Tree = { any: [...Array.from({ length: 66 }, (_, i) => ({ all: [i % 3, { not: (i + 1) % 3 }] })), { all: [0, 1, 2] }] };
    trees.push({ all: [wide, { not: 2 }] }, { any: [{ not: wide }, 2] }, { all: [{ not: { not: { any: [0, { not: 1 }] } } }, { any: [{ not: { all: [1, 2] } }, 0] }] });
    const rules = trees.map((t, i) => ({ name: `t${i}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: '40001' }, doc(t)] }, event: finding }));
    const { bundle, version } = load(rules);
    expect(version.entryRules.some((r) => version.program.code[r.node] === FLOW)).toBe(true);
    const c = createChecker({ ruleSets: bundle });
    for (let bits = 0; bits < 8; bits++) {
      const e = { date: '2026-05-04', gop: '40001', lanr: bits & 1 ? '1' : '9', bsnr: bits & 2 ? '3' : '2', costs: bits & 4 ? [{ description: 'x' }] : [] };
      const expected = trees.map((t, i) => (value(t, bits) ? `t${i}` : '')).filter(Boolean);
      expect(c.check(e).findings.map((f) => f.ruleId)).toEqual(expected);
      expect(c.explain(e).rules.filter((r) => r.fired).map((r) => r.ruleId)).toEqual(expected);
    }
  });

  it('runs a rule that needs recordType equal a KVDT record type only on entries of that record (trigger index), in check, checkAll and explain', () => {
    const rule = (name: string, conditions: unknown) => ({ ...keyed('x'), name, conditions });
    const type = (value: string) => ({ fact: 'recordType', operator: 'equal', value });
    const lanr = { fact: 'lanr', operator: 'equal', value: '1' };
    const { bundle } = load([
      rule('r0102', { all: [type('0102'), lanr] }),
      rule('any', { any: [type('0102'), { all: [lanr, type('0104')] }] }),
      rule('besa', { all: [type('besa'), lanr] }),
      rule('both', { all: [type('0101'), lanr, type('0102')] }),
    ]);
    const c = createChecker({ ruleSets: bundle });
    const cases: [string | undefined, string[], string[]][] = [
      // record type, rules considered (explain), rules fired
      ['0101', ['any', 'besa'], []],
      ['0102', ['r0102', 'any', 'besa'], ['r0102', 'any']],
      ['0104', ['any', 'besa'], ['any']],
      ['besa', ['any', 'besa'], ['besa']],
      [undefined, [], []],
    ];
    for (const [recordType, considered, fired] of cases) {
      const e = { date: '2026-05-04', gop: '50001', lanr: '1', ...(recordType === undefined ? {} : { case: { recordType } }) };
      expect(c.explain(e).rules.map((r) => r.ruleId), recordType).toEqual(considered);
      expect(c.check(e).findings.map((f) => f.ruleId), recordType).toEqual(fired);
      expect(c.checkAll([e, { ...e, case: { recordType, serviceIndex: 1 } }]).map((r) => r.findings.map((f) => f.ruleId)), recordType).toEqual([fired, fired]);
    }
    // The only rule: the gate, which asks before the record is read, lets every record through.
    const only = createChecker({ ruleSets: load([rule('r0102', { all: [type('0102'), lanr] })]).bundle });
    for (const recordType of ['0101', '0102']) {
      const e = { date: '2026-05-04', gop: '50001', lanr: '1', case: { recordType } };
      const fired = recordType === '0102' ? ['r0102'] : [];
      expect(only.check(e).findings.map((f) => f.ruleId)).toEqual(fired);
      expect(only.checkAll([e, e]).map((r) => r.findings.map((f) => f.ruleId))).toEqual([fired, fired]);
    }
  });

  it('shares equal conditions across rules, whatever the key order of their literals', () => {
    const a = { all: [{ fact: 'patient', path: '$.sex', operator: 'in', value: ['M', 'W'] }, { fact: 'case', operator: 'equal', value: { k: 1, j: 2 } }] };
    const b = { all: [{ fact: 'patient', path: '$.sex', operator: 'in', value: ['M', 'W'] }, { fact: 'case', operator: 'equal', value: { j: 2, k: 1 } }] };
    const { version } = load([
      { name: 'a', conditions: a, event: finding },
      { name: 'b', conditions: b, event: finding },
      { name: 'c', conditions: { all: [a.all[0]] }, event: finding },
    ]);
    const [ra, rb, rc] = version.entryRules;
    expect(ra!.node).toBe(rb!.node);
    // A junction of one is its child, and that child is the first leaf of a and b.
    expect(version.program.code[ra!.node + 2]).toBe(rc!.node);
  });
});

describe('rule-set versions by service date', () => {
  it('switches versions exactly after the last valid day, also at a leap day and a year end', () => {
    const always = [{ name: 'x', conditions: { all: [] }, event: finding }];
    const loaded = loadRuleSets([
      ruleSet(always, 'p', '2024.1', '2024-01-01', '2024-02-29'),
      ruleSet(always, 'p', '2024.2', '2024-03-01', '2024-12-31'),
      ruleSet(always, 'p', '2025.1', '2025-01-01', null),
      ruleSet(always, 'q', '2024.1', '2024-02-15', '2024-03-01'),
    ]);
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.messageEn).join('\n'));
    const c = createChecker({ ruleSets: loaded.bundle });
    const sets = (date: string) => c.check({ date, gop: '03000' }).findings.map((f) => f.ruleSet);
    expect(sets('2023-12-31')).toEqual([]);
    expect(sets('2024-01-01')).toEqual(['p@2024.1']);
    expect(sets('2024-02-15')).toEqual(['p@2024.1', 'q@2024.1']);
    expect(sets('2024-02-29')).toEqual(['p@2024.1', 'q@2024.1']);
    expect(sets('2024-03-01')).toEqual(['p@2024.2', 'q@2024.1']);
    expect(sets('2024-03-02')).toEqual(['p@2024.2']);
    expect(sets('2024-12-31')).toEqual(['p@2024.2']);
    expect(sets('2025-01-01')).toEqual(['p@2025.1']);
    expect(sets('9999-12-31')).toEqual(['p@2025.1']);
  });
});
