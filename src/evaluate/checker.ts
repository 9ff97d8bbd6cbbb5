/**
 * The compiled evaluator: synchronous, allocation-light, never throws on input. For each
 * entry it picks the rule-set versions valid on the service date, looks up the rules the
 * trigger index keeps for the fee number, and runs them, first on the entry and then on each
 * 5011/5012 pair.
 */
import type { BatchSession, CheckResult, Checker, CheckerOptions, Correction, Explanation, Finding, LoadResult, RuleSetBundle, RuleTrace } from '../../plugin-api/types';
import { internalsOf, type BundleInternals } from '../compile/bundle';
import { HAS_CONTEXT, HAS_HDRG, HAS_TEAM, type CompiledRule, type CompiledVersion, type RuleIndex } from '../compile/rule-set';
import { BatchIndex } from './batch';
import { normalizeEntry, type NormalizedEntry } from '../facts/entry';
import type { Scope } from '../facts/facts';
import { inputFinding, makeCorrection, makeFinding, type Locale } from './events';
import { loadPracticeContext, type CompiledContext, type ContextLoadResult } from '../context/context';
import type { LoadProblem } from '../../plugin-api/types';

const NO_RULES: readonly CompiledRule[] = Object.freeze([]);

/** The rules of one scope the index keeps for an entry with `mask` and fee number `gop`, in evaluation order. */
function rulesFor(index: RuleIndex, mask: number, gop: string): readonly CompiledRule[] {
  const lists = index.byMask[mask]!;
  return lists.byGop.get(gop) ?? lists.rest;
}

/** Creates a checker. Throws only for programming errors (no bundle from {@link loadRuleSets}). */
export function createChecker(options: CheckerOptions): Checker {
  return new CompiledChecker(options);
}

/** A loaded context, or a raw context document (validated here). */
function resolveContext(context: object): ContextLoadResult {
  if (typeof context === 'object' && 'ok' in context && 'problems' in context) return context as ContextLoadResult;
  let text: string;
  try {
    text = JSON.stringify(context, null, 2);
  } catch {
    text = '';
  }
  return loadPracticeContext({ name: '(Kontext)', text });
}

function requireInternals(bundle: unknown): BundleInternals {
  const inner = internalsOf(bundle);
  if (!inner) throw new TypeError('ruleSets must be a bundle returned by loadRuleSets()');
  return inner;
}

interface Sink {
  findings: Finding[];
  corrections: Correction[];
  trace?: RuleTrace[];
}

class CompiledChecker implements Checker {
  private bundle: RuleSetBundle;
  private inner: BundleInternals;
  private readonly locale: Locale;
  /** One reusable scope per rule-set version: its fact cache is invalidated by bumping `gen`. */
  /** Per version slot of the bundle; a scope remembers its version, so a swapped bundle never reuses one. */
  private scopes: (Scope & { version: CompiledVersion })[] = [];
  private readonly context: CompiledContext | null;
  readonly contextProblems: readonly LoadProblem[];

  constructor(options: CheckerOptions) {
    this.inner = requireInternals(options.ruleSets);
    this.bundle = options.ruleSets;
    this.locale = options.locale === 'en' ? 'en' : 'de';
    const ctx = options.context === undefined || options.context === null ? undefined : resolveContext(options.context);
    this.context = ctx?.ok ? ctx.context : null;
    this.contextProblems = Object.freeze([...(ctx?.problems ?? [])]);
  }

  get ruleSets(): RuleSetBundle {
    return this.bundle;
  }

  replaceRuleSets(next: LoadResult | RuleSetBundle): boolean {
    const bundle = 'ok' in next ? (next.ok ? next.bundle : undefined) : next;
    const inner = bundle ? internalsOf(bundle) : undefined;
    if (!bundle || !inner) return false;
    this.bundle = bundle;
    this.inner = inner;
    this.scopes = [];
    return true;
  }

  check(entry: unknown): CheckResult {
    const sink: Sink = { findings: [], corrections: [] };
    this.run(entry, sink, null);
    return { findings: sink.findings, corrections: sink.corrections };
  }

  checkAll(entries: Iterable<unknown>): CheckResult[] {
    const out: CheckResult[] = [];
    const session = this.batch();
    if (!session.needed) {
      for (const e of entries) out.push(this.check(e));
      return out;
    }
    const list = Array.isArray(entries) ? (entries as unknown[]) : [...entries];
    for (const e of list) session.add(e);
    for (const e of list) out.push(session.check(e));
    return out;
  }

  batch(): BatchSession {
    // The bundle is fixed for the session: a replaceRuleSets in between must not mix counts.
    const inner = this.inner;
    const index = new BatchIndex((date) => inner.plan(date));
    const needed = BatchIndex.needed(inner.versions);
    return {
      needed,
      add: (raw) => {
        if (!needed) return;
        const { entry } = normalizeEntry(raw);
        if (entry) index.add(entry);
      },
      check: (raw) => {
        const sink: Sink = { findings: [], corrections: [] };
        this.run(raw, sink, index, inner);
        return { findings: sink.findings, corrections: sink.corrections };
      },
    };
  }

  explain(entry: unknown): Explanation {
    const sink: Sink = { findings: [], corrections: [], trace: [] };
    const plan = this.run(entry, sink, null);
    const considered = sink.trace!.length;
    let total = 0;
    for (const v of plan) total += v.entry.all.length + v.cost.all.length * Math.max(1, this.costCount(entry));
    return {
      result: { findings: sink.findings, corrections: sink.corrections },
      ruleSets: plan.map((v) => v.key),
      rules: sink.trace!,
      skipped: Math.max(0, total - considered),
    };
  }

  private costCount(entry: unknown): number {
    const n = normalizeEntry(entry);
    return n.entry ? n.entry.costs.length : 0;
  }

  /** Evaluates one entry into `sink`; returns the versions used. */
  private run(raw: unknown, sink: Sink, batch: BatchIndex | null, inner: BundleInternals = this.inner): readonly CompiledVersion[] {
    const { entry, problems } = normalizeEntry(raw);
    for (const p of problems) sink.findings.push(inputFinding(p, this.locale));
    if (!entry) return [];
    const plan = inner.plan(entry.date);
    const mask = (entry.teamNumber === null ? 0 : HAS_TEAM) | (entry.hybridDrg === null ? 0 : HAS_HDRG) | (this.context === null ? 0 : HAS_CONTEXT);
    for (const version of plan) {
      const entryRules = rulesFor(version.entry, mask, entry.gop);
      const costRules = entry.costs.length ? rulesFor(version.cost, mask, entry.gop) : NO_RULES;
      // Most versions have nothing for an ordinary service: no scope is touched for them.
      if (entryRules.length === 0 && costRules.length === 0) continue;
      const scope = this.scopeFor(version, entry);
      scope.batch = batch;
      // A new entry: a new generation for its facts (the stamps share one counter space with gen).
      if (scope.gen >= 0xffff0000) {
        scope.stamp.fill(0);
        scope.gen = 0;
      }
      scope.entryGen = ++scope.gen;
      this.runRules(version, entryRules, scope, sink);
      if (costRules.length) {
        for (let i = 0; i < entry.costs.length; i++) {
          scope.costIndex = i;
          scope.cost = entry.costs[i]!;
          this.runRules(version, costRules, scope, sink);
        }
      }
    }
    batch?.done(entry);
    return plan;
  }

  private scopeFor(version: CompiledVersion, entry: NormalizedEntry): Scope {
    let s = this.scopes[version.slot];
    if (s === undefined || s.version !== version) {
      s = { version, entry, costIndex: -1, cost: null, context: this.context, batch: null, vals: new Array(version.slotCount), stamp: new Uint32Array(version.slotCount), gen: 0, entryGen: 0 };
      this.scopes[version.slot] = s;
    }
    s.entry = entry;
    s.costIndex = -1;
    s.cost = null;
    return s;
  }

  private runRules(version: CompiledVersion, rules: readonly CompiledRule[], scope: Scope, sink: Sink): void {
    if (rules.length === 0) return;
    // A new generation empties the pair-fact cache without touching the arrays.
    ++scope.gen;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      let fired: boolean;
      if (sink.trace) {
        const conditions = rule.when.trace(scope);
        fired = conditions.result;
        const t: RuleTrace = { ruleId: rule.id, ruleSet: version.key, scope: rule.scope, fired, conditions };
        if (rule.scope === 'cost') t.index = scope.costIndex;
        sink.trace.push(t);
      } else {
        fired = rule.when.evaluate(scope);
      }
      if (fired) this.fire(rule, version, scope, sink);
    }
  }

  private fire(rule: CompiledRule, version: CompiledVersion, scope: Scope, sink: Sink): void {
    const ev = rule.event;
    if (ev.type === 'finding') {
      const values = new Map<string, unknown>();
      for (const p of ev.placeholders) values.set(p.name, p.value(scope));
      sink.findings.push(makeFinding(ev, values, rule.id, version.key, this.locale, scope.costIndex));
    } else {
      const c = makeCorrection(ev, ev.value(scope), rule.id, scope.costIndex, scope.cost);
      if (c) sink.corrections.push(c);
    }
  }
}
