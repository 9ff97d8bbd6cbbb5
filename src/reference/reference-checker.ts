/**
 * Reference mode: the same bundle evaluated by json-rules-engine itself. It is the test
 * oracle and the benchmark's yardstick, not a production path: it is asynchronous and costs
 * about a thousand times more per entry.
 *
 * Only condition evaluation, operators, path resolution, priorities and event-param
 * resolution are json-rules-engine's here; the facts are the shared definitions in
 * `src/facts`, and turning events into findings is the shared code in `src/evaluate/events`.
 *
 * @module pvs-rules/reference
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import type { CheckResult, CheckerOptions, Correction, Finding } from '../../plugin-api/types';
import type { loadPracticeContext } from '../../plugin-api/index';
import { internalsOf } from '../compile/bundle';
import { stableStringify } from '../compile/condition';
import type { CompiledRule, CompiledVersion } from '../compile/rule-set';
import { isIsoDate, normalizeEntry, type InputProblem } from '../facts/entry';
import { FACTS, type BoundFact, type Scope } from '../facts/facts';
import { inputFinding, makeCorrection, makeFinding, type Locale } from '../evaluate/events';
import type { ContextLoadResult } from '../context/context';
import { BatchIndex } from '../evaluate/batch';

export interface ReferenceChecker {
  check(entry: unknown): Promise<CheckResult>;
  /** The entries as one batch, in two passes (the compiled checker's `checkAll` gives the same results in one). */
  checkAll(entries: readonly unknown[]): Promise<CheckResult[]>;
}

interface VersionEngines {
  entry: Engine;
  cost: Engine;
  rules: Map<string, CompiledRule>;
}

const SCOPE_FACT = '__scope';

/**
 * Creates a json-rules-engine backed checker for `ruleSets`; `context` is the result of
 * `loadPracticeContext`. `readAll`: copy every field of an entry, as if every rule could meet
 * it — without the shortcut both checkers take by what the rules that can meet an entry read
 * (pairs, patient, case); rule findings and corrections must not change, only input warnings
 * on fields no such rule reads are added.
 */
export function createReferenceChecker(options: Pick<CheckerOptions, 'ruleSets' | 'locale' | 'checkDate'> & { context?: ReturnType<typeof loadPracticeContext>; readAll?: boolean }): ReferenceChecker {
  const inner = internalsOf(options.ruleSets);
  if (!inner) throw new TypeError('ruleSets must be a bundle returned by loadRuleSets()');
  const locale: Locale = options.locale === 'en' ? 'en' : 'de';
  // The public result type brands the compiled context; it is the same object.
  const loaded = options.context as ContextLoadResult | undefined;
  const context = loaded?.ok ? loaded.context : null;
  const checkDate = isIsoDate(options.checkDate) ? options.checkDate : null;
  const engines = new Map<CompiledVersion, VersionEngines>();
  const routeReads = options.readAll === true ? null : inner.routeReads;

  const enginesFor = (v: CompiledVersion): VersionEngines => {
    let e = engines.get(v);
    if (!e) {
      e = { entry: buildEngine(v, 'entry'), cost: buildEngine(v, 'cost'), rules: new Map([...v.entryRules, ...v.costRules].map((r) => [r.id, r])) };
      engines.set(v, e);
    }
    return e;
  };

  const check = async (raw: unknown, batch: BatchIndex | null): Promise<CheckResult> => {
    {
      const findings: Finding[] = [];
      const corrections: Correction[] = [];
      const problems: InputProblem[] = [];
      const entry = normalizeEntry(raw, problems, inner.reads, null, routeReads);
      for (const p of problems) findings.push(inputFinding(p, locale));
      if (!entry) return { findings, corrections };
      for (const version of inner.planOn(entry.day).versions) {
        const e = enginesFor(version);
        const scopes: Scope[] = [{ entry, costIndex: -1, cost: null, context, checkDate, batch, vals: [], stamp: new Uint32Array(0), gen: 0, entryGen: 0 }];
        const costScopes = entry.costs.map((cost, i): Scope => ({ entry, costIndex: i, cost, context, checkDate, batch, vals: [], stamp: new Uint32Array(0), gen: 0, entryGen: 0 }));
        for (const [engine, list] of [
          [e.entry, scopes],
          [e.cost, costScopes],
        ] as const) {
          for (const scope of list) {
            const { results } = await engine.run({ [SCOPE_FACT]: scope });
            const fired = results
              .map((r) => ({ r, rule: e.rules.get(String(r.name))! }))
              .sort((a, b) => b.rule.priority - a.rule.priority || a.rule.index - b.rule.index);
            for (const { r, rule } of fired) {
              const params = (r.event?.params ?? {}) as Record<string, unknown>;
              if (rule.event.type === 'finding') {
                const values = rule.event.placeholders.map((p) => params[p.name]);
                findings.push(makeFinding(rule.event, values, rule.id, version.key, locale, scope.costIndex));
              } else {
                const c = makeCorrection(rule.event, params['value'], rule.id, scope.costIndex, scope.cost);
                if (c) corrections.push(c);
              }
            }
          }
        }
      }
      batch?.done(entry);
      return { findings, corrections };
    }
  };
  return {
    check: (raw) => check(raw, null),
    async checkAll(entries) {
      const batch = new BatchIndex((day) => inner.planOn(day).versions);
      for (const e of entries) {
        const n = normalizeEntry(e, [], inner.reads, null, routeReads);
        if (n) batch.add(n);
      }
      const out: CheckResult[] = [];
      for (const e of entries) out.push(await check(e, batch));
      return out;
    },
  };
}

/**
 * The rule's event with the params a result is made of: a finding's placeholders, a correction's
 * value (json-rules-engine resolves them, see check). json-rules-engine copies each rule's event
 * whenever it evaluates the rule and resolves every param of a rule that fires; the message
 * texts, fields and sources (half of what it copied) are the compiled event's in either checker.
 */
function eventRead(rule: CompiledRule): { type: string; params: Record<string, unknown> } {
  const params = rule.doc.event.params as unknown as Record<string, unknown>;
  const names = rule.event.type === 'finding' ? rule.event.placeholders.map((p) => p.name) : ['value'];
  return { type: rule.doc.event.type, params: Object.fromEntries(names.filter((n) => Object.prototype.hasOwnProperty.call(params, n)).map((n) => [n, params[n]])) };
}

function buildEngine(version: CompiledVersion, scope: 'entry' | 'cost'): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false, replaceFactsInEventParams: true });
  const bound = new Map<string, BoundFact>();
  for (const def of FACTS.values()) {
    engine.addFact(def.id, async (params, almanac) => {
      const s = (await almanac.factValue(SCOPE_FACT)) as Scope;
      const p = params && Object.keys(params).length ? (params as Record<string, unknown>) : undefined;
      const key = `${def.id}|${stableStringify(p ?? {})}`;
      let fn = bound.get(key);
      if (!fn) {
        const r = def.bind(p, version.env);
        if ("problems" in r) throw new Error(`fact ${def.id} ${JSON.stringify(params)}: ${r.problems.map((x) => x.en).join("; ")}`);
        bound.set(key, (fn = r.fact));
      }
      return fn(s);
      // Not cached by json-rules-engine: its cache key is a hash of the params (hash-it) at every
      // fact reference, which cost more than the fact (a bound function of the entry's scope) it spares.
    }, { cache: false });
  }
  // json-rules-engine may annotate what it is given; it gets copies of the documents the checker evaluates.
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  for (const [name, c] of Object.entries(version.doc.conditions ?? {})) engine.setCondition(name, copy(c) as never);
  for (const rule of scope === 'entry' ? version.entryRules : version.costRules) {
    const props: RuleProperties = { name: rule.id, priority: rule.priority, conditions: copy(rule.doc.conditions) as never, event: copy(eventRead(rule)) as never };
    engine.addRule(props);
  }
  return engine;
}
