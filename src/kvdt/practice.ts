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

/** Distinct numbers kept per list: the bound the rules read a list to (MAX_LIST_LENGTH). */
export const MAX_PRACTICE_NUMBERS = MAX_LIST_LENGTH;

/** The numbers already kept, per practice (the lists hold each once). */
const seen = new WeakMap<PracticeData, Set<string>>();

/**
 * Adds a besa record's BSNRs, team numbers and pseudo-LANRs, each number once and at most
 * {@link MAX_PRACTICE_NUMBERS} per list, so neither the rules' input nor the summary grows with
 * a broken file. Returns the line (index in the record) of the first number not kept, or -1.
 */
export function readPractice(record: RecordView, into: PracticeData): number {
  into.besa = true;
  let kept = seen.get(into);
  if (!kept) seen.set(into, (kept = new Set()));
  let dropped = -1;
  for (let i = 0; i < record.lines; i++) {
    const fk = record.fk(i);
    const list = fk === 222 ? into.teamNumbers : fk === 201 ? into.bsnr : fk === 223 ? into.pseudoLanrs : null;
    if (!list) continue;
    const value = record.text(i);
    const key = `${fk}:${value}`;
    if (kept.has(key)) continue;
    if (list.length >= MAX_PRACTICE_NUMBERS) {
      if (dropped < 0) dropped = i;
      continue;
    }
    kept.add(key);
    list.push(value);
  }
  return dropped;
}
