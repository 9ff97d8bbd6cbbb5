/**
 * The trigger index: for the rule-set versions valid on a date, which rules an entry can meet,
 * looked up once by what the entry has (a mask of HAS_TEAM, HAS_HDRG, HAS_CONTEXT) and its
 * fee number. An ordinary service whose fee number no rule is keyed on costs one hash lookup
 * for all versions together, not one per version.
 */
import type { CompiledRule, CompiledVersion } from './rule-set';

/** Entry has a team number (FK 5100). */
export const HAS_TEAM = 1;
/** Entry is a Hybrid-DRG case. */
export const HAS_HDRG = 2;
/** The checker has a practice context. */
export const HAS_CONTEXT = 4;
const MASKS = (HAS_TEAM | HAS_HDRG | HAS_CONTEXT) + 1;

/** What one version runs for an entry: rules on the entry, then rules on each 5011/5012 pair. */
export interface Step {
  version: CompiledVersion;
  entry: readonly CompiledRule[];
  cost: readonly CompiledRule[];
}

interface Route {
  byGop: Map<string, readonly Step[]>;
  /** For fee numbers no rule is keyed on. */
  rest: readonly Step[];
}

/** Rules of one list (in evaluation order) by fee number; `rest` are those without triggers. */
function keyed(rules: readonly CompiledRule[]): { byGop: Map<string, CompiledRule[]>; rest: CompiledRule[] } {
  const byGop = new Map<string, CompiledRule[]>();
  const rest: CompiledRule[] = [];
  // One pass in evaluation order: a keyed list starts with the trigger-less rules before it.
  for (const rule of rules) {
    if (rule.triggers === null) {
      rest.push(rule);
      for (const list of byGop.values()) list.push(rule);
    } else {
      for (const k of rule.triggers) {
        let list = byGop.get(k);
        if (!list) byGop.set(k, (list = [...rest]));
        list.push(rule);
      }
    }
  }
  return { byGop, rest };
}

export class TriggerIndex {
  private readonly routes: (Route | undefined)[] = new Array<Route | undefined>(MASKS);

  constructor(private readonly versions: readonly CompiledVersion[]) {}

  /** The steps for an entry with `mask` and fee number `gop`, in evaluation order; versions with nothing to run are left out. */
  steps(mask: number, gop: string): readonly Step[] {
    const route = this.routes[mask] ?? this.build(mask);
    return route.byGop.get(gop) ?? route.rest;
  }

  /** Built on first use of a mask: most checkers only ever see a few. */
  private build(mask: number): Route {
    const usable = (r: CompiledRule) => (r.needs & ~mask) === 0;
    const parts = this.versions.map((version) => ({ version, entry: keyed(version.entryRules.filter(usable)), cost: keyed(version.costRules.filter(usable)) }));
    const step = (p: (typeof parts)[number], gop: string | null): Step | null => {
      const entry = (gop === null ? undefined : p.entry.byGop.get(gop)) ?? p.entry.rest;
      const cost = (gop === null ? undefined : p.cost.byGop.get(gop)) ?? p.cost.rest;
      return entry.length || cost.length ? { version: p.version, entry, cost } : null;
    };
    const restSteps = parts.map((p) => step(p, null));
    const rest = restSteps.filter((s): s is Step => s !== null);
    const keys = new Set<string>();
    for (const p of parts) for (const k of [...p.entry.byGop.keys(), ...p.cost.byGop.keys()]) keys.add(k);
    const byGop = new Map<string, readonly Step[]>();
    for (const k of keys) {
      // A version with nothing keyed on k shares its rest step.
      const steps = parts.map((p, i) => (p.entry.byGop.has(k) || p.cost.byGop.has(k) ? step(p, k) : restSteps[i]!));
      byGop.set(k, steps.filter((s): s is Step => s !== null));
    }
    const route: Route = { byGop, rest };
    this.routes[mask] = route;
    return route;
  }
}
