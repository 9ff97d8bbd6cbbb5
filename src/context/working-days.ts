/**
 * Working days (Werktage) for ASV deadlines — the one place their meaning is decided:
 * Monday to Saturday, except the nationwide public holidays (Neujahr, Karfreitag,
 * Ostermontag, 1. Mai, Christi Himmelfahrt, Pfingstmontag, Tag der Deutschen Einheit,
 * 1. und 2. Weihnachtstag). Holidays of single Länder are not counted as holidays here.
 * Dates are `YYYY-MM-DD` strings; all arithmetic is in UTC days, never the local clock.
 */

import { DAY_MS as DAY, isoDate as toDate, utcTime as toTime } from '../facts/calendar';
import { easterSunday } from '../facts/public-holidays';

/** Easter Sunday as a UTC time (the one computus, in facts/public-holidays.ts). */
const easter = (year: number): number => toTime(easterSunday(year));

const holidayCache = new Map<number, Set<string>>();

/** The nationwide public holidays of a year. */
export function nationwideHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const e = easter(year);
    set = new Set([
      `${year}-01-01`,
      toDate(e - 2 * DAY),
      toDate(e + DAY),
      `${year}-05-01`,
      toDate(e + 39 * DAY),
      toDate(e + 50 * DAY),
      `${year}-10-03`,
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    holidayCache.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: string): boolean {
  const t = toTime(date);
  return new Date(t).getUTCDay() !== 0 && !nationwideHolidays(Number(date.slice(0, 4))).has(date);
}

/** The date `n` working days after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number): string {
  let t = toTime(date);
  let left = n;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(toDate(t))) left--;
  }
  return toDate(t);
}

/**
 * `date` plus `months` calendar months; a day that does not exist in the target month is the
 * month's last day (2026-08-31 + 6 months = 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return toDate(Date.UTC(ty, tm, Math.min(d, last)));
}
