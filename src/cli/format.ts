/** Text output of the CLI, in German or English. */
import type { CheckResult, LoadProblem, Severity } from '../../plugin-api/types';
import { isIsoDate } from '../facts/entry';
import { kbvRuleName } from '../kbv/kvdt-rules';

export type Lang = 'de' | 'en';

/** Severity words, padded to one width. */
export const SEVERITY: Record<Lang, Record<Severity, string>> = {
  de: { error: 'FEHLER ', warning: 'WARNUNG', info: 'HINWEIS' },
  en: { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' },
};

/** `file:line:column  pointer  message` per problem, as editors and CI logs link them. */
export function formatProblems(problems: readonly LoadProblem[], lang: Lang): string {
  return problems
    .map((p) => `${p.file}:${p.line}:${p.column}: ${SEVERITY[lang][p.severity].trim()} [${p.code}] ${lang === 'en' ? p.messageEn : p.message}  (${p.pointer || '/'})\n`)
    .join('');
}

/** ` KVDT-R059` for a finding with a KBV rule number, '' for one without. */
export const kbvLabel = (kbvRule: string | undefined): string => (kbvRule === undefined ? '' : ` ${kbvRuleName(kbvRule)}`);

/** Which entry a result is for; a fee number or date that is none is not echoed (the field may hold anything, a name too). */
function describe(entry: unknown, i: number, lang: Lang): string {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const gop = typeof e['gop'] === 'string' && /^[A-Za-z0-9]{1,9}$/.test(e['gop']) ? e['gop'] : '?';
  const date = isIsoDate(e['date']) ? e['date'] : '?';
  const id = typeof e['id'] === 'string' ? ` (${e['id']})` : '';
  return lang === 'en' ? `Entry ${i + 1}${id}: GOP ${gop} on ${date}` : `Leistung ${i + 1}${id}: GOP ${gop} am ${date}`;
}

export function formatResultsText(entries: readonly unknown[], results: readonly CheckResult[], lang: Lang): string {
  let out = '';
  const count = { error: 0, warning: 0, info: 0, corrections: 0 };
  results.forEach((r, i) => {
    out += `${describe(entries[i], i, lang)}\n`;
    if (!r.findings.length && !r.corrections.length) out += lang === 'en' ? '  no findings\n' : '  keine Beanstandung\n';
    for (const f of r.findings) {
      count[f.severity]++;
      const pair = f.index !== undefined ? (lang === 'en' ? `, pair ${f.index + 1}` : `, Paar ${f.index + 1}`) : '';
      out += `  ${SEVERITY[lang][f.severity]} ${f.code}${kbvLabel(f.kbvRule)} [FK ${f.fields.join(', ')}${pair}]\n    ${f.message}\n    ${lang === 'en' ? 'Source' : 'Quelle'}: ${f.source} · ${lang === 'en' ? 'rule' : 'Regel'} ${f.ruleId} (${f.ruleSet})\n`;
    }
    for (const c of r.corrections) {
      count.corrections++;
      const prev = c.previous !== undefined ? c.previous : lang === 'en' ? 'empty' : 'leer';
      out += `  ${lang === 'en' ? 'CORRECT' : 'KORREKTUR'} FK ${c.field} (${lang === 'en' ? 'pair' : 'Paar'} ${c.index + 1}) = ${c.value}  (${lang === 'en' ? 'was' : 'bisher'}: ${prev}) · ${lang === 'en' ? 'rule' : 'Regel'} ${c.ruleId}\n`;
    }
  });
  out +=
    lang === 'en'
      ? `Summary: ${results.length} entr${results.length === 1 ? 'y' : 'ies'}, ${count.error} error(s), ${count.warning} warning(s), ${count.info} info, ${count.corrections} correction(s)\n`
      : `Zusammenfassung: ${results.length} Leistung(en), ${count.error} Fehler, ${count.warning} Warnung(en), ${count.info} Hinweis(e), ${count.corrections} Korrektur(en)\n`;
  return out;
}
