/**
 * The benchmark's workload, shared by `npm run bench` and profiling runs: a seeded synthetic
 * quarter, the 2,000 generated rules keyed on the fee number, and the hand-written baseline.
 */
import type { RuleSetSource } from '../plugin-api/types';
import { priceCents } from '../src/money/goae-fee';

/** Small seeded PRNG (mulberry32), so every run checks the same quarter. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATIENTS = 20_000;
const participation = { contract: 'beispiel-rueckenschmerz', declared: '2026-01-05', noticeGiven: '2026-01-05' };

/**
 * A synthetic quarter: mostly ordinary EBM services, some ASV pseudo-GOPs with prices right
 * and wrong, Hybrid-DRG cases and § 140a contract services, for 20,000 patients.
 */
export function quarter(n: number, seed: number): unknown[] {
  const rnd = prng(seed);
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const day = `2026-0${4 + Math.floor(rnd() * 3)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const r = rnd();
    const patient = { insuranceNumber: `X${Math.floor(rnd() * PATIENTS)}`, birthDate: '1970-01-01' };
    if (r < 0.88) {
      out[i] = { date: day, gop: String(10000 + Math.floor(rnd() * 3000)), lanr: '604432405', patient };
    } else if (r < 0.89) {
      out[i] = { hybridDrg: { code: rnd() < 0.8 ? 'G24M' : 'M04N', start: day, end: day, opDate: day }, ops: [{ code: '5-530.03', laterality: 'L' }], diagnoses: [{ icd: 'K40.90', kind: 'main' }], patient };
    } else if (r < 0.90) {
      out[i] = { date: day, gop: rnd() < 0.5 ? 'BV001' : 'BV002', lanr: '776299002', bsnr: '198212400', patient, case: { insurerIk: '108939385', participations: [participation] } };
    } else if (r < 0.95) {
      out[i] = { date: day, gop: '88500', teamNumber: '001234577', costs: [{ description: rnd() < 0.5 ? '5489' : '5488', cents: rnd() < 0.5 ? '52458' : undefined }] };
    } else if (r < 0.98) {
      out[i] = { date: day, gop: '50200', teamNumber: '001234566' };
    } else {
      out[i] = { date: day, gop: '40120', costs: [{ description: 'Stent', cents: String(Math.floor(rnd() * 2_000_000)) }] };
    }
  }
  return out;
}

/** 2,000 rules keyed on fee numbers 10000–11999, each an info finding when a pair exists. */
export function generatedRuleSet(): RuleSetSource {
  const rules = Array.from({ length: 2000 }, (_, i) => ({
    name: `gen.gop-${10000 + i}`,
    conditions: { all: [{ fact: 'gop', operator: 'equal', value: String(10000 + i) }, { fact: 'lanr', operator: 'notEqual', value: null }, { fact: 'costCount', operator: 'greaterThan', value: 0 }] },
    event: { type: 'finding', params: { code: 'GEN-INFO', severity: 'info', message: { de: 'GOP {gop}', en: 'GOP {gop}' }, fields: ['5001'], source: 'Benchmark', gop: { fact: 'gop' } } },
  }));
  const doc = { kind: 'ruleset', id: 'bench', version: '2026.1', title: { de: 'Benchmark', en: 'Benchmark' }, validFrom: '2014-01-01', validUntil: null, sources: [{ id: 'bench', title: 'Benchmark', date: '2026-01-01' }], rules };
  return { name: 'bench/generated.json', text: JSON.stringify(doc) };
}

/** What the bundled rules decide, written by hand with Map lookups: the baseline. */
export function handWrittenBaseline(generated: boolean) {
  const prices = new Map([
    ['5488', priceCents(6000, '5.82873', '1.2')],
    ['5489', priceCents(7500, '5.82873', '1.2')],
  ]);
  const pseudo = new Map([['88500', { from: '2015-01-01', allowed: new Set(['5488', '5489']) }]]);
  const keyed = new Set(generated ? Array.from({ length: 2000 }, (_, i) => String(10000 + i)) : []);
  return (e: Record<string, any>) => {
    const findings: { code: string }[] = [];
    const corrections: { field: string; index: number; value: string }[] = [];
    if (typeof e.date !== 'string' || typeof e.gop !== 'string') return { findings: [{ code: 'INPUT' }], corrections };
    const costs: Record<string, any>[] = e.costs ?? [];
    if (keyed.has(e.gop) && e.lanr && costs.length) findings.push({ code: 'GEN-INFO' });
    const p = pseudo.get(e.gop);
    if (p && e.date >= p.from) {
      if (!e.teamNumber) findings.push({ code: 'ASV-TEAMNR-FEHLT' });
      if (!costs.length) findings.push({ code: 'ASV-5011-FEHLT' });
      costs.forEach((c, i) => {
        if (!c.description) findings.push({ code: 'ASV-5011-FEHLT' });
        else if (!p.allowed.has(c.description)) findings.push({ code: 'ASV-5011-UNZULAESSIG' });
        else {
          const price = prices.get(c.description)!;
          const cents = c.cents == null ? null : String(c.cents);
          if (cents === null) findings.push({ code: 'ASV-5012-FEHLT' });
          else if (cents !== price) findings.push({ code: 'ASV-5012-FALSCH' });
          if (cents !== price) corrections.push({ field: '5012', index: i, value: price });
        }
      });
    }
    if (e.date >= '2026-04-01') {
      for (const c of costs) {
        if (c.cents != null && !c.description) findings.push({ code: 'KVDT-5012-OHNE-5011' });
        if (Number(c.cents) > 999999) findings.push({ code: 'KVDT-710' });
      }
    }
    return { findings, corrections };
  };
}
