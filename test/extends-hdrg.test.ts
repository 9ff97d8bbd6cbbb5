/**
 * The rewritten Hybrid-DRG versions 2025 and 2026 extend their predecessors and mean exactly
 * what the full files they replace meant (test/fixtures/rulesets/before-extends, taken from
 * git history, before extends and parameters): same rules and tables, same compiled program,
 * same findings. The rewritten files are held as they were then
 * (test/fixtures/rulesets/after-extends): the rule sets have changed since (issue #14, the
 * KBV rules), which is not what this proves.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../plugin-api/index';
import type { RuleSetBundle, RuleSetSource } from '../plugin-api/types';
import { internalsOf } from '../src/compile/bundle';
import type { CompiledVersion } from '../src/compile/rule-set';
import { ROOT, bundledSources, mustLoad } from './helpers';

const version = (bundle: RuleSetBundle, key: string): CompiledVersion => internalsOf(bundle)!.versions.find((v) => v.key === key)!;

const BEFORE = `${ROOT}/test/fixtures/rulesets/before-extends`;
const AFTER = `${ROOT}/test/fixtures/rulesets/after-extends`;
/** The bundled sources with the Hybrid-DRG files as the rewrite made them (extends and parameters). */
function sourcesAfter(): RuleSetSource[] {
  return bundledSources().map((s) => {
    const m = /hdrg\/(2024\.1|2025\.1|2026\.1)\/ruleset\.json$/.exec(s.name);
    return m ? { name: s.name, text: readFileSync(`${AFTER}/hdrg-${m[1]!}.json`, 'utf8') } : s;
  });
}
/** The bundled sources with the Hybrid-DRG files as they were before they extended their predecessors and had parameters. */
function sourcesBefore(): RuleSetSource[] {
  return bundledSources().map((s) => {
    const m = /hdrg\/(2024\.1|2025\.1|2026\.1)\/ruleset\.json$/.exec(s.name);
    return m ? { name: s.name, text: readFileSync(`${BEFORE}/hdrg-${m[1]!}.json`, 'utf8') } : s;
  });
}

/** What a compiled version is, without the closures (compared by their count and order of use). */
function shape(v: CompiledVersion) {
  const p = v.program;
  const rules = [...v.entryRules, ...v.costRules].map((r) => ({
    id: r.id,
    index: r.index,
    priority: r.priority,
    scope: r.scope,
    node: r.node,
    triggers: r.triggers === null ? null : [...r.triggers].sort(),
    needs: r.needs,
    event: r.event.type === 'finding' ? { ...r.event, placeholders: r.event.placeholders.map((x) => x.name) } : { ...r.event, value: typeof r.event.value },
  }));
  return {
    program: { code: [...p.code], literals: p.literals, operators: p.operators.length, operandSlot: [...p.operandSlot], paths: p.operandPath.map((x) => x === null), slotMode: [...p.slotMode], slotField: [...p.slotField], slotCount: p.slotCount },
    rules,
    counters: v.env.counters.map((c) => c.key),
  };
}

describe('the Hybrid-DRG versions 2025 and 2026 extend their predecessors', () => {
  const now = mustLoad(sourcesAfter());
  const before = mustLoad(sourcesBefore());

  it('each file holds only what changed', () => {
    for (const [v, from] of [
      ['2025.1', 'hdrg@2024.1'],
      ['2026.1', 'hdrg@2025.1'],
    ] as const) {
      const doc = JSON.parse(readFileSync(`${AFTER}/hdrg-${v}.json`, 'utf8'));
      expect(doc.extends).toBe(from);
      const full = JSON.parse(readFileSync(`${BEFORE}/hdrg-${v}.json`, 'utf8'));
      expect(doc.rules.length).toBeLessThan(full.rules.length / 2);
    }
  });

  it('the effective versions have the rules, named conditions and tables of the full files they replace; sources a superset', () => {
    for (const key of ['hdrg@2024.1', 'hdrg@2025.1', 'hdrg@2026.1']) {
      const a = version(now, key).doc;
      const b = version(before, key).doc;
      expect(a.rules.map((r) => r.name)).toEqual(b.rules.map((r) => r.name));
      // What changed on the way: parameters in conditions, placeholders in messages, year-free descriptions.
      const plain = (r: (typeof a.rules)[number]) => ({ ...r, description: undefined, conditions: undefined, event: { ...r.event, params: { ...r.event.params, message: undefined } } });
      const shown = new Set(['catalogueYear', 'maxStayDays', 'adultAge']);
      const strip = (r: (typeof a.rules)[number]) => { const x = plain(r); for (const k of shown) delete (x.event.params as Record<string, unknown>)[k]; return x; };
      expect(a.rules.map(strip)).toEqual(b.rules.map(strip));
      expect(a.tables).toEqual(b.tables);
      expect(a.conditions).toEqual(b.conditions);
      for (const s of b.sources) expect(a.sources).toContainEqual(s);
    }
  });

  it('compile to the same program (nodes, literals, operands, fact slots), rules, events and batch counters', () => {
    for (const key of ['hdrg@2024.1', 'hdrg@2025.1', 'hdrg@2026.1']) expect(shape(version(now, key))).toEqual(shape(version(before, key)));
  });

  it('give the same findings, in the same order, on generated Hybrid-DRG batches', () => {
    const day = fc.constantFrom('2024-06-03', '2025-03-10', '2025-12-31', '2026-01-01', '2026-03-10', '2026-03-13');
    const who = fc.constantFrom({ insuranceNumber: 'A1', birthDate: '1971-01-01' }, { insuranceNumber: 'A1', birthDate: '2010-05-05' }, {});
    const hdrg = fc.record({
      date: day,
      hybridDrg: fc.record({ code: fc.constantFrom('G24M', 'G24P', 'G09N', 'N07N', 'g24m'), start: day, end: day, opDate: day, ventilationHours: fc.constantFrom(0, 3) }, { requiredKeys: ['code'] }),
      ops: fc.array(fc.oneof(fc.constant('5-530.03'), fc.record({ code: fc.constant('5-530.1'), laterality: fc.constantFrom('R', 'L', 'B') })), { maxLength: 2 }),
      diagnoses: fc.array(fc.record({ icd: fc.constantFrom('K40.90', 'K40.-', 'G63.2*') }), { maxLength: 2 }),
      patient: who,
    }, { requiredKeys: ['hybridDrg'] });
    const other = fc.record({ date: day, gop: fc.constantFrom('31102', '36200', '83003', '83011'), patient: who, ops: fc.constantFrom([], ['5-530.03']) });
    const a = createChecker({ ruleSets: now });
    const b = createChecker({ ruleSets: before });
    fc.assert(
      fc.property(fc.array(fc.oneof(hdrg, other), { minLength: 1, maxLength: 8 }), (entries) => {
        expect(JSON.stringify(a.checkAll(entries))).toBe(JSON.stringify(b.checkAll(entries)));
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

