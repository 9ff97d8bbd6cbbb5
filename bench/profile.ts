/**
 * `tsx bench/profile.ts [A|B] [N]`: the compiled checker alone on the bench's quarter, for
 * `node --cpu-prof` runs and quick before/after comparisons per kind of entry. Not a test.
 */
import { performance } from 'node:perf_hooks';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { generatedRuleSet, quarter } from './workload';

// The rollup build, as in bench.ts (a variable keeps the type check off the untyped file).
const DIST_CORE = '../dist/index.mjs';
const { createChecker, loadRuleSets } = (await import(DIST_CORE)) as typeof import('../plugin-api/index');
const part = process.argv[2] === 'B' ? 'B' : 'A';
const n = Number(process.argv[3] ?? 1_000_000);
const sources = readRuleSources([BUNDLED_RULES_DIR]);
const loaded = loadRuleSets(part === 'A' ? sources : [...sources, generatedRuleSet()]);
if (!loaded.ok) throw new Error('rule sets do not load');
const checker = createChecker({ ruleSets: loaded.bundle });
const entries = quarter(n, 20261124) as Record<string, unknown>[];
const kind = (e: Record<string, unknown>) =>
  e['hybridDrg'] ? 'hdrg' : e['gop'] === '88500' ? 'pseudo' : e['gop'] === '50200' ? 'asv' : String(e['gop']).startsWith('BV') ? 'bv' : e['gop'] === '40120' ? 'costs' : 'ordinary';
const time = (list: unknown[]) => {
  for (let i = 0; i < Math.min(list.length, 20_000); i++) checker.check(list[i]);
  let sink = 0;
  const t0 = performance.now();
  for (const e of list) sink += checker.check(e).findings.length;
  return { ns: ((performance.now() - t0) * 1e6) / list.length, sink };
};
for (let round = 0; round < 2; round++) {
  const all = time(entries);
  const parts: string[] = [];
  for (const k of ['ordinary', 'pseudo', 'asv', 'costs', 'hdrg', 'bv']) {
    const list = entries.filter((e) => kind(e) === k);
    const r = time(list);
    parts.push(`${k} ${r.ns.toFixed(0)} ns (${((list.length / n) * 100).toFixed(0)} %)`);
  }
  console.log(`${part} all ${all.ns.toFixed(0)} ns/entry · ${parts.join(' · ')}`);
}
