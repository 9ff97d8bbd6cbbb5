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
import type { CompiledVersion } from './rule-set';
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
/** A five-digit fee number (feeNumberCode >= 0): a native test, no loop per character. */
const FIVE = /^\d{5}$/;
/** 32-bit words of a bit per five-digit fee number. */
const FIVE_DIGIT_WORDS = Math.ceil(FIVE_DIGITS / 32);

/** Set bits of a 32-bit word. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Some rule of version `v` reads more of an entry than its fields (see RouteReads). */
export const readsBeyondFields = (v: CompiledVersion): boolean => v.costRules.length > 0 || versionReads(v)[0] !== 0;

/** What the rules of a version read of an entry beyond its fields (see RouteReads): of its entry rules, of its pair rules. */
function versionReads(v: CompiledVersion): [entry: number, pairs: number] {
  const objects = (v.env.reads.patient === null ? 0 : READS_PATIENT) | (v.env.reads.case === null ? 0 : READS_CASE);
  return [objects, objects | READS_PAIRS];
}

/**
 * Lists each (fee number, rule) the usable rules' triggers make into `order`, and the rules
 * without triggers into `rest` (see TriggerIndex.build). Its own function: V8 optimizes this
 * loop, run cold, sooner alone.
 */
function gather(versions: readonly CompiledVersion[], mask: number, size: number, rest: number[][], order: number[], names: Map<string, number>): void {
  const lists = 2 * versions.length;
  for (let list = 0; list < lists; list++) {
    const v = versions[list >> 1]!;
    const all = list & 1 ? v.costRules : v.entryRules;
    const own: number[] = (rest[list] = []);
    for (let pos = 0; pos < all.length; pos++) {
      const rule = all[pos]!;
      if ((rule.needs & ~mask) !== 0) continue;
      const keys = rule.triggers;
      if (keys === null) own.push(pos);
      else
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          order.push(((FIVE.test(k) ? +k : FIVE_DIGITS + (names.get(k) ?? names.set(k, names.size).size - 1)) * lists + list) * size + pos);
        }
    }
  }
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

  /**
   * One pass over the rules lists each (fee number, rule) a trigger makes as one number: its
   * group (a five-digit fee number, or FIVE_DIGITS + the index of another in `names`), list
   * (version v's entry rules 2v, its pair rules 2v + 1) and position, in this order of
   * significance; one native sort then puts each group's rules together in evaluation order,
   * five-digit fee numbers ascending (their ranks, as find counts them), the other ones after;
   * one pass over the groups writes each route into one typed array. No map or list per fee
   * number: the first check after a load of many rules runs this code cold, where each step counts.
   */
  private build(mask: number): Routes {
    const versions = this.versions;
    /** A list's span of numbers: more than any position; a group's: `span` of them. */
    let size = 1;
    for (const v of versions) size = Math.max(size, v.entryRules.length, v.costRules.length);
    const span = 2 * versions.length * size;
    /** Per list: the positions of its usable rules without triggers. */
    const rest: number[][] = [];
    const order: number[] = [];
    const names = new Map<string, number>();
    gather(versions, mask, size, rest, order, names);
    const sorted = Float64Array.from(order).sort();
    const count = sorted.length;
    // Room for every route: a version with rules of its own in a route adds at most 3 words a rule besides them.
    let room = 1;
    const entryReads: number[] = [];
    const pairReads: number[] = [];
    for (let v = 0; v < versions.length; v++) {
      const n = rest[2 * v]!.length + rest[2 * v + 1]!.length;
      if (n) room += 3 + 2 * n;
      [entryReads[v], pairReads[v]] = versionReads(versions[v]!);
    }
    room = (count + 1) * room + 5 * count;
    let words = new Int32Array(room);
    let reads = new Uint8Array(room);
    const bits = new Uint32Array(FIVE_DIGIT_WORDS);
    const before = new Int32Array(FIVE_DIGIT_WORDS);
    /** Route starts of the five-digit fee numbers, ascending, then of the other ones. */
    const starts: number[] = [];
    let fives = 0;
    let last = -1;
    let w = 0;
    // The rest's route first (no rules of its own, at 0), then one per group.
    for (let i = 0, n = -1; ; ) {
      const start = w++;
      let got = 0;
      for (let v = 0; v < versions.length; v++) {
        const head = w;
        w += 3;
        for (let list = 2 * v; list < 2 * v + 2; list++) {
          const all = list & 1 ? versions[v]!.costRules : versions[v]!.entryRules;
          const more = rest[list]!;
          const from = w;
          const lo = (n * 2 * versions.length + list) * size;
          // Its own rules (the group's numbers below lo + size) and the rest, merged by position.
          for (let j = 0; ; ) {
            const own = i < count && sorted[i]! < lo + size ? sorted[i]! - lo : -1;
            const pos = own >= 0 && (j === more.length || own < more[j]!) ? (i++, own) : j < more.length ? more[j++]! : -1;
            if (pos < 0) break;
            words[w++] = all[pos]!.node;
            words[w++] = pos;
          }
          words[head + 1 + (list & 1)] = (w - from) / 2;
        }
        if (w === head + 3) w = head;
        else {
          words[head] = versions[v]!.slot;
          got |= (words[head + 1] ? entryReads[v]! : 0) | (words[head + 2] ? pairReads[v]! : 0);
        }
      }
      words[start] = w - start - 1;
      reads[start] = got;
      if (n >= 0) starts.push(start);
      if (n >= 0 && n < FIVE_DIGITS) {
        const word = n >>> 5;
        bits[word]! |= 1 << (n & 31);
        if (word !== last) before.fill(fives, last + 1, (last = word) + 1);
        fives++;
      }
      if (i === count) break;
      n = Math.floor(sorted[i]! / span);
    }
    before.fill(fives, last + 1);
    words = words.slice(0, w);
    reads = reads.slice(0, w);
    // Each other fee number's index becomes its route's start.
    for (const [k, j] of names) names.set(k, starts[fives + j]!);
    return fives ? new Routes(words, reads, bits, before, Int32Array.from(starts), names, 0) : new Routes(words, reads, null, null, null, names, 0);
  }
}
