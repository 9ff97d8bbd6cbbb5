/**
 * Two-pass batch state for the `batchCount` fact: the first pass counts every entry into the
 * counters of the rule-set versions valid on its date, the second pass evaluates and moves
 * each entry into the "seen" counts after its evaluation. Memory grows with the number of
 * patient groups, not with the entries.
 */
import type { CompiledVersion } from '../compile/rule-set';
import type { NormalizedEntry } from '../facts/entry';
import type { BatchView, CounterSpec } from '../facts/batch-facts';

export class BatchIndex implements BatchView {
  private readonly totals = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, Map<string, number>>();

  /** `plan` gives the versions valid on a day number (see isoDay). */
  constructor(private readonly plan: (day: number) => readonly CompiledVersion[]) {}

  /** True if some version has a counter, i.e. some rule compares entries of a batch. */
  static needed(versions: Iterable<CompiledVersion>): boolean {
    for (const v of versions) if (v.env.counters.length) return true;
    return false;
  }

  /** First pass. */
  add(entry: NormalizedEntry): void {
    this.count(this.totals, entry, false);
  }

  /** Second pass, after the entry was evaluated: only counters read as "checked before" need it. */
  done(entry: NormalizedEntry): void {
    this.count(this.seen, entry, true);
  }

  total(spec: CounterSpec, entry: NormalizedEntry): number {
    const g = spec.group(entry);
    return g === null ? 0 : (this.totals.get(spec.key)?.get(g) ?? 0);
  }

  totalIn(spec: CounterSpec, group: string): number {
    return this.totals.get(spec.key)?.get(group) ?? 0;
  }

  before(spec: CounterSpec, entry: NormalizedEntry): number {
    const g = spec.group(entry);
    return g === null ? 0 : (this.seen.get(spec.key)?.get(g) ?? 0);
  }

  private count(into: Map<string, Map<string, number>>, entry: NormalizedEntry, onlyReadBefore: boolean): void {
    for (const v of this.plan(entry.day)) {
      for (const spec of v.env.counters) {
        if ((onlyReadBefore && !spec.readBefore) || !spec.match(entry)) continue;
        const g = spec.group(entry);
        if (g === null) continue;
        let m = into.get(spec.key);
        if (!m) into.set(spec.key, (m = new Map()));
        m.set(g, (m.get(g) ?? 0) + 1);
      }
    }
  }
}
