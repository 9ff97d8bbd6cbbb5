/**
 * A loaded bundle: all compiled rule-set versions, and the choice of versions per service
 * date. Immutable once built; checkers share it.
 */
import type { LoadProblem, RuleSetBundle } from '../../plugin-api/types';
import type { CompiledVersion } from './rule-set';
import type { CompiledCatalogue } from '../facts/facts';
import { readsBeyondFields, TriggerIndex } from './trigger-index';
import { MasterCatalogues } from '../catalogues/master-catalogues';
import { isoDay, type EntryReads, type RouteReads } from '../facts/entry';

/** The versions valid on a date (one per rule-set id at most, in evaluation order) and their trigger index. */
export interface Plan {
  versions: readonly CompiledVersion[];
  index: TriggerIndex;
  /**
   * What the versions' batch counters answer per five-digit fee number and Hybrid-DRG flag (see
   * RouteGate.mayCount), made on first use: undefined until then, null when a counter's answer
   * depends on the date.
   */
  counted: Uint8Array | null | undefined;
}

const internals = new WeakMap<object, BundleInternals>();

export class BundleInternals {
  /** Versions grouped by rule-set id (ids in alphabetical order, versions by validFrom). */
  readonly byId: Map<string, CompiledVersion[]>;
  /** Per version slot: first and last valid day number (see isoDay); no end is +Infinity. */
  private readonly fromDay: number[];
  private readonly untilDay: number[];
  /**
   * Day numbers at which the valid versions can change (each validFrom and the day after each
   * validUntil), sorted: between two of them every day has the same plan. A day number plus
   * one need not be a real date; it still sorts between the last valid day and the next.
   */
  private readonly bounds: Int32Array;
  /** The plan per interval between bounds, made on first use. */
  private readonly byInterval: (Plan | undefined)[];
  /** Plans by the slots of their versions: intervals with the same versions share one plan and one index. */
  private readonly shared = new Map<string, Plan>();
  /** What any version's rules read of `patient` and `case` as objects: what a snapshot of an entry copies. */
  readonly reads: EntryReads;
  /**
   * What the rules valid on a day read of entries with a fee number (see RouteReads). Nothing,
   * no plan asked, when no rule reads more than the fields: V8 then inlines into the entry's copy
   * the route lookup of the gate (see checkEntry) instead of this one's.
   */
  readonly routeReads: RouteReads;

  constructor(
    readonly versions: CompiledVersion[],
    readonly catalogues: Map<string, CompiledCatalogue>,
    /** The KBV master catalogues loaded with the rule sets (SDHDRG, SDOPS, SDICD, SDEBM). */
    readonly masterCatalogues: MasterCatalogues = MasterCatalogues.NONE,
  ) {
    this.byId = new Map();
    versions.forEach((v, i) => (v.slot = i));
    for (const v of [...versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.validFrom < b.validFrom ? -1 : 1))) {
      const list = this.byId.get(v.id) ?? [];
      list.push(v);
      this.byId.set(v.id, list);
    }
    this.fromDay = versions.map((v) => isoDay(v.validFrom));
    this.untilDay = versions.map((v) => (v.validUntil === null ? Infinity : isoDay(v.validUntil)));
    const bounds = new Set<number>([...this.fromDay, ...this.untilDay.filter(Number.isFinite).map((d) => d + 1)]);
    this.bounds = Int32Array.from([...bounds].sort((a, b) => a - b));
    this.byInterval = new Array<Plan | undefined>(this.bounds.length + 1);
    this.routeReads = versions.some(readsBeyondFields) ? (day, gop, digits, entry) => this.planOn(day).index.reads(gop, digits, entry) : () => 0;
    this.reads = Object.freeze({ patient: mergeReads(versions.map((v) => v.env.reads.patient)), case: mergeReads(versions.map((v) => v.env.reads.case)) });
  }

  /**
   * The interval of the last plan asked for (its first day, and the first day after it), and
   * that plan: an entry's copy and check ask for its day's plan several times, and the entries
   * of a quarter mostly fall into one interval, whatever their days.
   */
  private lastFrom = 1;
  private lastEnd = 0;
  private lastPlan: Plan | undefined;

  /**
   * The plan for the day number `day` (see isoDay; -1 has no versions). The last one's, or
   * looked up: this part is small enough for V8 to inline where the entry's copy asks it.
   */
  planOn(day: number): Plan {
    return day >= this.lastFrom && day < this.lastEnd ? this.lastPlan! : this.planFor(day);
  }

  private planFor(day: number): Plan {
    // Interval i holds the days with exactly i bounds at or before them.
    const bounds = this.bounds;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    const plan = this.byInterval[lo] ?? (this.byInterval[lo] = this.makePlan(day));
    // Day numbers are below 2^31 (and -1): the bounds of the first and last interval as small integers.
    this.lastFrom = lo === 0 ? -0x80000000 : bounds[lo - 1]!;
    this.lastEnd = lo === bounds.length ? 0x7fffffff : bounds[lo]!;
    this.lastPlan = plan;
    return plan;
  }

  private makePlan(day: number): Plan {
    const versions: CompiledVersion[] = [];
    for (const list of this.byId.values()) {
      const v = list.find((x) => this.fromDay[x.slot]! <= day && day <= this.untilDay[x.slot]!);
      if (v) versions.push(v);
    }
    const key = versions.map((v) => v.slot).join(',');
    let p = this.shared.get(key);
    if (!p) this.shared.set(key, (p = { versions, index: new TriggerIndex(versions), counted: undefined }));
    return p;
  }
}

function mergeReads(all: readonly (ReadonlySet<string> | 'all' | null)[]): ReadonlySet<string> | 'all' | null {
  if (all.includes('all')) return 'all';
  const keys = all.flatMap((r) => (r === null || r === 'all' ? [] : [...r]));
  return keys.length ? new Set(keys) : null;
}

/** Creates the public bundle object around its internals. */
export function makeBundle(inner: BundleInternals, warnings: LoadProblem[], notices: LoadProblem[] = []): RuleSetBundle {
  const bundle: RuleSetBundle = Object.freeze({
    ruleSets: Object.freeze([...inner.byId.values()].flat().map((v) => v.key)),
    masterCatalogues: Object.freeze(inner.masterCatalogues.all.map((c) => c.describe())),
    // The problems themselves too: the load's result hands out the same objects, and every checker of the bundle reports them.
    warnings: Object.freeze(warnings.map((p) => Object.freeze(p))),
    notices: Object.freeze(notices.map((p) => Object.freeze(p))),
  });
  internals.set(bundle, inner);
  return bundle;
}

/** The internals of a bundle made by {@link makeBundle}, or undefined for anything else. */
export function internalsOf(bundle: unknown): BundleInternals | undefined {
  return typeof bundle === 'object' && bundle !== null ? internals.get(bundle) : undefined;
}
