/**
 * The entries of one case as pvs-rules' own KVDT reader builds them — never a host's objects —
 * share their case-level data: one patient object, one diagnosis list, and case objects equal
 * but for `serviceIndex`. The reader marks the list it checks as such a group, with the maker of
 * the copies its entries share (src/kvdt/shared-copies.ts); the checker then copies those parts
 * once per case instead of once per service. Only the reader marks lists, only lists it builds
 * and keeps to itself; a host's list is never marked, and its entries are copied one by one as before.
 */
import type { EntryReads, InputProblem, NormalizedDiagnosis, NormalizedEntry } from './entry';

/** The case-level copies of one check of a case group: normalizeEntry takes these parts from it. */
export interface CaseCopies {
  diagnoses(raw: unknown, problems: InputProblem[]): NormalizedDiagnosis[];
  patient(raw: unknown, entry: NormalizedEntry, reads: EntryReads['patient'], problems: InputProblem[]): void;
  case(raw: unknown, entry: NormalizedEntry, reads: EntryReads['case'], problems: InputProblem[]): void;
}

const groups = new WeakMap<object, () => CaseCopies>();

/** Marks `entries` (built by the KVDT reader, see above) as the entries of one case; `copies` makes the copies one check of them shares. */
export function markCaseGroup(entries: readonly unknown[], copies: () => CaseCopies): void {
  groups.set(entries, copies);
}

/** New shared copies for a list marked by markCaseGroup, else null (a WeakMap lookup: no host code runs). */
export function caseCopies(list: unknown): CaseCopies | null {
  const copies = typeof list === 'object' && list !== null ? groups.get(list) : undefined;
  return copies === undefined ? null : copies();
}
