/**
 * The case-level copies a case group's entries share (see src/facts/case-group.ts): made by the
 * KVDT reader for the lists it builds, so the core carries no code for them that only this
 * reader's lists use.
 */
import type { CaseCopies } from '../facts/case-group';
import { normalizeDiagnoses, readCase, readPatient, serviceIndexOf, type CaseFields, type EntryReads, type InputProblem, type NormalizedDiagnosis, type NormalizedEntry } from '../facts/entry';
import { readOwn } from '../facts/host-data';

/**
 * The case-level copies of one case group (see case-group.ts), made for its first entry and
 * reused for the others with the same input problems: the patient and the diagnosis list by
 * identity, the case as the group promises (equal but for serviceIndex, which is read per entry).
 * Only for a group built by pvs-rules itself: a host's objects are copied entry by entry.
 */
export class SharedCopies implements CaseCopies {
  private diagnosesRaw: unknown = undefined;
  private diagnosesCopy: NormalizedDiagnosis[] = [];
  private diagnosesProblems: InputProblem[] = [];
  private patientRaw: unknown = undefined;
  private readonly patientCopy = { birthDate: null, insuranceNumber: null, patientNumber: null, patient: null } as Pick<NormalizedEntry, 'birthDate' | 'insuranceNumber' | 'patientNumber' | 'patient'>;
  private patientProblems: InputProblem[] = [];
  private caseRead = false;
  private caseFields: CaseFields | null = null;
  private caseCopy: Record<string, unknown> | null = null;
  private caseProblems: InputProblem[] = [];

  diagnoses(raw: unknown, problems: InputProblem[]): NormalizedDiagnosis[] {
    if (raw !== this.diagnosesRaw) {
      this.diagnosesProblems = [];
      this.diagnosesCopy = normalizeDiagnoses(raw, this.diagnosesProblems);
      this.diagnosesRaw = raw;
    }
    problems.push(...this.diagnosesProblems);
    return this.diagnosesCopy;
  }

  patient(raw: unknown, entry: NormalizedEntry, reads: EntryReads['patient'], problems: InputProblem[]): void {
    const c = this.patientCopy;
    if (raw !== this.patientRaw) {
      c.birthDate = c.insuranceNumber = c.patientNumber = null;
      c.patient = null;
      this.patientProblems = [];
      readPatient(raw, c as NormalizedEntry, reads, this.patientProblems);
      this.patientRaw = raw;
    }
    entry.birthDate = c.birthDate;
    entry.insuranceNumber = c.insuranceNumber;
    entry.patientNumber = c.patientNumber;
    entry.patient = c.patient;
    problems.push(...this.patientProblems);
  }

  case(raw: unknown, entry: NormalizedEntry, reads: EntryReads['case'], problems: InputProblem[]): void {
    // A copy that holds serviceIndex differs per entry: read whole.
    if (reads === 'all' || (reads !== null && reads.has('serviceIndex'))) {
      readCase(raw, entry, reads, problems);
      return;
    }
    if (!this.caseRead) {
      this.caseProblems = [];
      readCase(raw, entry, reads, this.caseProblems);
      this.caseFields = entry.caseFields;
      this.caseCopy = entry.case;
      this.caseRead = true;
    } else {
      const f = this.caseFields;
      if (f !== null) {
        const serviceIndex = readOwn(raw as Record<string, unknown>, 'serviceIndex');
        entry.caseFields = {
          recordType: f.recordType,
          insurerIk: f.insurerIk,
          referral: f.referral,
          participations: f.participations,
          practiceTeamNumbers: f.practiceTeamNumbers,
          serviceIndex: serviceIndexOf(serviceIndex),
        };
      }
      entry.case = this.caseCopy;
    }
    problems.push(...this.caseProblems);
  }
}

/** A new SharedCopies, for one check of a case group (markCaseGroup). */
export const sharedCopies = (): CaseCopies => new SharedCopies();
