/**
 * Duplicate keys in a master file: a key may come once, or (in tables with validity) several
 * times with periods that do not overlap. A second row that would make a lookup ambiguous is a
 * located error.
 */
import { ElementProblem, type XmlPosition } from './master-file-error';
import type { Text } from '../model';
import type { Period } from './values';
import { periodsOverlap } from '../catalogues/period';

/** Refuses a second row with the same key in a table without validity periods. */
export class UniqueKeys {
  private readonly seen = new Map<string, XmlPosition>();

  constructor(private readonly what: Text) {}

  add(key: string, at: XmlPosition): void {
    const before = this.seen.get(key);
    if (before) {
      throw new ElementProblem(at, `${this.what.de} ${key} steht doppelt in der Datei (zuerst in Zeile ${before.line}).`, `${this.what.en} ${key} appears twice in the file (first on line ${before.line}).`);
    }
    this.seen.set(key, at);
  }
}

interface Seen {
  from: string | null;
  until: string | null;
  at: XmlPosition;
}

/** Refuses a key whose period overlaps an earlier period of the same key. */
export class PeriodKeys {
  private readonly seen = new Map<string, Seen | Seen[]>();

  constructor(private readonly what: Text) {}

  add(key: string, period: Period, at: XmlPosition): void {
    const entry: Seen = { from: period.from, until: period.until, at };
    const before = this.seen.get(key);
    if (before === undefined) {
      this.seen.set(key, entry);
      return;
    }
    const list = Array.isArray(before) ? before : [before];
    for (const b of list) {
      if (periodsOverlap(b.from, b.until, entry.from, entry.until)) {
        throw new ElementProblem(
          at,
          `${this.what.de} ${key} steht doppelt in der Datei mit sich überschneidender Gültigkeit (zuerst in Zeile ${b.at.line}).`,
          `${this.what.en} ${key} appears twice in the file with overlapping validity (first on line ${b.at.line}).`,
        );
      }
    }
    list.push(entry);
    this.seen.set(key, list);
  }
}
