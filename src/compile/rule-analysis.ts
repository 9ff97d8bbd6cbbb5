/**
 * What a rule's conditions say before they run, found in one walk over them (named conditions
 * through): the fee numbers it can fire for (the trigger index's keys), what it needs to be true
 * (the trigger index's HAS_… and CASE_HEAD bits) and the KBV master files every way it can be
 * true reads (inactive-rules.ts). Each is sound by construction: it only claims what holds for
 * every entry. A named condition is walked once per version, not once per use.
 *
 * The rules of combination: `all` is keyed by what its parts' keys have in common and needs
 * (reads) what any part needs; `any` is keyed by the union (when every part is keyed) and needs
 * what all parts need; a named condition says what its condition says (a name met again inside
 * itself says nothing: a cycle, which compiling reports).
 *
 * The same walk measures a rule's tree for the bounds of condition-extent.ts when it is plain
 * (all, any and comparisons only): the bounds are then checked without a walk of their own. A
 * named condition beyond the bounds is not walked (a rule that uses it is beyond them too).
 */
import type { MasterFile } from '../catalogues/master-document';
import type { ConditionDoc, RuleSetDoc } from '../model';
import { FACTS, type BindEnv } from '../facts/facts';
import { conditionKind, isFactReference } from './condition';
import { CASE_HEAD, HAS_CONTEXT, HAS_HDRG, HAS_MATERIAL, HAS_PSEUDO_LANR, HAS_RECORD, HAS_TEAM, recordTypeBit } from './trigger-index';
import { MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, type ConditionExtents, type Extent } from './condition-extent';

/** The master files, a bit each in RuleAnalysis.masters. */
export const MASTER_FILES: readonly MasterFile[] = ['SDHDRG', 'SDOPS', 'SDICD', 'SDEBM'];

/** What the walk found for one condition (see the module comment). */
interface Found {
  keys: readonly string[] | null;
  needs: number;
  masters: number;
}

/** Walks the conditions of one version's rules (see the module comment). */
export class RuleAnalysis {
  /** After `analyze`: the fee numbers the condition can be true for, each once; null = any. */
  keys: readonly string[] | null = null;
  /** After `analyze`: the needs bits every way the condition can be true requires. */
  needs = 0;
  /** After `analyze`: the master-file bits (MASTER_FILES) every way the condition can be true reads. */
  masters = 0;
  /** Named conditions walked, by name. */
  private readonly named = new Map<string, Found>();
  /** Names being walked: a cycle is cut where it closes. */
  private readonly naming = new Set<string>();
  /** A cycle was cut while the current named condition was walked: what it found then is not kept. */
  private cut = false;
  /** The rule's tree as measured (see `extent`); not counted inside a named condition. */
  private nodes = 0;
  private depth = 0;
  private counting = false;
  /** The rule's tree holds only all, any and comparisons, each node one of them. */
  private plain = true;

  constructor(
    private readonly doc: RuleSetDoc,
    private readonly env: BindEnv,
    private readonly extents: ConditionExtents,
  ) {}

  /** Walks a rule's conditions: keys, needs and masters as for `analyze`, and the tree measured when it is plain (see `extent`). */
  analyzeRule(c: ConditionDoc): void {
    this.nodes = 0;
    this.depth = 0;
    this.plain = true;
    this.counting = true;
    this.analyze(c, 1);
    this.counting = false;
  }

  /** The extent of the rule `analyzeRule` walked, as ConditionExtents.of measures it; undefined when the tree is not plain (then measured there). */
  extent(): Extent | undefined {
    return this.plain ? { depth: Math.min(this.depth, MAX_CONDITION_DEPTH + 1), nodes: Math.min(this.nodes, MAX_CONDITION_NODES + 1) } : undefined;
  }

  /** Walks `c` at `level` (the root is 1); the results are in keys, needs and masters. Plain loops and no closures: it runs for every condition at load. */
  analyze(c: ConditionDoc, level = 1): void {
    const all = c.all;
    if (this.counting) {
      this.nodes++;
      if (level > this.depth) this.depth = level;
      // Anything else is measured by ConditionExtents: a not, a named condition, a node of two kinds.
      if (c.not !== undefined || c.condition !== undefined || (all !== undefined && (c.any !== undefined || !Array.isArray(all))) || (c.any !== undefined && !Array.isArray(c.any))) this.plain = false;
    }
    if (all) {
      let keys: readonly string[] | null = null;
      let needs = 0;
      let masters = 0;
      for (let i = 0; i < all.length; i++) {
        this.analyze(all[i]!, level + 1);
        if (this.keys !== null) keys = keys === null ? this.keys : intersect(keys, this.keys);
        needs |= this.needs;
        masters |= this.masters;
      }
      this.set(keys, needs, masters);
      return;
    }
    const any = c.any;
    if (any) {
      // json-rules-engine treats an empty "any" as true: it says nothing.
      if (any.length === 0) return this.set(null, 0, 0);
      let union: Set<string> | null = new Set<string>();
      let needs = ~0;
      let masters = ~0;
      for (let i = 0; i < any.length; i++) {
        this.analyze(any[i]!, level + 1);
        if (this.keys === null) union = null;
        else if (union !== null) for (const k of this.keys) union.add(k);
        needs &= this.needs;
        masters &= this.masters;
      }
      this.set(union === null ? null : [...union], needs, masters);
      return;
    }
    if (typeof c.condition === 'string') return this.analyzeNamed(c.condition);
    this.set(leafKeys(c, this.doc, this.env), leafNeeds(c), leafMasters(c));
  }

  private set(keys: readonly string[] | null, needs: number, masters: number): void {
    this.keys = keys;
    this.needs = needs;
    this.masters = masters;
  }

  private analyzeNamed(name: string): void {
    const known = this.named.get(name);
    if (known !== undefined) return this.set(known.keys, known.needs, known.masters);
    const target = this.doc.conditions?.[name];
    if (!target || this.naming.has(name) || !within(this.extents.ofNamed(name))) {
      if (target) this.cut = true;
      return this.set(null, 0, 0);
    }
    const outer = this.cut;
    const counting = this.counting;
    this.cut = false;
    this.counting = false;
    this.naming.add(name);
    this.analyze(target);
    this.naming.delete(name);
    this.counting = counting;
    if (!this.cut) this.named.set(name, { keys: this.keys, needs: this.needs, masters: this.masters });
    this.cut ||= outer;
  }
}

const within = (e: Extent) => e.depth <= MAX_CONDITION_DEPTH && e.nodes <= MAX_CONDITION_NODES;

/** True when `c` compares the fee number itself (no path, no params): exactGopKeys then says for which fee numbers it is true, if its operator and value tell. */
export function isPlainGop(c: ConditionDoc): boolean {
  return c.fact === 'gop' && conditionKind(c) === 'fact' && c.path === undefined && c.params === undefined;
}

/** The fee numbers for which `c` is true, each once, when it is true for exactly those (`gop` equal/in literals); else null. */
export function exactGopKeys(c: ConditionDoc): readonly string[] | null {
  if (!isPlainGop(c)) return null;
  if (c.operator === 'equal' && typeof c.value === 'string') return [c.value];
  if (c.operator === 'in' && Array.isArray(c.value) && c.value.every((v) => typeof v === 'string')) return [...new Set(c.value as string[])];
  return null;
}

/** The fee numbers for which a comparison can be true, each once, or null if it cannot tell. */
function leafKeys(c: ConditionDoc, doc: RuleSetDoc, env: BindEnv): readonly string[] | null {
  if (c.fact === 'gop') return exactGopKeys(c);
  const own = typeof c.fact === 'string' ? FACTS.get(c.fact)?.triggerKeys : undefined;
  if (own && !isFactReference(c.value)) {
    const keys = own(c, env);
    return keys === null ? null : [...keys];
  }
  if (c.fact === 'contractService' && c.path === undefined && c.operator === 'notEqual' && c.value === null) {
    // Null for every fee number that is no service of a loaded contract.
    return [...env.contracts.byCode.keys()];
  }
  if (c.fact === 'tableRow' && c.path === undefined && c.operator === 'notEqual' && c.value === null && c.params?.['equalsFact'] === 'gop') {
    // tableRow is null for every fee number that is not in the table's column.
    const table = doc.tables?.[c.params['table'] as string];
    const column = c.params['column'] as string;
    if (!table) return null;
    return [...new Set(table.rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string'))];
  }
  return null;
}

/** The keys of `a` that are in `b`. */
function intersect(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length <= 8) return a.filter((k) => b.includes(k));
  const set = new Set(b);
  return a.filter((k) => set.has(k));
}

/** The needs bits and the `nullWithout` kind of each (a needs mask bit per kind). */
const NEED_BITS: readonly number[] = [HAS_TEAM, HAS_HDRG, HAS_CONTEXT, HAS_RECORD, CASE_HEAD, HAS_PSEUDO_LANR, HAS_MATERIAL];
const NEED_KINDS: readonly ('teamNumber' | 'hybridDrg' | 'context' | 'record' | 'first' | 'pseudoLanr' | 'material')[] = [
  'teamNumber',
  'hybridDrg',
  'context',
  'record',
  'first',
  'pseudoLanr',
  'material',
];

/**
 * What one comparison needs to be true: a bit is set when it is false for every entry without
 * a team number, without a Hybrid-DRG case, for a checker without a practice context, for an
 * entry that names no KVDT record, for one that is not the first service of its case, without a
 * pseudo-LANR, or without material data (5074/5075). It needs one when it requires the fact
 * `teamNumber`/`hybridDrg` to be non-null, or compares a fact that is null without it (see
 * FactDefinition.nullWithout) with a non-null literal. `recordType equal` a record type of
 * services (0101–0104, see recordTypeBit) needs that record type's bit.
 */
function leafNeeds(c: ConditionDoc): number {
  if (typeof c.fact !== 'string' || isFactReference(c.value)) return 0;
  // recordType takes no params.
  const record = c.fact === 'recordType' && c.operator === 'equal' && c.path === undefined ? recordTypeBit(c.value) : 0;
  const nullWithout = FACTS.get(c.fact)?.nullWithout;
  // null (or a path on null, which stays null) is neither equal to a non-null literal nor unequal to null.
  const falseOnNull =
    nullWithout !== undefined &&
    ((c.operator === 'equal' && c.value !== null && c.value !== undefined) ||
      (c.operator === 'notEqual' && c.value === null && c.path === undefined) ||
      (c.operator === 'in' && Array.isArray(c.value) && !c.value.includes(null)));
  let mask = record;
  for (let i = 0; i < NEED_KINDS.length; i++) {
    const what = NEED_KINDS[i]!;
    if (c.fact === what && c.params === undefined) {
      if (c.path === undefined && c.operator === 'notEqual' && c.value === null) mask |= NEED_BITS[i]!;
    } else if (falseOnNull && nullWithout!.includes(what)) {
      mask |= NEED_BITS[i]!;
    }
  }
  return mask;
}

/** Comparisons that are false when the fact is null (json-rules-engine semantics). */
function falseOnNull(c: ConditionDoc): boolean {
  switch (c.operator) {
    case 'equal':
      return c.value !== null && c.value !== undefined;
    case 'notEqual':
      return c.value === null && c.path === undefined;
    case 'in':
      return Array.isArray(c.value) && !c.value.includes(null);
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return true;
    default:
      return false;
  }
}

/** The master files one comparison reads: those of its fact (FactDefinition.masters), when the comparison is false on null. */
function leafMasters(c: ConditionDoc): number {
  if (typeof c.fact !== 'string' || isFactReference(c.value)) return 0;
  const masters = FACTS.get(c.fact)?.masters;
  if (masters === undefined || !falseOnNull(c)) return 0;
  let out = 0;
  for (const file of masters(c.params)) out |= 1 << MASTER_FILES.indexOf(file);
  return out;
}

/**
 * `visit` of each child of condition `c`: its all, then its any, then its not. Indexed loops, no
 * list made: the walks that use it run at load for every condition, mostly before V8 optimizes them.
 */
export function eachChild(c: ConditionDoc, visit: (child: ConditionDoc) => void): void {
  const { all, any } = c;
  if (Array.isArray(all)) for (let i = 0; i < all.length; i++) visit(all[i]!);
  if (Array.isArray(any)) for (let i = 0; i < any.length; i++) visit(any[i]!);
  if (c.not) visit(c.not);
}

/** `visit` of the named condition `name`, or `otherwise` when it is unknown or already being visited (a cycle). */
export function throughNamed<T>(name: string, doc: RuleSetDoc, naming: Set<string>, visit: (target: ConditionDoc) => T, otherwise: T): T {
  const target = doc.conditions?.[name];
  if (!target || naming.has(name)) return otherwise;
  naming.add(name);
  const result = visit(target);
  naming.delete(name);
  return result;
}
