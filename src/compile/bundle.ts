/**
 * A loaded bundle: all compiled rule-set versions, and the choice of versions per service
 * date. Immutable once built; checkers share it.
 */
import type { LoadProblem, RuleSetBundle } from '../../plugin-api/types';
import type { CompiledVersion } from './rule-set';
import type { CompiledCatalogue } from '../facts/facts';
import { TriggerIndex } from './trigger-index';

/** The versions valid on a date (one per rule-set id at most, in evaluation order) and their trigger index. */
export interface Plan {
  versions: readonly CompiledVersion[];
  index: TriggerIndex;
}

const internals = new WeakMap<object, BundleInternals>();

export class BundleInternals {
  /** Versions grouped by rule-set id (ids in alphabetical order, versions by validFrom). */
  readonly byId: Map<string, CompiledVersion[]>;
  private readonly plans = new Map<string, Plan>();
  /** Plans by the slots of their versions: the dates of a quarter share one plan and one index. */
  private readonly shared = new Map<string, Plan>();

  constructor(
    readonly versions: CompiledVersion[],
    readonly catalogues: Map<string, CompiledCatalogue>,
  ) {
    this.byId = new Map();
    versions.forEach((v, i) => (v.slot = i));
    for (const v of [...versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.validFrom < b.validFrom ? -1 : 1))) {
      const list = this.byId.get(v.id) ?? [];
      list.push(v);
      this.byId.set(v.id, list);
    }
  }

  /** The plan for `date`. Cached per date. */
  plan(date: string): Plan {
    let p = this.plans.get(date);
    if (p) return p;
    const versions: CompiledVersion[] = [];
    for (const list of this.byId.values()) {
      const v = list.find((x) => x.validFrom <= date && (x.validUntil === null || date <= x.validUntil));
      if (v) versions.push(v);
    }
    const key = versions.map((v) => v.slot).join(',');
    p = this.shared.get(key);
    if (!p) this.shared.set(key, (p = { versions, index: new TriggerIndex(versions) }));
    // Dates of a few quarters are a few hundred keys; the bound only guards odd callers.
    if (this.plans.size >= 10_000) this.plans.clear();
    this.plans.set(date, p);
    return p;
  }
}

/** Creates the public bundle object around its internals. */
export function makeBundle(inner: BundleInternals, warnings: LoadProblem[]): RuleSetBundle {
  const bundle: RuleSetBundle = Object.freeze({
    ruleSets: Object.freeze([...inner.byId.values()].flat().map((v) => v.key)),
    warnings: Object.freeze([...warnings]),
  });
  internals.set(bundle, inner);
  return bundle;
}

/** The internals of a bundle made by {@link makeBundle}, or undefined for anything else. */
export function internalsOf(bundle: unknown): BundleInternals | undefined {
  return typeof bundle === 'object' && bundle !== null ? internals.get(bundle) : undefined;
}
