/**
 * The service entries of a case as the checker's copy would make them (normalizeEntry in
 * facts/entry.ts), built here from the mapped entries, which the reader made itself from the
 * file's bytes: for the checker's trusted path (trustedStream), which then skips the copy.
 * Only what this reader's entries can hold is handled — text fields, 5011/5012 pairs, OPS,
 * patient, case and diagnoses of a case 0101–0104, and the Hybrid-DRG of a case hdrg1; a case with anything that would give an
 * input problem (a bad service day or fee number, a field longer than the checker takes) or
 * anything else is left to the public path, which copies and reports it.
 * test/kvdt-trusted.test.ts holds these entries equal to normalizeEntry's.
 */
import type { OpsCode } from '../../plugin-api/types';
import type { TrustedStream } from '../evaluate/checker';
import { MAX_FIELD_LENGTH, normalizeCosts, normalizeHybridDrg, READS_PAIRS, snapshot, type CaseFields, type EntryReads, type InputProblem, type NormalizedCost, type NormalizedDiagnosis, type NormalizedEntry, type NormalizedHybridDrg, type NormalizedOps } from '../facts/entry';
import { MAX_LIST_LENGTH } from '../facts/host-data';
import { CASE_KEYS, caseValue, KvdtCase, setCaseValue, type KvdtEntry, type MappedService } from './mapping';
import { snapshotShape, type SnapshotShape } from './snapshot-shapes';

const EMPTY: never[] = Object.freeze([]) as never[];

/** A text field as the checker normalizes it (optionalString): absent or empty null (the reader's fields are texts). */
const field = (v: string | null | undefined): string | null => (v === undefined || v === null || v.length === 0 ? null : v);

/** True when the checker would report a text field (longer than it takes). */
const tooLong = (v: string | null | undefined): boolean => v !== undefined && v !== null && v.length > MAX_FIELD_LENGTH;

/** True when a text field of a trusted entry (null or a text, see trustedEntry) is as the copy has it: null, or a text neither empty nor too long. */
const plain = (v: string | null | undefined): boolean => v === null || (v !== undefined && v.length !== 0 && v.length <= MAX_FIELD_LENGTH);

/**
 * True when the trusted path can build the case copies once per case as the checker's shared
 * copies do: the rules do not read the case whole or its serviceIndex (each service's copy would differ).
 */
export function trustsCases(reads: EntryReads): boolean {
  return reads.case !== 'all' && (reads.case === null || !reads.case.has('serviceIndex'));
}

/**
 * The normalized entries of one case 0101–0104 (`services` from mapCase), or null when the case
 * must take the public path (see above). `problems`: an empty list to use, left empty.
 */
export function normalizedCase(services: readonly MappedService[], t: TrustedStream, problems: InputProblem[]): NormalizedEntry[] | null {
  const first = services[0]!.entry as KvdtEntry;
  const head = caseParts(first, t.reads, problems);
  if (head === null) return null;
  const out: NormalizedEntry[] = [];
  for (let k = 0; k < services.length; k++) {
    const e = services[k]!.entry as KvdtEntry;
    const gop = e.gop;
    // isoDay(date) and feeNumberCode(gop), as the mapping set them (see trustedEntry).
    const day = (e as unknown as NormalizedEntry).day;
    const digits = (e as unknown as NormalizedEntry).gopDigits;
    if (day < 0 || digits < -1) return null;
    let costs: NormalizedCost[] = EMPTY;
    let costCount = 0;
    let material = false;
    if (e.costs !== undefined) {
      // As the copy: pairs no rule the entry can meet reads are only counted (each is an object here).
      if ((t.routeReads(day, gop, digits, -1) & READS_PAIRS) !== 0) {
        costs = normalizeCosts(e.costs, problems);
        if (problems.length !== 0) {
          problems.length = 0;
          return null;
        }
        costCount = costs.length;
        for (let i = 0; i < costCount; i++) if (costs[i]!.d5074 !== null || costs[i]!.d5075 !== null) material = true;
      } else if (e.costs.length <= MAX_LIST_LENGTH) costCount = e.costs.length;
      else return null;
    }
    // A case 0101–0104 rarely has OPS: their lists are made here, so that serviceEntry meets them first in no case (see EntryOps).
    const ops = e.ops === undefined ? NO_OPS : entryOps(e);
    if (ops === null) return null;
    // The mapped entry becomes the normalized one (see trustedEntry); on null the case is mapped again.
    if (!serviceEntry(e as unknown as NormalizedEntry, e, k, costs, costCount, material, null, head, ops)) return null;
    out.push(e as unknown as NormalizedEntry);
  }
  return out;
}

/**
 * The entry of a Hybrid-DRG case (hdrg1: one service, see mapHybridDrg in mapping.ts) as the
 * checker's copy makes it, or null when the case must take the public path (as normalizedCase).
 */
export function normalizedHybridDrgCase(service: MappedService, t: TrustedStream, problems: InputProblem[]): NormalizedEntry[] | null {
  const e = service.entry;
  const head = caseParts(e as KvdtEntry, t.reads, problems);
  if (head === null) return null;
  const hybridDrg = e.hybridDrg === undefined ? null : normalizeHybridDrg(e.hybridDrg, problems);
  if (problems.length !== 0) {
    problems.length = 0;
    return null;
  }
  // isoDay(date) and feeNumberCode(gop), as the mapping set them (see trustedEntry).
  const day = (e as unknown as NormalizedEntry).day;
  const digits = (e as unknown as NormalizedEntry).gopDigits;
  // The reader gives a Hybrid-DRG case no 5011/5012 pairs.
  if (day < 0 || digits < -1 || e.costs !== undefined) return null;
  const ops = entryOps(e as KvdtEntry);
  if (ops === null) return null;
  // The mapped entry (a trustedEntry, see mapHybridDrg) becomes the normalized one, as in normalizedCase.
  const entry = e as unknown as NormalizedEntry;
  return serviceEntry(entry, e as KvdtEntry, 0, EMPTY, 0, false, hybridDrg, head, ops) ? [entry] : null;
}

/**
 * Sets `out` (the mapped entry itself, an object made by trustedEntry) to the entry of a
 * service as the copy makes it, from its mapped entry `e` (the same object), its pairs and its
 * case's parts (`k`: its place in the case); false when the copy would report a field (the case
 * is then mapped again for the public path). What the mapping already set as the copy has it is
 * not written again: date, day, gop and gopDigits (see trustedEntry), and the text fields,
 * which are null or a text (an empty one, rare, is made null here).
 */
function serviceEntry(out: NormalizedEntry, e: KvdtEntry, k: number, costs: NormalizedCost[], costCount: number, material: boolean, hybridDrg: NormalizedHybridDrg | null, head: CaseParts, ops: EntryOps): boolean {
  const laterality = e.laterality;
  const teamNumber = e.teamNumber;
  const lanr = e.lanr;
  const pseudoLanr = e.pseudoLanr;
  const bsnr = e.bsnr;
  const hospitalIk = e.hospitalIk;
  if (!plain(laterality) || !plain(teamNumber) || !plain(lanr) || !plain(pseudoLanr) || !plain(bsnr) || !plain(hospitalIk)) {
    if (tooLong(laterality) || tooLong(teamNumber) || tooLong(lanr) || tooLong(pseudoLanr) || tooLong(bsnr) || tooLong(hospitalIk)) return false;
    out.laterality = field(laterality);
    out.teamNumber = field(teamNumber);
    out.lanr = field(lanr);
    out.pseudoLanr = field(pseudoLanr);
    out.bsnr = field(bsnr);
    out.hospitalIk = field(hospitalIk);
  }
  const caseHead = head.caseFields;
  out.costs = costs;
  if (costCount !== 0) out.costCount = costCount;
  if (material) out.material = true;
  out.diagnoses = head.diagnoses;
  out.ops = ops.codes;
  out.opsDetail = ops.detail;
  out.hybridDrg = hybridDrg;
  out.birthDate = head.birthDate;
  out.insuranceNumber = head.insuranceNumber;
  out.patientNumber = head.patientNumber;
  // The first service's case fields as they are; the others' with their place in the case.
  out.caseFields =
    k === 0 || caseHead === null
      ? caseHead
      : { recordType: caseHead.recordType, insurerIk: caseHead.insurerIk, referral: caseHead.referral, participations: caseHead.participations, practiceTeamNumbers: caseHead.practiceTeamNumbers, serviceIndex: k };
  out.patient = head.patient;
  out.case = head.case;
  return true;
}

/**
 * An entry's OPS as the copy makes them: `codes` its ops, `detail` its opsDetail. Made by the
 * callers of serviceEntry, not in it: the Hybrid-DRG package at a file's end is where most
 * files first have OPS, and a path first taken there in serviceEntry, which every service
 * runs, would throw its optimized code away (a deopt and a recompile).
 */
interface EntryOps {
  codes: string[];
  detail: NormalizedOps[];
}

/** No OPS (the reader's entry has none, or an empty list). */
const NO_OPS: EntryOps = { codes: EMPTY, detail: EMPTY };

/** The OPS of the reader's entry `e` (each an object) as the copy makes them; null when the copy would report them. */
function entryOps(e: KvdtEntry): EntryOps | null {
  const detail = opsOf(e.ops as OpsCode[] | undefined, field(e.laterality));
  if (detail === null) return null;
  return detail === EMPTY ? NO_OPS : { codes: detail.map((o) => o.code), detail };
}

/** An entry's OPS as the copy's normalizeOps makes them, each with its own laterality, else the entry's; null when the copy would report them. */
function opsOf(list: readonly OpsCode[] | undefined, laterality: string | null): NormalizedOps[] | null {
  if (list === undefined || list.length === 0) return EMPTY;
  if (list.length > MAX_LIST_LENGTH) return null;
  const out: NormalizedOps[] = [];
  for (const o of list) {
    if (o.code.length > MAX_FIELD_LENGTH) return null;
    out.push({ code: o.code, laterality: o.laterality !== undefined && o.laterality !== '' ? o.laterality : laterality, sided: false });
  }
  return out;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `obj[key]` when it is the object's own property (as the copy reads: never an inherited one). */
const own = (obj: object, key: string): unknown => (hasOwn.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined);

/** What a case's services share, as the checker's shared copies make it. */
interface CaseParts {
  diagnoses: NormalizedDiagnosis[];
  birthDate: string | null;
  insuranceNumber: string | null;
  patientNumber: string | null;
  patient: Record<string, unknown> | null;
  /** The first service's (serviceIndex absent). */
  caseFields: CaseFields | null;
  case: Record<string, unknown> | null;
}

/**
 * The case-level parts of a case's entries as the checker's copy makes them from this reader's
 * objects (the diagnoses mapped as its normalizeDiagnoses makes them; patient and case as its readPatient,
 * readCase and their snapshots in facts/entry.ts: own properties only, values copied by
 * copyData, each key set as an own property), or null when the copy would report something
 * (an ICD over 200 characters, a list over 1,000 items, a copy over its limits).
 */
function caseParts(first: KvdtEntry, reads: EntryReads, problems: InputProblem[]): CaseParts | null {
  const diagnoses = first.diagnoses === undefined ? EMPTY : checkedDiagnoses(first.diagnoses as unknown as NormalizedDiagnosis[]);
  if (diagnoses === null) return null;
  const parts: CaseParts = { diagnoses, birthDate: null, insuranceNumber: null, patientNumber: null, patient: null, caseFields: null, case: null };
  const patient = first.patient;
  if (patient !== undefined) {
    const birthDate = own(patient, 'birthDate');
    const insuranceNumber = own(patient, 'insuranceNumber');
    const id = own(patient, 'id');
    if (typeof birthDate === 'string') parts.birthDate = birthDate;
    if (typeof insuranceNumber === 'string') parts.insuranceNumber = insuranceNumber;
    if (typeof id === 'string') parts.patientNumber = id;
    if (reads.patient !== null) {
      const copy = reads.patient === 'all' ? ownSnapshot(patient, reads.patient, problems) : textsSnapshot(patient, reads.patient);
      if (copy === null) return null;
      parts.patient = copy;
    }
  }
  const kase = first.case as Record<string, unknown> | undefined;
  if (kase !== undefined) {
    // The reader's case (every one here) has all its keys as own properties, and no others.
    const known = kase instanceof KvdtCase;
    const recordType = known ? kase.recordType : own(kase, 'recordType');
    const insurerIk = known ? kase.insurerIk : own(kase, 'insurerIk');
    const referral = known ? kase.referral : own(kase, 'referral');
    const teamNumbers = known ? kase.practiceTeamNumbers : own(kase, 'practiceTeamNumbers');
    // What the reader sets is text, a list of texts or an object of texts; a participation list it never sets.
    if (known ? kase.serviceIndex !== undefined : own(kase, 'participations') !== undefined || own(kase, 'serviceIndex') !== undefined) return null;
    const fields: CaseFields = {
      recordType: typeof recordType === 'string' ? recordType : null,
      insurerIk: typeof insurerIk === 'string' && insurerIk !== '' ? insurerIk : null,
      // The reader sets a referral only with a field in it (an object of texts).
      referral: referral !== undefined,
      participations: EMPTY,
      practiceTeamNumbers: null,
      serviceIndex: null,
    };
    if (Array.isArray(teamNumbers)) {
      const numbers = listCopy(teamNumbers);
      if (numbers === null) return null;
      fields.practiceTeamNumbers = numbers;
    }
    parts.caseFields = fields;
    if (reads.case !== null) {
      const copy = reads.case === 'all' ? ownSnapshot(kase, reads.case, problems) : caseSnapshot(kase, reads.case, problems);
      if (copy === null) return null;
      parts.case = copy;
    }
  }
  return parts;
}

/**
 * The diagnoses of a case mapped for this path (made as the copy normalizes them, see
 * normalizedDiagnosis in mapping.ts) as the copy's list, or null when the copy would report
 * them (over MAX_LIST_LENGTH, an ICD over MAX_FIELD_LENGTH).
 */
function checkedDiagnoses(list: NormalizedDiagnosis[]): NormalizedDiagnosis[] | null {
  if (list.length === 0) return EMPTY;
  if (list.length > MAX_LIST_LENGTH) return null;
  for (let i = 0; i < list.length; i++) if (list[i]!.icd.length > MAX_FIELD_LENGTH) return null;
  return list;
}

/** The copy's snapshot of the keys `reads` of the reader's patient, whose values are all texts (see patientField in mapping.ts). */
function textsSnapshot(patient: Record<string, string>, reads: ReadonlySet<string>): Record<string, unknown> {
  const shape = snapshotShape(reads);
  const keys = shape.keys;
  const values = shape.values;
  for (let i = 0; i < keys.length; i++) {
    const v = own(patient, keys[i]!);
    if (typeof v === 'string') values[i] = v;
  }
  return shape.take();
}

/**
 * The copy's snapshot of the reader's case for the keys `reads`, without copying again what the
 * reader made for this check alone and never changes: texts as they are, the referral (frozen,
 * shared by the cases of the same referral, see mapping.ts) and the validity period; the
 * practice's lists copied once per length (they only grow). Anything else as the copy makes it.
 */
function caseSnapshot(kase: Record<string, unknown>, reads: ReadonlySet<string>, problems: InputProblem[]): Record<string, unknown> | null {
  const shape = snapshotShape(reads);
  if (kase instanceof KvdtCase && shape.templated) return kvdtCaseSnapshot(kase, shape, reads, problems);
  const keys = shape.keys;
  const values = shape.values;
  const numbers = kase instanceof KvdtCase ? caseKeyNumbers(shape) : null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = numbers === null ? own(kase, key) : caseValue(kase as unknown as KvdtCase, numbers[i]!);
    if (v === undefined) continue;
    if (typeof v === 'string' || key === 'referral' || key === 'validity') values[i] = v;
    else if (Array.isArray(v)) {
      const copy = listCopy(v);
      if (copy === null) {
        shape.clear();
        return null;
      }
      values[i] = copy;
    } else {
      shape.clear();
      return ownSnapshot(kase, reads, problems);
    }
  }
  return shape.take();
}

/** The numbers (places in CASE_KEYS) of the case keys whose object values caseSnapshot takes as they are. */
const REFERRAL_KEY = CASE_KEYS.indexOf('referral');
const VALIDITY_KEY = CASE_KEYS.indexOf('validity');

/**
 * caseSnapshot of the reader's own case (every key a field of it, read by number): the same
 * values decided in the same order, then written into a copy of the template of the keys
 * present by a named store per key (setCaseValue), not by a store per key named by a variable.
 */
function kvdtCaseSnapshot(kase: KvdtCase, shape: SnapshotShape, reads: ReadonlySet<string>, problems: InputProblem[]): Record<string, unknown> | null {
  const numbers = caseKeyNumbers(shape);
  // The lists' copies wait in shape.values until they are written (cleared on every way out).
  const values = shape.values;
  let mask = 0;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    const v = caseValue(kase, n);
    if (v === undefined) continue;
    if (typeof v !== 'string' && n !== REFERRAL_KEY && n !== VALIDITY_KEY) {
      if (!Array.isArray(v)) {
        shape.clear();
        return ownSnapshot(kase as unknown as Record<string, unknown>, reads, problems);
      }
      const copy = listCopy(v);
      if (copy === null) {
        shape.clear();
        return null;
      }
      values[i] = copy;
    }
    mask |= 1 << i;
  }
  const out: Record<string, unknown> = { ...shape.template(mask) };
  for (let i = 0; i < numbers.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    let v = values[i];
    if (v !== undefined) values[i] = undefined;
    else v = caseValue(kase, numbers[i]!);
    setCaseValue(out, numbers[i]!, v);
  }
  return out;
}

/** The keys of `shape` as numbers of the reader's case keys (caseValue; -1: not one of them), made once per shape. */
function caseKeyNumbers(shape: SnapshotShape): Int8Array {
  return (shape.keyNumbers ??= Int8Array.from(shape.keys, (k) => CASE_KEYS.indexOf(k)));
}

/** The practice's lists as the copy makes them (each item copied: texts), by list and length; null over MAX_LIST_LENGTH (the copy reports it). */
const LIST_COPIES = new WeakMap<readonly unknown[], { length: number; copy: string[] }>();

function listCopy(list: readonly unknown[]): string[] | null {
  if (list.length > MAX_LIST_LENGTH) return null;
  const known = LIST_COPIES.get(list);
  if (known !== undefined && known.length === list.length) return known.copy;
  const copy: string[] = [];
  for (const n of list) {
    if (typeof n !== 'string') return null;
    copy.push(n);
  }
  LIST_COPIES.set(list, { length: list.length, copy: Object.freeze(copy) as string[] });
  return copy;
}

const NOTHING_KNOWN: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** The copy's snapshot (facts/entry.ts) of the keys `reads` of one of this reader's objects; null when the copy would report something (then the public path does). */
function ownSnapshot(raw: Record<string, unknown>, reads: ReadonlySet<string> | 'all', problems: InputProblem[]): Record<string, unknown> | null {
  const copy = snapshot(raw, reads, NOTHING_KNOWN, '', '', problems);
  if (problems.length === 0) return copy;
  problems.length = 0;
  return null;
}
