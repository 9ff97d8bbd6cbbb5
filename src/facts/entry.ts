/**
 * Turns whatever the host hands over into a normalized service entry: a snapshot of what the
 * rules may read (own properties only, each read once, lists bounded; see `host-data.ts`).
 * Nothing reads the host's objects after it. Wrong types never throw: a required
 * field that is unusable stops the check with an `INPUT-*` error, an optional one is
 * reported and treated as absent.
 */
import type { CaseCopies } from './case-group';
import { copyData, hasOwn, isRecord, lengthOf, MAX_COPY_DEPTH, MAX_COPY_VALUES, MAX_LIST_LENGTH, MAX_OBJECT_KEYS, readItem, readOwn, setOwn, TOO_LARGE, type CopyLimit } from './host-data';

/** One 5011/5012 pair after normalization. */
export interface NormalizedCost {
  /** FK 5011, trimmed; null when absent or empty. */
  d5011: string | null;
  /** FK 5012 as a digit string without leading zeros; the raw text if it is not whole cents; null when absent. */
  d5012: string | null;
  /** FK 5074 Name Hersteller/Lieferant, trimmed; null when absent or empty. */
  d5074: string | null;
  /** FK 5075 Artikel-/Modellnummer, trimmed; null when absent or empty. */
  d5075: string | null;
}

export interface NormalizedEntry {
  date: string;
  /** The date as a day number `yyyymmdd` (see isoDay). */
  day: number;
  gop: string;
  /** The fee number's number when it is five digits (the EBM's, which the trigger index finds by number), else -1 (see feeNumberCode). */
  gopDigits: number;
  teamNumber: string | null;
  lanr: string | null;
  /** FK 5101 pseudo-LANR of a hospital doctor in ASV. */
  pseudoLanr: string | null;
  bsnr: string | null;
  /** FK 5102 Krankenhaus-IK of a hospital in ASV (instead of `bsnr`). */
  hospitalIk: string | null;
  laterality: string | null;
  /**
   * The 5011/5012 pairs, normalized — only when some rule the entry can meet reads pairs (see
   * RouteReads); else empty, and only `costCount` says how many there are.
   */
  costs: NormalizedCost[];
  /** How many 5011/5012 pairs the entry has (objects in `costs` of the host): what `costCount` reads. */
  costCount: number;
  /** Some pair names manufacturer or article (FK 5074/5075); false when the pairs are not read. */
  material: boolean;
  diagnoses: NormalizedDiagnosis[];
  /** OPS codes (FK 5035). */
  ops: string[];
  /** The same OPS codes with their laterality (own, else the entry's) and the host's "sided" flag. */
  opsDetail: NormalizedOps[];
  /** A Hybrid-DRG case, or null. */
  hybridDrg: NormalizedHybridDrg | null;
  /** FK 3103 birth date as given (a string), or null. */
  birthDate: string | null;
  /** FK 3119/3105 insurance number as given (a string), or null. */
  insuranceNumber: string | null;
  /** FK 3000 the PVS's patient number as given (a string), or null. */
  patientNumber: string | null;
  /** The case fields the facts read; null without a case object. */
  caseFields: CaseFields | null;
  /** Copy of the keys of `patient` the loaded rules read as an object (see EntryReads); null when none or no patient. */
  patient: Record<string, unknown> | null;
  /** Copy of the keys of `case` the loaded rules read as an object (see EntryReads); null when none or no case. */
  case: Record<string, unknown> | null;
}

/** What the facts read of the case (`case`), each field copied. */
export interface CaseFields {
  /** The case's record type (`recordType`, e.g. `hdrg1`), or null. */
  recordType: string | null;
  /** FK 4111 IK of the patient's insurer (`insurerIk`), or null. */
  insurerIk: string | null;
  /** The case carries referral data (`referral` true or a non-empty object). */
  referral: boolean;
  /** The patient's § 140a participations (`participations`). */
  participations: readonly Participation[];
  /** FK 0222 team numbers the host gives for the case (`practiceTeamNumbers`), or null when it gives none. */
  practiceTeamNumbers: readonly string[] | null;
  /** Position of the service in its case (`serviceIndex`, 0 = first), or null when not given. */
  serviceIndex: number | null;
}

/** One § 140a participation of the patient: each date as given when it is text, else null. */
export interface Participation {
  contract: string | null;
  declared: string | null;
  noticeGiven: string | null;
  revoked: string | null;
  ended: string | null;
}

/**
 * What the loaded rules read of `patient` and `case` as objects — through a `path` (its first
 * key) or whole — beyond what the facts read by name. A snapshot copies exactly these keys
 * (`all`: every own enumerable key, bounded); null: the object is not read as one.
 */
export interface EntryReads {
  patient: ReadonlySet<string> | 'all' | null;
  case: ReadonlySet<string> | 'all' | null;
}

/**
 * What the rules an entry of service day `day` (see isoDay) and fee number `gop` (`digits`: its feeNumberCode) can meet read
 * of it beyond its fields: a mask of READS_PAIRS, READS_PATIENT and READS_CASE. What none
 * reads is not copied: pairs are only counted (their fields not read, normalized or reported),
 * and of `patient` and `case` only the fields the facts read by name are (no copy of the keys
 * the rules read as an object, see EntryReads). With `fields` (the entry's fieldMask; patient
 * and case not yet read), only rules it can meet by what it has (see the trigger index's
 * masks); -1: whatever else it has.
 */
export type RouteReads = (day: number, gop: string, digits: number, fields: number) => number;
/** A rule of the pair scope: the entry's 5011/5012 pairs. */
export const READS_PAIRS = 1;
/** A rule of a version whose rules read `patient` as an object. */
export const READS_PATIENT = 2;
/** A rule of a version whose rules read `case` as an object. */
export const READS_CASE = 4;
const READS_EVERYTHING = READS_PAIRS | READS_PATIENT | READS_CASE;

/** Entry has a team number (FK 5100). */
export const HAS_TEAM = 1;
/** Entry is a Hybrid-DRG case. */
export const HAS_HDRG = 2;
/** Entry has a hospital doctor's pseudo-LANR (FK 5101). */
export const HAS_PSEUDO_LANR = 32;
/** A 5011/5012 pair of the entry names manufacturer or article (FK 5074/5075). */
export const HAS_MATERIAL = 64;

/** The needs an entry meets by its own fields (see the trigger index's masks): of HAS_TEAM, HAS_HDRG, HAS_PSEUDO_LANR, HAS_MATERIAL. */
export function fieldMask(teamNumber: string | null, hybridDrg: NormalizedHybridDrg | null, pseudoLanr: string | null, material: boolean): number {
  return (teamNumber === null ? 0 : HAS_TEAM) | (hybridDrg === null ? 0 : HAS_HDRG) | (pseudoLanr === null ? 0 : HAS_PSEUDO_LANR) | (material ? HAS_MATERIAL : 0);
}

/**
 * Asked by {@link checkEntry} once an entry's fields are read: true when no rule can run for an
 * entry of day number `day`, fee number `gop` (`digits`: its feeNumberCode), field mask `fields` (see fieldMask), with or
 * without a case, with `costCount` pairs — so that no copy of it is made.
 */
export interface EntryGate {
  runsNothing(day: number, date: string, gop: string, digits: number, fields: number, hasCase: boolean, costCount: number): boolean;
}

/** Reads everything: for callers without a bundle (tests, tools). */
export const READ_ALL: EntryReads = Object.freeze({ patient: 'all', case: 'all' });

export interface NormalizedDiagnosis {
  icd: string;
  certainty: string | null;
  laterality: string | null;
  kind: 'main' | 'secondary' | null;
}

export interface NormalizedOps {
  code: string;
  laterality: string | null;
  sided: boolean;
}

export interface NormalizedHybridDrg {
  /** FK 5027 as given (trimmed). */
  code: string;
  start: string | null;
  end: string | null;
  /** FK 5030 as a whole number; null when absent or not a whole number ≥ 0 (then reported). */
  ventilationHours: number | null;
  opDate: string | null;
  /** FK 3111 Aufnahmegewicht in grams as a whole number; null when absent or not one (then reported). */
  admissionWeight: number | null;
}

export interface InputProblem {
  code: string;
  severity: 'error' | 'warning';
  fields: string[];
  de: string;
  en: string;
}


/** Longest string field accepted; longer values are input errors (KVDT fields are ≤ 60). */
export const MAX_FIELD_LENGTH = 200;

/** True for one or more ASCII digits and nothing else. */
export const isDigits = (s: string): boolean => s.length > 0 && digitsAt(s, 0, s.length) >= 0;

/** The number written by `length` ASCII digits of `s` from `at`, or -1 if one is not a digit. */
export function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The day number `yyyymmdd` of a real calendar date in `YYYY-MM-DD` (proleptic Gregorian
 * calendar), or -1. Day numbers sort as the dates do. readEntry reads an entry's date with a copy of this.
 */
export function isoDay(value: unknown): number {
  // Char codes, unrolled, not a regular expression: every entry's date passes here.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y0 = value.charCodeAt(0) - 48;
  const y1 = value.charCodeAt(1) - 48;
  const y2 = value.charCodeAt(2) - 48;
  const y3 = value.charCodeAt(3) - 48;
  const m0 = value.charCodeAt(5) - 48;
  const m1 = value.charCodeAt(6) - 48;
  const d0 = value.charCodeAt(8) - 48;
  const d1 = value.charCodeAt(9) - 48;
  // Every one a digit: no code below '0' (negative) or above '9'.
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || Math.max(y0, y1, y2, y3, m0, m1, d0, d1) > 9) return -1;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  if (m < 1 || m > 12 || d < 1) return -1;
  // The days of a month as readEntry takes them: February's 28 or 29, else 30 plus one for the months of 31 (bits of 0x15aa).
  return d <= (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((0x15aa >> m) & 1)) ? y * 10000 + m * 100 + d : -1;
}

/** True for a real calendar date in `YYYY-MM-DD` (proleptic Gregorian calendar). */
export function isIsoDate(value: unknown): value is string {
  return isoDay(value) >= 0;
}

/** A fixed error about the entry as a whole (no field of its own), shared by every entry it concerns. */
function entryError(code: string, de: string, en: string): InputProblem {
  return Object.freeze({ code, severity: 'error', fields: Object.freeze([]) as unknown as string[], de, en });
}

/**
 * The entry could not be read: a host object threw while it was read or evaluated (a getter,
 * a proxy, a value that cannot be converted). No detail of the object goes into the text.
 */
export const UNREADABLE = entryError(
  'INPUT-UNLESBAR',
  'Die Leistung konnte nicht gelesen werden (ein Feld löst beim Lesen einen Fehler aus) und wurde nicht geprüft.',
  'The service entry could not be read (a field raises an error when read) and was not checked.',
);

const EMPTY: never[] = Object.freeze([]) as never[];

/**
 * The real dates readEntry read last and their day numbers, one at each place given by the month's last digit and
 * the day's two (the days of a quarter never share one; another year's same day takes the place over). Only real
 * dates are put here, and one is taken only for an equal text: the same answer as reading it.
 */
const DATE_TEXTS: string[] = new Array<string>(1024).fill('');
const DATE_DAYS = new Int32Array(1024);

/** A list that never gets an item (not frozen: V8 answers `in` for it inline): an index is `in` it only when a prototype has one there. */
const NO_ITEMS: unknown[] = [];

/**
 * -2 unless `v` is a fee number as the checker takes it (1–9 ASCII letters or digits); else its
 * number when it is five digits (the EBM's: the trigger index finds those by number), or -1.
 * One pass for both. readEntry reads a five-digit fee number with a copy of this.
 */
export function feeNumberCode(v: unknown): number {
  if (typeof v !== 'string' || v.length < 1 || v.length > 9) return -2;
  // Nine digits at most: the number stays a small integer.
  let code = 0;
  let letter = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    // A digit first (most fee numbers are digits only), then a letter of either case (bit 5 folds the case).
    // `| 0`: below 2^30 (nine digits), and V8 then adds without overflow checks.
    if (c - 48 >>> 0 < 10) code = (code * 10 + c - 48) | 0;
    else if (((c | 32) - 97) >>> 0 < 26) letter = true;
    else return -2;
  }
  return letter || v.length !== 5 ? -1 : code;
}

/** An object of this module's that never gets a property: a field is `in` it only when Object.prototype has it. */
const PROBE: Record<string, unknown> = Object.create(Object.prototype) as Record<string, unknown>;

const NOT_AN_OBJECT = entryError('INPUT-LEISTUNG', 'Die Leistung ist kein Objekt und kann nicht geprüft werden.', 'The service entry is not an object and cannot be checked.');

/**
 * Normalizes one service entry; null when the check cannot run. Input problems are appended
 * to `problems`. `reads` says which keys of `patient` and `case` the loaded rules read as
 * objects, `routeReads` what the rules the entry can meet read of it; `into` as for checkEntry.
 */
export function normalizeEntry(raw: unknown, problems: InputProblem[], reads: EntryReads = READ_ALL, shared: CaseCopies | null = null, routeReads: RouteReads | null = null, into: NormalizedEntry | null = null): NormalizedEntry | null {
  return readEntry(raw, problems, reads, shared, routeReads, null, into) ?? null;
}

/**
 * As normalizeEntry, and when `gate` says no rule can run for the entry, undefined: the
 * entry's fields were read and checked as for a copy (every input problem reported, every host
 * property read that a copy reads), but no copy was made. `into`: an entry to copy into instead
 * of a new one (every field overwritten), for a caller that is done with the copy before the
 * next one — a check allocates nothing for an entry its rules evaluate.
 */
export function checkEntry(raw: unknown, problems: InputProblem[], reads: EntryReads, routeReads: RouteReads, gate: EntryGate, into: NormalizedEntry | null = null): NormalizedEntry | null | undefined {
  return readEntry(raw, problems, reads, null, routeReads, gate, into);
}

/**
 * normalizeEntry and checkEntry. Written without per-call closures: it runs for every entry.
 *
 * The entry's fields are read by name, each once and only when it is the entry's own: an
 * entry's cost does not depend on keys the engine does not know (a for-in over a host object
 * with a million keys takes seconds), and a polluted prototype adds no field.
 */
function readEntry(raw: unknown, problems: InputProblem[], reads: EntryReads, shared: CaseCopies | null, routeReads: RouteReads | null, gate: EntryGate | null, into: NormalizedEntry | null): NormalizedEntry | null | undefined {
  if (!isRecord(raw)) {
    problems.push(NOT_AN_OBJECT);
    return null;
  }
  // Read first, all of them, then normalized in a fixed order: problems come in the same
  // order whatever the key order. By name, not by a for-in, which lists every key before the
  // first (a third of a second for a million). An inherited field, even a getter, is never read.
  let rawHybridDrg: unknown, date: unknown, gop: unknown, rawTeamNumber: unknown, rawLanr: unknown, rawPseudoLanr: unknown, rawBsnr: unknown;
  let rawHospitalIk: unknown, rawLaterality: unknown, rawCosts: unknown, rawDiagnoses: unknown, rawOps: unknown, rawPatient: unknown, rawCase: unknown;
  // `in` before the prototype is asked: where entries come in one to four shapes, V8 then knows
  // the prototype from the shape it checked, instead of calling the runtime for it (about a
  // tenth of a check that meets no rule).
  const hasGop = 'gop' in raw;
  const proto: unknown = Object.getPrototypeOf(raw);
  // Object.prototype has none of the fields (not polluted): asked of PROBE, always the same
  // object, so V8 answers from one cached shape, and no getter runs. Written out here, not in a
  // function of its own: V8 would count its size against what it inlines into this one.
  const p = PROBE;
  if (
    (proto === Object.prototype || proto === null) &&
    !(
      'hybridDrg' in p ||
      'date' in p ||
      'gop' in p ||
      'teamNumber' in p ||
      'lanr' in p ||
      'pseudoLanr' in p ||
      'bsnr' in p ||
      'hospitalIk' in p ||
      'laterality' in p ||
      'costs' in p ||
      'diagnoses' in p ||
      'ops' in p ||
      'patient' in p ||
      'case' in p
    )
  ) {
    // A plain object (the usual entry) whose prototype has none of the fields: a field it lacks
    // reads as undefined, so each is read with one load — which V8 answers from a cache of
    // recent shapes even when the entries come in more shapes than its per-site caches hold.
    rawHybridDrg = raw['hybridDrg'];
    date = raw['date'];
    gop = raw['gop'];
    rawTeamNumber = raw['teamNumber'];
    rawLanr = raw['lanr'];
    rawPseudoLanr = raw['pseudoLanr'];
    rawBsnr = raw['bsnr'];
    rawHospitalIk = raw['hospitalIk'];
    rawLaterality = raw['laterality'];
    rawCosts = raw['costs'];
    rawDiagnoses = raw['diagnoses'];
    rawOps = raw['ops'];
    rawPatient = raw['patient'];
    rawCase = raw['case'];
  } else {
    // Any other object: each field asked with `in` first, and only one that is there checked to be the entry's own before it is read.
    rawHybridDrg = 'hybridDrg' in raw && hasOwn.call(raw, 'hybridDrg') ? raw['hybridDrg'] : undefined;
    date = 'date' in raw && hasOwn.call(raw, 'date') ? raw['date'] : undefined;
    // Without gop before, asked again: a getter of hybridDrg or date may have given the entry one, which the path above reads too.
    gop = (hasGop || 'gop' in raw) && hasOwn.call(raw, 'gop') ? raw['gop'] : undefined;
    rawTeamNumber = 'teamNumber' in raw && hasOwn.call(raw, 'teamNumber') ? raw['teamNumber'] : undefined;
    rawLanr = 'lanr' in raw && hasOwn.call(raw, 'lanr') ? raw['lanr'] : undefined;
    rawPseudoLanr = 'pseudoLanr' in raw && hasOwn.call(raw, 'pseudoLanr') ? raw['pseudoLanr'] : undefined;
    rawBsnr = 'bsnr' in raw && hasOwn.call(raw, 'bsnr') ? raw['bsnr'] : undefined;
    rawHospitalIk = 'hospitalIk' in raw && hasOwn.call(raw, 'hospitalIk') ? raw['hospitalIk'] : undefined;
    rawLaterality = 'laterality' in raw && hasOwn.call(raw, 'laterality') ? raw['laterality'] : undefined;
    rawCosts = 'costs' in raw && hasOwn.call(raw, 'costs') ? raw['costs'] : undefined;
    rawDiagnoses = 'diagnoses' in raw && hasOwn.call(raw, 'diagnoses') ? raw['diagnoses'] : undefined;
    rawOps = 'ops' in raw && hasOwn.call(raw, 'ops') ? raw['ops'] : undefined;
    rawPatient = 'patient' in raw && hasOwn.call(raw, 'patient') ? raw['patient'] : undefined;
    rawCase = 'case' in raw && hasOwn.call(raw, 'case') ? raw['case'] : undefined;
  }
  // Absent fields (most of them, for most entries) skip their normalizer.
  const hybridDrg = rawHybridDrg === undefined ? null : normalizeHybridDrg(rawHybridDrg, problems);
  if ((date === undefined || date === null) && hybridDrg) date = hybridDrg.opDate ?? hybridDrg.start ?? undefined;
  // isoDay, written out (test/normalize.test.ts holds the two to the same answers): V8 inlines no function that long, and
  // the call cost a check about 20 instructions. A date equal to the one remembered at its place (see DATE_TEXTS) is not
  // read again: its month's last digit and its day (the place) and one string compare, against ten characters.
  let day = -1;
  if (typeof date === 'string' && date.length === 10) {
    const m1 = date.charCodeAt(6) - 48;
    const d0 = date.charCodeAt(8) - 48;
    const d1 = date.charCodeAt(9) - 48;
    const at = ((m1 & 15) << 6) | ((d0 & 3) << 4) | (d1 & 15);
    if (date === DATE_TEXTS[at]) day = DATE_DAYS[at]!;
    else if (date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
      const y0 = date.charCodeAt(0) - 48;
      const y1 = date.charCodeAt(1) - 48;
      const y2 = date.charCodeAt(2) - 48;
      const y3 = date.charCodeAt(3) - 48;
      const m0 = date.charCodeAt(5) - 48;
      // Each a digit (unsigned: below '0' wraps around), the month's tens 0–1 and the day's 0–3; the days of a month
      // without a table: up to 28 in every month, else February's 28 or 29, or 30 plus one for the months of 31 (bits of 0x15aa).
      if (y0 >>> 0 < 10 && y1 >>> 0 < 10 && y2 >>> 0 < 10 && y3 >>> 0 < 10 && m0 >>> 0 < 2 && m1 >>> 0 < 10 && d0 >>> 0 < 4 && d1 >>> 0 < 10) {
        const m = m0 * 10 + m1;
        const d = d0 * 10 + d1;
        if (m - 1 >>> 0 < 12 && d !== 0) {
          const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
          if (d < 29 || d <= (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((0x15aa >> m) & 1))) {
            day = y * 10000 + m * 100 + d;
            DATE_TEXTS[at] = date;
            DATE_DAYS[at] = day;
          }
        }
      }
    }
  }
  const dateOk = day >= 0;
  if (!dateOk) {
    problems.push({
      code: 'INPUT-LEISTUNGSTAG',
      severity: 'error',
      fields: ['5000'],
      de: 'Leistungstag (FK 5000) fehlt oder ist kein gültiges Datum JJJJ-MM-TT.',
      en: 'Service date (FK 5000) is missing or not a valid date YYYY-MM-DD.',
    });
  }
  // A Hybrid-DRG case has no FK 5001; a malformed code is the Hybrid-DRG rules' business.
  if ((gop === undefined || gop === null) && hybridDrg) gop = feeNumberCode(hybridDrg.code) > -2 ? hybridDrg.code : 'HDRG';
  // feeNumberCode, written out for the usual five digits (as the date above): its loop cost about 30 instructions a
  // character, these about 17 (and V8 then inlines the route lookups below). Any other value asks feeNumberCode.
  let digits: number;
  if (typeof gop === 'string' && gop.length === 5) {
    const c0 = gop.charCodeAt(0) - 48;
    const c1 = gop.charCodeAt(1) - 48;
    const c2 = gop.charCodeAt(2) - 48;
    const c3 = gop.charCodeAt(3) - 48;
    const c4 = gop.charCodeAt(4) - 48;
    digits = c0 >>> 0 < 10 && c1 >>> 0 < 10 && c2 >>> 0 < 10 && c3 >>> 0 < 10 && c4 >>> 0 < 10 ? c0 * 10000 + c1 * 1000 + c2 * 100 + c3 * 10 + c4 : feeNumberCode(gop);
  } else digits = feeNumberCode(gop);
  if (digits < -1) {
    problems.push({
      code: 'INPUT-GNR',
      severity: 'error',
      fields: ['5001'],
      de: 'Gebührennummer (FK 5001) fehlt oder ist ungültig (1–9 Buchstaben/Ziffern).',
      en: 'Fee number (FK 5001) is missing or invalid (1–9 letters/digits).',
    });
  }
  if (!dateOk || digits < -1) return null;

  // Pairs no rule reads are only counted (their fields are the most a typical entry holds).
  let costs: NormalizedCost[] = EMPTY;
  let costCount = 0;
  let material = false;
  if (rawCosts !== undefined && rawCosts !== null) {
    if (routeReads === null || (routeReads(day, gop as string, digits, -1) & READS_PAIRS) !== 0) {
      costs = normalizeCosts(rawCosts, problems);
      costCount = costs.length;
      for (let i = 0; i < costCount; i++) if (costs[i]!.d5074 !== null || costs[i]!.d5075 !== null) material = true;
    } else {
      // Only counted: how many are objects, the others reported as normalizeCosts reports them.
      // Here, not in a function: V8 then inlines more of the route lookup into this one (see above).
      const length = listLength(rawCosts, '5012', 'costs', problems);
      for (let index = 0; index < length; index++) {
        // readItem and isRecord, written out (as above). A list of Array.prototype has an item of
        // its own where `in` finds one, unless a prototype has one there too (NO_ITEMS has it then):
        // asked so, V8 answers from the list's shape instead of calling hasOwnProperty.
        const item = index in (rawCosts as unknown[]) && ((Object.getPrototypeOf(rawCosts) === Array.prototype && !(index in NO_ITEMS)) || hasOwn.call(rawCosts, index)) ? (rawCosts as unknown[])[index] : undefined;
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) costCount++;
        else problems.push(fieldProblem('5012', `costs[${index}]`));
      }
    }
  }
  const diagnoses = rawDiagnoses === undefined || rawDiagnoses === null ? EMPTY : shared ? shared.diagnoses(rawDiagnoses, problems) : normalizeDiagnoses(rawDiagnoses, problems);
  const laterality = rawLaterality === undefined ? null : optionalString(rawLaterality, 'laterality', '5041', problems);
  let ops: string[] = EMPTY;
  let opsDetail: NormalizedOps[] = EMPTY;
  if (rawOps !== undefined && rawOps !== null) {
    const length = listLength(rawOps, '5035', 'ops', problems);
    // Indexed loops over host arrays, the length read once: no iterator (which a host array could have replaced) runs.
    if (length > 0) {
      for (let i = 0; i < length; i++) {
        const item = normalizeOps(readItem(rawOps as unknown[], i), laterality);
        if (!item) {
          problems.push(fieldProblem('5035', 'ops'));
          continue;
        }
        if (ops === EMPTY) (ops = []), (opsDetail = []);
        ops.push(item.code);
        opsDetail.push(item);
      }
    }
  }

  // In the order of the fields: their problems come in that order.
  const teamNumber = rawTeamNumber === undefined ? null : optionalString(rawTeamNumber, 'teamNumber', '5100', problems);
  const lanr = rawLanr === undefined ? null : optionalString(rawLanr, 'lanr', '5099', problems);
  const pseudoLanr = rawPseudoLanr === undefined ? null : optionalString(rawPseudoLanr, 'pseudoLanr', '5101', problems);
  const bsnr = rawBsnr === undefined ? null : optionalString(rawBsnr, 'bsnr', '5098', problems);
  const hospitalIk = rawHospitalIk === undefined ? null : optionalString(rawHospitalIk, 'hospitalIk', '5102', problems);
  const hasPatient = rawPatient !== undefined && rawPatient !== null;
  const hasCase = rawCase !== undefined && rawCase !== null;
  const fields = fieldMask(teamNumber, hybridDrg, pseudoLanr, material);
  const read = routeReads === null || shared !== null || !(hasPatient || hasCase) ? READS_EVERYTHING : routeReads(day, gop as string, digits, fields);
  if (gate !== null && gate.runsNothing(day, date as string, gop as string, digits, fields, hasCase, costCount)) {
    // Nothing to evaluate: patient and case are read as a copy reads them (their problems, their host code), and dropped.
    if (hasPatient) readPatient(rawPatient, null, (read & READS_PATIENT) === 0 ? null : reads.patient, problems);
    if (hasCase) readCase(rawCase, null, (read & READS_CASE) === 0 ? null : reads.case, problems);
    return undefined;
  }
  // Every field written: `into` (the checker's one entry for check, see checkEntry) holds the last entry's.
  const entry = into ?? blankEntry();
  entry.date = date as string;
  entry.day = day;
  entry.gop = gop as string;
  entry.gopDigits = digits;
  entry.teamNumber = teamNumber;
  entry.lanr = lanr;
  entry.pseudoLanr = pseudoLanr;
  entry.bsnr = bsnr;
  entry.hospitalIk = hospitalIk;
  entry.laterality = laterality;
  // The lists, empty for most entries, only when they change: a store into the checker's long-lived entry costs V8's write barrier.
  if (entry.costs !== costs) entry.costs = costs;
  entry.costCount = costCount;
  entry.material = material;
  if (entry.diagnoses !== diagnoses) entry.diagnoses = diagnoses;
  if (entry.ops !== ops) entry.ops = ops;
  if (entry.opsDetail !== opsDetail) entry.opsDetail = opsDetail;
  entry.hybridDrg = hybridDrg;
  entry.birthDate = null;
  entry.insuranceNumber = null;
  entry.patientNumber = null;
  entry.caseFields = null;
  entry.patient = null;
  entry.case = null;
  if (hasPatient) {
    // A case group's copies are shared by its entries, whatever each entry's rules read.
    if (shared) shared.patient(rawPatient, entry, reads.patient, problems);
    else readPatient(rawPatient, entry, (read & READS_PATIENT) === 0 ? null : reads.patient, problems);
  }
  if (hasCase) {
    if (shared) shared.case(rawCase, entry, reads.case, problems);
    else readCase(rawCase, entry, (read & READS_CASE) === 0 ? null : reads.case, problems);
  }
  return entry;
}

/** An entry of no service, in the shape of every entry: filled by readEntry. */
export function blankEntry(): NormalizedEntry {
  return { date: '', day: -1, gop: '', gopDigits: -1, teamNumber: null, lanr: null, pseudoLanr: null, bsnr: null, hospitalIk: null, laterality: null, costs: EMPTY, costCount: 0, material: false, diagnoses: EMPTY, ops: EMPTY, opsDetail: EMPTY, hybridDrg: null, birthDate: null, insuranceNumber: null, patientNumber: null, caseFields: null, patient: null, case: null };
}

/** A case's `serviceIndex` as the facts take it: a whole number from 0, else null (not given). */
export const serviceIndexOf = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

/** The 5011/5012 pairs of an entry, normalized (problems appended). */
export function normalizeCosts(rawCosts: unknown, problems: InputProblem[]): NormalizedCost[] {
  const length = listLength(rawCosts, '5012', 'costs', problems);
  if (length <= 0) return EMPTY;
  const list = rawCosts as unknown[];
  // Of one pair (most entries with pairs) a list of one: a push would make room for sixteen more.
  let costs: NormalizedCost[] = EMPTY;
  for (let index = 0; index < length; index++) {
    // Read inline, as the entry's fields are (see normalizeEntry): this runs for every pair.
    const item = hasOwn.call(list, index) ? list[index] : undefined;
    if (!isRecord(item)) {
      problems.push(fieldProblem('5012', `costs[${index}]`));
      continue;
    }
    const description = 'description' in item && hasOwn.call(item, 'description') ? item['description'] : undefined;
    const cents = 'cents' in item && hasOwn.call(item, 'cents') ? item['cents'] : undefined;
    const manufacturer = 'manufacturer' in item && hasOwn.call(item, 'manufacturer') ? item['manufacturer'] : undefined;
    const articleNumber = 'articleNumber' in item && hasOwn.call(item, 'articleNumber') ? item['articleNumber'] : undefined;
    const cost: NormalizedCost = {
      d5011: description === undefined ? null : costText(description, '5011', index, 'description', problems),
      d5012: cents === undefined ? null : normalize5012(cents, index, problems),
      d5074: manufacturer === undefined ? null : costText(manufacturer, '5074', index, 'manufacturer', problems),
      d5075: articleNumber === undefined ? null : costText(articleNumber, '5075', index, 'articleNumber', problems),
    };
    if (costs === EMPTY) costs = [cost];
    else costs.push(cost);
  }
  return costs;
}

/** An entry's diagnoses, normalized (problems appended). */
export function normalizeDiagnoses(rawDiagnoses: unknown, problems: InputProblem[]): NormalizedDiagnosis[] {
  const length = listLength(rawDiagnoses, '6001', 'diagnoses', problems);
  let diagnoses: NormalizedDiagnosis[] = EMPTY;
  for (let i = 0; i < length; i++) {
    const d = readItem(rawDiagnoses as unknown[], i);
    const icd = isRecord(d) ? readOwn(d, 'icd') : undefined;
    if (typeof icd === 'string' && icd.length <= MAX_FIELD_LENGTH) {
      const rec = d as Record<string, unknown>;
      const certainty = readOwn(rec, 'certainty');
      const laterality = readOwn(rec, 'laterality');
      const kind = readOwn(rec, 'kind');
      if (diagnoses === EMPTY) diagnoses = [];
      diagnoses.push({
        icd,
        certainty: typeof certainty === 'string' ? certainty : null,
        laterality: typeof laterality === 'string' && laterality !== '' ? laterality : null,
        kind: kind === 'main' || kind === 'secondary' ? kind : null,
      });
    } else {
      problems.push(fieldProblem('6001', 'diagnoses'));
    }
  }
  return diagnoses;
}

/** The patient fields the facts read, and the copy of those the rules read as an object (into `entry`; null: read and checked only). */
export function readPatient(raw: unknown, entry: NormalizedEntry | null, reads: EntryReads['patient'], problems: InputProblem[]): void {
  if (!isRecord(raw)) {
    problems.push(fieldProblem('3103', 'patient'));
    return;
  }
  let insuranceNumber: unknown, id: unknown, birthDate: unknown;
  // `in` first, as in readEntry: V8 then knows the prototype by the shape.
  const hasInsuranceNumber = 'insuranceNumber' in raw;
  const proto: unknown = Object.getPrototypeOf(raw);
  const p = PROBE;
  if ((proto === Object.prototype || proto === null) && !('insuranceNumber' in p || 'id' in p || 'birthDate' in p)) {
    // As the entry's fields (see readEntry): one load each, at a site that sees the patients' shapes only.
    insuranceNumber = raw['insuranceNumber'];
    id = raw['id'];
    birthDate = raw['birthDate'];
  } else {
    insuranceNumber = hasInsuranceNumber ? readOwn(raw, 'insuranceNumber') : undefined;
    id = readOwn(raw, 'id');
    birthDate = readOwn(raw, 'birthDate');
  }
  const patient = reads === null ? null : snapshot(raw, reads, { insuranceNumber, id, birthDate }, 'patient', '3103', problems);
  if (entry === null) return;
  if (typeof birthDate === 'string') entry.birthDate = birthDate;
  if (typeof insuranceNumber === 'string') entry.insuranceNumber = insuranceNumber;
  if (typeof id === 'string') entry.patientNumber = id;
  entry.patient = patient;
}

/** The case fields the facts read, and the copy of those the rules read as an object (into `entry`; null: read and checked only). */
export function readCase(raw: unknown, entry: NormalizedEntry | null, reads: EntryReads['case'], problems: InputProblem[]): void {
  if (!isRecord(raw)) {
    problems.push(fieldProblem('4239', 'case'));
    return;
  }
  let recordType: unknown, insurerIk: unknown, referral: unknown, participations: unknown, practiceTeamNumbers: unknown, serviceIndex: unknown;
  // As readPatient: `in` first, then one load each where no prototype can answer (readOwn's hasOwnProperty and keyed load cost about 160 a field).
  const hasRecordType = 'recordType' in raw;
  const proto: unknown = Object.getPrototypeOf(raw);
  const p = PROBE;
  if ((proto === Object.prototype || proto === null) && !('recordType' in p || 'insurerIk' in p || 'referral' in p || 'participations' in p || 'practiceTeamNumbers' in p || 'serviceIndex' in p)) {
    recordType = raw['recordType'];
    insurerIk = raw['insurerIk'];
    referral = raw['referral'];
    participations = raw['participations'];
    practiceTeamNumbers = raw['practiceTeamNumbers'];
    serviceIndex = raw['serviceIndex'];
  } else {
    recordType = hasRecordType ? readOwn(raw, 'recordType') : undefined;
    insurerIk = readOwn(raw, 'insurerIk');
    referral = readOwn(raw, 'referral');
    participations = readOwn(raw, 'participations');
    practiceTeamNumbers = readOwn(raw, 'practiceTeamNumbers');
    serviceIndex = readOwn(raw, 'serviceIndex');
  }
  const fields: CaseFields = {
    recordType: typeof recordType === 'string' ? recordType : null,
    insurerIk: typeof insurerIk === 'string' && insurerIk !== '' ? insurerIk : null,
    referral: referral === true || (isRecord(referral) && Object.keys(referral).length > 0),
    participations: participations === undefined || participations === null ? EMPTY : normalizeParticipations(participations, problems),
    practiceTeamNumbers: null,
    serviceIndex: serviceIndexOf(serviceIndex),
  };
  // Not a list: unknown, as before any besa record (the rule then stays silent).
  const length = Array.isArray(practiceTeamNumbers) ? listLength(practiceTeamNumbers, '0222', 'case.practiceTeamNumbers', problems) : -1;
  if (length >= 0) {
    const numbers: string[] = [];
    for (let i = 0; i < length; i++) {
      const n = readItem(practiceTeamNumbers as unknown[], i);
      if (typeof n === 'string') numbers.push(n);
    }
    fields.practiceTeamNumbers = numbers;
  }
  const copy = reads === null ? null : snapshot(raw, reads, { recordType, insurerIk, referral, participations, practiceTeamNumbers, serviceIndex }, 'case', '4239', problems);
  if (entry === null) return;
  entry.caseFields = fields;
  entry.case = copy;
}

function normalizeParticipations(list: unknown, problems: InputProblem[]): Participation[] {
  const length = listLength(list, null, 'case.participations', problems);
  const out: Participation[] = [];
  for (let i = 0; i < length; i++) {
    const p = readItem(list as unknown[], i);
    if (!isRecord(p)) continue;
    out.push({ contract: text(readOwn(p, 'contract')), declared: text(readOwn(p, 'declared')), noticeGiven: text(readOwn(p, 'noticeGiven')), revoked: text(readOwn(p, 'revoked')), ended: text(readOwn(p, 'ended')) });
  }
  return out;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A copy of the keys `reads` of host object `raw` (every own enumerable key for `all`);
 * `known` holds the keys already read (each host property is read once). Beyond the copy's
 * limits a problem is added (`name`, `field` say where).
 */
export function snapshot(raw: Record<string, unknown>, reads: ReadonlySet<string> | 'all', known: Record<string, unknown>, name: string, field: string, problems: InputProblem[]): Record<string, unknown> | null {
  const budget = { left: MAX_COPY_VALUES, exceeded: null as CopyLimit | null };
  let keys: Iterable<string>;
  if (reads === 'all') {
    const own = Object.keys(raw);
    if (own.length > MAX_OBJECT_KEYS) {
      problems.push(tooLarge(field, name, 'keys'));
      return null;
    }
    keys = own;
  } else keys = reads;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__') continue;
    const value = copyData(hasOwn.call(known, key) ? known[key] : readOwn(raw, key), budget);
    // A value beyond the limits is left out whole (and reported below), never cut short.
    if (value !== undefined && value !== TOO_LARGE) setOwn(out, key, value);
  }
  if (budget.exceeded !== null) problems.push(tooLarge(field, name, budget.exceeded));
  return out;
}

/**
 * The length of a host list, read once; -1 after reporting a value that is no list, or a list
 * longer than MAX_LIST_LENGTH (not read: its items would cost per check).
 */
function listLength(v: unknown, field: string | null, key: string, problems: InputProblem[]): number {
  if (!Array.isArray(v)) {
    problems.push(fieldProblem(field, key));
    return -1;
  }
  const length = lengthOf(v);
  if (length <= MAX_LIST_LENGTH) return length;
  problems.push(tooLong(field, key));
  return -1;
}

function optionalString(v: unknown, key: string, field: string, problems: InputProblem[]): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' && v.length <= MAX_FIELD_LENGTH) return v;
  problems.push(fieldProblem(field, key));
  return null;
}

/** A list longer than MAX_LIST_LENGTH: reported, not read (its items would cost per check). */
function tooLong(field: string | null, key: string): InputProblem {
  return {
    code: 'INPUT-FELD',
    severity: 'warning',
    fields: field === null ? [] : [field],
    de: `Feld ${key}${field === null ? '' : ` (FK ${field})`} hat mehr als ${MAX_LIST_LENGTH} Einträge und wird ignoriert.`,
    en: `Field ${key}${field === null ? '' : ` (FK ${field})`} has more than ${MAX_LIST_LENGTH} items and is ignored.`,
  };
}

const LIMIT_TEXT: Record<CopyLimit, [string, string]> = {
  list: [`eine Liste mit mehr als ${MAX_LIST_LENGTH} Einträgen`, `a list of more than ${MAX_LIST_LENGTH} items`],
  keys: [`ein Objekt mit mehr als ${MAX_OBJECT_KEYS} Angaben`, `an object with more than ${MAX_OBJECT_KEYS} keys`],
  depth: [`mehr als ${MAX_COPY_DEPTH} Ebenen`, `more than ${MAX_COPY_DEPTH} levels`],
  values: [`mehr als ${MAX_COPY_VALUES} Werte`, `more than ${MAX_COPY_VALUES} values`],
};

/** Part of patient/case beyond the copy limits: reported, and that part is ignored. */
function tooLarge(field: string, key: string, why: CopyLimit): InputProblem {
  const [de, en] = LIMIT_TEXT[why];
  return {
    code: 'INPUT-FELD',
    severity: 'warning',
    fields: [field],
    de: `Feld ${key} (FK ${field}) enthält ${de}; dieser Teil wird ignoriert.`,
    en: `Field ${key} (FK ${field}) holds ${en}; that part is ignored.`,
  };
}

function fieldProblem(field: string | null, key: string): InputProblem {
  return {
    code: 'INPUT-FELD',
    severity: 'warning',
    fields: field === null ? [] : [field],
    de: `Feld ${key}${field === null ? '' : ` (FK ${field})`} hat einen ungültigen Wert und wird ignoriert.`,
    en: `Field ${key}${field === null ? '' : ` (FK ${field})`} has an invalid value and is ignored.`,
  };
}

/** An optional text of pair `index` (FK 5011, 5074, 5075), trimmed; null when absent or empty. */
function costText(v: unknown, field: string, index: number, key: string, problems: InputProblem[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_FIELD_LENGTH) {
    problems.push(fieldProblem(field, `costs[${index}].${key}`));
    return null;
  }
  const t = v.trim();
  return t === '' ? null : t;
}

function normalize5012(v: unknown, index: number, problems: InputProblem[]): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v) && v >= 0) return String(v);
    problems.push(fieldProblem('5012', `costs[${index}].cents`));
    return null;
  }
  if (typeof v === 'string' && v.length <= MAX_FIELD_LENGTH) {
    // Whole cents only, digits only: a blank is no part of a numeric KVDT field (the KBV's check
    // refuses " 52458"). Leading zeros are not significant.
    if (v.length <= 15 && isDigits(v)) {
      let zeros = 0;
      while (zeros < v.length - 1 && v.charCodeAt(zeros) === 48) zeros++;
      return zeros ? v.slice(zeros) : v;
    }
    // Kept as given so that a price rule reports it as wrong and proposes the right value.
    return v;
  }
  problems.push(fieldProblem('5012', `costs[${index}].cents`));
  return null;
}

function normalizeOps(o: unknown, entryLaterality: string | null): NormalizedOps | null {
  if (typeof o === 'string') return o.length <= MAX_FIELD_LENGTH ? { code: o, laterality: entryLaterality, sided: false } : null;
  if (!isRecord(o)) return null;
  const code = readOwn(o, 'code');
  const lat = readOwn(o, 'laterality');
  const sided = readOwn(o, 'sided');
  if (typeof code !== 'string' || code.length > MAX_FIELD_LENGTH) return null;
  if (lat !== undefined && lat !== null && typeof lat !== 'string') return null;
  return { code, laterality: typeof lat === 'string' && lat !== '' ? lat : entryLaterality, sided: sided === true };
}

function optionalDate(rec: Record<string, unknown>, key: string, field: string, problems: InputProblem[]): string | null {
  const v = readOwn(rec, key);
  if (v === undefined || v === null || v === '') return null;
  if (isIsoDate(v)) return v;
  problems.push(fieldProblem(field, `hybridDrg.${key}`));
  return null;
}

/** A whole number ≥ 0 given as a number or digits (KVDT numeric fields); null when absent, reported when not one. */
function wholeNumber(rec: Record<string, unknown>, key: string, field: string, problems: InputProblem[]): number | null {
  const h = readOwn(rec, key);
  if (h === undefined || h === null || h === '') return null;
  const n = typeof h === 'number' ? h : typeof h === 'string' && /^\d{1,6}$/.test(h.trim()) ? Number(h.trim()) : NaN;
  if (Number.isSafeInteger(n) && n >= 0) return n;
  problems.push(fieldProblem(field, `hybridDrg.${key}`));
  return null;
}

/** The Hybrid-DRG case of an entry as the copy takes it (null when absent, or reported). */
export function normalizeHybridDrg(v: unknown, problems: InputProblem[]): NormalizedHybridDrg | null {
  if (v === undefined || v === null) return null;
  const code = isRecord(v) ? readOwn(v, 'code') : undefined;
  if (!isRecord(v) || typeof code !== 'string' || code.length > MAX_FIELD_LENGTH) {
    problems.push(fieldProblem('5027', 'hybridDrg'));
    return null;
  }
  return {
    code: code.trim(),
    start: optionalDate(v, 'start', '5028', problems),
    end: optionalDate(v, 'end', '5029', problems),
    ventilationHours: wholeNumber(v, 'ventilationHours', '5030', problems),
    opDate: optionalDate(v, 'opDate', '5034', problems),
    admissionWeight: wholeNumber(v, 'admissionWeight', '3111', problems),
  };
}
