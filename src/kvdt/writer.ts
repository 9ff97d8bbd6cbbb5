/**
 * Writes a record back, with corrections applied. Lines without a correction are copied byte
 * for byte; a corrected line gets its new content and a recomputed length. A missing 5012 is
 * inserted before its pair's 5011 (the KVDT order is 5012, then 5011), a missing 5011 after
 * its 5012, and a new pair after the service's last pair or its 5001 block.
 */
import type { Correction } from '../../plugin-api/types';
import { encode, type Charset } from './charset';
import type { MappedService } from './mapping';
import type { RecordView } from './reader';

export interface WriteProblem {
  lineNo: number;
  de: string;
  en: string;
}

/** Fields that stay directly under the 5001, before any 5011/5012 pair. */
const HEAD_FIELDS = new Set([5001, 5002, 5003, 5005, 5006, 5008, 5009, 5010]);

/** One KVDT line `LLLFFFFcontent CR LF`, or undefined if the content cannot be encoded or is too long. */
export function encodeLine(fk: string, content: string, charset: Charset): Uint8Array | undefined {
  const body = encode(content, charset);
  if (!body) return undefined;
  const length = 3 + 4 + body.length + 2;
  if (length > 999) return undefined;
  const out = new Uint8Array(length);
  const head = `${String(length).padStart(3, '0')}${fk}`;
  for (let i = 0; i < 7; i++) out[i] = head.charCodeAt(i);
  out.set(body, 7);
  out[length - 2] = 0x0d;
  out[length - 1] = 0x0a;
  return out;
}

/** Where a new line goes relative to a line of the record, in the order written. */
const BEFORE = 0;
const REPLACE = 1;
const AFTER = 2;

/** A change to line `at`: a line before it, its replacement, or a line after it. */
interface Edit {
  at: number;
  kind: typeof BEFORE | typeof REPLACE | typeof AFTER;
  bytes: Uint8Array;
}

/**
 * The record's bytes with `corrections` (per service, in the order of `services`) applied, as
 * pieces in order (untouched lines are views of the record's bytes). Problems (a value that
 * cannot be written) leave the original line and are reported. The changes are kept as one
 * list, sorted by line and kind (a stable sort: lines added at one place in the order made),
 * instead of maps per kind: a case of the every-case file has one or two.
 */
export function writeRecord(
  record: RecordView,
  services: readonly MappedService[],
  corrections: readonly (readonly Correction[])[],
  charset: Charset,
  problems: WriteProblem[],
): Uint8Array[] {
  const edits: Edit[] = [];
  // A line replaced twice gets the last value: chosen after the sort, not by searching the
  // list per replacement (a record of thousands of corrected pairs would cost their square).
  const edit = (at: number, kind: Edit['kind'], bytes: Uint8Array) => void edits.push({ at, kind, bytes });

  for (let si = 0; si < services.length; si++) {
    const list = corrections[si];
    // Most services of a corrected case have no correction.
    if (list === undefined || list.length === 0) continue;
    const service = services[si]!;
    // Corrections of a pair that does not exist yet are written as one new pair: 5012, then 5011.
    let newPairs: Map<number, Map<string, string>> | undefined;
    for (const c of list) {
      const pair = service.pairs[c.index];
      const line = encodeLine(c.field, c.value, charset);
      if (!line) {
        problems.push({ lineNo: record.firstLine + service.first, de: `Korrektur FK ${c.field} = "${c.value}" ist nicht schreibbar (Zeichensatz oder Länge).`, en: `Correction FK ${c.field} = "${c.value}" cannot be written (charset or length).` });
        continue;
      }
      if (!pair) {
        newPairs ??= new Map();
        const fields = newPairs.get(c.index) ?? new Map<string, string>();
        fields.set(c.field, c.value);
        newPairs.set(c.index, fields);
        continue;
      }
      const existing = c.field === '5012' ? pair.l5012 : pair.l5011;
      if (existing !== undefined) edit(existing, REPLACE, line);
      else if (c.field === '5012') edit(pair.l5011!, BEFORE, line);
      else edit(pair.l5012!, AFTER, line);
    }
    if (newPairs) {
      let at = service.pairs.length ? service.pairs[service.pairs.length - 1]!.last : service.first;
      if (!service.pairs.length) while (at + 1 <= service.last && HEAD_FIELDS.has(record.fk(at + 1))) at++;
      for (const index of [...newPairs.keys()].sort((a, b) => a - b)) {
        const fields = newPairs.get(index)!;
        for (const fk of ['5012', '5011']) {
          const v = fields.get(fk);
          if (v !== undefined) edit(at, AFTER, encodeLine(fk, v, charset)!);
        }
      }
    }
  }

  if (edits.length > 1) edits.sort((a, b) => a.at - b.at || a.kind - b.kind);
  // Untouched lines between the touched ones go out as one piece each run.
  const out: Uint8Array[] = [];
  let from = 0;
  for (let k = 0; k < edits.length; ) {
    const i = edits[k]!.at;
    if (i > from) out.push(record.linesBytes(from, i));
    while (k < edits.length && edits[k]!.at === i && edits[k]!.kind === BEFORE) out.push(edits[k++]!.bytes);
    if (k < edits.length && edits[k]!.at === i && edits[k]!.kind === REPLACE) {
      // The sort is stable: the last replacement of the line is the last made.
      while (k + 1 < edits.length && edits[k + 1]!.at === i && edits[k + 1]!.kind === REPLACE) k++;
      out.push(edits[k++]!.bytes);
    } else out.push(record.linesBytes(i, i + 1));
    while (k < edits.length && edits[k]!.at === i && edits[k]!.kind === AFTER) out.push(edits[k++]!.bytes);
    from = i + 1;
  }
  if (from < record.lines) out.push(record.linesBytes(from, record.lines));
  return out;
}
