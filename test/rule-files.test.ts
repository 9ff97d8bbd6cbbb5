/**
 * The shipped rule files as a billing expert maintains them: what is said many times is written
 * once (a named condition, or a part inherited from the version before), so a change is made
 * in one place.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../src/compile/condition';
import { internalsOf } from '../src/compile/bundle';
import { bundled, ROOT } from './helpers';

const read = (relative: string) => JSON.parse(readFileSync(`${ROOT}/${relative}`, 'utf8')) as Record<string, unknown>;
const HDRG = ['rules/hdrg/2024.1/ruleset.json', 'rules/hdrg/2025.1/ruleset.json', 'rules/hdrg/2026.1/ruleset.json'];

/** Every object in `value` for which `match` holds, counted. */
function count(value: unknown, match: (o: Record<string, unknown>) => boolean): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + count(v, match), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const o = value as Record<string, unknown>;
  return (match(o) ? 1 : 0) + Object.values(o).reduce((n: number, v) => n + count(v, match), 0);
}

describe('repeated conditions are written once', () => {
  it('Hybrid-DRG: "the entry is a Hybrid-DRG case" is the named condition isHybridDrg of 2024.1, which every version uses', () => {
    const leaf = stableStringify({ fact: 'hybridDrg', operator: 'notEqual', value: null });
    const written = HDRG.map((f) => count(read(f), (o) => stableStringify(o) === leaf));
    expect(written).toEqual([1, 0, 0]);
    expect((read(HDRG[0]!)['conditions'] as Record<string, unknown>)['isHybridDrg']).toBeDefined();
    for (const f of [HDRG[0]!, HDRG[2]!]) expect(count(read(f)['rules'], (o) => o['condition'] === 'isHybridDrg'), f).toBeGreaterThan(0);
  });

  it('ASV: the Anlage 5 row of a pseudo-GOP is looked up with params written once (namedParams), in conditions and messages alike', () => {
    const asv = read('rules/asv/2026.1/ruleset.json');
    const blocks = new Map<string, number>();
    count(asv, (o) => {
      const key = o['fact'] === 'tableRow' && typeof o['params'] === 'object' ? stableStringify(o['params']) : undefined;
      if (key !== undefined) blocks.set(key, (blocks.get(key) ?? 0) + 1);
      return false;
    });
    for (const [block, n] of blocks) expect(n, `tableRow params ${block}`).toBeLessThan(2);
    expect(Object.keys(asv['namedParams'] as Record<string, unknown>)).toEqual(['pseudoGopOfDay', 'pseudoGop']);
    expect(count(asv, (o) => o['namedParams'] === 'pseudoGopOfDay')).toBeGreaterThanOrEqual(9);
  });
});

describe('an extending version copies no inherited rule', () => {
  it('a rule it writes under an inherited name has conditions of its own; a new source, message or description alone is a "change"', () => {
    const versions = internalsOf(bundled())!.versions;
    const extending = versions.filter((v) => v.base !== null);
    expect(extending.map((v) => v.key)).toEqual(expect.arrayContaining(['hdrg@2025.1', 'hdrg@2026.1']));
    for (const v of extending) {
      const written = (read(`rules/${v.doc.id}/${v.doc.version}/ruleset.json`)['rules'] as { name: string; conditions: unknown; event: { type: string } }[] | undefined) ?? [];
      const base = versions.find((x) => x.key === v.base)!.doc;
      for (const r of written) {
        const inherited = base.rules.find((x) => x.name === r.name);
        if (!inherited || inherited.event.type !== r.event.type) continue;
        expect(stableStringify(r.conditions), `${v.key} ${r.name} repeats the conditions it inherits`).not.toBe(stableStringify(inherited.conditions));
      }
    }
  });
});
