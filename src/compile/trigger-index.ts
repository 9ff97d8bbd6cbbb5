/**
 * The trigger index: for the rule-set versions valid on a date, which rules an entry can meet,
 * looked up once by what the entry has (a mask of HAS_TEAM, HAS_HDRG, HAS_CONTEXT, HAS_RECORD,
 * CASE_HEAD) and its fee number. An ordinary service whose fee number no rule is keyed on
 * costs one hash lookup for all versions together, not one per version.
 *
 * All routes of a mask are words of one typed array. A five-digit fee number (the EBM's)
 * finds its route through a table indexed by its digits, no hashing: a fee number met once in
 * thousands of entries costs two cache lines, not a chain of objects. Other fee numbers go
 * through a Map.
 */
import type { CompiledRule, CompiledVersion } from './rule-set';
import { digitsAt } from '../facts/entry';

/** Entry has a team number (FK 5100). */
export const HAS_TEAM = 1;
/** Entry is a Hybrid-DRG case. */
export const HAS_HDRG = 2;
/** The checker has a practice context. */
export const HAS_CONTEXT = 4;
/** Entry names its KVDT record (`case.recordType`): record-level KVDT rules can apply. */
export const HAS_RECORD = 8;
/** Entry is the first service of its case (no `case.serviceIndex`, or 0): case-level rules run once per case. */
export const CASE_HEAD = 16;
const MASKS = (HAS_TEAM | HAS_HDRG | HAS_CONTEXT | HAS_RECORD | CASE_HEAD) + 1;

/** Distinct five-digit fee numbers: 00000–99999. */
const FIVE_DIGITS = 100_000;

/** The number of a five-digit fee number, or -1. */
const fiveDigits = (gop: string): number => (gop.length === 5 ? digitsAt(gop, 0, 5) : -1);

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

interface Part {
  version: CompiledVersion;
  entry: ReturnType<typeof keyed>;
  cost: ReturnType<typeof keyed>;
  /** Position of each rule in the version's entryRules / costRules. */
  position: Map<CompiledRule, number>;
}

/** The route words of one version for fee number `gop` (null: no keyed rules), or none if it runs nothing. */
function partWords(p: Part, gop: string | null): number[] {
  const entry = (gop === null ? undefined : p.entry.byGop.get(gop)) ?? p.entry.rest;
  const cost = (gop === null ? undefined : p.cost.byGop.get(gop)) ?? p.cost.rest;
  if (entry.length === 0 && cost.length === 0) return [];
  const words = [p.version.slot, entry.length, cost.length];
  for (const r of [...entry, ...cost]) words.push(r.node, p.position.get(r)!);
  return words;
}

/**
 * The routes of one mask. A route says what an entry runs, version by version in evaluation
 * order (versions with nothing to run left out): in `words` from its start, its length, then
 * per version `slot` (its position in the bundle), `entryCount`, `costCount`, then per entry
 * rule and per pair rule two words: the rule's program node and its position in the
 * version's `entryRules` or `costRules`.
 */
export class Routes {
  constructor(
    readonly words: Int32Array,
    /** Per five-digit fee number: 1 + the start of its route, 0 for the rest; null when no rule is keyed on one. */
    private readonly numbered: Int32Array | null,
    /** Start of the route of every other fee number a rule is keyed on. */
    private readonly named: Map<string, number>,
    private readonly rest: number,
  ) {}

  /** Where the route for fee number `gop` starts in `words`. */
  find(gop: string): number {
    if (this.numbered !== null) {
      const n = fiveDigits(gop);
      if (n >= 0) {
        const at = this.numbered[n]!;
        return at === 0 ? this.rest : at - 1;
      }
    }
    return this.named.get(gop) ?? this.rest;
  }
}

export class TriggerIndex {
  private readonly routes: (Routes | undefined)[] = new Array<Routes | undefined>(MASKS);

  constructor(private readonly versions: readonly CompiledVersion[]) {}

  /** The routes for entries with `mask`, built on first use of the mask (most checkers see a few). */
  routesFor(mask: number): Routes {
    return this.routes[mask] ?? (this.routes[mask] = this.build(mask));
  }

  private build(mask: number): Routes {
    const usable = (r: CompiledRule) => (r.needs & ~mask) === 0;
    const parts: Part[] = this.versions.map((version) => ({
      version,
      entry: keyed(version.entryRules.filter(usable)),
      cost: keyed(version.costRules.filter(usable)),
      position: new Map([...version.entryRules.map((r, i) => [r, i] as const), ...version.costRules.map((r, i) => [r, i] as const)]),
    }));
    const words: number[] = [];
    const add = (route: number[]): number => {
      words.push(route.length, ...route);
      return words.length - route.length - 1;
    };
    const restWords = parts.map((p) => partWords(p, null));
    const rest = add(restWords.flat());
    const keys = new Set<string>();
    for (const p of parts) for (const k of [...p.entry.byGop.keys(), ...p.cost.byGop.keys()]) keys.add(k);
    const numbered = [...keys].some((k) => fiveDigits(k) >= 0) ? new Int32Array(FIVE_DIGITS) : null;
    const named = new Map<string, number>();
    for (const k of keys) {
      // A version with nothing keyed on k runs its rest.
      const at = add(parts.flatMap((p, i) => (p.entry.byGop.has(k) || p.cost.byGop.has(k) ? partWords(p, k) : restWords[i]!)));
      const n = fiveDigits(k);
      if (numbered !== null && n >= 0) numbered[n] = at + 1;
      else named.set(k, at);
    }
    return new Routes(Int32Array.from(words), numbered, named, rest);
  }
}
