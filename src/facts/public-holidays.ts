/**
 * Public holidays from a rule-set table, and the working day a statutory period ends on.
 *
 * A period whose last day is a Saturday, Sunday or public holiday ends on the next working day
 * (§ 26 Abs. 3 SGB X; § 193 BGB for a declaration due within a period). Which days are
 * holidays is data: the table's rows name a fixed day (`monthDay`, "12-25"), or a day relative
 * to Easter Sunday (`easterOffset`, −2 = Good Friday), optionally for one year only
 * (`onlyYear`). Easter is computed (Gregorian computus), not tabled.
 */
import type { TableDoc } from '../model';
import type { BindProblem } from './facts';
import { dateOfIndex, dayIndex } from './calendar';

/** Whether a date `YYYY-MM-DD` is a holiday. */
export type HolidayTest = (iso: string) => boolean;

export const NO_HOLIDAYS: HolidayTest = () => false;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (iso: string): number => (((dayIndex(iso) + 4) % 7) + 7) % 7;

/** The first day on or after `iso` that is neither a Saturday, a Sunday nor a holiday. */
export function workingDayFrom(iso: string, isHoliday: HolidayTest): string {
  let index = dayIndex(iso);
  // At most a weekend plus a few holidays in a row; the bound only guards a table that makes every day a holiday.
  for (let step = 0; step < 14; step++) {
    const day = dateOfIndex(index);
    const w = (((index + 4) % 7) + 7) % 7;
    if (w !== 0 && w !== 6 && !isHoliday(day)) return day;
    index++;
  }
  return dateOfIndex(index);
}

const COLUMNS = { name: 'string', monthDay: 'string', easterOffset: 'number', onlyYear: 'number' } as const;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The holiday test of a table with the columns name, monthDay, easterOffset, onlyYear; else the problems. */
export function holidayTest(table: TableDoc | undefined, at: string): HolidayTest | BindProblem[] {
  if (!table) return [{ at, de: 'Der Parameter muss eine Tabelle dieses Regelwerks nennen.', en: 'The parameter must name a table of this rule set.' }];
  const problems: BindProblem[] = [];
  for (const [col, type] of Object.entries(COLUMNS)) {
    if (table.columns[col]?.type !== type) problems.push({ at, de: `Die Feiertagstabelle braucht die Spalte ${col} vom Typ ${type}.`, en: `The holiday table needs column ${col} of type ${type}.` });
  }
  table.rows.forEach((row, i) => {
    const md = row['monthDay'];
    const offset = row['easterOffset'];
    const fixed = typeof md === 'string' && MONTH_DAY.test(md);
    const moving = typeof offset === 'number' && Number.isInteger(offset);
    if (fixed === moving) problems.push({ at, de: `Zeile ${i}: genau eines von monthDay (MM-TT) oder easterOffset (ganze Zahl) angeben.`, en: `Row ${i}: give exactly one of monthDay (MM-DD) or easterOffset (an integer).` });
  });
  if (problems.length) return problems;
  const rows = table.rows.map((r) => ({ monthDay: r['monthDay'] as string | null, easterOffset: r['easterOffset'] as number | null, onlyYear: (r['onlyYear'] as number | null) ?? null }));
  const byYear = new Map<number, Set<string>>();
  const daysOf = (year: number): Set<string> => {
    let days = byYear.get(year);
    if (days) return days;
    days = new Set();
    const easter = dayIndex(easterSunday(year));
    const y = String(year).padStart(4, '0');
    for (const r of rows) {
      if (r.onlyYear !== null && r.onlyYear !== year) continue;
      days.add(r.monthDay !== null ? `${y}-${r.monthDay}` : dateOfIndex(easter + r.easterOffset!));
    }
    byYear.set(year, days);
    return days;
  };
  return (iso) => daysOf(Number(iso.slice(0, 4))).has(iso);
}
