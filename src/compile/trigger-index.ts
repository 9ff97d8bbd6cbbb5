/**
 * The trigger index: for the rule-set versions valid on a date, which rules an entry can meet,
 * looked up once by what the entry has (a mask of HAS_TEAM, HAS_HDRG, HAS_CONTEXT, HAS_RECORD,
 * CASE_HEAD, HAS_PSEUDO_LANR, HAS_MATERIAL and its record type's bit) and its fee number. An ordinary service whose fee number no rule is keyed on
 * costs one hash lookup for all versions together, not one per version.
 *
 * All routes of a mask are words of one typed array. A five-digit fee number (the EBM's)
 * finds its route by its digits, no hashing: one bit per five-digit number says whether a rule
 * is keyed on it (12.5 KB, which stays in the processor's cache, where a table of 100,000 routes
 * would not), and the bits set before it count to its route's start. A fee number no rule is
 * keyed on costs one cache line, one keyed on costs three. Other fee numbers go through a Map.
 */
import type { CompiledRule, CompiledVersion } from './rule-set';
import { feeNumberCode, HAS_HDRG, HAS_MATERIAL, HAS_PSEUDO_LANR, HAS_TEAM, READS_CASE, READS_PAIRS, READS_PATIENT } from '../facts/entry';

// The needs an entry meets by its own fields are decided where its fields are read.
export { HAS_HDRG, HAS_MATERIAL, HAS_PSEUDO_LANR, HAS_TEAM };

/** The checker has a practice context. */
export const HAS_CONTEXT = 4;
/** Entry names its KVDT record (`case.recordType`): record-level KVDT rules can apply. */
export const HAS_RECORD = 8;
/** Entry is the first service of its case (no `case.serviceIndex`, or 0): case-level rules run once per case. */
export const CASE_HEAD = 16;
/** The bit of KVDT record type 0101 (Satzart ambulant), the next ones' (0102 Überweisung, 0103 Belegarzt, 0104 Notfall) after it: rules with `recordType equal` one of them run only on it. */
const RECORD_TYPE = 128;
/** Every record type's bit: for an entry whose record is not read yet (a route of more needs holds every rule of one of fewer). */
export const ANY_RECORD_TYPE = RECORD_TYPE * 15;
/** The bit of a record type of services (0101–0104), 0 for any other value: compared one by one, no call (indexOf over a list cost about 35 instructions a service). */
export const recordTypeBit = (type: unknown): number => (type === '0101' ? RECORD_TYPE : type === '0102' ? 2 * RECORD_TYPE : type === '0103' ? 4 * RECORD_TYPE : type === '0104' ? 8 * RECORD_TYPE : 0);
const MASKS = (HAS_TEAM | HAS_HDRG | HAS_CONTEXT | HAS_RECORD | CASE_HEAD | HAS_PSEUDO_LANR | HAS_MATERIAL | ANY_RECORD_TYPE) + 1;

/** Distinct five-digit fee numbers: 00000–99999. */
const FIVE_DIGITS = 100_000;
/** Route starts are below this (they index an Int32Array). */
const START_LIMIT = 2 ** 31;
/** 32-bit words of a bit per five-digit fee number. */
const FIVE_DIGIT_WORDS = Math.ceil(FIVE_DIGITS / 32);

/** Set bits of a 32-bit word. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** One rule list of a version (entry or pair rules) for one mask: rule positions in evaluation order. */
interface Keyed {
  /** Rules without triggers: they run for every fee number. */
  rest: number[];
  /** Rules keyed on a fee number, per fee number: one rule's position, or several in a list (most fee numbers have one rule). */
  byGop: Map<string, number | number[]>;
}

/** The usable rules of `rules` (those whose needs `mask` has), by fee number; positions only, no copies per key. */
function keyed(rules: readonly CompiledRule[], mask: number): Keyed {
  const rest: number[] = [];
  const byGop = new Map<string, number | number[]>();
  for (let pos = 0; pos < rules.length; pos++) {
    const rule = rules[pos]!;
    if ((rule.needs & ~mask) !== 0) continue;
    if (rule.triggers === null) {
      rest.push(pos);
      continue;
    }
    for (const k of rule.triggers) {
      const list = byGop.get(k);
      if (list === undefined) byGop.set(k, pos);
      else if (typeof list === 'number') byGop.set(k, [list, pos]);
      else list.push(pos);
    }
  }
  return { rest, byGop };
}

interface Part {
  version: CompiledVersion;
  entry: Keyed;
  cost: Keyed;
  /** What the version's entry rules and its pair rules read (versionReads), asked once. */
  entryReads: number;
  pairReads: number;
}

/**
 * Appends (program node, position) for the rules keyed on a fee number (`own`, may be absent)
 * and those without triggers (`rest`), merged in evaluation order; returns how many.
 */
function pushRules(words: number[], rules: readonly CompiledRule[], own: number | readonly number[] | undefined, rest: readonly number[]): number {
  if (own === undefined) {
    for (const pos of rest) words.push(rules[pos]!.node, pos);
    return rest.length;
  }
  if (typeof own === 'number') {
    let j = 0;
    for (; j < rest.length && rest[j]! < own; j++) words.push(rules[rest[j]!]!.node, rest[j]!);
    words.push(rules[own]!.node, own);
    for (; j < rest.length; j++) words.push(rules[rest[j]!]!.node, rest[j]!);
    return rest.length + 1;
  }
  let i = 0;
  let j = 0;
  while (i < own.length || j < rest.length) {
    const pos = j >= rest.length || (i < own.length && own[i]! < rest[j]!) ? own[i++]! : rest[j++]!;
    words.push(rules[pos]!.node, pos);
  }
  return own.length + rest.length;
}

/** How many rules `own` (a Keyed list entry) holds. */
const countOf = (own: number | readonly number[] | undefined): number => (own === undefined ? 0 : typeof own === 'number' ? 1 : own.length);

/** Some rule of version `v` reads more of an entry than its fields (see RouteReads). */
export const readsBeyondFields = (v: CompiledVersion): boolean => v.costRules.length > 0 || versionReads(v)[0] !== 0;

/** What the rules of a version read of an entry beyond its fields (see RouteReads): of its entry rules, of its pair rules. */
function versionReads(v: CompiledVersion): [entry: number, pairs: number] {
  const objects = (v.env.reads.patient === null ? 0 : READS_PATIENT) | (v.env.reads.case === null ? 0 : READS_CASE);
  return [objects, objects | READS_PAIRS];
}

/**
 * Appends one version's part of a route for fee number `gop` (null: no keyed rules), nothing if
 * it runs nothing; returns what the part's rules read (see RouteReads).
 */
function pushPart(words: number[], p: Part, gop: string | null): number {
  const entry = gop === null ? undefined : p.entry.byGop.get(gop);
  const cost = gop === null ? undefined : p.cost.byGop.get(gop);
  const entryCount = countOf(entry) + p.entry.rest.length;
  const costCount = countOf(cost) + p.cost.rest.length;
  if (entryCount === 0 && costCount === 0) return 0;
  words.push(p.version.slot, entryCount, costCount);
  pushRules(words, p.version.entryRules, entry, p.entry.rest);
  pushRules(words, p.version.costRules, cost, p.cost.rest);
  return (entryCount === 0 ? 0 : p.entryReads) | (costCount === 0 ? 0 : p.pairReads);
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
    /** At each route's start: what its rules read of an entry beyond its fields (see RouteReads). */
    readonly reads: Uint8Array,
    /** A bit per five-digit fee number: some rule is keyed on it; null when no rule is keyed on one. */
    private readonly keyedBits: Uint32Array | null,
    /** Per word of keyedBits: the bits set in the words before it. */
    private readonly before: Int32Array | null,
    /** The route starts of the keyed five-digit fee numbers, ascending by fee number. */
    private readonly numbered: Int32Array | null,
    /** Start of the route of every other fee number a rule is keyed on. */
    private readonly named: Map<string, number>,
    private readonly rest: number,
  ) {}

  /** Where the route for fee number `gop` starts in `words`; `n`: its feeNumberCode (the number of a five-digit one, read once per entry). */
  find(gop: string, n: number): number {
    const bits = this.keyedBits;
    // Without a keyed five-digit fee number, `named` holds none.
    if (n < 0 || bits === null) return this.named.get(gop) ?? this.rest;
    const word = bits[n >>> 5]!;
    const bit = 1 << (n & 31);
    if ((word & bit) === 0) return this.rest;
    // bitCount(word & (bit - 1)) written out: find is inlined into the entry's copy, whose inlining budget (see facts/entry.ts) has no room left for the call.
    let x = word & (bit - 1);
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return this.numbered![this.before![n >>> 5]! + (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24)]!;
  }

  /**
   * True when the route from `start` runs no rule for an entry with `costCount` pairs, as the
   * checker walks it: a version with pair rules only runs nothing for an entry without pairs.
   */
  runsNothing(start: number, costCount: number): boolean {
    const words = this.words;
    for (let at = start + 1, end = start + 1 + words[start]!; at < end; ) {
      const entryCount = words[at + 1]!;
      const pairCount = words[at + 2]!;
      if (entryCount !== 0 || (costCount !== 0 && pairCount !== 0)) return false;
      at += 3 + 2 * pairCount;
    }
    return true;
  }
}

export class TriggerIndex {
  private readonly routes: (Routes | undefined)[] = new Array<Routes | undefined>(MASKS);

  constructor(private readonly versions: readonly CompiledVersion[]) {}

  /**
   * What the rules of these versions that can meet an entry with fee number `gop` (`digits`: its feeNumberCode) read of it
   * (see RouteReads): of the rules it can meet by what it has so far (`fields`, its fieldMask:
   * team number, Hybrid-DRG case, pseudo-LANR and material pairs; the practice context, its
   * record and its place in its case as if it had them), or of all with -1. Its route's, found
   * as the checker finds it (no hashing of a five-digit fee number).
   */
  reads(gop: string, digits: number, fields: number): number {
    const routes = this.routesFor(fields < 0 ? MASKS - 1 : fields | HAS_CONTEXT | HAS_RECORD | CASE_HEAD | ANY_RECORD_TYPE);
    return routes.reads[routes.find(gop, digits)]!;
  }

  /** The routes for entries with `mask`, built on first use of the mask (most checkers see a few). */
  routesFor(mask: number): Routes {
    return this.routes[mask] ?? (this.routes[mask] = this.build(mask));
  }

  private build(mask: number): Routes {
    const parts: Part[] = this.versions.map((version) => {
      const [entryReads, pairReads] = versionReads(version);
      return { version, entry: keyed(version.entryRules, mask), cost: keyed(version.costRules, mask), entryReads, pairReads };
    });
    const words: number[] = [];
    /** Route starts and what their rules read, in pairs. */
    const reads: number[] = [];
    /** Appends the route for `gop` (its length first, filled in after); returns where it starts. */
    const route = (gop: string | null): number => {
      const start = words.length;
      words.push(0);
      let bits = 0;
      // A version with nothing keyed on gop runs its rest (pushPart finds no list for it).
      for (const p of parts) bits |= pushPart(words, p, gop);
      words[start] = words.length - start - 1;
      reads.push(start, bits);
      return start;
    };
    const rest = route(null);
    // Every fee number a rule is keyed on, once: the keys of the one keyed list, or of all of them through a set.
    const lists = parts.flatMap((p) => [p.entry.byGop, p.cost.byGop]).filter((m) => m.size > 0);
    const keys: Iterable<string> = lists.length === 1 ? lists[0]!.keys() : new Set(lists.flatMap((m) => [...m.keys()]));
    // Each five-digit fee number with its route's start, packed into one number (fee number
    // below 2^17, start below 2^31) and sorted natively: ascending by fee number, in time by
    // the keys, not by the 100,000 fee numbers there are.
    const packed: number[] = [];
    const named = new Map<string, number>();
    for (const k of keys) {
      const at = route(k);
      const n = feeNumberCode(k);
      if (n < 0) named.set(k, at);
      else packed.push(n * START_LIMIT + at);
    }
    const readsAt = new Uint8Array(words.length);
    for (let i = 0; i < reads.length; i += 2) readsAt[reads[i]!] = reads[i + 1]!;
    if (packed.length === 0) return new Routes(Int32Array.from(words), readsAt, null, null, null, named, rest);
    const sorted = Float64Array.from(packed).sort();
    const bits = new Uint32Array(FIVE_DIGIT_WORDS);
    const before = new Int32Array(FIVE_DIGIT_WORDS);
    const numbered = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const n = Math.floor(sorted[i]! / START_LIMIT);
      bits[n >>> 5]! |= 1 << (n & 31);
      numbered[i] = sorted[i]! - n * START_LIMIT;
    }
    for (let w = 1; w < FIVE_DIGIT_WORDS; w++) before[w] = before[w - 1]! + bitCount(bits[w - 1]!);
    return new Routes(Int32Array.from(words), readsAt, bits, before, numbered, named, rest);
  }
}
