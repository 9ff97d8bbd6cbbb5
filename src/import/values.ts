/** Reading the attribute values of the master files: periods, dates, amounts, flags. */
import { isIsoDate } from '../facts/entry';
import { ElementProblem } from './master-file-error';
import type { XmlElement } from './xml-reader';

export interface Period {
  from: string | null;
  until: string | null;
}

/**
 * A KBV period (zeitraum_typ): `A..B`, `A..` (open end), `..B` (until) or `A` (one day), with
 * ISO dates; null for anything else.
 */
export function parsePeriod(v: string): Period | null {
  const dots = v.indexOf('..');
  if (dots < 0) return isIsoDate(v) ? { from: v, until: v } : null;
  const from = v.slice(0, dots) || null;
  const until = v.slice(dots + 2) || null;
  if (from === null && until === null) return null;
  if ((from !== null && !isIsoDate(from)) || (until !== null && !isIsoDate(until))) return null;
  if (from !== null && until !== null && until < from) return null;
  return { from, until };
}

/** The required attribute `name` of `el`, or a located problem. */
export function required(el: XmlElement, name: string): string {
  const v = el.attr(name);
  if (v === undefined || v === '') {
    throw new ElementProblem(el.at, `<${el.local}> hat kein Attribut ${name}.`, `<${el.local}> has no attribute ${name}.`);
  }
  return v;
}

/** The period in attribute V of `el`, or a located problem. */
export function periodOf(el: XmlElement): Period {
  const v = required(el, 'V');
  const p = parsePeriod(v);
  if (!p) throw new ElementProblem(el.at, `Ungültiger Zeitraum "${v}" in <${el.local}> (erwartet JJJJ-MM-TT..JJJJ-MM-TT).`, `Invalid period "${v}" in <${el.local}> (expected YYYY-MM-DD..YYYY-MM-DD).`);
  return p;
}

/** A code in attribute V that must match `pattern` (what the master file's schema allows). */
export function codeOf(el: XmlElement, pattern: RegExp, what: string): string {
  const v = required(el, 'V');
  if (!pattern.test(v)) throw new ElementProblem(el.at, `Ungültiger ${what} "${v}".`, `Invalid ${what} "${v}".`);
  return v;
}

/** A euro amount in attribute V (xs:decimal), as text with two decimals; no floating point. */
export function euroOf(el: XmlElement): string {
  const v = required(el, 'V');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) throw new ElementProblem(el.at, `Ungültiger Betrag "${v}" in <${el.local}>.`, `Invalid amount "${v}" in <${el.local}>.`);
  return `${String(Number(m[1]))}.${(m[2] ?? '').padEnd(2, '0')}`;
}

/** A flag in attribute V with the master file's spelling of yes and no (J/N, j/n, true/false, 1/0). */
export function flagOf(el: XmlElement, yes: string, no: string): boolean {
  const v = required(el, 'V');
  if (v === yes) return true;
  if (v === no) return false;
  throw new ElementProblem(el.at, `<${el.local}> muss ${yes} oder ${no} sein, nicht "${v}".`, `<${el.local}> must be ${yes} or ${no}, not "${v}".`);
}

/** One of the listed values in attribute V. */
export function oneOf<T extends string>(el: XmlElement, allowed: readonly T[]): T {
  const v = required(el, 'V');
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ElementProblem(el.at, `<${el.local}>: "${v}" ist nicht erlaubt (${allowed.join(', ')}).`, `<${el.local}>: "${v}" is not allowed (${allowed.join(', ')}).`);
  }
  return v as T;
}
