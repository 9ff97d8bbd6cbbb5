/**
 * Turns a fired rule's event into a finding or a correction. Shared by the compiled
 * evaluator and the json-rules-engine reference, which only hand over resolved values.
 */
import type { Correction, Finding } from '../../plugin-api/types';
import type { CompiledCorrection, CompiledFinding } from '../compile/rule-set';
import type { InputProblem, NormalizedCost } from '../facts/entry';

export type Locale = 'de' | 'en';

/** Text for a placeholder value: values as they go into the record, `–` for nothing. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(show).join(', ');
  return JSON.stringify(v);
}

/**
 * A decimal amount in euros as practice staff read it: `2.942,93 €` in German, `€2,942.93`
 * in English. Works on the digits (never a float); anything that is not a plain decimal is
 * shown as given.
 */
export function formatEuro(v: unknown, locale: Locale): string {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) return show(v);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const cents = (frac + '00').slice(0, Math.max(2, frac.length));
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'de' ? '.' : ',');
  const sign = negative ? '-' : '';
  return locale === 'de' ? `${sign}${grouped},${cents} €` : `${sign}€${grouped}.${cents}`;
}

/** Joins a message split by the compiler: literal, name, format, literal, … */
export function renderMessage(parts: readonly (string | undefined)[], values: ReadonlyMap<string, unknown>, locale: Locale): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 3) {
    const v = values.get(parts[i]!);
    out += (parts[i + 1] === 'euro' ? formatEuro(v, locale) : show(v)) + parts[i + 2]!;
  }
  return out;
}

export function makeFinding(
  event: CompiledFinding,
  values: ReadonlyMap<string, unknown>,
  ruleId: string,
  ruleSet: string,
  locale: Locale,
  costIndex: number,
): Finding {
  const f: Finding = {
    code: event.code,
    severity: event.severity,
    message: renderMessage(event.message[locale], values, locale),
    fields: [...event.fields],
    ruleId,
    ruleSet,
    source: event.source,
  };
  if (costIndex >= 0) f.index = costIndex;
  return f;
}

/**
 * A correction, or null when the rule resolved no usable value (a value that is not a
 * non-empty string must never reach a KVDT record).
 */
export function makeCorrection(event: CompiledCorrection, value: unknown, ruleId: string, costIndex: number, cost: NormalizedCost | null): Correction | null {
  if (typeof value !== 'string' || value === '') return null;
  const c: Correction = { field: event.field, index: Math.max(costIndex, 0), value, ruleId };
  const previous = event.field === '5011' ? cost?.d5011 : cost?.d5012;
  if (previous != null) c.previous = previous;
  return c;
}

export function inputFinding(p: InputProblem, locale: Locale): Finding {
  return { code: p.code, severity: p.severity, message: locale === 'en' ? p.en : p.de, fields: [...p.fields], ruleId: 'input', ruleSet: 'pvs-rules', source: 'KVDT-Datensatzbeschreibung' };
}
