/**
 * Turns whatever the host hands over into a normalized service entry. Wrong types never
 * throw: a required field that is unusable stops the check with an `INPUT-*` error, an
 * optional one is reported and treated as absent.
 */

/** One 5011/5012 pair after normalization. */
export interface NormalizedCost {
  /** FK 5011, trimmed; null when absent or empty. */
  d5011: string | null;
  /** FK 5012 as a digit string without leading zeros; the raw text if it is not whole cents; null when absent. */
  d5012: string | null;
}

export interface NormalizedEntry {
  date: string;
  /** The date as a day number `yyyymmdd` (see isoDay). */
  day: number;
  gop: string;
  teamNumber: string | null;
  lanr: string | null;
  /** FK 5101 pseudo-LANR of a hospital doctor in ASV. */
  pseudoLanr: string | null;
  bsnr: string | null;
  laterality: string | null;
  costs: NormalizedCost[];
  diagnoses: NormalizedDiagnosis[];
  /** OPS codes (FK 5035). */
  ops: string[];
  /** The same OPS codes with their laterality (own, else the entry's) and the host's "sided" flag. */
  opsDetail: NormalizedOps[];
  patient: Record<string, unknown> | null;
  case: Record<string, unknown> | null;
  /** A Hybrid-DRG case, or null. */
  hybridDrg: NormalizedHybridDrg | null;
}

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
}

export interface InputProblem {
  code: string;
  severity: 'error' | 'warning';
  fields: string[];
  de: string;
  en: string;
}

/** Longest string field accepted; longer values are input errors (KVDT fields are ≤ 60). */
const MAX_FIELD_LENGTH = 200;
const MAX_LIST_LENGTH = 1000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `value` read from `obj[key]` if it is the object's own: a value inherited through the
 * prototype chain (a polluted `Object.prototype`) counts as absent. The caller reads the
 * property with a constant name, which V8 serves from an inline cache; only a present value
 * costs the own-property check.
 */
function ownValue(obj: object, key: string, value: unknown): unknown {
  return value === undefined || hasOwn.call(obj, key) ? value : undefined;
}

/** Reads an own property only: never walks the prototype chain of host objects. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return ownValue(obj, key, obj[key]);
}

/** True for one or more ASCII digits and nothing else. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

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

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The day number `yyyymmdd` of a real calendar date in `YYYY-MM-DD` (proleptic Gregorian
 * calendar), or -1. Day numbers sort as the dates do.
 */
export function isoDay(value: unknown): number {
  // Char codes, not a regular expression: every entry's date passes here.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return -1;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0) ? y * 10000 + m * 100 + d : -1;
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

function isFeeNumber(v: unknown): v is string {
  if (typeof v !== 'string' || v.length < 1 || v.length > 9) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

const NOT_AN_OBJECT = entryError('INPUT-LEISTUNG', 'Die Leistung ist kein Objekt und kann nicht geprüft werden.', 'The service entry is not an object and cannot be checked.');

/**
 * Normalizes one service entry; null when the check cannot run. Input problems are appended
 * to `problems` (a caller checking many entries reuses one list: nothing is allocated for an
 * entry without problems). Written without per-call closures: it runs for every entry.
 */
export function normalizeEntry(raw: unknown, problems: InputProblem[]): NormalizedEntry | null {
  if (!isRecord(raw)) {
    problems.push(NOT_AN_OBJECT);
    return null;
  }
  // One pass over the entry's own keys: hosts hand over entries of many shapes, and reading 13
  // fields by name from them would go through V8's megamorphic lookup 13 times; for-in is served
  // from the object's enum cache, and an absent field costs nothing. Inherited (polluted
  // prototype) keys are skipped. The fields are then normalized in a fixed order, so problems
  // are reported in the same order whatever the key order.
  let rawHybridDrg: unknown, date: unknown, gop: unknown, rawCosts: unknown, rawDiagnoses: unknown, rawLaterality: unknown, rawOps: unknown;
  let rawTeamNumber: unknown, rawLanr: unknown, rawPseudoLanr: unknown, rawBsnr: unknown, rawPatient: unknown, rawCase: unknown;
  for (const key in raw) {
    if (!hasOwn.call(raw, key)) continue;
    switch (key) {
      case 'date':
        date = raw[key];
        break;
      case 'gop':
        gop = raw[key];
        break;
      case 'lanr':
        rawLanr = raw[key];
        break;
      case 'patient':
        rawPatient = raw[key];
        break;
      case 'case':
        rawCase = raw[key];
        break;
      case 'costs':
        rawCosts = raw[key];
        break;
      case 'teamNumber':
        rawTeamNumber = raw[key];
        break;
      case 'bsnr':
        rawBsnr = raw[key];
        break;
      case 'pseudoLanr':
        rawPseudoLanr = raw[key];
        break;
      case 'laterality':
        rawLaterality = raw[key];
        break;
      case 'hybridDrg':
        rawHybridDrg = raw[key];
        break;
      case 'ops':
        rawOps = raw[key];
        break;
      case 'diagnoses':
        rawDiagnoses = raw[key];
        break;
    }
  }
  // Absent fields (most of them, for most entries) skip their normalizer.
  const hybridDrg = rawHybridDrg === undefined ? null : normalizeHybridDrg(rawHybridDrg, problems);
  if ((date === undefined || date === null) && hybridDrg) date = hybridDrg.opDate ?? hybridDrg.start ?? undefined;
  const day = isoDay(date);
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
  if ((gop === undefined || gop === null) && hybridDrg) gop = isFeeNumber(hybridDrg.code) ? hybridDrg.code : 'HDRG';
  const gopOk = isFeeNumber(gop);
  if (!gopOk) {
    problems.push({
      code: 'INPUT-GNR',
      severity: 'error',
      fields: ['5001'],
      de: 'Gebührennummer (FK 5001) fehlt oder ist ungültig (1–9 Buchstaben/Ziffern).',
      en: 'Fee number (FK 5001) is missing or invalid (1–9 letters/digits).',
    });
  }
  if (!dateOk || !gopOk) return null;

  let costs: NormalizedCost[] = EMPTY;
  if (rawCosts !== undefined && rawCosts !== null) {
    if (!Array.isArray(rawCosts) || rawCosts.length > MAX_LIST_LENGTH) {
      problems.push(fieldProblem('5012', 'costs'));
    } else if (rawCosts.length) {
      costs = [];
      for (let index = 0; index < rawCosts.length; index++) {
        const item: unknown = rawCosts[index];
        if (!isRecord(item)) {
          problems.push(fieldProblem('5012', `costs[${index}]`));
          continue;
        }
        costs.push({ d5011: normalize5011(ownValue(item, 'description', item['description']), index, problems), d5012: normalize5012(ownValue(item, 'cents', item['cents']), index, problems) });
      }
    }
  }

  let diagnoses: NormalizedEntry['diagnoses'] = EMPTY;
  if (Array.isArray(rawDiagnoses) && rawDiagnoses.length <= MAX_LIST_LENGTH) {
    // Indexed loops over host arrays: no iterator (which a host array could have replaced) runs.
    for (let i = 0; i < rawDiagnoses.length; i++) {
      const d: unknown = rawDiagnoses[i];
      const icd = isRecord(d) ? own(d, 'icd') : undefined;
      if (typeof icd === 'string' && icd.length <= MAX_FIELD_LENGTH) {
        const rec = d as Record<string, unknown>;
        const certainty = own(rec, 'certainty');
        const laterality = own(rec, 'laterality');
        const kind = own(rec, 'kind');
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
  } else if (rawDiagnoses !== undefined && rawDiagnoses !== null) {
    problems.push(fieldProblem('6001', 'diagnoses'));
  }

  const laterality = rawLaterality === undefined ? null : optionalString(rawLaterality, 'laterality', '5041', problems);
  let ops: string[] = EMPTY;
  let opsDetail: NormalizedOps[] = EMPTY;
  if (Array.isArray(rawOps) && rawOps.length <= MAX_LIST_LENGTH) {
    for (let i = 0; i < rawOps.length; i++) {
      const item = normalizeOps(rawOps[i], laterality);
      if (!item) {
        problems.push(fieldProblem('5035', 'ops'));
        continue;
      }
      if (ops === EMPTY) (ops = []), (opsDetail = []);
      ops.push(item.code);
      opsDetail.push(item);
    }
  } else if (rawOps !== undefined && rawOps !== null) {
    problems.push(fieldProblem('5035', 'ops'));
  }

  return {
      date: date as string,
      day,
      gop: gop as string,
      teamNumber: rawTeamNumber === undefined ? null : optionalString(rawTeamNumber, 'teamNumber', '5100', problems),
      lanr: rawLanr === undefined ? null : optionalString(rawLanr, 'lanr', '5099', problems),
      pseudoLanr: rawPseudoLanr === undefined ? null : optionalString(rawPseudoLanr, 'pseudoLanr', '5101', problems),
      bsnr: rawBsnr === undefined ? null : optionalString(rawBsnr, 'bsnr', '5098', problems),
      laterality,
      costs,
      diagnoses,
      ops,
      opsDetail,
      patient: rawPatient === undefined ? null : objectField(rawPatient, 'patient', '3103', problems),
      case: rawCase === undefined ? null : objectField(rawCase, 'case', '4239', problems),
      hybridDrg,
  };
}

function optionalString(v: unknown, key: string, field: string, problems: InputProblem[]): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' && v.length <= MAX_FIELD_LENGTH) return v;
  problems.push(fieldProblem(field, key));
  return null;
}

function objectField(v: unknown, key: string, field: string, problems: InputProblem[]): Record<string, unknown> | null {
  if (v === undefined || v === null) return null;
  if (isRecord(v)) return v;
  problems.push(fieldProblem(field, key));
  return null;
}

function fieldProblem(field: string, key: string): InputProblem {
  return {
    code: 'INPUT-FELD',
    severity: 'warning',
    fields: [field],
    de: `Feld ${key} (FK ${field}) hat einen ungültigen Wert und wird ignoriert.`,
    en: `Field ${key} (FK ${field}) has an invalid value and is ignored.`,
  };
}

function normalize5011(v: unknown, index: number, problems: InputProblem[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_FIELD_LENGTH) {
    problems.push(fieldProblem('5011', `costs[${index}].description`));
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
    const t = v.trim();
    // Whole cents only; leading zeros are not significant in a numeric KVDT field.
    if (t.length <= 15 && isDigits(t)) {
      let zeros = 0;
      while (zeros < t.length - 1 && t.charCodeAt(zeros) === 48) zeros++;
      return zeros ? t.slice(zeros) : t;
    }
    // Kept as given so that a price rule reports it as wrong and proposes the right value.
    return t === '' ? null : t;
  }
  problems.push(fieldProblem('5012', `costs[${index}].cents`));
  return null;
}

function normalizeOps(o: unknown, entryLaterality: string | null): NormalizedOps | null {
  if (typeof o === 'string') return o.length <= MAX_FIELD_LENGTH ? { code: o, laterality: entryLaterality, sided: false } : null;
  if (!isRecord(o)) return null;
  const code = own(o, 'code');
  const lat = own(o, 'laterality');
  const sided = own(o, 'sided');
  if (typeof code !== 'string' || code.length > MAX_FIELD_LENGTH) return null;
  if (lat !== undefined && lat !== null && typeof lat !== 'string') return null;
  return { code, laterality: typeof lat === 'string' && lat !== '' ? lat : entryLaterality, sided: sided === true };
}

function optionalDate(rec: Record<string, unknown>, key: string, field: string, problems: InputProblem[]): string | null {
  const v = own(rec, key);
  if (v === undefined || v === null || v === '') return null;
  if (isIsoDate(v)) return v;
  problems.push(fieldProblem(field, `hybridDrg.${key}`));
  return null;
}

function normalizeHybridDrg(v: unknown, problems: InputProblem[]): NormalizedHybridDrg | null {
  if (v === undefined || v === null) return null;
  const code = isRecord(v) ? own(v, 'code') : undefined;
  if (!isRecord(v) || typeof code !== 'string' || code.length > MAX_FIELD_LENGTH) {
    problems.push(fieldProblem('5027', 'hybridDrg'));
    return null;
  }
  let ventilationHours: number | null = null;
  const h = own(v, 'ventilationHours');
  if (h !== undefined && h !== null && h !== '') {
    const n = typeof h === 'number' ? h : typeof h === 'string' && /^\d{1,6}$/.test(h.trim()) ? Number(h.trim()) : NaN;
    if (Number.isSafeInteger(n) && n >= 0) ventilationHours = n;
    else problems.push(fieldProblem('5030', 'hybridDrg.ventilationHours'));
  }
  return {
    code: code.trim(),
    start: optionalDate(v, 'start', '5028', problems),
    end: optionalDate(v, 'end', '5029', problems),
    ventilationHours,
    opDate: optionalDate(v, 'opDate', '5034', problems),
  };
}
