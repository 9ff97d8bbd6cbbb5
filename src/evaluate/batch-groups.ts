/**
 * The group a counter counts an entry in, as four numbers (the key of batch-counts.ts): the
 * patient in two, the period (the day as YYYYMMDD, or the quarter as year × 4 + quarter − 1),
 * the fee number (a number per distinct fee number in this batch; 0 when the counter does not
 * group by it). Exact: two entries share a group exactly when patient, period and fee number
 * are the same.
 *
 * The patient is packed into its two numbers when the identity has the eGK form — an
 * insurance number of a capital letter and nine digits, a birth date YYYY-MM-DD or none —
 * which nearly every patient of a KVDT file has; any other identity (a PVS patient number)
 * gets a number in this batch and its string is held once.
 */
import type { CounterSpec } from '../facts/batch-facts';
import { patientId } from '../facts/batch-facts';
import type { NormalizedEntry } from '../facts/entry';

/** Marks a patient number given by this batch (the packed form leaves this bit clear). */
const INTERNED = 0x80000000;
const TWO_32 = 0x100000000;

export class GroupKeys {
  /** The group's four numbers, set by `of`. */
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  private readonly patients = new Map<string, number>();
  private readonly gops = new Map<string, number>();
  /** The last patient numbered (the entries of a case follow each other). */
  private lastId = '';
  private lastBirth = '';
  private lastNumber = 0;
  /**
   * The entry whose patient numbers were last found (a–b, or none: `patientOk` false): an entry
   * is asked for several counters and reads in a row (counted for each, read by its rules,
   * counted again when done), and its patient is the same every time. Forgotten when the next
   * entry is counted (see forget): checkAll copies its entries into one object in turn.
   */
  private patientEntry: NormalizedEntry | null = null;
  private patientOk = false;
  private patientA = 0;
  private patientB = 0;

  /**
   * Sets a–d to `spec`'s group of `entry` with the fee number `gop`. False when the entry
   * names no patient or has no valid date; with `counting` false (a read), also when a part of
   * the group was never counted, so that reading adds nothing to the tables.
   */
  of(spec: CounterSpec, entry: NormalizedEntry, gop: string, counting: boolean): boolean {
    const day = entry.day;
    if (day < 0 || !this.patient(entry, counting)) return false;
    this.a = this.patientA;
    this.b = this.patientB;
    this.c = spec.per === 'patientDay' ? day : Math.floor(day / 10000) * 4 + Math.floor(((Math.floor(day / 100) % 100) - 1) / 3);
    if (spec.byGop) {
      const g = numberOf(this.gops, gop, counting);
      if (g === 0) return false;
      this.d = g;
    } else this.d = 0;
    return true;
  }

  /** Forgets the entry whose patient was found last. */
  forget(): void {
    this.patientEntry = null;
  }

  /** Sets patientA/B to the entry's patient; false when it names none (or, reading, one never counted). */
  private patient(entry: NormalizedEntry, counting: boolean): boolean {
    if (entry === this.patientEntry) return this.patientOk;
    const id = patientId(entry);
    const ok = id !== null;
    if (id !== null) {
      const birth = entry.birthDate === null ? '' : entry.birthDate.trim();
      const n = packedInsuranceNumber(id);
      const born = n < 0 ? -1 : packedBirthDate(birth);
      if (born >= 0) {
        // n < 26e9 < 7 × 2^32: three bits above the low word, next to the 27 of the birth date.
        this.patientA = (Math.floor(n / TWO_32) << 27) | born;
        this.patientB = n % TWO_32;
      } else {
        let p = id === this.lastId && birth === this.lastBirth ? this.lastNumber : 0;
        if (p === 0) {
          p = numberOf(this.patients, `${id}|${birth}`, counting);
          // Not counted yet: not remembered either, so that counting it later numbers it.
          if (p === 0) return false;
          this.lastId = id;
          this.lastBirth = birth;
          this.lastNumber = p;
        }
        this.patientA = INTERNED;
        this.patientB = p;
      }
    }
    this.patientEntry = entry;
    this.patientOk = ok;
    return ok;
  }
}

/** The number of `key` in `table` (from 1), given on first sight when `add`; 0 when unknown. */
function numberOf(table: Map<string, number>, key: string, add: boolean): number {
  const known = table.get(key);
  if (known !== undefined || !add) return known ?? 0;
  const next = table.size + 1;
  table.set(key, next);
  return next;
}

/** Letter and nine digits as one number below 26 × 10⁹; -1 for any other form. */
function packedInsuranceNumber(id: string): number {
  if (id.length !== 10) return -1;
  const letter = id.charCodeAt(0) - 65;
  if (letter < 0 || letter > 25) return -1;
  let n = 0;
  for (let i = 1; i < 10; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return letter * 1e9 + n;
}

/** 0 for no birth date, 1 + YYYYMMDD for YYYY-MM-DD (any digits: an unknown day is 00 in KVDT); -1 otherwise. */
function packedBirthDate(birth: string): number {
  if (birth === '') return 0;
  if (birth.length !== 10 || birth.charCodeAt(4) !== 45 || birth.charCodeAt(7) !== 45) return -1;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = birth.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return 1 + n;
}
