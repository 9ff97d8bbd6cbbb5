/** What the rules need from the practice's `besa` record (Betriebsstättendaten). */
import type { RecordView } from './reader';

/** Practice data from the `besa` record. */
export interface PracticeData {
  /** Whether the file had a besa record; without one the practice's team numbers are unknown. */
  besa: boolean;
  /** FK 0201 BSNR of the practice. */
  bsnr: string[];
  /** FK 0222 ASV team numbers of the practice. */
  teamNumbers: string[];
  /** FK 0223 pseudo-LANRs of hospital doctors in ASV. */
  pseudoLanrs: string[];
}

export function emptyPractice(): PracticeData {
  return { besa: false, bsnr: [], teamNumbers: [], pseudoLanrs: [] };
}

/** Adds a besa record's BSNRs, team numbers and pseudo-LANRs. */
export function readPractice(record: RecordView, into: PracticeData): void {
  into.besa = true;
  for (let i = 0; i < record.lines; i++) {
    const fk = record.fk(i);
    if (fk === 222) into.teamNumbers.push(record.text(i));
    else if (fk === 201) into.bsnr.push(record.text(i));
    else if (fk === 223) into.pseudoLanrs.push(record.text(i));
  }
}
