/** Text output of the CLI, in German or English. */
import type { CheckResult, LoadProblem, Severity } from '../../plugin-api/types';
import type { FileReport } from '../kvdt/check-file';

export type Lang = 'de' | 'en';

const SEVERITY: Record<Lang, Record<Severity, string>> = {
  de: { error: 'FEHLER ', warning: 'WARNUNG', info: 'HINWEIS' },
  en: { error: 'ERROR  ', warning: 'WARNING', info: 'INFO   ' },
};

/** `file:line:column  pointer  message` per problem, as editors and CI logs link them. */
export function formatProblems(problems: readonly LoadProblem[], lang: Lang): string {
  return problems
    .map((p) => `${p.file}:${p.line}:${p.column}: ${SEVERITY[lang][p.severity].trim()} [${p.code}] ${lang === 'en' ? p.messageEn : p.message}  (${p.pointer || '/'})\n`)
    .join('');
}

function describe(entry: unknown, i: number, lang: Lang): string {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const gop = typeof e['gop'] === 'string' ? e['gop'] : '?';
  const date = typeof e['date'] === 'string' ? e['date'] : '?';
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
      out += `  ${SEVERITY[lang][f.severity]} ${f.code} [FK ${f.fields.join(', ')}${pair}]\n    ${f.message}\n    ${lang === 'en' ? 'Source' : 'Quelle'}: ${f.source} · ${lang === 'en' ? 'rule' : 'Regel'} ${f.ruleId} (${f.ruleSet})\n`;
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

/** Text report of a KVDT file check: problems, findings by line, summary by severity and code. */
export function formatFileReport(file: string, report: FileReport, lang: Lang, written?: string): string {
  const en = lang === 'en';
  let out = '';
  for (const p of report.problems) out += `${file}:${p.line}: ${SEVERITY[lang][p.severity].trim()} [KVDT-${p.code}] ${en ? p.messageEn : p.message}\n`;
  for (const f of report.findings) {
    out += `${file}:${f.line}: ${SEVERITY[lang][f.severity].trim()} ${f.code} [FK ${f.fields.join(', ')}] ${f.message} (GOP ${f.gop}, ${f.date}; ${en ? 'rule' : 'Regel'} ${f.ruleId})\n`;
  }
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, number>();
  for (const f of report.findings) {
    bySeverity[f.severity]++;
    byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  }
  const codes = [...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c, n]) => `${c} ${n}`);
  out += en
    ? `Summary: ${report.lines} lines, ${report.cases} cases, ${report.services} services; ${bySeverity.error} error(s), ${bySeverity.warning} warning(s), ${bySeverity.info} info; ${report.corrections.length} correction(s); ${report.problems.length} file problem(s)\n`
    : `Zusammenfassung: ${report.lines} Zeilen, ${report.cases} Fälle, ${report.services} Leistungen; ${bySeverity.error} Fehler, ${bySeverity.warning} Warnung(en), ${bySeverity.info} Hinweis(e); ${report.corrections.length} Korrektur(en); ${report.problems.length} Dateiproblem(e)\n`;
  if (codes.length) out += `${en ? 'By code' : 'Nach Code'}: ${codes.join(', ')}\n`;
  if (written) out += en ? `Corrected file written to ${written}\n` : `Korrigierte Datei geschrieben: ${written}\n`;
  return out;
}
