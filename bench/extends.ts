/**
 * Versions that extend versions in `npm run bench` (issue #15): what resolving `extends` and
 * parameters costs when loading, as ratios in one process.
 * - The bundled rule sets as shipped (Hybrid-DRG 2025 and 2026 extend their predecessors) against
 *   the same with the full files they replaced (test/fixtures/rulesets/before-extends), rounds
 *   alternating, the fastest of each.
 * - Resolution alone (src/load/effective.ts, no compiling) for chains of 10, 100 and 1,000
 *   versions each extending the one before: the time per version stays flat when the work is
 *   linear in what is resolved.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RuleSetSource } from '../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { effectiveVersions } from '../src/load/effective';

const DIST_CORE = '../dist/index.mjs';
const BEFORE = new URL('../test/fixtures/rulesets/before-extends/', import.meta.url);

function fullFiles(sources: RuleSetSource[]): RuleSetSource[] {
  return sources.map((s) => {
    const m = /hdrg\/(2024\.1|2025\.1|2026\.1)\/ruleset\.json$/.exec(s.name);
    return m ? { name: s.name, text: readFileSync(new URL(`hdrg-${m[1]!}.json`, BEFORE), 'utf8') } : s;
  });
}

/** `k` versions, each extending the one before and replacing two of the first version's 50 rules: every effective version has 50 rules. */
function chain(k: number): RuleSetSource[] {
  const rule = (name: string, gop: string) => ({ name, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }] }, event: { type: 'finding', params: { code: 'X1', severity: 'info', message: { de: 'x', en: 'x' }, fields: [], source: 's' } } });
  const out: RuleSetSource[] = [];
  for (let i = 0; i < k; i++) {
    const doc: Record<string, unknown> = { kind: 'ruleset', id: 'kette', version: `${2000 + Math.floor(i / 100)}.${(i % 100) + 1}`, title: { de: 'K', en: 'K' }, validFrom: '2000-01-01', rules: i === 0 ? Array.from({ length: 50 }, (_, n) => rule(`r.${n}`, String(10000 + n))) : [rule(`r.${i % 50}`, String(20000 + i)), rule('r.0', String(30000 + i))] };
    if (i === 0) doc['sources'] = [{ id: 's', title: 'S', date: '2000-01-01' }];
    else doc['extends'] = `kette@${2000 + Math.floor((i - 1) / 100)}.${((i - 1) % 100) + 1}`;
    out.push({ name: `kette-${i}.json`, text: JSON.stringify(doc) });
  }
  return out;
}

export async function extendsBench(): Promise<void> {
  const { loadRuleSets } = (await import(DIST_CORE)) as typeof import('../plugin-api/index');
  const shipped = readRuleSources([BUNDLED_RULES_DIR]);
  const full = fullFiles(shipped);
  const times: { shipped: number[]; full: number[] } = { shipped: [], full: [] };
  for (let round = 0; round < 40; round++) {
    for (const [kind, sources] of [
      ['shipped', shipped],
      ['full', full],
    ] as const) {
      const t0 = performance.now();
      if (!loadRuleSets(sources).ok) throw new Error(`${kind} rule sets do not load`);
      times[kind].push(performance.now() - t0);
    }
  }
  // The fastest of 40 interleaved rounds: other load on the machine only ever adds time.
  const a = Math.min(...times.shipped.slice(5));
  const b = Math.min(...times.full.slice(5));
  console.log(`\nversions that extend versions (issue #15):`);
  console.log(`  load of the bundled rule sets: Hybrid-DRG 2025/2026 extending ${a.toFixed(1)} ms, as full files ${b.toFixed(1)} ms (ratio ${(a / b).toFixed(2)})`);
  const perVersion: string[] = [];
  for (const k of [10, 100, 1000]) {
    const sources = chain(k);
    const runs: number[] = [];
    for (let round = 0; round < 7; round++) {
      const t0 = performance.now();
      const r = effectiveVersions(sources);
      runs.push(performance.now() - t0);
      if (r.versions.length !== k) throw new Error(`chain of ${k}: ${r.problems.map((p) => p.messageEn).join('; ')}`);
    }
    perVersion.push(`${k}: ${((Math.min(...runs) / k) * 1000).toFixed(0)} µs/version`);
  }
  console.log(`  resolving a chain of versions (parse, schema, extends; 50 rules each, two replaced): ${perVersion.join(', ')}`);
}
