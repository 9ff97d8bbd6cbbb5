/** Validity periods of master files: ISO dates (compared as text), null for an open end. */

/** Whether two periods share a day. */
export function periodsOverlap(aFrom: string | null, aUntil: string | null, bFrom: string | null, bUntil: string | null): boolean {
  return (aUntil === null || bFrom === null || bFrom <= aUntil) && (bUntil === null || aFrom === null || aFrom <= bUntil);
}
