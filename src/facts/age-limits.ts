/**
 * The age limits of an ICD-10-GM code (SDICD `untere_altersgrenze` / `obere_altersgrenze`,
 * imported as "60y" or "28d") held against the patient's birth date, as KVDT rule 493 and the
 * KBV Anforderungskatalog ICD-10-GM (P10-480) ask:
 *   - both limits count in whole units of their own (completed years, or days) and are
 *     inclusive: "0 Tag; 1 Jahr" means from birth to under 2 years;
 *   - the maximum age is taken on the start of the service, the minimum age on its end;
 *   - a birth date with 00 for the month or day (KVDT rule 021) stands for every day it may
 *     be, and the code is out of its limits only when it is for every such day (P10-480
 *     no. 6: no finding when the birth date cannot decide); 0000-00-00 decides nothing;
 *   - a birth after the date gives no age (the dates contradict each other, rule 314).
 */
import { dateOfIndex, dayIndex } from './calendar';
import { isIsoDate } from './entry';
import { ageOn } from './hdrg-facts';

/** The earliest and the latest day a birth date `YYYY-MM-DD` (month or day possibly 00) may stand for; null when it cannot say. */
export function birthRange(birth: unknown): { earliest: string; latest: string } | null {
  if (isIsoDate(birth)) return { earliest: birth, latest: birth };
  if (typeof birth !== 'string' || !/^\d{4}-\d{2}-00$/.test(birth)) return null;
  const year = birth.slice(0, 4);
  const month = Number(birth.slice(5, 7));
  if (year === '0000' || month > 12) return null;
  if (month === 0) return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
  const first = `${year}-${birth.slice(5, 7)}-01`;
  const next = month === 12 ? `${Number(year) + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { earliest: first, latest: dateOfIndex(dayIndex(next) - 1) };
}

/** Age in the unit of `limit` ("60y" or "28d") on `date`; null when born after it. */
function ageIn(limit: string, birth: string, date: string): number | null {
  const age = limit.endsWith('d') ? dayIndex(date) - dayIndex(birth) : ageOn(birth, date)!;
  return age < 0 ? null : age;
}

/**
 * Is the patient (birth date `birth`) certainly outside the limits `min`/`max` ("60y", "28d",
 * null for none): older than `max` on `start`, or younger than `min` on `end`?
 */
export function outsideAgeLimits(birth: unknown, min: string | null, max: string | null, start: string, end: string): boolean {
  const range = birthRange(birth);
  if (range === null) return false;
  if (max !== null) {
    // Even the latest possible birth is older than the maximum.
    const age = ageIn(max, range.latest, start);
    if (age !== null && age > Number.parseInt(max, 10)) return true;
  }
  if (min !== null) {
    // Even the earliest possible birth is younger than the minimum.
    const age = ageIn(min, range.earliest, end);
    if (age !== null && age < Number.parseInt(min, 10)) return true;
  }
  return false;
}
