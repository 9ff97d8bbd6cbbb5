/**
 * Catalogue rows with validity (GOÄ: a number whose points changed, e.g. Abschnitt B VII from
 * 1 Jan 2020): a number may stand in several rows whose periods do not overlap, each period a
 * real date range. What the loader reports about them.
 */
import type { CatalogueRowDoc } from '../model';
import { isIsoDate } from '../facts/entry';
import { periodsOverlap } from './period';

type At = (pointer: string, code: string, de: string, en: string) => void;

/** Problems of the rows' numbers and periods: bad dates, an end before the start, one number twice on a day. */
export function checkRowPeriods(rows: readonly CatalogueRowDoc[], at: At, lineOf: (pointer: string) => number): void {
  // Written plainly: the GOÄ has thousands of rows, checked at every start. A number's rows are
  // its first row's index, a list only from its second row on (most numbers have one row).
  const byNumber = new Map<string, number | number[]>();
  const date = (i: number, key: 'validFrom' | 'validUntil', v: string | null): boolean => {
    if (v === null || isIsoDate(v)) return true;
    at(`/rows/${i}/${key}`, 'date', `${v} ist kein gültiges Datum.`, `${v} is not a valid date.`);
    return false;
  };
  const overlaps = (k: number, from: string | null, until: string | null) => periodsOverlap(rows[k]!.validFrom ?? null, rows[k]!.validUntil ?? null, from, until);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const from = r.validFrom ?? null;
    const until = r.validUntil ?? null;
    // Both dates reported, each that is wrong.
    if (from !== null || until !== null) {
      const fromOk = date(i, 'validFrom', from);
      const dates = date(i, 'validUntil', until) && fromOk;
      if (dates && from !== null && until !== null && until < from) at(`/rows/${i}/validUntil`, 'validity', 'validUntil liegt vor validFrom.', 'validUntil is before validFrom.');
    }
    const before = byNumber.get(r.number);
    if (before === undefined) {
      byNumber.set(r.number, i);
      continue;
    }
    const clash = typeof before === 'number' ? (overlaps(before, from, until) ? before : undefined) : before.find((k) => overlaps(k, from, until));
    if (clash !== undefined) {
      const line = lineOf(`/rows/${clash}`);
      at(`/rows/${i}/number`, 'duplicate-number', `Nummer ${r.number} steht schon in Zeile ${line} mit sich überschneidender Gültigkeit.`, `Number ${r.number} is already on line ${line} with overlapping validity.`);
    }
    if (typeof before === 'number') byNumber.set(r.number, [before, i]);
    else before.push(i);
  }
}
