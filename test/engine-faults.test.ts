/**
 * A fault of the engine itself (a fact, the interpreter, pricing throwing) is named as such:
 * PRUEFUNG-INTERN for the rule it hit, while every other rule's findings and corrections still
 * come back. The practice's input is not blamed: INPUT-UNLESBAR stays for input that cannot
 * be read. A fault is simulated by making a fact's bound function throw, as a bug would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { CheckResult, RuleSetBundle } from '../plugin-api/types';
import { FACTS, type FactDefinition } from '../src/facts/facts';
import { internalsOf } from '../src/compile/bundle';
import { KBV_EXAMPLE, bundledSources, codes } from './helpers';

const restore: (() => void)[] = [];
afterEach(() => {
  while (restore.length) restore.pop()!();
});

/** The bundled rule sets, loaded while fact `id` is broken: it throws a TypeError whenever it is asked. */
function bundleWithBrokenFact(id: string): RuleSetBundle {
  const def = FACTS.get(id)! as FactDefinition;
  const original = def.bind;
  def.bind = (params, env) => {
    const bound = original.call(def, params, env);
    return 'fact' in bound
      ? {
          fact: () => {
            throw new TypeError(`bug in ${id}: Erika Mustermann`);
          },
        }
      : bound;
  };
  restore.push(() => (def.bind = original));
  const loaded = loadRuleSets(bundledSources());
  if (!loaded.ok) throw new Error('bundled rule sets do not load');
  return loaded.bundle;
}

const internal = (r: CheckResult) => r.findings.filter((f) => f.code === 'PRUEFUNG-INTERN');

describe('engine faults', () => {
  it('a fault in another rule\'s fact: PRUEFUNG-INTERN naming that rule; the KBV 88500 price correction survives', () => {
    const c = createChecker({ ruleSets: bundleWithBrokenFact('asvTeamNumberStatus') });
    const r = c.check(KBV_EXAMPLE);
    expect(r.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
    expect(codes(r)).toContain('ASV-5012-FEHLT');
    expect(codes(r)).not.toContain('INPUT-UNLESBAR');
    expect(internal(r).map((f) => [f.ruleId, f.ruleSet, f.severity])).toEqual([
      ['asv.team-number.format', 'asv@2026.1', 'error'],
      ['asv.team-number.check-digit', 'asv@2026.1', 'error'],
    ]);
    for (const f of internal(r)) {
      expect(f.message).toContain(f.ruleId);
      expect(f.message).not.toContain('Mustermann');
    }
    // The same through every entry point.
    expect(c.checkAll([KBV_EXAMPLE, KBV_EXAMPLE])).toEqual([r, r]);
    const session = c.batch();
    session.add(KBV_EXAMPLE);
    expect(session.check(KBV_EXAMPLE)).toEqual(r);
    expect(c.explain(KBV_EXAMPLE).result).toEqual(r);
    expect(createChecker({ ruleSets: c.ruleSets, locale: 'en' }).check(KBV_EXAMPLE).findings.find((f) => f.code === 'PRUEFUNG-INTERN')!.message).toMatch(/^Internal error of pvs-rules in rule asv\.team-number\.format/);
  });

  it('a fault in pricing names the price rules of that pair; the rules around them still report', () => {
    const c = createChecker({ ruleSets: bundleWithBrokenFact('goaePriceCents') });
    const r = c.check({ ...KBV_EXAMPLE, costs: [{ description: '5489' }, { description: '9999' }] });
    // Each rule that needs the price of pair 0 is named; pair 1 (no GOÄ number) is still checked.
    expect(r.findings.map((f) => `${f.code} ${f.ruleId}#${f.index}`)).toEqual([
      'PRUEFUNG-INTERN asv.5012.missing#0',
      'PRUEFUNG-INTERN asv.5012.wrong#0',
      'PRUEFUNG-INTERN asv.5012.set-price#0',
      'ASV-5011-UNZULAESSIG asv.5011.not-allowed#1',
    ]);
    expect(r.corrections).toEqual([]);
  });

  it('a fault in the batch fact names the batch rules', () => {
    const c = createChecker({ ruleSets: bundleWithBrokenFact('batchCount') });
    const hdrg = { hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-04' }, patient: { insuranceNumber: 'A1', birthDate: '1970-01-01' } };
    const all = c.checkAll([hdrg, { date: '2026-05-04', gop: '31102', patient: { insuranceNumber: 'A1', birthDate: '1970-01-01' } }]);
    expect(all).toHaveLength(2);
    expect(internal(all[0]!).map((f) => f.ruleId)).toEqual(['hdrg.batch.ebm-operation-same-day', 'hdrg.batch.second-flat-rate']);
    expect(codes(all[0]!)).toContain('HDRG-PREIS');
  });

  it('a fault while counting a batch says so on the entry the batch rules may have missed', () => {
    const hdrg = { hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-04' }, patient: { insuranceNumber: 'A1', birthDate: '1970-01-01' } };
    const loaded = loadRuleSets(bundledSources());
    const d = createChecker({ ruleSets: (loaded as { bundle: RuleSetBundle }).bundle });
    const counters = internalsOf(d.ruleSets)!.versions.flatMap((v) => v.env.counters);
    const spec = counters[0]!;
    const matches = spec.matches;
    spec.matches = (gop, date, hybridDrg) => {
      if (gop === '31102') throw new TypeError('bug');
      return matches(gop, date, hybridDrg);
    };
    restore.push(() => (spec.matches = matches));
    const counted = d.checkAll([hdrg, { date: '2026-05-04', gop: '31102', patient: { insuranceNumber: 'A1', birthDate: '1970-01-01' } }]);
    expect(internal(counted[0]!)).toEqual([]);
    expect(internal(counted[1]!).map((f) => f.ruleId)).toEqual(['pvs-rules']);
    expect(internal(counted[1]!)[0]!.message).toContain('beim Zählen der Leistung im Stapel');
  });

  it('INPUT-UNLESBAR stays for input that cannot be read; a fault is never reported as one', () => {
    const c = createChecker({ ruleSets: bundleWithBrokenFact('asvTeamNumberStatus') });
    const unreadable = Object.defineProperty({ gop: '88500' }, 'date', {
      get: () => {
        throw new Error('host');
      },
      enumerable: true,
    });
    expect(codes(c.check(unreadable))).toEqual(['INPUT-UNLESBAR']);
    expect(codes(c.check({ date: '2026-05-04', gop: '03000' }))).toEqual([]);
  });
});
