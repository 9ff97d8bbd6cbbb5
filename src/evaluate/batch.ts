/**
 * Two-pass batch state for the `batchCount` fact: the first pass counts every entry into the
 * counters of the rule-set versions valid on its date, the second pass evaluates and moves
 * each entry into the "seen" counts after its evaluation. Memory grows with the number of
 * patient groups, not with the entries: a group is four numbers in a typed-array table
 * (batch-groups.ts, batch-counts.ts), a few dozen bytes.
 */
import type { CompiledVersion } from '../compile/rule-set';
import type { NormalizedEntry } from '../facts/entry';
import { countedBy, type BatchView, type CounterSpec } from '../facts/batch-facts';
import { GroupCounts } from './batch-counts';
import { GroupKeys } from './batch-groups';

/** A plan's counters (those read as "checked before" also apart), each with its memo (see memoOf). */
interface Specs {
  all: CounterSpec[];
  readBefore: CounterSpec[];
  allMemos: (Uint8Array | null)[];
  readBeforeMemos: (Uint8Array | null)[];
}

const memoByCounter = new WeakMap<CounterSpec, Uint8Array>();

/**
 * What `spec.matches` answered per five-digit fee number (its feeNumberCode), two bits each
 * without (bits 0–1) and with a Hybrid-DRG case (bits 2–3): 0 not asked yet, 1 no, 2 yes — as
 * RouteGate remembers mayCount. Fee number and flag alone decide a counter that reads no date
 * (CounterSpec.dated), fixed once compiled; null for one that reads it. One per counter (100 KB),
 * kept with it: every batch and stream of every checker asks the same. The two passes (and
 * checkAll's count and done) then ask once per fee number, not per entry: a Set lookup of a fee
 * number hashes its text.
 */
function memoOf(spec: CounterSpec): Uint8Array | null {
  if (spec.dated) return null;
  let memo = memoByCounter.get(spec);
  if (memo === undefined) memoByCounter.set(spec, (memo = new Uint8Array(100_000)));
  return memo;
}

export class BatchIndex implements BatchView {
  private readonly totals = new Map<string, GroupCounts>();
  private readonly seen = new Map<string, GroupCounts>();
  /** Also the group of the last `of`: read right after it (a–d). */
  readonly keys = new GroupKeys();
  private readonly seed = (Math.random() * 0x100000000) >>> 0;
  /** The counters of each plan's versions, in one list (most batches have one plan). */
  private readonly specs = new Map<readonly CompiledVersion[], Specs>();
  /** The plan of the last entry counted and its counters (the entries of a file share a few plans). */
  private lastVersions: readonly CompiledVersion[] | null = null;
  private lastSpecs: Specs | undefined = undefined;

  /** `plan` gives the versions valid on a day number (see isoDay). */
  constructor(private readonly plan: (day: number) => readonly CompiledVersion[]) {}

  /** True if some version has a counter, i.e. some rule compares entries of a batch. */
  static needed(versions: Iterable<CompiledVersion>): boolean {
    for (const v of versions) if (v.env.counters.length) return true;
    return false;
  }

  /** First pass. An entry is added before anything reads it: one object may hold several entries in turn (checkAll's). */
  add(entry: NormalizedEntry): void {
    this.keys.forget();
    this.count(this.totals, entry, false);
  }

  /** Second pass, after the entry was evaluated: only counters read as "checked before" need it. */
  done(entry: NormalizedEntry): void {
    this.count(this.seen, entry, true);
  }

  total(spec: CounterSpec, entry: NormalizedEntry, gop = entry.gop): number {
    const counts = this.totals.get(spec.key);
    const k = this.keys;
    return counts && k.of(spec, entry, gop, false) ? counts.get(k.a, k.b, k.c, k.d) : 0;
  }

  before(spec: CounterSpec, entry: NormalizedEntry): number {
    const counts = this.seen.get(spec.key);
    const k = this.keys;
    return counts && k.of(spec, entry, entry.gop, false) ? counts.get(k.a, k.b, k.c, k.d) : 0;
  }

  /** The whole-batch count of a group given by its numbers (a read recorded earlier). */
  totalOf(spec: CounterSpec, a: number, b: number, c: number, d: number): number {
    return this.totals.get(spec.key)?.get(a, b, c, d) ?? 0;
  }

  /** True when a counter of day `day` may count such an entry (see CounterSpec.matches): without one, counting it changes no count. True also when a match fails. */
  mayCount(day: number, date: string, gop: string, hybridDrg: boolean): boolean {
    try {
      const list = this.specsOn(day).all;
      for (let i = 0; i < list.length; i++) if (list[i]!.matches(gop, date, hybridDrg)) return true;
      return false;
    } catch {
      return true;
    }
  }

  /** The counters of the versions valid on day number `day`. */
  private specsOn(day: number): Specs {
    const versions = this.plan(day);
    let specs = versions === this.lastVersions ? this.lastSpecs : this.specs.get(versions);
    if (!specs) {
      const all = versions.flatMap((v) => v.env.counters);
      const readBefore = all.filter((s) => s.readBefore);
      this.specs.set(versions, (specs = { all, readBefore, allMemos: all.map(memoOf), readBeforeMemos: readBefore.map(memoOf) }));
    }
    this.lastVersions = versions;
    this.lastSpecs = specs;
    return specs;
  }

  private count(into: Map<string, GroupCounts>, entry: NormalizedEntry, onlyReadBefore: boolean): void {
    const specs = this.specsOn(entry.day);
    const list = onlyReadBefore ? specs.readBefore : specs.all;
    const memos = onlyReadBefore ? specs.readBeforeMemos : specs.allMemos;
    const k = this.keys;
    const digits = entry.gopDigits;
    const shift = entry.hybridDrg === null ? 0 : 2;
    for (let i = 0; i < list.length; i++) {
      const spec = list[i]!;
      const memo = memos[i]!;
      let counted: boolean;
      if (memo === null || digits < 0) counted = countedBy(spec, entry);
      else {
        let state = (memo[digits]! >> shift) & 3;
        if (state === 0) memo[digits]! |= (state = countedBy(spec, entry) ? 2 : 1) << shift;
        counted = state === 2;
      }
      if (!counted || !k.of(spec, entry, entry.gop, true)) continue;
      let counts = into.get(spec.key);
      if (!counts) into.set(spec.key, (counts = new GroupCounts(this.seed)));
      counts.add(k.a, k.b, k.c, k.d);
    }
  }
}
