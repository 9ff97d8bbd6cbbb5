/**
 * The compiled evaluator: synchronous, allocation-light, never throws. Each check has two
 * phases. First the entry is copied out of the host's objects (normalization, `facts/entry.ts`):
 * the only phase that runs host code (getters, proxies), so an exception there is the input's
 * (`INPUT-UNLESBAR`). Then the copy is evaluated: the plan of the service date (the rule-set
 * versions valid then), its trigger index asked once for the rules that can fire for the fee
 * number, each rule's program node run (`interpreter.ts`), first on the entry and then on each
 * 5011/5012 pair. An exception there is the engine's own fault (`PRUEFUNG-INTERN`, naming the
 * rule), and the other rules' findings and corrections still come back.
 *
 * Re-entrant: per-call state lives in the call; the per-version fact caches are only used in
 * the evaluation phase, which runs no host code, so a getter that calls the checker again runs
 * its check to the end before the outer one evaluates.
 */
import type { BatchSession, CheckResult, Checker, CheckerOptions, Correction, Explanation, Finding, LoadProblem, LoadResult, PendingCheck, RuleSetBundle, RuleTrace, StreamResult, StreamSession } from '../../plugin-api/types';
import { BundleInternals, internalsOf, makeBundle } from '../compile/bundle';
import type { CompiledRule, CompiledVersion } from '../compile/rule-set';
import { CASE_HEAD, HAS_CONTEXT, HAS_RECORD, recordTypeBit } from '../compile/trigger-index';
import { BatchIndex } from './batch';
import { RouteGate } from './route-gate';
import { partsOf, pendingCheck, StreamIndex, type BatchState, type PendingParts } from './stream';
import { holds } from './interpreter';
import { traceCondition } from './trace';
import { blankEntry, checkEntry, fieldMask, isIsoDate, normalizeEntry, UNREADABLE, type EntryReads, type InputProblem, type NormalizedEntry, type RouteReads } from '../facts/entry';
import { caseCopies, type CaseCopies } from '../facts/case-group';
import type { Scope } from '../facts/facts';
import { batchFaultFinding, faultFinding, inputFinding, makeCorrection, makeFinding, noRuleSetsFinding, NOT_A_LIST, TOO_MANY_ENTRIES, type Locale } from './events';
import { contextOption, type CompiledContext } from '../context/context';
import { readEntries, TOO_MANY, type ReadEntries } from './entries';
import { firingOf, type EventPool, type Firing } from './firings';

/** Creates a checker. Never throws: without a usable bundle every check says so (PRUEFUNG-OHNE-REGELWERK). */
export function createChecker(options: CheckerOptions): Checker {
  const checker = new CompiledChecker(options);
  genuine.add(checker);
  return checker;
}

/**
 * INTERNAL, for pvs-rules' own KVDT reader (src/kvdt), not part of the public API: a stream
 * session together with the check of entries that reader normalized itself from the file's
 * bytes. Such entries hold nothing of a host's (no getters, proxies or shared objects), so the
 * copy every other entry gets (normalizeEntry) is left out; everything after it — counting,
 * evaluation, pending checks — is the session's own. The reader must build each entry as
 * normalizeEntry would from its mapped service entry (test/kvdt-trusted.test.ts holds it to
 * that), and uses `reads` and `routeReads` for what normalizeEntry reads of the bundle.
 */
export interface TrustedStream {
  session: StreamSession;
  reads: EntryReads;
  routeReads: RouteReads;
  /** Checks normalized entries of one case as session.check checks their copies; null without rule sets. */
  checkNormalized: ((entries: readonly NormalizedEntry[]) => StreamResult[]) | null;
}

/** Checkers made by createChecker: only these are asked for a TrustedStream (a host's object, a proxy, is not). */
const genuine = new WeakSet<object>();

/** A TrustedStream of a checker made by createChecker; null for any other object (then use its public stream()). */
export function trustedStream(checker: unknown): TrustedStream | null {
  return typeof checker === 'object' && checker !== null && genuine.has(checker) ? openStream.call(checker as CompiledChecker) : null;
}

/**
 * True for a frozen object of a bundle's shape: made by loadRuleSets, but of another copy of the
 * package (its ESM and CommonJS builds are two module instances, each knowing only its own bundles).
 */
function bundleOfAnotherCopy(given: unknown): boolean {
  const x = typeof given === 'object' && given !== null && (given as { ok?: unknown }).ok === true ? (given as { bundle?: unknown }).bundle : given;
  if (typeof x !== 'object' || x === null || !Object.isFrozen(x)) return false;
  const b = x as Record<string, unknown>;
  return ['ruleSets', 'masterCatalogues', 'warnings', 'notices'].every((k) => Array.isArray(b[k]));
}

/** The problem of a bundle argument that is none: not made by loadRuleSets, a failed load, or a bundle of the other copy. */
function notABundle(given: unknown): LoadProblem[] {
  const at = { file: '', pointer: '', line: 1, column: 1, severity: 'error' } as const;
  if (bundleOfAnotherCopy(given)) {
    return [
      {
        ...at,
        code: 'bundle-other-copy',
        message:
          'Dieses Regelwerk-Bündel stammt aus einer anderen Kopie von pvs-rules: das Paket hat eine ESM- und eine CommonJS-Fassung, und ein mit import geladenes Bündel kennt die mit require geladene Kopie nicht (oder umgekehrt, oder zwei installierte Versionen). loadRuleSets() und createChecker() aus demselben Einstieg verwenden (beide per import oder beide per require).',
        messageEn:
          'This rule-set bundle comes from another copy of pvs-rules: the package has an ESM and a CommonJS build, and a bundle loaded through import is unknown to the copy loaded through require (or the reverse, or two installed versions). Use loadRuleSets() and createChecker() from the same entry (both import or both require).',
      },
    ];
  }
  const failed = typeof given === 'object' && given !== null && 'ok' in given && (given as { ok?: unknown }).ok === false;
  const de = failed ? 'Das Laden der Regelwerke ist fehlgeschlagen (siehe dessen Probleme).' : 'Kein Regelwerk-Bündel: erwartet wird das Ergebnis von loadRuleSets().';
  const en = failed ? 'Loading the rule sets failed (see its problems).' : 'No rule-set bundle: expected the result of loadRuleSets().';
  return [{ ...at, code: 'no-rule-sets', message: de, messageEn: en }];
}

/** The bundle and its internals behind `next` (a LoadResult or a bundle), or the problems why there is none. Reads each property once. */
function bundleOf(next: unknown): { bundle: RuleSetBundle; inner: BundleInternals } | { problems: LoadProblem[] } {
  try {
    let bundle: unknown = next;
    const direct = internalsOf(next);
    if (!direct && typeof next === 'object' && next !== null) {
      const ok = (next as { ok?: unknown }).ok;
      if (ok === false) {
        const problems = (next as { problems?: unknown }).problems;
        return { problems: Array.isArray(problems) && problems.length ? [...(problems as LoadProblem[])] : notABundle(next) };
      }
      if (ok === true) bundle = (next as { bundle?: unknown }).bundle;
    }
    const inner = internalsOf(bundle);
    if (!inner || inner.versions.length === 0) return { problems: notABundle(next) };
    return { bundle: bundle as RuleSetBundle, inner };
  } catch {
    return { problems: notABundle(undefined) };
  }
}

/** A sink without a trace is exactly a result. */
interface Sink {
  findings: Finding[];
  corrections: Correction[];
  trace?: RuleTrace[];
}

/** One entry of a batch, copied: its input findings so far, and the copy (null when it cannot be checked). */
interface Copied {
  sink: Sink;
  entry: NormalizedEntry | null;
}

/**
 * The lists of a result where nothing was found or corrected: one shared frozen empty list each
 * instead of two new ones per check (most entries meet no rule). A list gets its own array
 * with its first item (see addFinding).
 */
const NO_FINDINGS = Object.freeze([]) as unknown as Finding[];
const NO_CORRECTIONS = Object.freeze([]) as unknown as Correction[];
const NO_PROBLEMS: readonly LoadProblem[] = Object.freeze([]);

const newSink = (): Sink => ({ findings: NO_FINDINGS, corrections: NO_CORRECTIONS });

/**
 * The result where nothing was found or corrected (most entries): one frozen object for all,
 * so that a check of such an entry allocates nothing, and checkAll holds no object per entry.
 */
const NOTHING_FOUND: CheckResult = Object.freeze({ findings: NO_FINDINGS, corrections: NO_CORRECTIONS });

/**
 * The result in a reused sink, the sink emptied for the next entry. `kept`: a result checkAll
 * keeps until it returns, made by a literal of its own — an allocation site of its own, so that
 * V8 can learn that these survive (and allocate them where surviving costs no copying) without
 * the single check's results, which die young, telling it otherwise.
 */
function takeResult(sink: Sink, kept: boolean): CheckResult {
  const findings = sink.findings;
  const corrections = sink.corrections;
  if (findings === NO_FINDINGS && corrections === NO_CORRECTIONS) return NOTHING_FOUND;
  sink.findings = NO_FINDINGS;
  sink.corrections = NO_CORRECTIONS;
  return kept ? { findings, corrections } : { findings, corrections };
}

/**
 * Adds a finding to the sink: the first one makes its list of one, the second a new list of two
 * (a push onto one makes room for sixteen more: 120 bytes more per entry with two findings).
 */
function addFinding(sink: Sink, finding: Finding): void {
  const list = sink.findings;
  if (list === NO_FINDINGS) sink.findings = [finding];
  else if (list.length === 1) sink.findings = [list[0]!, finding];
  else list.push(finding);
}

/** The one result for a batch that is no list, or too long a list: nothing of it is checked. */
const refusedList = (read: ReadEntries | null, locale: Locale): CheckResult[] => [{ findings: [inputFinding(read ? TOO_MANY_ENTRIES : NOT_A_LIST, locale)], corrections: [] }];

const NO_CONDITIONS = Object.freeze({});

/** The placeholder values of a message without placeholders. */
const NO_VALUES: unknown[] = [];

/** Marks a copy that threw (normalizeEntry never returns it). */
const UNREADABLE_ENTRY = Object.freeze({}) as NormalizedEntry;

/** A checker's scope of one version, with what firing each of its entry and pair rules needs (see firings.ts), made on first firing. */
type VersionScope = Scope & { version: CompiledVersion; entryFirings: (Firing | undefined)[]; costFirings: (Firing | undefined)[] };

const EMPTY_INTERNALS = new BundleInternals([], new Map());
const EMPTY_BUNDLE = makeBundle(EMPTY_INTERNALS, []);

class CompiledChecker implements Checker {
  private bundle: RuleSetBundle;
  private inner: BundleInternals;
  private readonly locale: Locale;
  /**
   * One reusable scope per version slot of the bundle, its fact cache invalidated by bumping
   * `gen`. A scope remembers its version, so a swapped bundle never reuses one.
   */
  private scopes: VersionScope[] = [];
  /** The events shared among the firings (see firings.ts). */
  private eventPool: EventPool = new Map();
  /** The sink of check and checkAll, reused from entry to entry; null while one is in use (a nested check, from a host getter, takes a new one). */
  private scratch: Sink | null = newSink();
  /** True while an evaluation runs (it calls no host code; a nested one would get its own scopes). */
  private evaluating = false;
  /** Input problems of the entry being copied; copies in progress (a host getter may call the checker). */
  private readonly problems: InputProblem[] = [];
  private copying = 0;
  /**
   * The entry that check and checkAll copy into (see checkEntry), one for all: each evaluates the
   * copy before the next is made. Not for a nested copy (a host getter calling the checker while
   * an entry is read), whose outer copy is still being made: that one gets an entry of its own.
   */
  private readonly spare: NormalizedEntry = blankEntry();
  private readonly context: CompiledContext | null;
  /** Whether any rule can run for an entry, for the checks that need no copy of an entry nothing runs for. */
  private gate: RouteGate;
  /** CheckerOptions.checkDate when it is a date. */
  private readonly checkDate: string | null;
  readonly contextProblems: readonly LoadProblem[];
  ruleSetProblems: readonly LoadProblem[] = NO_PROBLEMS;

  constructor(options: CheckerOptions) {
    // Each option read once, each in its own guard: a hostile options object costs that option only.
    const read = <K extends keyof CheckerOptions>(key: K): CheckerOptions[K] | undefined => {
      try {
        return typeof options === 'object' && options !== null ? options[key] : undefined;
      } catch {
        return undefined;
      }
    };
    const found = bundleOf(read('ruleSets'));
    if ('problems' in found) {
      this.bundle = EMPTY_BUNDLE;
      this.inner = EMPTY_INTERNALS;
      this.ruleSetProblems = Object.freeze(found.problems);
    } else {
      this.bundle = found.bundle;
      this.inner = found.inner;
    }
    this.locale = read('locale') === 'en' ? 'en' : 'de';
    const ctx = contextOption(read('context'));
    this.context = ctx?.ok ? ctx.context : null;
    const checkDate = read('checkDate');
    this.checkDate = isIsoDate(checkDate) ? checkDate : null;
    const dateProblems: LoadProblem[] =
      checkDate === undefined || this.checkDate !== null
        ? []
        : [{ file: '', pointer: '/checkDate', line: 1, column: 1, severity: 'warning', code: 'check-date', message: 'checkDate ist kein Datum JJJJ-MM-TT und wird nicht verwendet.', messageEn: 'checkDate is no date YYYY-MM-DD and is not used.' }];
    this.contextProblems = Object.freeze([...(ctx?.problems ?? []), ...dateProblems]);
    this.gate = new RouteGate(this.inner, this.context === null ? 0 : HAS_CONTEXT);
  }

  get ruleSets(): RuleSetBundle {
    return this.bundle;
  }

  get notices(): readonly LoadProblem[] {
    return this.bundle.notices;
  }

  replaceRuleSets(next: LoadResult | RuleSetBundle): boolean {
    const found = bundleOf(next);
    if ('problems' in found) {
      this.ruleSetProblems = Object.freeze(found.problems);
      return false;
    }
    this.bundle = found.bundle;
    this.inner = found.inner;
    this.gate = new RouteGate(this.inner, this.context === null ? 0 : HAS_CONTEXT);
    this.scopes = [];
    this.eventPool = new Map();
    this.ruleSetProblems = NO_PROBLEMS;
    return true;
  }

  check(raw: unknown): CheckResult {
    const inner = this.inner;
    // The reused sink; a check nested in another (a host getter that calls the checker) takes a new one.
    const taken = this.scratch;
    const sink = taken ?? newSink();
    this.scratch = null;
    try {
      const entry = this.copy(raw, inner, sink, null, true);
      // Asked so, not by truthiness: an object, null or undefined (a test of every other kind of value less).
      if (entry !== null && entry !== undefined) this.evaluate(entry, sink, null, inner);
      return takeResult(sink, false);
    } finally {
      this.scratch = taken;
    }
  }

  checkAll(entries: Iterable<unknown>): CheckResult[] {
    const inner = this.inner;
    const read = readEntries(entries);
    if (read === null || read === TOO_MANY) return refusedList(read, this.locale);
    // One pass, as the stream session checks a file: each entry copied (all its host code runs
    // here), counted, checked. An entry that read a count of the whole batch is checked again
    // at the end when a later entry changed that count, so each result is the one two passes
    // give — without holding a copy of every entry until the second pass.
    const index = BatchIndex.needed(inner.versions) ? new StreamIndex((day) => inner.planOn(day).versions) : null;
    // Each result takes its entry's place in the list read (the entry is read before): no second list of the batch's length.
    const list = read.entries;
    const waiting: { at: number; pending: PendingParts }[] = [];
    // Each entry into one reused sink (a nested checkAll, from a host getter, takes a new one).
    const taken = this.scratch;
    const sink = taken ?? newSink();
    this.scratch = null;
    // An entry no rule runs for and no counter may count needs no copy; a nested checkAll (from a host getter) puts back the outer one's counters.
    const gate = this.gate;
    const counters = gate.counters;
    gate.counters = index;
    try {
      for (let i = 0; i < list.length; i++) {
        const entry = this.copy(list[i], inner, sink, null, true);
        if (entry) {
          if (!index) this.evaluate(entry, sink, null, inner);
          else {
            const pending = this.checkCounted(entry, sink, index, inner, this.count(index, entry));
            if (pending) waiting.push({ at: i, pending });
          }
        }
        list[i] = takeResult(sink, true);
      }
    } finally {
      this.scratch = taken;
      gate.counters = counters;
    }
    const out = list as CheckResult[];
    for (const w of waiting) out[w.at] = this.settle(index!, inner, w.pending) ?? out[w.at]!;
    // An iterator that threw: the entry it could not give is unreadable, and the batch ends there.
    if (read.unreadable) out.push({ findings: [inputFinding(UNREADABLE, this.locale)], corrections: [] });
    return out;
  }

  batch(): BatchSession {
    // The bundle is fixed for the session: a replaceRuleSets in between must not mix counts.
    const inner = this.inner;
    const needed = BatchIndex.needed(inner.versions);
    const index = new BatchIndex((day) => inner.planOn(day).versions);
    // Entries whose counting failed (by their position in the first pass): their check says so.
    const uncounted = new Set<number>();
    let added = 0;
    let checked = 0;
    return {
      needed,
      add: (raw) => {
        const at = added++;
        if (!needed) return;
        // The first pass only counts; input problems are reported when each entry is checked.
        const entry = this.copy(raw, inner, newSink());
        if (entry && !this.count(index, entry)) uncounted.add(at);
      },
      check: (raw) => {
        const at = checked++;
        const sink = newSink();
        const entry = this.copy(raw, inner, sink);
        if (entry) this.evaluate(entry, sink, index, inner, uncounted.has(at));
        return sink;
      },
    };
  }

  stream(): StreamSession {
    return this.openStream().session;
  }

  /** stream(), and beside it the check of entries normalized by pvs-rules' own KVDT reader (see trustedStream). */
  openStream(): TrustedStream {
    // As batch(): the bundle is fixed for the session.
    const inner = this.inner;
    const needed = BatchIndex.needed(inner.versions);
    const index = new StreamIndex((day) => inner.planOn(day).versions);
    // The copies of a group all counted, then checked.
    const checkCopies = (copies: Copied[]): StreamResult[] => {
      const counted = copies.map((c) => (needed && c.entry ? this.count(index, c.entry) : true));
      return copies.map((c, i): StreamResult => {
        if (!c.entry) return c.sink;
        if (!needed) {
          this.evaluate(c.entry, c.sink, null, inner);
          return c.sink;
        }
        const pending = this.checkCounted(c.entry, c.sink, index, inner, counted[i]!);
        return pending ? { ...c.sink, pending: pendingCheck(pending) } : c.sink;
      });
    };
    const session: StreamSession = {
      needed,
      check: (raws) => {
        const read = readEntries(raws);
        if (read === null || read === TOO_MANY) return refusedList(read, this.locale);
        // Each entry of the group copied once; the case-level parts of a case built by the
        // KVDT reader once for the case.
        const shared = caseCopies(raws);
        const out = checkCopies(
          read.entries.map((raw): Copied => {
            const sink = newSink();
            return { sink, entry: this.copy(raw, inner, sink, shared) ?? null };
          }),
        );
        if (read.unreadable) out.push({ findings: [inputFinding(UNREADABLE, this.locale)], corrections: [] });
        return out;
      },
      count: (key) => {
        try {
          return index.count(key);
        } catch {
          return 0;
        }
      },
      settle: (pending: PendingCheck) => {
        const parts = partsOf(pending);
        return parts ? this.settle(index, inner, parts) : undefined;
      },
    };
    // Without rule sets every check says so (the copy does): nothing to take uncopied.
    if (inner.versions.length === 0) return { session, reads: inner.reads, routeReads: inner.routeReads, checkNormalized: null };
    // As checkCopies, without input findings: each entry into the reused sink (no sink, copy or
    // list of its own), the shared frozen result where nothing was found.
    const checkNormalized = (entries: readonly NormalizedEntry[]): StreamResult[] => {
      const n = entries.length;
      let uncounted: boolean[] | null = null;
      if (needed) for (let i = 0; i < n; i++) if (!this.count(index, entries[i]!)) (uncounted ??= new Array<boolean>(n).fill(false))[i] = true;
      const out: StreamResult[] = [];
      const taken = this.scratch;
      const sink = taken ?? newSink();
      this.scratch = null;
      try {
        for (let i = 0; i < n; i++) {
          const entry = entries[i]!;
          if (!needed) {
            this.evaluate(entry, sink, null, inner);
            out.push(takeResult(sink, false));
            continue;
          }
          const pending = this.checkCounted(entry, sink, index, inner, uncounted === null || !uncounted[i]);
          const result = takeResult(sink, false);
          out.push(pending ? { findings: result.findings, corrections: result.corrections, pending: pendingCheck(pending) } : result);
        }
      } finally {
        this.scratch = taken;
      }
      return out;
    };
    return { session, reads: inner.reads, routeReads: inner.routeReads, checkNormalized };
  }

  /**
   * Evaluates a counted entry of a one-pass batch into `sink`; a check that read counts of the
   * whole batch is pending, and keeps the copy: settling it reads nothing of the host's object again.
   */
  private checkCounted(entry: NormalizedEntry, sink: Sink, index: StreamIndex, inner: BundleInternals, counted: boolean): PendingParts | null {
    const inputs = sink.findings.length;
    index.begin();
    this.evaluate(entry, sink, index, inner, !counted);
    const reads = index.finish();
    // A copy of its own when the entry is the checker's reused one (checkAll's): the pending check keeps it.
    return reads ? { reads: reads.reads, entry: entry === this.spare ? { ...entry } : entry, input: sink.findings.slice(0, inputs), before: reads.before } : null;
  }

  /** After the last entry: undefined when the pending check's counts stand, else its result checked again. */
  private settle(index: StreamIndex, inner: BundleInternals, pending: PendingParts): CheckResult | undefined {
    if (index.stands(pending)) return undefined;
    const sink: Sink = { findings: pending.input.slice(), corrections: [] };
    this.evaluate(pending.entry, sink, index.settling(pending), inner);
    return sink;
  }

  explain(raw: unknown): Explanation {
    const inner = this.inner;
    const sink: Sink = { findings: [], corrections: [], trace: [] };
    const entry = this.copy(raw, inner, sink);
    const plan = entry ? this.evaluate(entry, sink, null, inner) : [];
    const considered = sink.trace!.length;
    const pairs = Math.max(1, entry?.costCount ?? 0);
    let total = 0;
    for (const v of plan) total += v.entryRules.length + v.costRules.length * pairs;
    return {
      result: { findings: sink.findings, corrections: sink.corrections },
      ruleSets: plan.map((v) => v.key),
      rules: sink.trace!,
      skipped: Math.max(0, total - considered),
    };
  }

  /**
   * Phase 1: the entry copied out of the host's objects, and its input findings. An exception
   * from the host's object (a throwing getter, a proxy, a value that cannot be converted) is
   * the one input error INPUT-UNLESBAR, without partial findings. `gated`: an entry no rule can
   * run for is read and checked but not copied (undefined).
   */
  private copy(raw: unknown, inner: BundleInternals, sink: Sink, shared: CaseCopies | null = null, gated = false): NormalizedEntry | null | undefined {
    if (inner.versions.length === 0) {
      addFinding(sink, noRuleSetsFinding(this.locale));
      return null;
    }
    // The checker's list, unless a getter of the host calls the checker while this copy runs.
    const problems = this.copying === 0 ? this.problems : [];
    this.copying++;
    let entry: NormalizedEntry | null | undefined;
    try {
      const gate = this.gate;
      const into = gated && this.copying === 1 ? this.spare : null;
      entry = gated && gate.inner === inner ? checkEntry(raw, problems, inner.reads, inner.routeReads, gate, into) : normalizeEntry(raw, problems, inner.reads, shared, inner.routeReads, into);
    } catch {
      entry = UNREADABLE_ENTRY;
    } finally {
      this.copying--;
    }
    if (entry === UNREADABLE_ENTRY) {
      addFinding(sink, inputFinding(UNREADABLE, this.locale));
      entry = null;
      problems.length = 0;
    } else if (problems.length !== 0) {
      for (let i = 0; i < problems.length; i++) addFinding(sink, inputFinding(problems[i]!, this.locale));
      problems.length = 0;
    }
    return entry;
  }

  /** Counts a copied entry for the batch rules; false on a fault of the engine. */
  private count(index: BatchIndex | StreamIndex, entry: NormalizedEntry): boolean {
    try {
      index.add(entry);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Phase 2: evaluates a copied entry into `sink`; returns the versions used. A fault inside
   * a rule is that rule's PRUEFUNG-INTERN (see runRules); one outside any rule (the plan, the
   * index) is one PRUEFUNG-INTERN for the entry, after what was found until then. `uncounted`:
   * counting the entry for the batch rules failed, which its result says once.
   */
  private evaluate(entry: NormalizedEntry, sink: Sink, batch: BatchState | null, inner: BundleInternals, uncounted = false): readonly CompiledVersion[] {
    const nested = this.evaluating;
    this.evaluating = true;
    try {
      return this.run(entry, sink, batch, inner, nested, uncounted);
    } catch {
      addFinding(sink, faultFinding(null, null, -1, this.locale));
      return [];
    } finally {
      this.evaluating = nested;
    }
  }

  /** The trigger index's mask of a copied entry: what it has of what rules need. */
  private maskOf(entry: NormalizedEntry): number {
    const kase = entry.caseFields;
    return (
      fieldMask(entry.teamNumber, entry.hybridDrg, entry.pseudoLanr, entry.material) |
      (this.context === null ? 0 : HAS_CONTEXT) |
      (kase === null || kase.recordType === null ? 0 : HAS_RECORD | recordTypeBit(kase.recordType)) |
      (kase !== null && kase.serviceIndex !== null && kase.serviceIndex > 0 ? 0 : CASE_HEAD)
    );
  }

  private run(entry: NormalizedEntry, sink: Sink, batch: BatchState | null, inner: BundleInternals, nested: boolean, uncounted: boolean): readonly CompiledVersion[] {
    const mask = this.maskOf(entry);
    // What the gate looked up for this entry, when it did (same day, fee number and mask), else looked up here.
    const gate = this.gate;
    // A five-digit fee number by its number (find reads no more of it), any other by its text.
    const digits = entry.gopDigits;
    const same = gate.day === entry.day && gate.mask === mask && gate.digits === digits && (digits >= 0 || gate.gop === entry.gop) && gate.inner === inner;
    const plan = same ? gate.plan! : inner.planOn(entry.day);
    const routes = same ? gate.routes! : plan.index.routesFor(mask);
    const route = routes.words;
    const start = same ? gate.start : routes.find(entry.gop, digits);
    const versions = inner.versions;
    const costCount = entry.costs.length;
    // See Routes: the route's length, then per version its slot, the two rule counts, then (node, rule position) pairs.
    // `| 0`: positions in an Int32Array, and V8 then adds without overflow checks.
    for (let at = (start + 1) | 0, end = (start + 1 + route[start]!) | 0; at < end; ) {
      const version = versions[route[at]!]!;
      const entryCount = route[at + 1]!;
      const pairCount = route[at + 2]!;
      const entryAt = (at + 3) | 0;
      const pairAt = (entryAt + 2 * entryCount) | 0;
      at = (pairAt + 2 * pairCount) | 0;
      // A version with only pair rules is nothing for an entry without pairs: no scope is touched.
      if (entryCount === 0 && (costCount === 0 || pairCount === 0)) continue;
      const scope = this.scopeFor(version, entry, nested);
      scope.batch = batch;
      // A new entry: a new generation for its facts (the stamps share one counter space with gen).
      if (scope.gen >= 0xffff0000) {
        scope.stamp.fill(0);
        scope.gen = 0;
      }
      scope.entryGen = ++scope.gen;
      this.runRules(version, version.entryRules, scope.entryFirings, route, entryAt, entryCount, scope, sink);
      if (pairCount) {
        for (let i = 0; i < costCount; i++) {
          scope.costIndex = i;
          scope.cost = entry.costs[i]!;
          this.runRules(version, version.costRules, scope.costFirings, route, pairAt, pairCount, scope, sink);
        }
      }
    }
    if (batch !== null) {
      try {
        batch.done(entry);
      } catch {
        uncounted = true;
      }
    }
    if (uncounted) addFinding(sink, batchFaultFinding(this.locale));
    return plan.versions;
  }

  /**
   * The version's reusable scope, or a fresh one for a nested evaluation (which must not disturb
   * the outer one's cache; it shares the kept scope's firings, which only cache what a rule fires).
   */
  private scopeFor(version: CompiledVersion, entry: NormalizedEntry, nested: boolean): VersionScope {
    const kept = this.scopes[version.slot];
    let s = nested ? undefined : kept;
    if (s === undefined || s.version !== version) {
      const own = kept !== undefined && kept.version === version;
      // Filled, not holey: a first firing far into an empty list would make it a dictionary.
      const entryFirings = own ? kept.entryFirings : new Array<Firing | undefined>(version.entryRules.length).fill(undefined);
      const costFirings = own ? kept.costFirings : new Array<Firing | undefined>(version.costRules.length).fill(undefined);
      s = { version, entry, costIndex: -1, cost: null, context: this.context, checkDate: this.checkDate, batch: null, vals: new Array<unknown>(version.program.slotCount).fill(null), stamp: new Uint32Array(version.program.slotCount), gen: 0, entryGen: 0, entryFirings, costFirings };
      if (!nested) this.scopes[version.slot] = s;
    }
    s.entry = entry;
    s.costIndex = -1;
    s.cost = null;
    return s;
  }

  /**
   * Runs `count` rules of `rules` as the route lists them from `at`: (program node, position in
   * `rules`) pairs. A rule that throws (a fault of a fact, the interpreter or pricing) gives its
   * PRUEFUNG-INTERN finding and the next rule runs.
   */
  private runRules(version: CompiledVersion, rules: readonly CompiledRule[], firings: (Firing | undefined)[], route: Int32Array, at: number, count: number, scope: Scope, sink: Sink): void {
    if (count === 0) return;
    const program = version.program;
    // A new generation empties the pair-fact cache without touching the arrays.
    ++scope.gen;
    const end = at + 2 * count;
    for (let i = at; i < end; i += 2) {
      try {
        if (sink.trace) this.trace(rules[route[i + 1]!]!, version, scope, sink);
        else if (holds(program, route[i]!, scope)) {
          // What the rule fires is read only when it fires.
          const pos = route[i + 1]!;
          this.fire(firings[pos] ?? firingOf(firings, rules, pos, this.eventPool), version, scope, sink);
        }
      } catch {
        addFinding(sink, faultFinding(rules[route[i + 1]!]!, version, scope.costIndex, this.locale));
      }
    }
  }

  private trace(rule: CompiledRule, version: CompiledVersion, scope: Scope, sink: Sink): void {
    const conditions = traceCondition(rule.doc.conditions, scope, version.program, version.doc.conditions ?? NO_CONDITIONS);
    const t: RuleTrace = { ruleId: rule.id, ruleSet: version.key, scope: rule.scope, fired: conditions.result, conditions };
    if (rule.scope === 'cost') t.index = scope.costIndex;
    sink.trace!.push(t);
    if (conditions.result) this.fire(rule, version, scope, sink);
  }

  private fire(rule: Firing, version: CompiledVersion, scope: Scope, sink: Sink): void {
    const ev = rule.event;
    if (ev.type === 'finding') {
      const count = ev.placeholders.length;
      let values: unknown[] = NO_VALUES;
      if (count !== 0) {
        // Made at its length: the first push would make room for sixteen more values.
        values = new Array<unknown>(count);
        for (let i = 0; i < count; i++) values[i] = ev.placeholders[i]!.value(scope, version.program);
      }
      addFinding(sink, makeFinding(ev, values, rule.id, version.key, this.locale, scope.costIndex));
    } else {
      const c = makeCorrection(ev, ev.value(scope, version.program), rule.id, scope.costIndex, scope.cost);
      if (c === null) return;
      // As addFinding.
      const list = sink.corrections;
      if (list === NO_CORRECTIONS) sink.corrections = [c];
      else if (list.length === 1) sink.corrections = [list[0]!, c];
      else list.push(c);
    }
  }
}

/** Taken once: a host that replaces the method on an instance or its prototype changes nothing here. */
const openStream = CompiledChecker.prototype.openStream;
