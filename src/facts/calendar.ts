/**
 * Calendar arithmetic on `YYYY-MM-DD` dates, in whole UTC days (never the local clock or
 * time zone): shared by the ASV deadlines, the Hybrid-DRG stay and the § 140a window.
 */
export const DAY_MS = 86_400_000;

/** Milliseconds of the date's UTC midnight. */
export const utcTime = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** The date of a UTC time. */
export const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** `iso` plus `days` calendar days. */
export const addDays = (iso: string, days: number): string => isoDate(utcTime(iso) + days * DAY_MS);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcTime(to) - utcTime(from)) / DAY_MS);
