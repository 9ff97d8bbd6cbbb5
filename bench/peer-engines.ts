/**
 * The contestants of the peer comparison (peers.ts), each loaded from its own JSON text of the
 * same rules (peer-workload.ts) and run as its documentation shows. `run` is the engine's own
 * call, returning how many rules fired (the timed form); `fired` gives their indexes, for the
 * check that every engine fires the same rules.
 */
import type { PeerEntry, PeerRule } from './peer-workload';
import { floorText, jreText, jsonLogicText, pvsSource, zenLoop, zenText } from './peer-workload';

export interface SyncEngine {
  kind: 'sync';
  run(e: PeerEntry): number;
  fired(e: PeerEntry): number[];
  /** A batch form, where the engine has one (pvs-rules: checkAll). */
  runAll?(list: PeerEntry[]): number;
}

export interface AsyncEngine {
  kind: 'async';
  run(e: PeerEntry): Promise<number>;
  /** The engine's best batch form; `batchForm` says what it is. */
  runAll(list: PeerEntry[]): Promise<number>;
  fired(e: PeerEntry): Promise<number[]>;
  dispose?(): void;
}

export interface Contestant {
  id: 'floor' | 'pvs' | 'json-logic' | 'jre' | 'zen';
  label: string;
  /** What the batch form is (async engines and pvs-rules). */
  batchForm?: string;
  /** Timed on all the entries whatever its speed (checkAll's cost depends on how many results it holds). */
  fullSample?: boolean;
  /** The engine's modules, imported before load is timed. */
  prepare(): Promise<void>;
  /** The rules in the engine's format, as text. */
  text(rules: readonly PeerRule[]): string;
  /** From text to an engine ready to check (the timed load). */
  load(text: string): SyncEngine | AsyncEngine;
}

// What ships is measured: the rollup build (npm run bench builds first), as in bench.ts.
const DIST_CORE = '../dist/index.mjs';
type PvsApi = typeof import('../plugin-api/index');
let pvs: PvsApi;

const ascending = (list: number[]) => list.sort((a, b) => a - b);
const ruleIndex = (name: string) => Number(name.slice(name.lastIndexOf('r') + 1));

/** The hand-written floor: one Map lookup and one comparison. */
const floor: Contestant = {
  id: 'floor',
  label: 'hand-written Map (floor)',
  prepare: async () => {},
  text: floorText,
  load(text) {
    const byCode = new Map<string, { rule: number; minCosts: number }>();
    (JSON.parse(text) as [string, number][]).forEach(([code, minCosts], rule) => {
      if (byCode.has(code)) throw new Error(`floor: fee number ${code} has two rules`);
      byCode.set(code, { rule, minCosts });
    });
    const fired = (e: PeerEntry): number[] => {
      const r = byCode.get(e.gop);
      return r !== undefined && e.costs.length >= r.minCosts ? [r.rule] : [];
    };
    return { kind: 'sync', run: (e) => fired(e).length, fired };
  },
};

const pvsRules: Contestant = {
  id: 'pvs',
  label: 'pvs-rules',
  batchForm: 'checkAll',
  fullSample: true,
  async prepare() {
    pvs = (await import(DIST_CORE)) as PvsApi;
  },
  text: (rules) => pvsSource(rules).text,
  load(text) {
    const loaded = pvs.loadRuleSets([{ name: 'bench/peers.json', text }]);
    if (!loaded.ok) throw new Error(`pvs-rules: the peer rules do not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
    const checker = pvs.createChecker({ ruleSets: loaded.bundle });
    return {
      kind: 'sync',
      run: (e) => checker.check(e).findings.length,
      runAll(list) {
        let n = 0;
        for (const r of checker.checkAll(list)) n += r.findings.length;
        return n;
      },
      fired: (e) => ascending(checker.check(e).findings.map((f) => ruleIndex(f.ruleId))),
    };
  },
};

let LogicEngine: typeof import('json-logic-engine').LogicEngine;
/** json-logic-engine in its compiled mode (`build`: one function per rule, made with new Function). */
const jsonLogic: Contestant = {
  id: 'json-logic',
  label: 'json-logic-engine 5 (build)',
  async prepare() {
    LogicEngine = (await import('json-logic-engine')).LogicEngine;
  },
  text: jsonLogicText,
  load(text) {
    const engine = new LogicEngine();
    const rules = (JSON.parse(text) as unknown[]).map((logic) => engine.build(logic) as (data: unknown) => unknown);
    const fired = (e: PeerEntry): number[] => {
      const out: number[] = [];
      for (let i = 0; i < rules.length; i++) if (rules[i]!(e)) out.push(i);
      return out;
    };
    return { kind: 'sync', run: (e) => fired(e).length, fired };
  },
};

/**
 * Runs in flight at once for json-rules-engine's batch form: it has no batch API, its runs
 * interleave on promises. Wider was slower still (16, 64 and 256 measured).
 */
const BATCH_IN_FLIGHT = 4;
/** Entries per call of ZEN's loop table. */
const ZEN_BATCH = 1000;

let JreEngine: typeof import('json-rules-engine').Engine;
const jre: Contestant = {
  id: 'jre',
  label: 'json-rules-engine 7.3',
  batchForm: `${BATCH_IN_FLIGHT} runs in flight at once (Promise.all; it has no batch API)`,
  async prepare() {
    JreEngine = (await import('json-rules-engine')).Engine;
  },
  text: jreText,
  load(text) {
    const engine = new JreEngine();
    for (const rule of JSON.parse(text) as object[]) engine.addRule(rule as never);
    const events = async (e: PeerEntry) => (await engine.run(e as never)).events;
    return {
      kind: 'async',
      run: async (e) => (await events(e)).length,
      async runAll(list) {
        let n = 0;
        for (let i = 0; i < list.length; i += BATCH_IN_FLIGHT) {
          for (const r of await Promise.all(list.slice(i, i + BATCH_IN_FLIGHT).map((e) => engine.run(e as never)))) n += r.events.length;
        }
        return n;
      },
      fired: async (e) => ascending((await events(e)).map((ev) => (ev.params as { rule: number }).rule)),
    };
  },
};

type ZenModule = typeof import('@gorules/zen-engine');
let zenModule: ZenModule;
const zen: Contestant = {
  id: 'zen',
  label: 'GoRules ZEN 0.54 (decision table)',
  batchForm: `${ZEN_BATCH} entries per call (the table in loop mode)`,
  async prepare() {
    const m = (await import('@gorules/zen-engine')) as ZenModule & { default?: ZenModule };
    zenModule = m.ZenEngine ? m : m.default!;
  },
  text: zenText,
  load(text) {
    const engine = new zenModule.ZenEngine();
    const decision = engine.createDecision(Buffer.from(text));
    // The batch form is a second decision, made on first use: the same table in loop mode.
    let loop: ReturnType<typeof engine.createDecision> | undefined;
    const rows = async (e: PeerEntry) => (await decision.evaluate(e)).result as { rule: number }[];
    return {
      kind: 'async',
      run: async (e) => (await rows(e)).length,
      async runAll(list) {
        loop ??= engine.createDecision(Buffer.from(zenLoop(text)));
        let n = 0;
        for (let i = 0; i < list.length; i += ZEN_BATCH) {
          const out = (await loop.evaluate({ entries: list.slice(i, i + ZEN_BATCH) })).result as { results: unknown[][] };
          for (const r of out.results) n += r.length;
        }
        return n;
      },
      fired: async (e) => ascending((await rows(e)).map((r) => Number(r.rule))),
      dispose: () => engine.dispose(),
    };
  },
};

/** Every contestant, the floor first. */
export const CONTESTANTS: readonly Contestant[] = [floor, pvsRules, jsonLogic, jre, zen];

export const contestant = (id: string): Contestant => {
  const c = CONTESTANTS.find((x) => x.id === id);
  if (!c) throw new Error(`no contestant ${id}`);
  return c;
};
