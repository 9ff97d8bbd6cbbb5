/**
 * One-pass batch state, for a batch read once as a stream (a KVDT file from a pipe): each
 * group of entries (a case) is counted, then checked. Counts of entries checked before
 * (`count: "before"`) are exact at once. A count of the whole batch can still grow with later
 * entries: a check that read one is pending, with the counts it saw and the "before" counts of
 * its moment, and is settled after the last entry — unchanged counts leave its result as it
 * was, changed ones check it again as the two-pass batch would have. Memory grows with the
 * patient groups and the pending checks the caller keeps, not with the entries.
 */
import type { BatchRead, Finding, PendingCheck } from '../../plugin-api/types';
import type { CompiledVersion } from '../compile/rule-set';
import type { BatchView, CounterSpec } from '../facts/batch-facts';
import type { NormalizedEntry } from '../facts/entry';
import { BatchIndex } from './batch';

/** What the evaluator needs of a batch: the facts' view and a hook after each entry. */
export interface BatchState extends BatchView {
  done(entry: NormalizedEntry): void;
}

/** What settling a pending check takes. */
export interface PendingParts {
  /** What it read: frozen once handed to the host, the reads too (settling compares them; a host's change could only make it throw). */
  readonly reads: readonly BatchRead[];
  /** The entry as copied for its check: the second evaluation reads nothing of the host's object. */
  readonly entry: NormalizedEntry;
  /** Its input findings, which the second result repeats. */
  readonly input: readonly Finding[];
  /** Every "before" count of the entry's counters at its check. */
  readonly before: ReadonlyMap<CounterSpec, number>;
}

const PARTS = Symbol();
/** The parts of each pending check, by the token the host's copy carries: the parts hold compiled rules (its counters), which no host may reach. */
const partsByToken = new WeakMap<object, PendingParts>();

/**
 * A pending check as the host gets it: `{ reads }`, and under a hidden key — not in its keys,
 * its JSON or Node's inspect — a token that stands for its parts (a frozen empty object). A
 * property read still finds the token behind a host's Proxy (a UI framework's reactive state)
 * or an object made from it with Object.create; the token itself gives nothing away.
 */
export function pendingCheck(parts: PendingParts): PendingCheck {
  // Frozen where they are handed out (checkAll keeps its pending checks to itself).
  for (const r of parts.reads) Object.freeze(r);
  Object.freeze(parts.reads);
  const token = Object.freeze({});
  partsByToken.set(token, parts);
  return Object.freeze(Object.defineProperty({ reads: parts.reads }, PARTS, { value: token }));
}

/** The parts of a pending check this module made; undefined for anything else, also when reading it throws. */
export function partsOf(value: unknown): PendingParts | undefined {
  try {
    const token: unknown = (value as { [PARTS]?: unknown } | null | undefined)?.[PARTS];
    return typeof token === 'object' && token !== null ? partsByToken.get(token) : undefined;
  } catch {
    return undefined;
  }
}

const SEP = '\u0000';

export class StreamIndex implements BatchState {
  private readonly index: BatchIndex;
  private readonly specs = new Map<string, CounterSpec>();
  /** True while an entry is evaluated: whole-batch counts it reads are recorded. */
  private recording = false;
  /** The counts recorded; null until the first (most entries read none). */
  private reads: BatchRead[] | null = null;
  /** The current entry's "before" counts, taken when it read a whole-batch count. */
  private snapshot: Map<CounterSpec, number> | null = null;

  constructor(private readonly plan: (day: number) => readonly CompiledVersion[]) {
    this.index = new BatchIndex(plan);
  }

  add(entry: NormalizedEntry): void {
    this.index.add(entry);
  }

  /** See BatchIndex.mayCount. */
  mayCount(day: number, date: string, gop: string, hybridDrg: boolean): boolean {
    return this.index.mayCount(day, date, gop, hybridDrg);
  }

  /** Starts recording the whole-batch counts the next evaluation reads. */
  begin(): void {
    this.recording = true;
    this.reads = null;
    this.snapshot = null;
  }

  /** Ends recording; the counts read and the "before" counts, or null when it read none. */
  finish(): { reads: BatchRead[]; before: Map<CounterSpec, number> } | null {
    const reads = this.reads;
    this.recording = false;
    this.reads = null;
    return reads ? { reads, before: this.snapshot ?? new Map() } : null;
  }

  total(spec: CounterSpec, entry: NormalizedEntry, gop = entry.gop): number {
    const v = this.index.total(spec, entry, gop);
    // A group that was never counted is named all the same: a later entry can still count it.
    if (this.recording && this.index.keys.of(spec, entry, gop, true)) this.note(spec, v);
    return v;
  }

  before(spec: CounterSpec, entry: NormalizedEntry): number {
    return this.index.before(spec, entry);
  }

  done(entry: NormalizedEntry): void {
    // A pending entry keeps its "before" counts: checked again at the end, it must see these, not the final ones.
    if (this.reads) {
      const before = new Map<CounterSpec, number>();
      for (const v of this.plan(entry.day)) for (const spec of v.env.counters) if (spec.readBefore) before.set(spec, this.index.before(spec, entry));
      this.snapshot = before;
    }
    this.index.done(entry);
  }

  /** The count now of a read's counter and group (the final one after the last entry). */
  count(key: string): number {
    const at = key.indexOf(SEP);
    const spec = this.specs.get(key.slice(0, at));
    const [a, b, c, d] = key.slice(at + 1).split(',').map(Number);
    return spec ? this.index.totalOf(spec, a!, b!, c!, d!) : 0;
  }

  /** True when every count the pending check read is still the same. */
  stands(pending: PendingParts): boolean {
    for (const r of pending.reads) if (this.count(r.key) !== r.value) return false;
    return true;
  }

  /** The view a pending entry is checked again with: final whole-batch counts, its own "before" counts. */
  settling(pending: PendingParts): BatchState {
    const index = this.index;
    return {
      total: (spec, entry, gop) => index.total(spec, entry, gop),
      before: (spec) => pending.before.get(spec) ?? 0,
      done: () => {},
    };
  }

  /** Records a read of the group the index's keys were last set to. */
  private note(spec: CounterSpec, value: number): void {
    const k = this.index.keys;
    this.specs.set(spec.key, spec);
    (this.reads ??= []).push({ key: `${spec.key}${SEP}${k.a},${k.b},${k.c},${k.d}`, value });
  }
}

