import { describe, expect, it } from 'vitest';
import { loadRuleSets } from '../plugin-api/index';
import { easterSunday, holidayTest, weekday, workingDayFrom } from '../src/facts/public-holidays';
import { bundledSources } from './helpers';

/** Gauss's Easter formula with its two exceptions: an oracle written apart from the implementation (Meeus/Jones/Butcher). */
function gaussEaster(y: number): string {
  const a = y % 19;
  const b = y % 4;
  const c = y % 7;
  const k = Math.floor(y / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  let month = 3;
  let day = 22 + d + e;
  if (day > 31) [month, day] = [4, d + e - 9];
  if (month === 4 && day === 26) day = 19;
  if (month === 4 && day === 25 && d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day = 18;
  return `${y}-0${month}-${String(day).padStart(2, '0')}`;
}

describe('public holidays and the working day a period ends on', () => {
  it('Easter Sunday: known dates, and Gauss\'s formula for 1900–2199', () => {
    expect(['2000', '2008', '2011', '2019', '2024', '2025', '2026', '2027'].map((y) => easterSunday(Number(y)))).toEqual([
      '2000-04-23',
      '2008-03-23',
      '2011-04-24',
      '2019-04-21',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
    ]);
    for (let y = 1900; y < 2200; y++) expect(easterSunday(y)).toBe(gaussEaster(y));
  });

  it('weekdays against the Date object, and the next working day', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2026-12-01', '2027-01-03', '1969-12-31']) expect(weekday(iso)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay());
    const none = () => false;
    expect(workingDayFrom('2026-12-01', none)).toBe('2026-12-01');
    expect(workingDayFrom('2026-12-05', none)).toBe('2026-12-07');
    expect(workingDayFrom('2026-12-06', none)).toBe('2026-12-07');
    expect(workingDayFrom('2026-12-25', (d) => d === '2026-12-25' || d === '2026-12-26')).toBe('2026-12-28');
  });

  it('the bundled table: the nine nationwide holidays, the 2017 Reformation Day once, no Land holiday', () => {
    const doc = JSON.parse(bundledSources().find((s) => s.name.endsWith('bv/2026.1/ruleset.json'))!.text);
    const isHoliday = holidayTest(doc.tables.publicHolidays, '');
    if (Array.isArray(isHoliday)) throw new Error('table rejected');
    const of2026 = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (isHoliday(iso)) of2026.push(iso);
    }
    expect(of2026).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26']);
    expect(isHoliday('2017-10-31')).toBe(true);
    expect(isHoliday('2018-10-31')).toBe(false);
    expect(isHoliday('2026-01-06')).toBe(false);
  });

  it('a holiday row with both a fixed day and an Easter offset is a located load error', () => {
    const sources = bundledSources().map((s) => {
      if (!s.name.endsWith('bv/2026.1/ruleset.json')) return s;
      const doc = JSON.parse(s.text);
      doc.tables.publicHolidays.rows[0].easterOffset = 3;
      return { name: s.name, text: JSON.stringify(doc, null, 2) };
    });
    const r = loadRuleSets(sources);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.file.endsWith('bv/2026.1/ruleset.json') && p.message.includes('monthDay'))).toBe(true);
  });
});
