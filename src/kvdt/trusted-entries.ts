/**
 * The service entries of a case as the checker's copy would make them (normalizeEntry in
 * facts/entry.ts), built here from the mapped entries, which the reader made itself from the
 * file's bytes: for the checker's trusted path (trustedStream), which then skips the copy.
 * Only what this reader's entries can hold is handled — text fields, 5011/5012 pairs, OPS,
 * patient, case and diagnoses of a case 0101–0104; a case with anything that would give an
 * input problem (a bad service day or fee number, a field longer than the checker takes) or
 * anything else is left to the public path, which copies and reports it.
 * test/kvdt-trusted.test.ts holds these entries equal to normalizeEntry's.
 */
import type { TrustedStream } from '../evaluate/checker';
import { isFeeNumber, isoDay, MAX_FIELD_LENGTH, normalizeCosts, READS_PAIRS, SharedCopies, type EntryReads, type InputProblem, type NormalizedCost, type NormalizedEntry, type NormalizedOps } from '../facts/entry';
import { MAX_LIST_LENGTH } from '../facts/host-data';
import type { KvdtEntry, MappedService } from './mapping';

const EMPTY: never[] = Object.freeze([]) as never[];

/** Marks a text field the checker would report (longer than it takes). */
const TOO_LONG = '\u0000too long';

/** A text field as the checker normalizes it (optionalString): absent or empty null; TOO_LONG when it would report it. */
const field = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v.length <= MAX_FIELD_LENGTH ? v : TOO_LONG);

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
  // The case-level parts, from the first entry (the others share them; see mapCase).
  const shared = new SharedCopies();
  const head = { birthDate: null, insuranceNumber: null, patientNumber: null, patient: null, caseFields: null, case: null } as unknown as NormalizedEntry;
  const diagnoses = first.diagnoses === undefined ? EMPTY : shared.diagnoses(first.diagnoses, problems);
  if (first.patient !== undefined) shared.patient(first.patient, head, t.reads.patient, problems);
  if (first.case !== undefined) shared.case(first.case, head, t.reads.case, problems);
  const caseHead = head.caseFields;
  if (problems.length !== 0 || (first.case !== undefined && caseHead === null)) {
    problems.length = 0;
    return null;
  }
  const out: NormalizedEntry[] = [];
  // The services of a day share its text (see serviceDay in mapping.ts): its day number once.
  let lastDate = '';
  let lastDay = -1;
  for (let k = 0; k < services.length; k++) {
    const e = services[k]!.entry as KvdtEntry;
    const date = e.date;
    const gop = e.gop;
    if (date !== lastDate) {
      lastDate = date;
      lastDay = isoDay(date);
    }
    const day = lastDay;
    if (day < 0 || !isFeeNumber(gop)) return null;
    let costs: NormalizedCost[] = EMPTY;
    let costCount = 0;
    let material = false;
    if (e.costs !== undefined) {
      // As the copy: pairs no rule the entry can meet reads are only counted (each is an object here).
      if ((t.routeReads(day, gop, -1) & READS_PAIRS) !== 0) {
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
    const laterality = field(e.laterality);
    let ops: string[] = EMPTY;
    let opsDetail: NormalizedOps[] = EMPTY;
    if (e.ops !== undefined && e.ops.length !== 0) {
      if (e.ops.length > MAX_LIST_LENGTH) return null;
      ops = [];
      opsDetail = [];
      for (const o of e.ops) {
        if (o.code.length > MAX_FIELD_LENGTH) return null;
        ops.push(o.code);
        // Its own laterality, else the entry's (as the copy's normalizeOps).
        opsDetail.push({ code: o.code, laterality: o.laterality !== undefined && o.laterality !== '' ? o.laterality : laterality, sided: false });
      }
    }
    const teamNumber = field(e.teamNumber);
    const lanr = field(e.lanr);
    const pseudoLanr = field(e.pseudoLanr);
    const bsnr = field(e.bsnr);
    const hospitalIk = field(e.hospitalIk);
    if (laterality === TOO_LONG || teamNumber === TOO_LONG || lanr === TOO_LONG || pseudoLanr === TOO_LONG || bsnr === TOO_LONG || hospitalIk === TOO_LONG) return null;
    // The copy's fields in the copy's order (one shape for both paths).
    out.push({
      date,
      day,
      gop,
      teamNumber,
      lanr,
      pseudoLanr,
      bsnr,
      hospitalIk,
      laterality,
      costs,
      costCount,
      material,
      diagnoses,
      ops,
      opsDetail,
      hybridDrg: null,
      birthDate: head.birthDate,
      insuranceNumber: head.insuranceNumber,
      patientNumber: head.patientNumber,
      // The first service's case fields as they are; the others' with their place in the case.
      caseFields:
        k === 0 || caseHead === null
          ? caseHead
          : { recordType: caseHead.recordType, insurerIk: caseHead.insurerIk, referral: caseHead.referral, participations: caseHead.participations, practiceTeamNumbers: caseHead.practiceTeamNumbers, serviceIndex: k },
      patient: head.patient,
      case: head.case,
    });
  }
  return out;
}
