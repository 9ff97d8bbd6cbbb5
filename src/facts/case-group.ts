/**
 * The entries of one case as pvs-rules' own KVDT reader builds them — never a host's objects —
 * share their case-level data: one patient object, one diagnosis list, and case objects equal
 * but for `serviceIndex`. The reader marks the list it checks as such a group; the checker
 * then copies those parts once per case instead of once per service (see SharedCopies in
 * entry.ts). Only the reader marks lists, only lists it builds and keeps to itself; a host's
 * list is never marked, and its entries are copied one by one as before.
 */
const groups = new WeakSet<object>();

/** Marks `entries` (built by the KVDT reader, see above) as the entries of one case. */
export function markCaseGroup(entries: readonly unknown[]): void {
  groups.add(entries);
}

/** True for a list marked by markCaseGroup (a WeakSet lookup: no host code runs). */
export function isCaseGroup(list: unknown): boolean {
  return typeof list === 'object' && list !== null && groups.has(list);
}
