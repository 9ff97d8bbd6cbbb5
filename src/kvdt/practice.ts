/** What the rules need from the practice's `besa` record (Betriebsstättendaten). */
import type { RecordView } from './reader';
import { MAX_LIST_LENGTH } from '../facts/host-data';

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

/** Numbers a summary lists per kind; the rules still get every distinct number. */
export const MAX_PRACTICE_NUMBERS = MAX_LIST_LENGTH;

/** The numbers already read, per practice (each list holds a number once). */
const seen = new WeakMap<PracticeData, Set<string>>();

/**
 * Adds a besa record's BSNRs, team numbers and pseudo-LANRs, each number once. The record's
 * own bound (lines, bytes) bounds them; a list longer than the rules read (1,000) makes each
 * service's list unknown to them (INPUT-FELD), rather than cut and compared wrongly.
 */
export function readPractice(record: RecordView, into: PracticeData): void {
  into.besa = true;
  let known = seen.get(into);
  if (!known) seen.set(into, (known = new Set()));
  for (let i = 0; i < record.lines; i++) {
    const fk = record.fk(i);
    const list = fk === 222 ? into.teamNumbers : fk === 201 ? into.bsnr : fk === 223 ? into.pseudoLanrs : null;
    if (!list) continue;
    const value = record.text(i);
    const key = `${fk}:${value}`;
    if (known.has(key)) continue;
    known.add(key);
    list.push(value);
  }
}

/** The practice as a summary says it: at most 1,000 numbers of each kind, and how many more there were. */
export interface PracticeSummary extends PracticeData {
  /** Distinct numbers not listed (beyond 1,000 of a kind); 0 for any real practice. */
  notListed: number;
}

/** {@link PracticeSummary} of `p`. */
export function practiceSummary(p: PracticeData): PracticeSummary {
  const cap = (list: string[]) => (list.length > MAX_PRACTICE_NUMBERS ? list.slice(0, MAX_PRACTICE_NUMBERS) : list);
  const notListed = Math.max(0, p.bsnr.length - MAX_PRACTICE_NUMBERS) + Math.max(0, p.teamNumbers.length - MAX_PRACTICE_NUMBERS) + Math.max(0, p.pseudoLanrs.length - MAX_PRACTICE_NUMBERS);
  return { besa: p.besa, bsnr: cap(p.bsnr), teamNumbers: cap(p.teamNumbers), pseudoLanrs: cap(p.pseudoLanrs), notListed };
}
