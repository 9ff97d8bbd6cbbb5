/**
 * The dual-package hazard: the package ships an ESM and a CommonJS copy, and a host that loads
 * both (import here, require there) has two module instances. A bundle is only known to the copy
 * that loaded it; handing it to the other must say so, not claim it is no loadRuleSets() result.
 * Uses the one build of npm test (dist/index.mjs and dist/index.cjs), in this process.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { built } from './built';

type Api = typeof import('../plugin-api/index');
const KBV = { date: '2019-01-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', costs: [{ description: '5489' }] };

describe('a bundle handed from the ESM copy to the CommonJS copy (or back)', async () => {
  const esm = (await import(pathToFileURL(built('dist/index.mjs')).href)) as Api;
  const cjs = createRequire(import.meta.url)(built('dist/index.cjs')) as Api;

  it('is refused with a message that names the two copies and what to do', () => {
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ] as const) {
      const loaded = from.loadBundledRuleSets();
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) continue;
      for (const given of [loaded.bundle, loaded]) {
        const checker = to.createChecker({ ruleSets: given as never });
        expect(checker.ruleSetProblems).toHaveLength(1);
        const p = checker.ruleSetProblems[0]!;
        expect(p.code).toBe('bundle-other-copy');
        expect(p.message).toMatch(/anderen Kopie von pvs-rules.*import.*require/);
        expect(p.messageEn).toMatch(/another copy of pvs-rules.*import.*require/);
        expect(p.message).not.toContain('erwartet wird das Ergebnis von loadRuleSets');
        expect(checker.check(KBV).corrections).toEqual([]);
      }
    }
  });

  it('works within one copy, and a thing that is no bundle keeps its own message', () => {
    for (const api of [esm, cjs]) {
      const loaded = api.loadBundledRuleSets();
      if (!loaded.ok) throw new Error('bundled rule sets do not load');
      expect(api.createChecker({ ruleSets: loaded.bundle }).check(KBV).corrections.map((c) => `${c.field}=${c.value}`)).toContain('5012=52458');
      expect(api.createChecker({ ruleSets: { ruleSets: [] } as never }).ruleSetProblems[0]!.code).toBe('no-rule-sets');
    }
  });
});
