/**
 * Catalogue rows with validity (GOÄ: a number whose points changed, e.g. Abschnitt B VII from
 * 1 Jan 2020): a number may stand in several rows whose periods do not overlap, each period a
 * real date range. What the loader reports about them.
 */
import type { CatalogueRowDoc } from '../model';
import { isIsoDate } from '../facts/entry';
import { periodsOverlap } from './period';

type At = (pointer: string, code: string, de: string, en: string) => void;

/**
 * Problems of the rows' numbers and periods: bad dates, an end before the start, one number
 * twice on a day. `byNumber` holds each number's rows in file order (the compiled catalogue's).
 */
export function checkRowPeriods(rows: readonly CatalogueRowDoc[], byNumber: ReadonlyMap<string, readonly CatalogueRowDoc[]>, at: At, lineOf: (pointer: string) => number): void {
  // Written plainly: the GOÄ has thousands of rows, checked at every start (most numbers have one row).
  const date = (i: number, key: 'validFrom' | 'validUntil', v: string | null): boolean => {
    if (v === null || isIsoDate(v)) return true;
    at(`/rows/${i}/${key}`, 'date', `${v} ist kein gültiges Datum.`, `${v} is not a valid date.`);
    return false;
  };
  const indexOf = new Map<CatalogueRowDoc, number>();
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
    const list = byNumber.get(r.number)!;
    if (list.length === 1) continue;
    // The first row before this one with its number whose period overlaps: the search stops
    // there, and the rows passed so far know their index, so many rows of one number stay linear.
    for (const k of list) {
      if (k === r) break;
      if (periodsOverlap(k.validFrom ?? null, k.validUntil ?? null, from, until)) {
        const line = lineOf(`/rows/${indexOf.get(k)}`);
        at(`/rows/${i}/number`, 'duplicate-number', `Nummer ${r.number} steht schon in Zeile ${line} mit sich überschneidender Gültigkeit.`, `Number ${r.number} is already on line ${line} with overlapping validity.`);
        break;
      }
    }
    indexOf.set(r, i);
  }
}
