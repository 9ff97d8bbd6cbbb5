/**
 * Loading master-catalogue documents (`pvs-rules import` output): what the schema cannot say
 * — real dates, periods in order, keys unique (or unique per period), one catalogue per master
 * file and day — and the loaded form rules read ({@link MasterCatalogues}).
 */
import { MasterCatalogue, MasterCatalogues } from '../catalogues/master-catalogues';
import { REPEATED_KEY_TABLES, type MasterCatalogueDoc } from '../catalogues/master-document';
import { periodsOverlap } from '../catalogues/period';
import { isIsoDate } from '../facts/entry';
import { escapePointerToken } from './json-text';

type At = (pointer: string, code: string, de: string, en: string) => void;

/** Problems reported per document before the rest is left out (a broken import is broken throughout). */
const MAX_PROBLEMS = 50;

export interface ParsedMasterCatalogue {
  name: string;
  doc: MasterCatalogueDoc;
  /** Reports a problem of this document at a JSON pointer. */
  at: At;
}

/** Checks every document, then the documents against each other; builds the loaded form. */
export function loadMasterCatalogues(list: readonly ParsedMasterCatalogue[]): MasterCatalogues {
  const ok: { c: ParsedMasterCatalogue; loaded: MasterCatalogue }[] = [];
  for (const c of list) {
    if (checkDocument(c.doc, c.at)) ok.push({ c, loaded: new MasterCatalogue(c.name, c.doc) });
  }
  // One catalogue per master file and day: which file applies must never be a guess.
  const sorted = [...ok].sort((a, b) => ((a.c.doc.validFrom ?? '') < (b.c.doc.validFrom ?? '') ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = sorted[j]!.c;
      const b = sorted[i]!.c;
      if (a.doc.masterFile !== b.doc.masterFile || !periodsOverlap(a.doc.validFrom, a.doc.validUntil, b.doc.validFrom, b.doc.validUntil)) continue;
      b.at(
        '/validFrom',
        'overlapping-validity',
        `Die Gültigkeit überschneidet sich mit ${a.name} (${a.doc.masterFile} ${a.doc.validFrom ?? '…'}–${a.doc.validUntil ?? '…'}); je Stammdatei darf an einem Tag nur ein Katalog gelten.`,
        `The validity overlaps ${a.name} (${a.doc.masterFile} ${a.doc.validFrom ?? '…'}–${a.doc.validUntil ?? '…'}); only one catalogue per master file may apply on a day.`,
      );
    }
  }
  return new MasterCatalogues(ok.map((x) => x.loaded));
}

/** The semantic checks of one document (after the schema); false when it has a problem. */
function checkDocument(doc: MasterCatalogueDoc, at: At): boolean {
  let count = 0;
  const report: At = (pointer, code, de, en) => {
    count++;
    if (count <= MAX_PROBLEMS) at(pointer, code, de, en);
    else if (count === MAX_PROBLEMS + 1) at('', 'too-many-problems', `Weitere Probleme nicht gemeldet (mehr als ${MAX_PROBLEMS}).`, `Further problems not reported (more than ${MAX_PROBLEMS}).`);
  };
  checkPeriod(report, '', doc.validFrom, doc.validUntil);
  if (!isIsoDate(doc.created)) report('/created', 'date', `${doc.created} ist kein gültiges Datum.`, `${doc.created} is not a valid date.`);
  for (const [name, table] of Object.entries(doc.tables)) {
    const base = `/tables/${escapePointerToken(name)}/rows`;
    const from = table.columns.indexOf('validFrom');
    const until = table.columns.indexOf('validUntil');
    const repeated = REPEATED_KEY_TABLES.has(name);
    const seen = new Map<string, number>();
    const periods = new Map<string, number[]>();
    for (let i = 0; i < table.rows.length && count <= MAX_PROBLEMS; i++) {
      const row = table.rows[i]!;
      const key = row[0] as string;
      if (from >= 0) {
        const f = row[from] as string | null;
        const u = row[until] as string | null;
        if (!checkPeriod(report, `${base}/${i}`, f, u, from, until)) continue;
        const before = periods.get(key);
        if (before === undefined) periods.set(key, [i]);
        else {
          const clash = before.find((k) => periodsOverlap(table.rows[k]![from] as string | null, table.rows[k]![until] as string | null, f, u));
          if (clash !== undefined) {
            report(`${base}/${i}/0`, 'duplicate-code', `${key} steht schon in Zeile ${clash} mit sich überschneidender Gültigkeit.`, `${key} is already in row ${clash} with overlapping validity.`);
          }
          before.push(i);
        }
      } else if (!repeated) {
        const before = seen.get(key);
        if (before !== undefined) report(`${base}/${i}/0`, 'duplicate-code', `${key} steht schon in Zeile ${before}.`, `${key} is already in row ${before}.`);
        else seen.set(key, i);
      }
    }
  }
  return count === 0;
}

/** A period: real dates, the end not before the start. Row periods point at their columns. */
function checkPeriod(report: At, base: string, from: string | null, until: string | null, fromCol?: number, untilCol?: number): boolean {
  const fromAt = fromCol === undefined ? `${base}/validFrom` : `${base}/${fromCol}`;
  const untilAt = untilCol === undefined ? `${base}/validUntil` : `${base}/${untilCol}`;
  let ok = true;
  for (const [pointer, v] of [
    [fromAt, from],
    [untilAt, until],
  ] as const) {
    if (v !== null && !isIsoDate(v)) {
      report(pointer, 'date', `${v} ist kein gültiges Datum.`, `${v} is not a valid date.`);
      ok = false;
    }
  }
  if (ok && from !== null && until !== null && until < from) {
    report(untilAt, 'validity', `Das Ende (${until}) liegt vor dem Beginn (${from}).`, `The end (${until}) is before the start (${from}).`);
    ok = false;
  }
  return ok;
}
