/**
 * Referral fields a case record may hold only once. Per the KVDT Datensatzbeschreibung 6.03
 * (the field tables of 0102, 0103, 0104 and hdrg1) and the XPM's schema xdtdata.xsd, which nests
 * them: in 0102 the referral fields 4217, 4218, 4219, 4220, 4225 and 4226 once each, 4248 under
 * 4225 and 4249 under 4226 once; 4242 under 4218 or 4226, which rule 328 allows only one of; in
 * 0103 and hdrg1 4218 once with 4242 under it; in 0104 4243 once. (4241 may stand under 4217 and
 * under 4225; that both are given is rule 431's, checked by the ASV rule set.) The Prüfmodul
 * rejects a file that breaks its schema; no KBV text says which of two values counts (the mapping
 * keeps the first). Sources and labels: docs/kbv-parity.md.
 */
import type { RecordView } from './reader';

/** By record type (a Map: the type is the file's text, e.g. "constructor"). */
const ONCE = new Map<string, readonly number[]>([
  ['0102', [4217, 4218, 4219, 4220, 4225, 4226, 4242, 4248, 4249]],
  ['0103', [4218, 4242]],
  ['0104', [4243]],
  ['hdrg1', [4218, 4242]],
]);

/**
 * Calls `repeated` once for each field of ONCE that occurs more than once in the record, with
 * the index of its second line and of its first.
 */
export function repeatedReferrer(record: RecordView, repeated: (fk: number, at: number, first: number) => void): void {
  const once = ONCE.get(record.type);
  if (once === undefined) return;
  /** Index of each field's first line, +1 (0: not seen); -1 once reported. */
  const seen = new Array<number>(once.length).fill(0);
  for (let i = 0, n = record.lines; i < n; i++) {
    const fk = record.fk(i);
    if (fk < 4217 || fk > 4249) continue;
    const k = once.indexOf(fk);
    if (k < 0 || seen[k]! < 0) continue;
    if (seen[k] === 0) seen[k] = i + 1;
    else {
      repeated(fk, i, seen[k]! - 1);
      seen[k] = -1;
    }
  }
}
