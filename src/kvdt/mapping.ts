/**
 * Maps a KVDT case record to the plugin API's service entries, remembering for every entry
 * and every 5011/5012 pair which lines it came from, so findings point at line numbers and
 * corrections land in the right place. Only the fields an entry carries are decoded.
 *
 * - `0101`–`0104`: FK 5000 (Leistungstag) carries forward to the following 5001 lines; each
 *   5001 owns its dependent fields (5002–5102, 5074–5076) up to the next 5000/5001 or a
 *   case-level field. A 5012 starts a 5011/5012 pair unless the pair before it has a 5011 but
 *   no 5012 yet; a 5011 completes the current pair or starts one.
 * - `hdrg1`: one entry per case: the Hybrid-DRG (FK 5027) as fee number, dated by the OP date
 *   (FK 5034, else the start 5028), OPS 5035/laterality 5041, diagnoses 6009/6010.
 *
 * The case's own fields (Scheindaten) go to `case` under the names of plugin-api/FIELDS.md
 * (4101 quarter, 4109 cardRead, 4110 insuranceEnd, 4133 insuranceStart, 4125 validity,
 * 4239 subgroup, referral fields by FK), with the file's headers (con0 9103 or hdrg0 9117
 * fileCreated, adt0 9204 billingQuarter) and `serviceIndex`, the service's position in its case.
 */
import type { CostItem, Diagnosis, HybridDrgCase, OpsCode, ServiceEntry } from '../../plugin-api/types';
import { feeNumberCode, isoDay, type NormalizedDiagnosis } from '../facts/entry';
import type { PracticeData } from './practice';
import type { FileHeader } from './file-header';
import { KvdtReader, type RecordView } from './reader';
import { REFERRAL_FIELDS } from './referral-fields';

export interface PairLines {
  /** Index in the record's lines of the 5012 line, if any. */
  l5012?: number;
  /** Index in the record's lines of the 5011 line, if any. */
  l5011?: number;
  /** Indexes of the pair's 5074 and 5075 lines, if any. */
  l5074?: number;
  l5075?: number;
  /** Index of the last line belonging to the pair (5011/5012/5074–5076). */
  last: number;
}

export interface MappedService {
  entry: ServiceEntry;
  /** Index in the record's lines of the service's first line (5001; for hdrg1 the 5027 line). */
  first: number;
  /** Index of the service's last line. */
  last: number;
  pairs: PairLines[];
}

/** Records that describe one patient case with services. */
export const CASE_RECORDS: ReadonlySet<string> = new Set(['0101', '0102', '0103', '0104', 'hdrg1']);

/** Fields that belong to the 5001 before them, as a table by field id. */
const SERVICE_FIELD = new Uint8Array(10000);
for (const fk of [5002, 5003, 5005, 5006, 5008, 5009, 5010, 5011, 5012, 5013, 5015, 5016, 5017, 5018, 5019, 5020, 5021, 5023, 5024, 5025, 5026, 5034, 5035, 5036, 5037, 5038, 5040, 5041, 5042, 5043, 5044, 5050, 5051, 5052, 5053, 5070, 5071, 5072, 5073, 5074, 5075, 5076, 5077, 5078, 5079, 5080, 5081, 5090, 5098, 5099, 5100, 5101, 5102]) SERVICE_FIELD[fk] = 1;
/**
 * Fields whose text mapCaseFor reads, as a table by field id: the service's (5000, 5001 and the
 * fields of a service the entry carries; 5011/5012 are read after the loop), the patient's,
 * the case's, the diagnoses' and the referral fields (REFERRAL_FIELDS). A field read only in
 * some places (5099 outside a service) is decoded anyway: the text is not used there. A field
 * read below but missing here would map as '': test/kvdt-mapped-text.test.ts maps every field
 * number with this table and with all texts decoded, and finds any such field.
 */
export const MAPPED_TEXT = new Uint8Array(10000);
for (const fk of [5000, 5001, 5099, 5098, 5101, 5102, 5100, 5035, 5041, 3103, 3110, 3000, 3105, 3119, 4111, 6001, 6003, 4101, 4109, 4110, 4133, 4125, 4239, ...REFERRAL_FIELDS]) MAPPED_TEXT[fk] = 1;

/**
 * A service entry as the KVDT reader makes it: one shape for all (absent fields undefined, so
 * JSON and the checker see them as absent), built once per service instead of field by field.
 */
export interface KvdtEntry extends ServiceEntry {
  lanr: string | undefined;
  bsnr: string | undefined;
  teamNumber: string | undefined;
  pseudoLanr: string | undefined;
  hospitalIk: string | undefined;
  ops: OpsCode[] | undefined;
  laterality: string | undefined;
  costs: CostItem[] | undefined;
  diagnoses: Diagnosis[] | undefined;
  patient: Record<string, string> | undefined;
  case: NonNullable<ServiceEntry['case']> | undefined;
}

/**
 * A plain object, not an instance of a class: the checker reads a plain object's fields with
 * one load each (a class instance's each with an own-property test, see readEntry in entry.ts).
 */
const kvdtEntry = (date: string, gop: string): KvdtEntry => ({
  date,
  gop,
  lanr: undefined,
  bsnr: undefined,
  teamNumber: undefined,
  pseudoLanr: undefined,
  hospitalIk: undefined,
  ops: undefined,
  laterality: undefined,
  costs: undefined,
  diagnoses: undefined,
  patient: undefined,
  case: undefined,
});

/**
 * A service entry for the file check's trusted path (mapCaseFor's 'first'): the fields of the
 * checker's normalized entry (NormalizedEntry in facts/entry.ts) in its order, the reader's
 * values set where a KvdtEntry has them. The trusted path normalizes them in place
 * (trusted-entries.ts), so a service is one object, not a mapped one and a copy of it. `day`
 * and `gopDigits` are the copy's for `date` and `gop` (isoDay, feeNumberCode), which the
 * mapping has at hand once per service day and from the fee number's bytes.
 */
export const trustedEntry = (date: string, day: number, gop: string, gopDigits: number): KvdtEntry =>
  ({
    date,
    day,
    gop,
    gopDigits,
    // Null until a line sets a text (the copy's null for none).
    teamNumber: null,
    lanr: null,
    pseudoLanr: null,
    bsnr: null,
    hospitalIk: null,
    laterality: null,
    costs: undefined,
    costCount: 0,
    material: false,
    diagnoses: undefined,
    ops: undefined,
    opsDetail: undefined,
    hybridDrg: null,
    birthDate: null,
    insuranceNumber: null,
    patientNumber: null,
    caseFields: null,
    patient: undefined,
    case: undefined,
  }) as unknown as KvdtEntry;

/**
 * A diagnosis for the trusted path (mapCaseFor's 'first'): as the checker's copy normalizes it
 * (normalizeDiagnoses in facts/entry.ts; trusted-entries.ts takes the list as it is), set
 * field by field as the lines come.
 */
const normalizedDiagnosis = (icd: string, kind: 'main' | 'secondary' | null): NormalizedDiagnosis => ({ icd, certainty: null, laterality: null, kind });

/** The pairs of a service without any: one list for all, never changed here and never handed out (see mapCase). */
export const NO_PAIRS: PairLines[] = [];

/** Referral fields kept on the case, in the order of their keys. */
const REFERRAL_KEYS = REFERRAL_FIELDS.map(String);
/** A referral field's place in REFERRAL_KEYS + 1, as a table by field id (0: not one). */
const REFERRAL = new Uint8Array(10000);
REFERRAL_KEYS.forEach((fk, i) => (REFERRAL[Number(fk)] = i + 1));

/**
 * Referral objects shared by the cases of one file check with the same fields (see
 * referralObject): the check's own, so that nothing of a file's referrals outlives its check.
 */
export type SharedReferrals = Map<string, Readonly<Record<string, string>>>;

/** Referrals a check shares at most (then its map starts over). */
const MAX_REFERRALS = 1024;
/** The longest key of a shared referral: real ones are short; a long one (a line may hold 64 KiB) is not kept, so the map stays small. */
const MAX_REFERRAL_KEY = 512;

/**
 * A case's referral as an object by field id. Its keys look like array indexes, so V8 keeps
 * them in a slow dictionary (about 1.5 µs a case to make, and as much for the checker's copy):
 * `shared` (the file check's map, for its trusted path, where only the checker reads the
 * referral) gives the one frozen object made for the same fields (a practice's referrers repeat).
 */
function referralObject(values: (string | undefined)[], shared: SharedReferrals | null): Record<string, string> {
  let key = '';
  if (shared !== null) {
    // Place and length before each value (a line is shorter than 65,536): no two different referrals give the same key.
    for (let i = 0; i < values.length; i++) if (values[i] !== undefined) key += String.fromCharCode(i, values[i]!.length) + values[i]!;
    const known = shared.get(key);
    if (known !== undefined) return known;
  }
  const out: Record<string, string> = {};
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) out[REFERRAL_KEYS[i]!] = values[i]!;
  if (shared === null) return out;
  Object.freeze(out);
  if (key.length > MAX_REFERRAL_KEY) return out;
  if (shared.size >= MAX_REFERRALS) shared.clear();
  shared.set(key, out);
  return out;
}

/** KVDT date JJJJMMTT → YYYY-MM-DD (unchanged if it is not eight digits). */
export function kvdtDate(v: string): string {
  if (v.length !== 8) return v;
  const c0 = v.charCodeAt(0);
  const c1 = v.charCodeAt(1);
  const c2 = v.charCodeAt(2);
  const c3 = v.charCodeAt(3);
  const c4 = v.charCodeAt(4);
  const c5 = v.charCodeAt(5);
  const c6 = v.charCodeAt(6);
  const c7 = v.charCodeAt(7);
  // Unsigned: a character below '0' is a large number, not a digit.
  if ((c0 - 48) >>> 0 > 9 || (c1 - 48) >>> 0 > 9 || (c2 - 48) >>> 0 > 9 || (c3 - 48) >>> 0 > 9 || (c4 - 48) >>> 0 > 9 || (c5 - 48) >>> 0 > 9 || (c6 - 48) >>> 0 > 9 || (c7 - 48) >>> 0 > 9) return v;
  // One flat string from the digits: three slices joined would make a chain of four pieces, flattened again where it is read.
  return String.fromCharCode(c0, c1, c2, c3, 45, c4, c5, 45, c6, c7);
}

function addPair(s: MappedService, pair: PairLines): void {
  if (s.pairs === NO_PAIRS) s.pairs = [pair];
  else s.pairs.push(pair);
}

/** A service day (FK 5000): its date YYYY-MM-DD (kvdtDate) and the checker's day number of it (isoDay; -1: none). */
interface ServiceDay {
  readonly date: string;
  readonly day: number;
}

/** Service days seen, by their JJJJMMTT: a quarter has about ninety. */
const SERVICE_DAYS = new Map<string, ServiceDay>();

/** The service day of a 5000 line's text, from SERVICE_DAYS when it was seen (bounded: cleared when full). */
function serviceDay(v: string): ServiceDay {
  const known = SERVICE_DAYS.get(v);
  if (known !== undefined) return known;
  const date = kvdtDate(v);
  const day: ServiceDay = { date, day: isoDay(date) };
  if (SERVICE_DAYS.size >= 1024) SERVICE_DAYS.clear();
  SERVICE_DAYS.set(v, day);
  return day;
}

/** No 5000 line yet in the case: the date of a service before one. */
const NO_DAY: ServiceDay = { date: '', day: isoDay('') };

/** FK 4125 Gültigkeitszeitraum JJJJMMTTJJJJMMTT as two dates; undefined when it is not sixteen digits. */
function period(v: string): { from: string; until: string } | undefined {
  return /^\d{16}$/.test(v) ? { from: kvdtDate(v.slice(0, 8)), until: kvdtDate(v.slice(8)) } : undefined;
}

/**
 * A case (Scheindaten) as the KVDT reader makes it, under the names of FIELDS.md: one shape for
 * all (absent fields undefined, which JSON and the checker see as absent), copied per service
 * with its place in the case.
 */
export class KvdtCase {
  insurerIk: string | undefined = undefined;
  referral: Record<string, string> | undefined = undefined;
  practiceTeamNumbers: string[] | undefined = undefined;
  practicePseudoLanrs: string[] | undefined = undefined;
  fileCreated: string | undefined = undefined;
  billingQuarter: string | undefined = undefined;
  quarter: string | undefined = undefined;
  cardRead: string | undefined = undefined;
  insuranceEnd: string | undefined = undefined;
  insuranceStart: string | undefined = undefined;
  validity: { from: string; until: string } | undefined = undefined;
  subgroup: string | undefined = undefined;
  /** The service's position in its case (absent on the first: checks of the case run once). */
  serviceIndex: number | undefined = undefined;
  constructor(public recordType: string) {}

  /** This case for the service at `index` in it. */
  at(index: number): KvdtCase {
    if (index === 0) return this;
    const c = new KvdtCase(this.recordType);
    c.insurerIk = this.insurerIk;
    c.referral = this.referral;
    c.practiceTeamNumbers = this.practiceTeamNumbers;
    c.practicePseudoLanrs = this.practicePseudoLanrs;
    c.fileCreated = this.fileCreated;
    c.billingQuarter = this.billingQuarter;
    c.quarter = this.quarter;
    c.cardRead = this.cardRead;
    c.insuranceEnd = this.insuranceEnd;
    c.insuranceStart = this.insuranceStart;
    c.validity = this.validity;
    c.subgroup = this.subgroup;
    c.serviceIndex = index;
    return c;
  }
}

/** The own keys of a KvdtCase (all of them: its fields), in the order of caseValue's numbers. */
export const CASE_KEYS: readonly string[] = ['recordType', 'insurerIk', 'referral', 'practiceTeamNumbers', 'practicePseudoLanrs', 'fileCreated', 'billingQuarter', 'quarter', 'cardRead', 'insuranceEnd', 'insuranceStart', 'validity', 'subgroup', 'serviceIndex'];

/**
 * The value of a KvdtCase's own key number `k` (its place in CASE_KEYS; any other number: a key
 * it does not have, undefined): one load each, where a key named by a variable costs a lookup
 * and a test that it is an own property.
 */
export function caseValue(c: KvdtCase, k: number): unknown {
  switch (k) {
    case 0:
      return c.recordType;
    case 1:
      return c.insurerIk;
    case 2:
      return c.referral;
    case 3:
      return c.practiceTeamNumbers;
    case 4:
      return c.practicePseudoLanrs;
    case 5:
      return c.fileCreated;
    case 6:
      return c.billingQuarter;
    case 7:
      return c.quarter;
    case 8:
      return c.cardRead;
    case 9:
      return c.insuranceEnd;
    case 10:
      return c.insuranceStart;
    case 11:
      return c.validity;
    case 12:
      return c.subgroup;
    case 13:
      return c.serviceIndex;
    default:
      return undefined;
  }
}

/**
 * Sets key number `k` of the reader's case keys (CASE_KEYS) to `v` on `out`, a snapshot whose
 * template has that key (see kvdtCaseSnapshot in trusted-entries.ts): a store to a named key at
 * each place, where a key named by a variable is a megamorphic keyed store each time.
 */
export function setCaseValue(out: Record<string, unknown>, k: number, v: unknown): void {
  switch (k) {
    case 0:
      out['recordType'] = v;
      return;
    case 1:
      out['insurerIk'] = v;
      return;
    case 2:
      out['referral'] = v;
      return;
    case 3:
      out['practiceTeamNumbers'] = v;
      return;
    case 4:
      out['practicePseudoLanrs'] = v;
      return;
    case 5:
      out['fileCreated'] = v;
      return;
    case 6:
      out['billingQuarter'] = v;
      return;
    case 7:
      out['quarter'] = v;
      return;
    case 8:
      out['cardRead'] = v;
      return;
    case 9:
      out['insuranceEnd'] = v;
      return;
    case 10:
      out['insuranceStart'] = v;
      return;
    case 11:
      out['validity'] = v;
      return;
    case 12:
      out['subgroup'] = v;
      return;
    case 13:
      out['serviceIndex'] = v;
      return;
  }
}

/** Sets a case field the rules read (see FIELDS.md) from a line of field `fk` with the text `v`, the first value of each; false for other fields. */
function caseField(v: string, fk: number, kase: KvdtCase): boolean {
  switch (fk) {
    case 4101:
      kase.quarter ??= v;
      return true;
    case 4109:
      kase.cardRead ??= kvdtDate(v);
      return true;
    case 4110:
      kase.insuranceEnd ??= kvdtDate(v);
      return true;
    case 4133:
      kase.insuranceStart ??= kvdtDate(v);
      return true;
    case 4125:
      kase.validity ??= period(v);
      return true;
    case 4239:
      kase.subgroup ??= v;
      return true;
    default:
      return false;
  }
}

/**
 * Maps one case record (0101–0104, hdrg1); other records give no entries. `header`: the file's
 * con0/adt0/hdrg0 fields (see file-header.ts), when the caller read them.
 */
export function mapCase(record: RecordView, practice: PracticeData, header?: FileHeader): MappedService[] {
  const services = mapCaseFor(record, practice, header, 'each');
  // The caller's own lists: NO_PAIRS is one list for every service without pairs inside this
  // module, and a push into it by a caller would give every later such service that pair.
  for (const s of services) if (s.pairs === NO_PAIRS) s.pairs = [];
  return services;
}

/**
 * mapCase; with `cases` 'first' for the file check's trusted path: only the first service's
 * entry gets its case (the trusted path builds the others' from it), and a case's entries
 * (0101–0104, hdrg1) are made as trustedEntry, to be normalized in place (the case is mapped again with
 * 'each' when it goes the public way). With `referrals` (the file check's), its referral is then the
 * frozen one shared by the cases of the same referral: only for a checker made by
 * createChecker, which copies what it keeps.
 */
export function mapCaseFor(record: RecordView, practice: PracticeData, header: FileHeader | undefined, cases: 'each' | 'first', referrals: SharedReferrals | null = null): MappedService[] {
  const type = record.type;
  if (type === 'hdrg1') return mapHybridDrg(record, header, cases);
  if (type !== '0101' && type !== '0102' && type !== '0103' && type !== '0104') return [];
  const patient: Record<string, string> = {};
  /** Referral fields by their place in REFERRAL_KEYS, the first of each. */
  let referral: (string | undefined)[] | undefined;
  let hasPatient = false;
  // One case object for all the case's services (the checker only reads entries).
  const kase = new KvdtCase(type);
  let insurerIk: string | undefined;
  const trusted = cases === 'first';
  // With 'first', each as the copy normalizes it (see normalizedDiagnosis).
  const diagnoses: { icd: string; certainty?: string | null }[] = [];
  const services: MappedService[] = [];
  // The reader itself (the file check's): a fee number's code is read from its bytes.
  const reader = trusted && record instanceof KvdtReader ? record : null;
  let day = NO_DAY;
  let current: MappedService | undefined;
  let pair: PairLines | undefined;

  for (let i = 0, n = record.lines; i < n; i++) {
    const fk = record.fk(i);
    // The line's text when a field read below (MAPPED_TEXT): one call site, which V8 inlines
    // (a call site per field was too many to inline, each text then a call).
    const v = fk >= 0 && MAPPED_TEXT[fk] === 1 ? record.text(i) : '';
    if (fk === 5000) {
      current = pair = undefined;
      day = serviceDay(v);
      continue;
    }
    if (fk === 5001) {
      pair = undefined;
      let entry: KvdtEntry;
      if (trusted) {
        // Five digits (nearly every fee number) from the bytes, else from the text: feeNumberCode's number either way.
        const digits = reader !== null ? reader.fiveDigits(i) : -1;
        entry = trustedEntry(day.date, day.day, v, digits >= 0 ? digits : feeNumberCode(v));
      } else entry = kvdtEntry(day.date, v);
      current = { entry, first: i, last: i, pairs: NO_PAIRS };
      services.push(current);
      continue;
    }
    if (current !== undefined && fk >= 0 && SERVICE_FIELD[fk] === 1) {
      current.last = i;
      const e = current.entry as KvdtEntry;
      switch (fk) {
        case 5012:
          if (pair && pair.l5012 === undefined && pair.l5011 !== undefined) pair.l5012 = i;
          else addPair(current, (pair = { l5012: i, last: i }));
          pair.last = i;
          break;
        case 5011:
          if (pair && pair.l5011 === undefined) pair.l5011 = i;
          else addPair(current, (pair = { l5011: i, last: i }));
          pair.last = i;
          break;
        case 5099:
          e.lanr = v;
          break;
        case 5098:
          e.bsnr = v;
          break;
        case 5101:
          e.pseudoLanr = v;
          break;
        case 5102:
          e.hospitalIk = v;
          break;
        case 5100:
          e.teamNumber = v;
          break;
        case 5035:
          (e.ops ??= []).push({ code: v });
          break;
        case 5041: {
          // FK 5041 belongs to the OPS before it.
          const last = e.ops?.at(-1);
          if (last) last.laterality = v;
          e.laterality = v;
          break;
        }
        case 5074:
          if (pair) {
            pair.l5074 ??= i;
            pair.last = i;
          }
          break;
        case 5075:
          if (pair) {
            pair.l5075 ??= i;
            pair.last = i;
          }
          break;
        case 5076:
          if (pair) pair.last = i;
          break;
      }
      continue;
    }
    current = pair = undefined;
    if (patientField(v, fk, patient)) {
      hasPatient = true;
      continue;
    }
    switch (fk) {
      case 4111:
        insurerIk = v;
        break;
      case 6001:
        diagnoses.push(trusted ? normalizedDiagnosis(v, null) : { icd: v });
        break;
      case 6003:
        if (diagnoses.length) diagnoses[diagnoses.length - 1]!.certainty = v;
        break;
      default:
        // The first of a field given twice, as in a Hybrid-DRG record (the file check reports a field the record allows once; referral-fields.ts).
        if (fk >= 0 && REFERRAL[fk] !== 0) (referral ??= new Array<string | undefined>(REFERRAL_KEYS.length))[REFERRAL[fk]! - 1] ??= v;
        else caseField(v, fk, kase);
    }
  }

  if (!services.length) return services;
  if (insurerIk) kase.insurerIk = insurerIk;
  if (referral !== undefined) kase.referral = referralObject(referral, cases === 'first' ? referrals : null);
  if (practice.besa) {
    kase.practiceTeamNumbers = practice.teamNumbers;
    kase.practicePseudoLanrs = practice.pseudoLanrs;
  }
  if (header?.created) kase.fileCreated = header.created;
  if (header?.billingQuarter) kase.billingQuarter = header.billingQuarter;
  for (let k = 0; k < services.length; k++) {
    const s = services[k]!;
    const e = s.entry as KvdtEntry;
    if (s.pairs.length) {
      const costs: CostItem[] = [];
      for (const p of s.pairs) {
        const c: CostItem = {};
        if (p.l5011 !== undefined) c.description = record.text(p.l5011);
        if (p.l5012 !== undefined) c.cents = record.text(p.l5012);
        if (p.l5074 !== undefined) c.manufacturer = record.text(p.l5074);
        if (p.l5075 !== undefined) c.articleNumber = record.text(p.l5075);
        costs.push(c);
      }
      e.costs = costs;
    }
    if (diagnoses.length) e.diagnoses = diagnoses as Diagnosis[];
    if (hasPatient) e.patient = patient;
    // The first service carries the case; the others say their place in it, so checks of the case run once.
    if (k === 0 || cases === 'each') e.case = kase.at(k) as unknown as NonNullable<ServiceEntry['case']>;
  }
  return services;
}

/** Reads a patient field (FK 3000, 3103, 3105, 3110, 3119) of a line of field `fk` with the text `v` into `patient`; false for other fields. */
function patientField(v: string, fk: number, patient: Record<string, string>): boolean {
  switch (fk) {
    case 3103:
      patient['birthDate'] = kvdtDate(v);
      return true;
    case 3110:
      patient['sex'] = v;
      return true;
    case 3000:
      patient['id'] = v;
      return true;
    case 3105:
      patient['insuranceNumber'] ??= v;
      return true;
    case 3119:
      // The eGK Versicherten-ID wins over the older Versichertennummer.
      patient['insuranceNumber'] = v;
      return true;
    default:
      return false;
  }
}

/** The entry of a Hybrid-DRG case (hdrg1), as mapCaseFor maps it (`cases` the same). */
export function mapHybridDrg(record: RecordView, header: FileHeader | undefined, cases: 'each' | 'first'): MappedService[] {
  const trusted = cases === 'first';
  // With 'first', each as the copy normalizes it (see normalizedDiagnosis).
  const diagnoses: Diagnosis[] = [];
  const ops: OpsCode[] = [];
  const patient: Record<string, string> = {};
  const referral: Record<string, string> = {};
  const kase = new KvdtCase('hdrg1');
  /** The first value of each single field. */
  const one = new Map<number, string>();
  let first = -1;
  for (let i = 0, n = record.lines; i < n; i++) {
    const fk = record.fk(i);
    // Every field's text, decoded once (a Hybrid-DRG case has few lines, nearly all read here).
    const v = fk >= 0 ? record.text(i) : '';
    if (patientField(v, fk, patient)) continue;
    switch (fk) {
      case 6009:
        diagnoses.push(trusted ? (normalizedDiagnosis(v, 'main') as Diagnosis) : { icd: v, kind: 'main' });
        break;
      case 6011:
        diagnoses.push(trusted ? (normalizedDiagnosis(v, 'secondary') as Diagnosis) : { icd: v, kind: 'secondary' });
        break;
      case 6010:
      case 6012:
        if (diagnoses.length) {
          (diagnoses[diagnoses.length - 1] as { laterality: string | null }).laterality = trusted && v === '' ? null : v;
        }
        break;
      case 5035:
        ops.push({ code: v });
        break;
      case 5041:
        if (ops.length) ops[ops.length - 1]!.laterality = v;
        break;
      case 4218:
      case 4242:
        referral[String(fk)] ??= v;
        break;
      case 3111:
      case 5027:
      case 5028:
      case 5029:
      case 5030:
      case 5034:
      case 5098:
      case 5099:
      case 5100:
        if (!one.has(fk)) {
          one.set(fk, v);
          if (fk === 5027) first = i;
        }
        break;
      default:
        caseField(v, fk, kase);
    }
  }
  const code = one.get(5027);
  if (first < 0 || code === undefined) return [];
  const hybridDrg: HybridDrgCase = { code };
  const start = one.get(5028);
  const end = one.get(5029);
  const hours = one.get(5030);
  const opDate = one.get(5034);
  if (start !== undefined) hybridDrg.start = kvdtDate(start);
  if (end !== undefined) hybridDrg.end = kvdtDate(end);
  if (hours !== undefined) hybridDrg.ventilationHours = hours;
  if (opDate !== undefined) hybridDrg.opDate = kvdtDate(opDate);
  const weight = one.get(3111);
  if (weight !== undefined) hybridDrg.admissionWeight = weight;
  if (Object.keys(referral).length) kase.referral = referral;
  // The Hybrid-DRG package's own creation date, else the file's.
  const created = header?.hdrgCreated ?? header?.created;
  if (created) kase.fileCreated = created;
  // The service day is the OP date, else the start (its year picks the catalogue); a malformed
  // code is left to the Hybrid-DRG rules rather than failing as a fee number.
  const date = kvdtDate(opDate ?? start ?? '');
  const gop = /^[A-Za-z0-9]{1,9}$/.test(code) ? code : 'HDRG';
  // For the trusted path the entry of every case, ordinary or Hybrid-DRG, has one shape (trustedEntry's):
  // code shared by both then meets one hidden class, not a second one late in the file (a deopt and a recompile each).
  let entry: ServiceEntry;
  if (trusted) {
    entry = trustedEntry(date, isoDay(date), gop, feeNumberCode(gop));
    entry.hybridDrg = hybridDrg;
    entry.diagnoses = diagnoses;
    entry.case = kase as unknown as NonNullable<ServiceEntry['case']>;
  } else entry = { date, gop, hybridDrg, diagnoses, case: kase as unknown as NonNullable<ServiceEntry['case']> };
  if (ops.length) entry.ops = ops;
  const lanr = one.get(5099);
  if (lanr !== undefined) entry.lanr = lanr;
  const bsnr = one.get(5098);
  if (bsnr !== undefined) entry.bsnr = bsnr;
  const team = one.get(5100);
  if (team !== undefined) entry.teamNumber = team;
  if (Object.keys(patient).length) entry.patient = patient;
  // Made as mapCaseFor makes its list (a literal would be an array of another hidden class).
  const services: MappedService[] = [];
  services.push({ entry, first, last: record.lines - 1, pairs: NO_PAIRS });
  return services;
}
