/**
 * The compiled evaluator: synchronous, allocation-light, never throws on input. For each
 * entry it takes the plan of the service date (the rule-set versions valid then), asks the
 * plan's trigger index once for the rules that can fire for the fee number, and runs each
 * rule's program node (`interpreter.ts`), first on the entry and then on each 5011/5012 pair.
 */
import type { BatchSession, CheckResult, Checker, CheckerOptions, Correction, Explanation, Finding, LoadResult, PendingCheck, RuleSetBundle, RuleTrace, StreamResult, StreamSession } from '../../plugin-api/types';
import { internalsOf, type BundleInternals } from '../compile/bundle';
import type { CompiledRule, CompiledVersion } from '../compile/rule-set';
import { HAS_CONTEXT, HAS_HDRG, HAS_TEAM } from '../compile/trigger-index';
import { BatchIndex } from './batch';
import { Pending, StreamIndex, type BatchState } from './stream';
import { holds } from './interpreter';
import { normalizeEntry, UNREADABLE, type InputProblem, type NormalizedEntry } from '../facts/entry';
import type { Scope } from '../facts/facts';
import { inputFinding, makeCorrection, makeFinding, type Locale } from './events';
import { loadPracticeContext, type CompiledContext, type ContextLoadResult } from '../context/context';
import type { LoadProblem } from '../../plugin-api/types';

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
  /** Input problems of the entry being checked (one list, reused: checking is synchronous and never re-entered). */
  private readonly problems: InputProblem[] = [];
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
    // A sink without a trace is exactly a result.
    const sink: Sink = { findings: [], corrections: [] };
    this.guarded(entry, sink, null, this.inner);
    return sink;
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
    const index = new BatchIndex((day) => inner.planOn(day).versions);
    const needed = BatchIndex.needed(inner.versions);
    // The first pass only counts; input problems are reported when each entry is checked.
    const ignored: InputProblem[] = [];
    return {
      needed,
      add: (raw) => {
        if (!needed) return;
        try {
          ignored.length = 0;
          const entry = normalizeEntry(raw, ignored);
          if (entry) index.add(entry);
        } catch {
          // Not counted; checking the entry reports it as unreadable.
        }
      },
      check: (raw) => {
        const sink: Sink = { findings: [], corrections: [] };
        this.guarded(raw, sink, index, inner);
        return sink;
      },
    };
  }

  stream(): StreamSession {
    // As batch(): the bundle is fixed for the session.
    const inner = this.inner;
    const needed = BatchIndex.needed(inner.versions);
    const index = new StreamIndex((day) => inner.planOn(day).versions);
    const counted: InputProblem[] = [];
    return {
      needed,
      check: (raws) => {
        if (!needed) return raws.map((raw) => this.check(raw));
        for (const raw of raws) {
          try {
            counted.length = 0;
            const entry = normalizeEntry(raw, counted);
            if (entry) index.add(entry);
          } catch {
            // Not counted; checking the entry reports it as unreadable.
          }
        }
        return raws.map((raw): StreamResult => {
          const sink: Sink = { findings: [], corrections: [] };
          index.begin();
          this.guarded(raw, sink, index, inner);
          const read = index.finish();
          return read ? { ...sink, pending: new Pending(read.reads, raw, read.before) } : sink;
        });
      },
      count: (key) => index.count(key),
      settle: (pending: PendingCheck) => {
        if (index.stands(pending) || !(pending instanceof Pending)) return undefined;
        const sink: Sink = { findings: [], corrections: [] };
        this.guarded(pending.raw, sink, index.settling(pending), inner);
        return sink;
      },
    };
  }

  explain(entry: unknown): Explanation {
    const sink: Sink = { findings: [], corrections: [], trace: [] };
    const plan = this.guarded(entry, sink, null, this.inner);
    const considered = sink.trace!.length;
    let total = 0;
    for (const v of plan) total += v.entryRules.length + v.costRules.length * Math.max(1, this.costCount(entry));
    return {
      result: { findings: sink.findings, corrections: sink.corrections },
      ruleSets: plan.map((v) => v.key),
      rules: sink.trace!,
      skipped: Math.max(0, total - considered),
    };
  }

  private costCount(entry: unknown): number {
    try {
      return normalizeEntry(entry, [])?.costs.length ?? 0;
    } catch {
      return 0;
    }
  }

  /**
   * `run`, but an exception from the host's object (a throwing getter, a proxy, a value that
   * cannot be converted) never escapes: the result is then one input error, without partial
   * findings or corrections.
   */
  private guarded(raw: unknown, sink: Sink, batch: BatchState | null, inner: BundleInternals): readonly CompiledVersion[] {
    try {
      return this.run(raw, sink, batch, inner);
    } catch {
      sink.findings = [inputFinding(UNREADABLE, this.locale)];
      sink.corrections = [];
      if (sink.trace) sink.trace.length = 0;
      return [];
    }
  }

  /** Evaluates one entry into `sink`; returns the versions used. */
  private run(raw: unknown, sink: Sink, batch: BatchState | null, inner: BundleInternals): readonly CompiledVersion[] {
    const problems = this.problems;
    problems.length = 0;
    const entry = normalizeEntry(raw, problems);
    for (let i = 0; i < problems.length; i++) sink.findings.push(inputFinding(problems[i]!, this.locale));
    if (!entry) return [];
    const plan = inner.planOn(entry.day);
    const mask = (entry.teamNumber === null ? 0 : HAS_TEAM) | (entry.hybridDrg === null ? 0 : HAS_HDRG) | (this.context === null ? 0 : HAS_CONTEXT);
    const routes = plan.index.routesFor(mask);
    const route = routes.words;
    const start = routes.find(entry.gop);
    const versions = inner.versions;
    const costCount = entry.costs.length;
    // See Routes: the route's length, then per version its slot, the two rule counts, then (node, rule position) pairs.
    for (let at = start + 1, end = start + 1 + route[start]!; at < end; ) {
      const version = versions[route[at]!]!;
      const entryCount = route[at + 1]!;
      const pairCount = route[at + 2]!;
      const entryAt = at + 3;
      const pairAt = entryAt + 2 * entryCount;
      at = pairAt + 2 * pairCount;
      // A version with only pair rules is nothing for an entry without pairs: no scope is touched.
      if (entryCount === 0 && (costCount === 0 || pairCount === 0)) continue;
      const scope = this.scopeFor(version, entry);
      scope.batch = batch;
      // A new entry: a new generation for its facts (the stamps share one counter space with gen).
      if (scope.gen >= 0xffff0000) {
        scope.stamp.fill(0);
        scope.gen = 0;
      }
      scope.entryGen = ++scope.gen;
      this.runRules(version, version.entryRules, route, entryAt, entryCount, scope, sink);
      if (pairCount) {
        for (let i = 0; i < costCount; i++) {
          scope.costIndex = i;
          scope.cost = entry.costs[i]!;
          this.runRules(version, version.costRules, route, pairAt, pairCount, scope, sink);
        }
      }
    }
    batch?.done(entry);
    return plan.versions;
  }

  private scopeFor(version: CompiledVersion, entry: NormalizedEntry): Scope {
    let s = this.scopes[version.slot];
    if (s === undefined || s.version !== version) {
      s = { version, entry, costIndex: -1, cost: null, context: this.context, batch: null, vals: new Array<unknown>(version.program.slotCount).fill(null), stamp: new Uint32Array(version.program.slotCount), gen: 0, entryGen: 0 };
      this.scopes[version.slot] = s;
    }
    s.entry = entry;
    s.costIndex = -1;
    s.cost = null;
    return s;
  }

  /** Runs `count` rules of `rules` as the route lists them from `at`: (program node, position in `rules`) pairs. */
  private runRules(version: CompiledVersion, rules: readonly CompiledRule[], route: Int32Array, at: number, count: number, scope: Scope, sink: Sink): void {
    if (count === 0) return;
    const program = version.program;
    // A new generation empties the pair-fact cache without touching the arrays.
    ++scope.gen;
    for (let i = at; i < at + 2 * count; i += 2) {
      if (sink.trace) {
        const rule = rules[route[i + 1]!]!;
        const conditions = rule.when.trace(scope, program);
        const t: RuleTrace = { ruleId: rule.id, ruleSet: version.key, scope: rule.scope, fired: conditions.result, conditions };
        if (rule.scope === 'cost') t.index = scope.costIndex;
        sink.trace.push(t);
        if (conditions.result) this.fire(rule, version, scope, sink);
      } else if (holds(program, route[i]!, scope)) {
        // The rule itself is read only when it fires.
        this.fire(rules[route[i + 1]!]!, version, scope, sink);
      }
    }
  }

  private fire(rule: CompiledRule, version: CompiledVersion, scope: Scope, sink: Sink): void {
    const ev = rule.event;
    if (ev.type === 'finding') {
      const values: unknown[] = [];
      for (let i = 0; i < ev.placeholders.length; i++) values.push(ev.placeholders[i]!.value(scope, version.program));
      sink.findings.push(makeFinding(ev, values, rule.id, version.key, this.locale, scope.costIndex));
    } else {
      const c = makeCorrection(ev, ev.value(scope, version.program), rule.id, scope.costIndex, scope.cost);
      if (c) sink.corrections.push(c);
    }
  }
}
