/**
 * Turns a fired rule's event into a finding or a correction. Shared by the compiled
 * evaluator and the json-rules-engine reference, which only hand over resolved values.
 */
import type { Correction, Finding } from '../../plugin-api/types';
import type { CompiledCorrection, CompiledFinding, CompiledRule, CompiledVersion, MessageParts } from '../compile/rule-set';
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

/** The integer digits with a separator every three from the right (without regular expressions: it runs per finding). */
function groupThousands(digits: string, separator: string): string {
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return out;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal amount in euros as practice staff read it: `2.942,93 €` in German, `€2,942.93`
 * in English. Works on the digits (never a float); anything that is not a plain decimal is
 * shown as given.
 */
export function formatEuro(v: unknown, locale: Locale): string {
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !PLAIN_DECIMAL.test(text)) return show(v);
  const negative = text.charCodeAt(0) === 45;
  const unsigned = negative ? text.slice(1) : text;
  const dot = unsigned.indexOf('.');
  const int = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const frac = dot < 0 ? '' : unsigned.slice(dot + 1);
  const cents = frac.length >= 2 ? frac : (frac + '00').slice(0, 2);
  const grouped = groupThousands(int, locale === 'de' ? '.' : ',');
  const sign = negative ? '-' : '';
  return locale === 'de' ? `${sign}${grouped},${cents} €` : `${sign}€${grouped}.${cents}`;
}

/** Joins a message split by the compiler: literal, placeholder index, format, literal, … */
export function renderMessage(parts: MessageParts, values: readonly unknown[], locale: Locale): string {
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 3) {
    const v = values[parts[i] as number];
    out += (parts[i + 1] === 'euro' ? formatEuro(v, locale) : show(v)) + (parts[i + 2] as string);
  }
  return out;
}

/** A finding of a fired rule; `values` are the placeholders' values, in the order of `event.placeholders`. */
export function makeFinding(
  event: CompiledFinding,
  values: readonly unknown[],
  ruleId: string,
  ruleSet: string,
  locale: Locale,
  costIndex: number,
): Finding {
  const message = renderMessage(event.message[locale], values, locale);
  // One literal per shape: adding `index` or `kbvRule` afterwards would move every finding to a new hidden class.
  const kbvRule = event.kbvRule;
  // The finding's own list. Most name one field: a literal, not slice (a call of V8's builtin on every finding).
  const named = event.fields;
  const fields = named.length === 1 ? [named[0]!] : named.slice();
  if (kbvRule === undefined) {
    if (costIndex < 0) return { code: event.code, severity: event.severity, message, fields, ruleId, ruleSet, source: event.source };
    return { code: event.code, severity: event.severity, message, fields, ruleId, ruleSet, source: event.source, index: costIndex };
  }
  if (costIndex < 0) return { code: event.code, severity: event.severity, message, fields, ruleId, ruleSet, source: event.source, kbvRule };
  return { code: event.code, severity: event.severity, message, fields, ruleId, ruleSet, source: event.source, index: costIndex, kbvRule };
}

/**
 * A correction, or null when the rule resolved no usable value (a value that is not a
 * non-empty string must never reach a KVDT record).
 */
export function makeCorrection(event: CompiledCorrection, value: unknown, ruleId: string, costIndex: number, cost: NormalizedCost | null): Correction | null {
  if (typeof value !== 'string' || value === '') return null;
  const previous = event.field === '5011' ? cost?.d5011 : cost?.d5012;
  const index = Math.max(costIndex, 0);
  // One literal per shape, as for findings.
  if (previous == null) return { field: event.field, index, value, ruleId };
  return { field: event.field, index, value, ruleId, previous };
}

export function inputFinding(p: InputProblem, locale: Locale): Finding {
  return { code: p.code, severity: p.severity, message: locale === 'en' ? p.en : p.de, fields: [...p.fields], ruleId: 'input', ruleSet: 'pvs-rules', source: 'KVDT-Datensatzbeschreibung' };
}

/** `checkAll` was given no list of entries. */
export const NOT_A_LIST: InputProblem = Object.freeze({
  code: 'INPUT-STAPEL',
  severity: 'error',
  fields: Object.freeze([]) as unknown as string[],
  de: 'Die Leistungen sind keine Liste und wurden nicht geprüft.',
  en: 'The service entries are not a list and were not checked.',
});

/** `checkAll` was given more than MOST_ENTRIES entries (see entries.ts). */
export const TOO_MANY_ENTRIES: InputProblem = Object.freeze({
  code: 'INPUT-STAPEL-GROESSE',
  severity: 'error',
  fields: NOT_A_LIST.fields,
  de: 'Mehr als 10 Millionen Leistungen auf einmal: nicht geprüft.',
  en: 'More than 10 million service entries at once: not checked.',
});

/** A finding of the engine itself (not of a rule, not of the input). */
function engineFinding(code: string, de: string, en: string, locale: Locale, ruleId = 'pvs-rules', ruleSet = 'pvs-rules', costIndex = -1): Finding {
  const message = locale === 'en' ? en : de;
  if (costIndex < 0) return { code, severity: 'error', message, fields: [], ruleId, ruleSet, source: 'pvs-rules' };
  return { code, severity: 'error', message, fields: [], ruleId, ruleSet, source: 'pvs-rules', index: costIndex };
}

/** The checker has no usable rule sets: nothing was checked. */
export function noRuleSetsFinding(locale: Locale): Finding {
  return engineFinding(
    'PRUEFUNG-OHNE-REGELWERK',
    'Keine Regelwerke geladen: die Leistung wurde nicht geprüft.',
    'No rule sets loaded: the service entry was not checked.',
    locale,
  );
}

/**
 * A fault of the engine (a fact, the interpreter, pricing) while evaluating `rule` — or, without
 * a rule, outside any rule. The practice's input is not blamed and nothing of it is quoted.
 */
export function faultFinding(rule: CompiledRule | null, version: CompiledVersion | null, costIndex: number, locale: Locale): Finding {
  if (!rule || !version) {
    return engineFinding(
      'PRUEFUNG-INTERN',
      'Interner Fehler von pvs-rules: die Leistung wurde nicht vollständig geprüft. Bitte dem Hersteller melden.',
      'Internal error of pvs-rules: the service entry was not fully checked. Please report it to the vendor.',
      locale,
    );
  }
  return engineFinding(
    'PRUEFUNG-INTERN',
    `Interner Fehler von pvs-rules in Regel ${rule.id} (${version.key}): diese Regel wurde für die Leistung nicht geprüft, die übrigen schon. Bitte dem Hersteller melden.`,
    `Internal error of pvs-rules in rule ${rule.id} (${version.key}): this rule was not checked for the entry, the others were. Please report it to the vendor.`,
    locale,
    rule.id,
    version.key,
    costIndex,
  );
}

/** Counting the entry for the batch rules failed (a fault of the engine): those rules may miss it. */
export function batchFaultFinding(locale: Locale): Finding {
  return engineFinding(
    'PRUEFUNG-INTERN',
    'Interner Fehler von pvs-rules beim Zählen der Leistung im Stapel: Regeln, die Leistungen vergleichen, können sie übersehen. Bitte dem Hersteller melden.',
    'Internal error of pvs-rules while counting the entry in its batch: rules that compare entries may miss it. Please report it to the vendor.',
    locale,
  );
}
