/**
 * Parameters: a rule set's named, typed thresholds (6 months, 7 Werktage, 30 minutes …), each
 * with a description and a source. Rules compare with one by writing `{"param": "name"}` as
 * the value of a condition, messages show one as `{name}`, and facts that need one receive it
 * when they are bound (FactDefinition.parameters). Changing a value in the JSON changes what
 * the rules do; no code holds a threshold.
 *
 * Before either evaluator sees a version its parameter references are replaced by their values
 * and each message placeholder naming a parameter gets an event param of that value, so the
 * json-rules-engine reference runs the very same plain rules. In a finding's source and in
 * descriptions (of rules and of the version) `{name}` is replaced by the value at load time.
 */
import type { ConditionDoc, FindingParams, ParameterDoc, RuleDoc, RuleSetDoc } from '../model';
import { isIsoDate } from '../facts/entry';
import { escapePointerToken } from './json-text';
import { eachChild } from '../compile/rule-analysis';
import { PLACEHOLDER } from '../compile/rule-set';

type At = (pointer: string, code: string, de: string, en: string, severity?: 'error' | 'warning' | 'info') => void;

const TYPES: Record<ParameterDoc['type'], { de: string; ok: (v: unknown) => boolean }> = {
  integer: { de: 'eine ganze Zahl', ok: (v) => typeof v === 'number' && Number.isInteger(v) },
  decimal: { de: 'eine Dezimalzahl als Text (z. B. "1.2")', ok: (v) => typeof v === 'string' && /^-?\d{1,9}(\.\d{1,9})?$/.test(v) },
  string: { de: 'ein Text', ok: (v) => typeof v === 'string' },
  boolean: { de: 'true oder false', ok: (v) => typeof v === 'boolean' },
  date: { de: 'ein Datum JJJJ-MM-TT', ok: (v) => isIsoDate(v) },
};

/** A comparison whose value is a literal (no all, any or not below it, no parameter reference). */
const isLeafWithoutReference = (c: ConditionDoc): boolean =>
  typeof c === 'object' && c !== null && c.all === undefined && c.any === undefined && c.not === undefined && (typeof c.value !== 'object' || c.value === null || Array.isArray(c.value) || !Object.prototype.hasOwnProperty.call(c.value, 'param'));

/** True for `{"param": "name"}`: the one shape of a parameter reference. */
export function isParameterReference(v: unknown): v is { param: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && Object.prototype.hasOwnProperty.call(v, 'param');
}

/** What no schema can say about the effective version's parameters: complete, typed, sourced. */
export function checkParameters(doc: RuleSetDoc, sourceIds: ReadonlySet<string>, at: At): void {
  for (const [name, p] of Object.entries(doc.parameters ?? {})) {
    const pointer = `/parameters/${escapePointerToken(name)}`;
    if (p.type === undefined || p.description === undefined) {
      at(pointer, 'parameter-incomplete', `Der Parameter "${name}" braucht type und description (in der Version, die ihn einführt).`, `The parameter "${name}" needs type and description (in the version that introduces it).`);
      continue;
    }
    const type = TYPES[p.type];
    if (!type.ok(p.value)) at(`${pointer}/value`, 'parameter-type', `Der Wert von "${name}" muss ${type.de} sein (type ${p.type}).`, `The value of "${name}" must be of type ${p.type}.`);
    if (!sourceIds.has(p.source)) at(`${pointer}/source`, 'unknown-source', `Unbekannte Quelle "${p.source}" (nicht in sources).`, `Unknown source "${p.source}" (not in sources).`);
  }
}

const RESERVED = new Set(['code', 'severity', 'message', 'fields', 'source']);

/**
 * The version the evaluators see: every `{"param": name}` replaced by the parameter's value,
 * and every finding whose message shows a parameter given an event param of that name and
 * value. Unknown parameters and placeholders that could mean an event param or a parameter are
 * reported; the version is only used when there are no problems. `mayReferToParameters`: false
 * when no document of the version holds a key `param` (then, without parameters, no rule is walked).
 */
export function applyParameters(doc: RuleSetDoc, at: At, mayReferToParameters = true): RuleSetDoc {
  const params = doc.parameters ?? {};
  // Nothing to replace, nothing to show, nothing to report: the version as it is.
  if (!mayReferToParameters && Object.keys(params).length === 0) return doc;
  const value = (ref: { param: string }, pointer: string): unknown => {
    const p = typeof ref.param === 'string' && Object.prototype.hasOwnProperty.call(params, ref.param) ? params[ref.param] : undefined;
    if (p === undefined) {
      at(`${pointer}/param`, 'unknown-parameter', `Den Parameter "${String(ref.param)}" gibt es in diesem Regelwerk nicht.`, `There is no parameter "${String(ref.param)}" in this rule set.`);
      return null;
    }
    return p.value;
  };
  /**
   * The condition with its parameter references replaced; the same object when it has none
   * (copied on write only). `at` gives the condition's pointer: it is only put together when a
   * reference is found.
   */
  const condition = (c: ConditionDoc, at: () => string): ConditionDoc => {
    for (const kind of ['all', 'any'] as const) {
      const list = c[kind];
      if (!Array.isArray(list)) continue;
      let out: ConditionDoc[] | undefined;
      for (let i = 0; i < list.length; i++) {
        const x = list[i]!;
        // Leaves without a reference (nearly all) are passed over without a pointer.
        if (isLeafWithoutReference(x)) continue;
        const y = condition(x, () => `${at()}/${kind}/${i}`);
        if (y !== x) (out ??= [...list])[i] = y;
      }
      return out ? { ...c, [kind]: out } : c;
    }
    if (c.not !== undefined && typeof c.not === 'object' && c.not !== null) {
      const y = condition(c.not, () => `${at()}/not`);
      return y === c.not ? c : { ...c, not: y };
    }
    return isParameterReference(c.value) ? { ...c, value: value(c.value, `${at()}/value`) } : c;
  };
  const names = Object.keys(params);
  const rule = (r: RuleDoc, i: number): RuleDoc => {
    const pointer = `/rules/${i}`;
    const conditions = condition(r.conditions, () => `${pointer}/conditions`);
    let out = conditions === r.conditions ? r : { ...r, conditions };
    if (names.length === 0) return out;
    const description = r.description && shownText(r.description, params);
    if (description !== r.description) out = { ...out, description };
    if (r.event.type !== 'finding') return out;
    let p: FindingParams = r.event.params;
    const source = shownText(p.source, params);
    if (source !== p.source) {
      p = { ...p, source };
      out = { ...out, event: { type: 'finding', params: p } };
    }
    let shown: Record<string, unknown> | undefined;
    for (const lang of ['de', 'en'] as const) {
      const text = p.message?.[lang];
      if (typeof text !== 'string' || !text.includes('{')) continue;
      for (const m of text.matchAll(PLACEHOLDER)) {
        const name = m[1]!;
        if (RESERVED.has(name) || !Object.prototype.hasOwnProperty.call(params, name)) continue;
        if (Object.prototype.hasOwnProperty.call(p, name)) {
          at(`${pointer}/event/params/${escapePointerToken(name)}`, 'placeholder-ambiguous', `{${name}} in der Meldung kann diesen Parameter der Meldung oder den Parameter "${name}" des Regelwerks meinen; einen umbenennen.`, `{${name}} in the message could mean this event param or the rule set's parameter "${name}"; rename one.`);
          continue;
        }
        (shown ??= {})[name] = params[name]!.value;
      }
    }
    if (shown) out = { ...out, event: { type: 'finding', params: { ...p, ...shown } } };
    return out;
  };
  let rules: RuleDoc[] | undefined;
  doc.rules.forEach((r, i) => {
    const y = rule(r, i);
    if (y !== r) (rules ??= [...doc.rules])[i] = y;
  });
  let conditions: Record<string, ConditionDoc> | undefined;
  for (const [n, c] of Object.entries(doc.conditions ?? {})) {
    const y = condition(c, () => `/conditions/${escapePointerToken(n)}`);
    if (y !== c) (conditions ??= { ...doc.conditions })[n] = y;
  }
  const description = doc.description && shownText(doc.description, params);
  if (!rules && !conditions && description === doc.description) return doc;
  return { ...doc, ...(description ? { description } : {}), ...(conditions ? { conditions } : {}), rules: rules ?? doc.rules };
}

/**
 * A source or description with each `{name}` of a parameter replaced by its value: such texts
 * are no templates of a finding, so the value is put in once, when the version is loaded.
 * Braces that name no parameter stay as written. The same object when nothing is replaced.
 */
function shownText<T extends string | { de: string; en: string }>(text: T, params: Record<string, ParameterDoc>): T {
  const fill = (t: string) => (t.includes('{') ? t.replace(PLACEHOLDER, (all, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]!.value) : all)) : t);
  if (typeof text === 'string') {
    const x = fill(text);
    return (x === text ? text : x) as T;
  }
  if (typeof text !== 'object' || text === null) return text;
  const de = fill(text.de);
  const en = fill(text.en);
  return (de === text.de && en === text.en ? text : { ...text, de, en }) as T;
}

/**
 * The parameters a rule's messages should show rather than repeat: those its conditions
 * compare with (named conditions included) and those its facts receive.
 */
export function parametersOfRule(rule: RuleDoc, doc: RuleSetDoc, factParameters: (fact: string) => readonly string[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (c: ConditionDoc | undefined) => {
    if (c === undefined || c === null || typeof c !== 'object') return;
    eachChild(c, visit);
    if (typeof c.condition === 'string' && !seen.has(c.condition)) {
      seen.add(c.condition);
      visit(doc.conditions?.[c.condition]);
    }
    if (isParameterReference(c.value) && typeof c.value.param === 'string') out.add(c.value.param);
    facts(c);
    facts(c.value);
  };
  const facts = (ref: unknown) => {
    const fact = typeof ref === 'object' && ref !== null ? (ref as { fact?: unknown }).fact : undefined;
    if (typeof fact === 'string') for (const n of factParameters(fact)) out.add(n);
  };
  visit(rule.conditions);
  return out;
}

/**
 * Hints (severity info) where a finding's message writes the value of a parameter its rule
 * uses instead of `{name}`: "binnen 6 Monaten" goes stale when the parameter changes.
 */
export function hintLiteralParameters(doc: RuleSetDoc, factParameters: (fact: string) => readonly string[], at: At): void {
  const params = doc.parameters ?? {};
  // Without parameters there is nothing to hint at (and nothing to walk for 20,000 rules).
  if (Object.keys(params).length === 0) return;
  doc.rules.forEach((rule, i) => {
    if (rule.event.type !== 'finding') return;
    const used = parametersOfRule(rule, doc, factParameters);
    for (const name of used) {
      const v = params[name]?.value;
      if (typeof v !== 'number' && typeof v !== 'string') continue;
      const literal = String(v);
      if (literal === '') continue;
      // The value as a word of its own: 6 in "binnen 6 Monaten", not in "2026" or "6,5".
      for (const lang of ['de', 'en'] as const) {
        const message = rule.event.params.message[lang];
        if (writesAsWord(message, literal)) {
          at(
            `/rules/${i}/event/params/message/${lang}`,
            'parameter-literal',
            `Die Meldung nennt den Wert ${literal} des Parameters "${name}" wörtlich; {${name}} schreiben, dann stimmt sie auch nach einer Änderung.`,
            `The message writes the value ${literal} of the parameter "${name}" literally; write {${name}} so it stays right when the value changes.`,
            'info',
          );
        }
      }
    }
  });
}

/**
 * A letter, digit, point or comma (one code point) just before a value: then the value is part
 * of a longer word or number; … just after it: a letter or digit, or a decimal point or comma
 * before a digit ("6,5"). Each as an ASCII expression, which decides the same where the characters
 * it looks at are ASCII, and the source of the Unicode one, made when first needed (its \p
 * classes cost a cold start some 12 M instructions, even as a literal never used).
 */
const WORD_BEFORE: WordTest = [/[A-Za-z0-9.,]/y, '[\\p{L}\\p{N}.,]'];
const WORD_AFTER: WordTest = [/[A-Za-z0-9]|[.,][0-9]/y, '[\\p{L}\\p{N}]|[.,]\\p{N}'];
type WordTest = [RegExp, string, RegExp?];

/** Whether `word` (WORD_BEFORE or WORD_AFTER) matches `message` at `at`: its ASCII expression where the two code units it looks at are ASCII. */
function wordAt(word: WordTest, message: string, at: number): boolean {
  const re = message.charCodeAt(at) > 127 || message.charCodeAt(at + 1) > 127 ? (word[2] ??= new RegExp(word[1], 'uy')) : word[0];
  re.lastIndex = at;
  return re.test(message);
}

/**
 * True when `message` holds `literal` as a word of its own: 6 in "binnen 6 Monaten", not in
 * "2026" or "6,5". Expressions made once: one per value cost a Unicode compile each at
 * every start. A value that is not plain ASCII (only a text parameter can be) is matched by
 * the expression of the value, which decides surrogate pairs the same way.
 */
export function writesAsWord(message: string, literal: string): boolean {
  if (!/^[ -~]+$/.test(literal)) return message.includes(literal) && new RegExp(`(^|[^\\p{L}\\p{N}.,])${literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}]|[.,]\\p{N})`, 'u').test(message);
  for (let k = message.indexOf(literal); k >= 0; k = message.indexOf(literal, k + 1)) {
    if (k > 0) {
      // The code point before: a surrogate pair read whole.
      const before = (message.charCodeAt(k - 1) & 0xfc00) === 0xdc00 && k > 1 && (message.charCodeAt(k - 2) & 0xfc00) === 0xd800 ? k - 2 : k - 1;
      if (wordAt(WORD_BEFORE, message, before)) continue;
    }
    if (!wordAt(WORD_AFTER, message, k + literal.length)) return true;
  }
  return false;
}
