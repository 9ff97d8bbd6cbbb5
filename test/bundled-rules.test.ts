import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChecker, loadBundledRuleSets } from '../plugin-api/index';
import { KBV_EXAMPLE, ROOT, bundled, codes } from './helpers';

describe('loadBundledRuleSets (Node API)', () => {
  it('loads every shipped rule set, named relative to the package root', () => {
    const loaded = loadBundledRuleSets();
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.bundle.ruleSets).toEqual(bundled().ruleSets);
    expect(loaded.bundle.ruleSets).toEqual(expect.arrayContaining(['asv@2026.1', 'bv@2026.1', 'hdrg@2026.1', 'kvdt@2026.1']));
    const checker = createChecker({ ruleSets: loaded.bundle });
    const r = checker.check(KBV_EXAMPLE);
    expect(r.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
    expect(codes(r)).toContain('ASV-5012-FEHLT');
  });

  it('adds the host’s own documents, and locates their problems under their own names', () => {
    const contract = JSON.parse(readFileSync(`${ROOT}/rules/contracts/beispiel-rueckenschmerz.json`, 'utf8'));
    // The shipped example contract again under a new id: loads alongside the shipped one.
    contract.id = 'eigener-vertrag';
    expect(loadBundledRuleSets([{ name: 'eigener-vertrag.json', text: JSON.stringify(contract) }]).ok).toBe(true);
    const broken = loadBundledRuleSets([{ name: 'kaputt.json', text: '{\n  "kind": "ruleset",\n  "id": 7\n}' }]);
    expect(broken.ok).toBe(false);
    expect(broken.problems.every((p) => p.file === 'kaputt.json')).toBe(true);
    expect(broken.problems).toContainEqual(expect.objectContaining({ pointer: '/id', line: 3, column: 3 }));
  });

  it('refuses a list of extra documents that breaks off while read, instead of loading the part it gave', () => {
    const contract = readFileSync(`${ROOT}/rules/contracts/beispiel-rueckenschmerz.json`, 'utf8').replace('"beispiel-rueckenschmerz"', '"eigener-vertrag"');
    function* breaksOff() {
      yield { name: 'eigener-vertrag.json', text: contract };
      throw new Error('Verbindung zur Datenbank verloren');
    }
    // The same document as a whole list loads: what is refused below is the broken-off read.
    expect(loadBundledRuleSets([{ name: 'eigener-vertrag.json', text: contract }]).ok).toBe(true);
    const partial = loadBundledRuleSets(breaksOff() as never);
    expect(partial.ok).toBe(false);
    expect(partial.problems).toEqual([expect.objectContaining({ code: 'sources', severity: 'error' })]);
    // A list whose length cannot be read, as well.
    const unreadableLength = new Proxy([], { get: (t, k) => (k === 'length' ? (() => { throw new Error('x'); })() : Reflect.get(t, k)) });
    expect(loadBundledRuleSets(unreadableLength).problems).toEqual([expect.objectContaining({ code: 'sources' })]);
  });

  it('names shipped documents as rules/… in problems (a duplicate of a shipped rule set)', () => {
    const asv = readFileSync(`${ROOT}/rules/asv/2026.1/ruleset.json`, 'utf8');
    const twice = loadBundledRuleSets([{ name: 'meine-asv.json', text: asv }]);
    expect(twice.ok).toBe(false);
    expect(twice.problems.map((p) => p.file)).toContain('meine-asv.json');
    expect(JSON.stringify(twice.problems)).toMatch(/rules\/asv\/2026\.1\/ruleset\.json/);
  });
});
