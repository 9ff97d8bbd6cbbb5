/**
 * What the rules an entry can meet read of it beyond its fields (TriggerIndex.reads, the
 * RouteReads of the bundle): read off the entry's route, held here to its definition rule by
 * rule — every rule of the date's versions whose needs the entry can have and that runs for
 * its fee number (no triggers, or one of them).
 */
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../src/compile/bundle';
import type { CompiledVersion } from '../src/compile/rule-set';
import { CASE_HEAD, HAS_CONTEXT, HAS_HDRG, HAS_MATERIAL, HAS_PSEUDO_LANR, HAS_RECORD, HAS_TEAM } from '../src/compile/trigger-index';
import { feeNumberCode, READS_CASE, READS_PAIRS, READS_PATIENT } from '../src/facts/entry';
import { bundledSources, mustLoad } from './helpers';

/** The definition: what the rules of `versions` an entry with fee number `gop` and `fields` (-1: anything) can meet read. */
function definition(versions: readonly CompiledVersion[], gop: string, fields: number): number {
  const mask = fields < 0 ? -1 : fields | HAS_CONTEXT | HAS_RECORD | CASE_HEAD;
  let bits = 0;
  for (const v of versions) {
    const objects = (v.env.reads.patient === null ? 0 : READS_PATIENT) | (v.env.reads.case === null ? 0 : READS_CASE);
    for (const [rules, reads] of [
      [v.entryRules, objects],
      [v.costRules, objects | READS_PAIRS],
    ] as const) {
      for (const r of rules) if ((r.needs & ~mask) === 0 && (r.triggers === null || r.triggers.includes(gop))) bits |= reads;
    }
  }
  return bits;
}

/** A rule set whose rules are keyed on five-digit and other fee numbers, some needing a team number, some of the pair scope, some reading `patient` by a path. */
function keyedRuleSet(withPatient = true): { name: string; text: string } {
  const finding = { type: 'finding', params: { code: 'TEST-T', severity: 'info', message: { de: 'T', en: 'T' }, fields: ['5001'], source: 'test' } };
  const rules = ['10001', '10002', '88500', 'BV001', '01234', '1234'].flatMap((gop, i) => [
    { name: `t.e${i}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }, ...(i % 2 ? [{ fact: 'teamNumber', operator: 'notEqual', value: null }] : [])] }, event: finding },
    ...(i % 3 === 0 ? [{ name: `t.c${i}`, scope: 'cost', conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }, { fact: 'cost5011', operator: 'equal', value: '1' }] }, event: finding }] : []),
    ...(i === 4 && withPatient ? [{ name: `t.p${i}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }, { fact: 'patient', path: '$.note', operator: 'equal', value: 'x' }] }, event: finding }] : []),
  ]);
  const doc = { kind: 'ruleset', id: 'keyed', version: '2026.1', title: { de: 'T', en: 'T' }, validFrom: '2026-01-01', validUntil: null, sources: [{ id: 'test', title: 'Test', date: '2026-01-01' }], rules };
  return { name: 'test/keyed.json', text: JSON.stringify(doc) };
}

describe('what the rules an entry can meet read of it', () => {
  it.each([
    ['the bundled rule sets and keyed rules', () => [...bundledSources(), keyedRuleSet()]],
    ['keyed rules alone, none reading patient or case', () => [keyedRuleSet(false)]],
  ])('is the definition, rule by rule, for every fee number a rule is keyed on and others, every field mask, on every plan: %s', (_, sources) => {
    const inner = internalsOf(mustLoad(sources()))!;
    const days = [20140101, 20150801, 20240601, 20250601, 20260101, 20260501, 20270101];
    const fieldMasks = [-1];
    for (let m = 0; m <= (HAS_TEAM | HAS_HDRG | HAS_PSEUDO_LANR | HAS_MATERIAL); m++) if ((m & ~(HAS_TEAM | HAS_HDRG | HAS_PSEUDO_LANR | HAS_MATERIAL)) === 0) fieldMasks.push(m);
    let checked = 0;
    let nonZero = 0;
    for (const day of days) {
      const plan = inner.planOn(day);
      const gops = new Set(['99999', '00000', 'HDRG', 'X', '123456']);
      for (const v of plan.versions) for (const r of [...v.entryRules, ...v.costRules]) for (const k of r.triggers ?? []) gops.add(k);
      for (const gop of gops) {
        for (const fields of fieldMasks) {
          const want = definition(plan.versions, gop, fields);
          // expect only where they differ, to report it (called for every case, it was most of this test's time).
          const index = plan.index.reads(gop, feeNumberCode(gop), fields);
          if (!Object.is(index, want)) expect(index, `${day} ${gop} ${fields}`).toBe(want);
          // The bundle's question (the one the entry's copy asks) gives the same.
          const routed = inner.routeReads(day, gop, feeNumberCode(gop), fields);
          if (!Object.is(routed, want)) expect(routed, `${day} ${gop} ${fields}`).toBe(want);
          checked++;
          if (want !== 0) nonZero++;
        }
      }
    }
    // Not a vacuous comparison: many lookups, some reading more than the fields.
    expect(checked).toBeGreaterThan(200);
    expect(nonZero).toBeGreaterThan(20);
    expect(inner.planOn(20260501).index.reads('10001', 10001, 0) & READS_PAIRS).toBe(READS_PAIRS);
  });

  it('is nothing, for every fee number and mask, when no rule reads more than the fields', () => {
    const finding = { type: 'finding', params: { code: 'TEST-T', severity: 'info', message: { de: 'T', en: 'T' }, fields: ['5001'], source: 'test' } };
    const rules = ['10001', 'BV001'].map((gop, i) => ({ name: `t.e${i}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] }, event: finding }));
    const doc = { kind: 'ruleset', id: 'fields', version: '2026.1', title: { de: 'T', en: 'T' }, validFrom: '2026-01-01', validUntil: null, sources: [{ id: 'test', title: 'Test', date: '2026-01-01' }], rules };
    const inner = internalsOf(mustLoad([{ name: 'test/fields.json', text: JSON.stringify(doc) }]))!;
    for (const gop of ['10001', 'BV001', '99999']) for (const fields of [-1, 0, HAS_TEAM]) expect(inner.routeReads(20260501, gop, feeNumberCode(gop), fields)).toBe(definition(inner.planOn(20260501).versions, gop, fields));
    expect(definition(inner.planOn(20260501).versions, '10001', -1)).toBe(0);
  });

  it('reads a keyed rule\'s path into patient, and the case a bundled rule set reads', () => {
    const plan = internalsOf(mustLoad([...bundledSources(), keyedRuleSet()]))!.planOn(20260501);
    expect(plan.index.reads('01234', 1234, -1)).toBe(READS_PATIENT | READS_PAIRS | READS_CASE);
  });
});
