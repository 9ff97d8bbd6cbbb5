/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, in whole UTC days (never the local clock or
 * time zone): shared by the ASV deadlines, the Hybrid-DRG stay and the § 140a window.
 */
import { digitsAt } from './entry';

export const DAY_MS = 86_400_000;

/** Milliseconds of the date's UTC midnight. */
export const utcTime = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** The date of a UTC time. */
export const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * Days from 1970-01-01 to a date `YYYY-MM-DD` (proleptic Gregorian), in integer arithmetic
 * (H. Hinnant's days_from_civil): the facts compute stays and windows per entry, and this is
 * exact without a Date object or a time zone.
 */
export function dayIndex(iso: string): number {
  const month = digitsAt(iso, 5, 2);
  const year = digitsAt(iso, 0, 4) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + digitsAt(iso, 8, 2) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date `YYYY-MM-DD` of a day index (civil_from_days, the inverse of {@link dayIndex}). */
export function dateOfIndex(index: number): string {
  const z = index + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** `iso` plus `days` calendar days. */
export const addDays = (iso: string, days: number): string => dateOfIndex(dayIndex(iso) + days);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayIndex(to) - dayIndex(from);
