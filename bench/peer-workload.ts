/**
 * The peer comparison's workload (see peers.ts): R logical rules and a fixed list of entries,
 * the same for every engine. Rule i fires when the fee number equals the five-digit code
 * 10000 + i and the entry has at least 1 + (i mod 3) 5011/5012 pairs. Each engine gets the
 * rules in its own format from here; `expectedFired` is the definition itself, applied rule by
 * rule, against which every engine's fired rules are verified.
 */
import type { RuleSetSource } from '../plugin-api/types';
import { prng } from './workload';

/** The rule counts of the sweep. */
export const PEER_RULE_COUNTS = [10, 200, 2_000, 20_000] as const;
/** Entries per measurement (slow engines are timed on a prefix; the output says how many). */
export const PEER_ENTRIES = 100_000;

export interface PeerRule {
  /** The fee number (FK 5001) the rule is keyed on. */
  code: string;
  /** Fewest 5011/5012 pairs for the rule to fire. */
  minCosts: number;
}

export interface PeerEntry {
  date: string;
  gop: string;
  costs: { description: string; cents: string }[];
}

/** The R rules, rule i at index i. */
export function peerRules(r: number): PeerRule[] {
  return Array.from({ length: r }, (_, i) => ({ code: String(10000 + i), minCosts: 1 + (i % 3) }));
}

/**
 * `n` entries, the same for every engine and every R. Entry k's fee number is, by k mod 4: one
 * of the 10 codes every R has, one of the first 200, one of the first 20,000, or a five-digit
 * number no rule has (so at R = 10 about a quarter of the entries meet a rule's code, at
 * R = 20,000 three quarters); each has 0–3 pairs. Every four consecutive entries hold each kind.
 */
export function peerEntries(n: number, seed = 18): PeerEntry[] {
  const rnd = prng(seed);
  const spans = [10, 200, 20_000];
  const out: PeerEntry[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const kind = k % 4;
    const code = kind < 3 ? 10000 + Math.floor(rnd() * spans[kind]!) : 30000 + Math.floor(rnd() * 70000);
    const pairs = Math.floor(rnd() * 4);
    const date = `2026-0${4 + Math.floor(rnd() * 3)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    out[k] = { date, gop: String(code), costs: Array.from({ length: pairs }, () => ({ description: '5489', cents: '52458' })) };
  }
  return out;
}

/** The indexes of the rules that fire for `e`, ascending: the definition, rule by rule. */
export function expectedFired(rules: readonly PeerRule[], e: PeerEntry): number[] {
  const out: number[] = [];
  for (let i = 0; i < rules.length; i++) if (e.gop === rules[i]!.code && e.costs.length >= rules[i]!.minCosts) out.push(i);
  return out;
}

/** Rule i's name in the pvs-rules and json-rules-engine formats. */
export const ruleName = (i: number) => `peer.r${i}`;

/** pvs-rules: one rule-set document, loaded through loadRuleSets. */
export function pvsSource(rules: readonly PeerRule[]): RuleSetSource {
  const doc = {
    kind: 'ruleset',
    id: 'peers',
    version: '2026.1',
    title: { de: 'Vergleich', en: 'Comparison' },
    validFrom: '2014-01-01',
    validUntil: null,
    sources: [{ id: 'bench', title: 'Benchmark', date: '2026-01-01' }],
    rules: rules.map((r, i) => ({
      name: ruleName(i),
      conditions: {
        all: [
          { fact: 'gop', operator: 'equal', value: r.code },
          { fact: 'costCount', operator: 'greaterThanInclusive', value: r.minCosts },
        ],
      },
      event: { type: 'finding', params: { code: 'PEER', severity: 'info', message: { de: 'Regel', en: 'Rule' }, fields: ['5001'], source: 'bench' } },
    })),
  };
  return { name: `bench/peers-${rules.length}.json`, text: JSON.stringify(doc) };
}

/** json-rules-engine: the rules as `engine.addRule` takes them, the pair count read through a path. */
export function jreText(rules: readonly PeerRule[]): string {
  return JSON.stringify(
    rules.map((r, i) => ({
      name: ruleName(i),
      conditions: {
        all: [
          { fact: 'gop', operator: 'equal', value: r.code },
          { fact: 'costs', path: '$.length', operator: 'greaterThanInclusive', value: r.minCosts },
        ],
      },
      event: { type: 'fired', params: { rule: i } },
    })),
  );
}

/** json-logic-engine: one logic per rule. */
export function jsonLogicText(rules: readonly PeerRule[]): string {
  return JSON.stringify(rules.map((r) => ({ and: [{ '===': [{ var: 'gop' }, r.code] }, { '>=': [{ var: 'costs.length' }, r.minCosts] }] })));
}

/** GoRules ZEN: one decision table (JDM), a row per rule, hit policy "collect". */
export function zenText(rules: readonly PeerRule[]): string {
  const table = {
    hitPolicy: 'collect',
    inputs: [
      { id: 'gop', name: 'Fee number', field: 'gop' },
      { id: 'pairs', name: 'Pairs', field: 'len(costs)' },
    ],
    outputs: [{ id: 'rule', name: 'Rule', field: 'rule' }],
    rules: rules.map((r, i) => ({ _id: `r${i}`, gop: JSON.stringify(r.code), pairs: `>= ${r.minCosts}`, rule: String(i) })),
  };
  const at = { x: 0, y: 0 };
  return JSON.stringify({
    nodes: [
      { id: 'request', type: 'inputNode', name: 'Request', position: at },
      { id: 'table', type: 'decisionTableNode', name: 'Rules', position: at, content: table },
      { id: 'response', type: 'outputNode', name: 'Response', position: at },
    ],
    edges: [
      { id: 'in', sourceId: 'request', targetId: 'table', type: 'edge' },
      { id: 'out', sourceId: 'table', targetId: 'response', type: 'edge' },
    ],
  });
}

/** ZEN's batch form of a zenText decision: the table runs once per element of the input's `entries`, into `results`. */
export function zenLoop(jdmText: string): string {
  const jdm = JSON.parse(jdmText) as { nodes: { type: string; content?: object }[] };
  for (const node of jdm.nodes) {
    if (node.type === 'decisionTableNode') node.content = { ...node.content, executionMode: 'loop', inputField: 'entries', outputPath: 'results' };
  }
  return JSON.stringify(jdm);
}

/** The hand-written floor: the rules as a plain list, loaded into a Map. */
export function floorText(rules: readonly PeerRule[]): string {
  return JSON.stringify(rules.map((r) => [r.code, r.minCosts]));
}
