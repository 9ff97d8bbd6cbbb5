/**
 * Fields a case record may hold only once. Per the KVDT Datensatzbeschreibung 6.03 (the field
 * tables of 0102, 0103 and hdrg1; the XPM schema xdtdata.xsd agrees) FK 4218, the referrer's
 * (N)BSNR, occurs at most once in the record, and FK 4242, the referrer's LANR, once within it
 * (in 0102 under 4226 instead, and rule 328 allows only one of 4218, 4219 and 4226). The KBV's
 * Prüfmodul rejects a file that breaks its schema; no KBV text says which of two values counts
 * (the mapping keeps the first). Sources and labels: docs/kbv-parity.md.
 */
import type { RecordView } from './reader';

/** Records whose 4218/4242 are held to once (0101 and 0104 have neither field). */
const HELD = new Set(['0102', '0103', 'hdrg1']);

/**
 * Calls `repeated` once for each of FK 4218 and 4242 that occurs more than once in the record,
 * with the index of its second line.
 */
export function repeatedReferrer(record: RecordView, repeated: (fk: number, at: number, first: number) => void): void {
  if (!HELD.has(record.type)) return;
  let bsnr = -1;
  let lanr = -1;
  let reported = 0;
  for (let i = 0, n = record.lines; i < n; i++) {
    const fk = record.fk(i);
    if (fk === 4218) {
      if (bsnr < 0) bsnr = i;
      else if (!(reported & 1)) {
        reported |= 1;
        repeated(fk, i, bsnr);
      }
    } else if (fk === 4242) {
      if (lanr < 0) lanr = i;
      else if (!(reported & 2)) {
        reported |= 2;
        repeated(fk, i, lanr);
      }
    }
  }
}
