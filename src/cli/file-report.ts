/**
 * The report of a KVDT file check, written as the events come: text (German or English),
 * JSON Lines, JSON, SARIF and JUnit. Nothing is collected but the set of rule codes SARIF lists
 * at the end, so a report of millions of findings is written in flat memory.
 */
import type { FileProblem, KvdtEvent, KvdtSummary } from '../kvdt/check-file';
import type { Lang } from './format';
import { kbvLabel, SEVERITY } from './format';
import { sarifLevel, sarifResultObject } from './sarif';
import { xml } from '../tooling/test-runner';
import type { ReportOut } from './report-bytes';

export type FileReportFormat = 'text' | 'jsonl' | 'json' | 'sarif' | 'junit';

export interface FileReportWriter {
  /** Puts the text for an event into `out`: a problem, a finding or a correction (nothing for the others). */
  event(e: KvdtEvent, out: ReportOut): void;
  /** The closing text: the summary, and where the corrected file was written. */
  end(summary: KvdtSummary, written: string | undefined): string;
}

/** The located message of a problem, as the text report and stderr print it. */
export function problemLine(file: string, p: FileProblem, lang: Lang): string {
  const where = p.line > 0 ? `${file}:${p.line}` : file;
  const message = lang === 'en' ? p.messageEn : p.message;
  if (p.severity === 'fatal') return `${where}: ${message}\n`;
  return `${where}: ${SEVERITY[lang][p.severity].trim()} [KVDT-${p.code}] ${message}\n`;
}

/** `ruleSets`: the `<id>@<version>` of the rule sets applied, which the text and JSON reports name (what a file was checked against is part of its result). */
export function fileReportWriter(format: FileReportFormat, file: string, lang: Lang, version: string, ruleSets: readonly string[] = []): FileReportWriter {
  if (format === 'text') return textWriter(file, lang, ruleSets);
  if (format === 'jsonl') return jsonLinesWriter(file, ruleSets);
  if (format === 'json') return jsonWriter(file, ruleSets);
  if (format === 'junit') return junitWriter(file, lang);
  return sarifWriter(file, lang, version);
}

function textWriter(file: string, lang: Lang, ruleSets: readonly string[]): FileReportWriter {
  const en = lang === 'en';
  return {
    event(e, out) {
      // A fatal problem goes to stderr, said by the command.
      if (e.type === 'problem') {
        if (e.problem.severity !== 'fatal') out.put(problemLine(file, e.problem, lang));
        return;
      }
      if (e.type !== 'finding') return;
      const f = e.finding;
      out.put(`${file}:${f.line}: ${SEVERITY[lang][f.severity].trim()} ${f.code}${kbvLabel(f.kbvRule)} [FK ${f.fields.join(', ')}] ${f.message} (GOP ${f.gop}, ${f.date}; ${en ? 'rule' : 'Regel'} ${f.ruleId})\n`);
    },
    end(s, written) {
      const f = s.findings;
      const problems = s.problems.fatal + s.problems.error + s.problems.warning + s.problems.info;
      let out = en
        ? `Summary: ${s.lines} lines, ${s.cases} cases, ${s.services} services; ${f.error} error(s), ${f.warning} warning(s), ${f.info} info; ${s.corrections} correction(s); ${problems} file problem(s)\n`
        : `Zusammenfassung: ${s.lines} Zeilen, ${s.cases} Fälle, ${s.services} Leistungen; ${f.error} Fehler, ${f.warning} Warnung(en), ${f.info} Hinweis(e); ${s.corrections} Korrektur(en); ${problems} Dateiproblem(e)\n`;
      const codes = Object.entries(s.byCode)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([c, n]) => `${c} ${n}`);
      if (codes.length) out += `${en ? 'By code' : 'Nach Code'}: ${codes.join(', ')}\n`;
      if (ruleSets.length) out += `${en ? 'Rule sets' : 'Regelwerke'}: ${ruleSets.join(', ')}\n`;
      if (written) out += en ? `Corrected file written to ${written}\n` : `Korrigierte Datei geschrieben: ${written}\n`;
      return out;
    },
  };
}

/** The JSON object of a problem, finding or correction, with its type first (and a line end with `newline`); nothing for other events. */
function item(e: KvdtEvent, out: ReportOut, newline: boolean): void {
  // The type spliced in front of the object's own members: no copy of the object per line.
  if (e.type === 'problem') out.putJson('"type":"problem",', e.problem, newline);
  else if (e.type === 'finding') out.putJson('"type":"finding",', e.finding, newline);
  else if (e.type === 'correction') out.putJson('"type":"correction",', e.correction, newline);
}

function jsonLinesWriter(file: string, ruleSets: readonly string[]): FileReportWriter {
  return {
    event: (e, out) => item(e, out, true),
    end: (s, written) => `${JSON.stringify({ type: 'summary', file, ...s, ruleSets, ...(written ? { written } : {}) })}\n`,
  };
}

function jsonWriter(file: string, ruleSets: readonly string[]): FileReportWriter {
  let first = true;
  return {
    event(e, out) {
      if (e.type !== 'problem' && e.type !== 'finding' && e.type !== 'correction') return;
      out.put(first ? `{"file":${JSON.stringify(file)},"results":[\n` : ',\n');
      first = false;
      item(e, out, false);
    },
    end(s, written) {
      const head = first ? `{"file":${JSON.stringify(file)},"results":[` : '\n';
      return `${head}],"summary":${JSON.stringify({ ...s, ruleSets, ...(written ? { written } : {}) })}}\n`;
    },
  };
}

function sarifWriter(file: string, lang: Lang, version: string): FileReportWriter {
  let first = true;
  const rules = new Set<string>();
  const head = () => {
    const text = first ? '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[\n' : ',\n';
    first = false;
    return text;
  };
  return {
    event(e, out) {
      if (e.type === 'problem') {
        const p = e.problem;
        rules.add(`KVDT-${p.code}`);
        out.put(head() + JSON.stringify(sarifResultObject({ ruleId: `KVDT-${p.code}`, level: p.severity === 'fatal' ? 'error' : sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: file, ...(p.line > 0 ? { line: p.line } : {}), ...(p.kbvRule !== undefined ? { kbvRule: p.kbvRule } : {}) })));
      }
      if (e.type === 'finding') {
        const f = e.finding;
        rules.add(f.code);
        out.put(head() + JSON.stringify(sarifResultObject({ ruleId: f.code, level: sarifLevel(f.severity), message: f.message, uri: file, line: f.line, ...(f.kbvRule !== undefined ? { kbvRule: f.kbvRule } : {}) })));
      }
    },
    end() {
      // Results first, the tool after them: property order does not matter in JSON, and the rule list is known only now.
      const tool = { driver: { name: 'pvs-rules', version, rules: [...rules].sort().map((id) => ({ id })) } };
      return `${first ? '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[' : '\n'}],"tool":${JSON.stringify(tool)}}]}\n`;
    },
  };
}

/**
 * JUnit XML for CI systems: one test case per problem and finding, failed for an error (and a
 * fatal problem), passed with its text for a warning or info, and one for the whole file. The
 * counts CI systems show are taken from the cases (no totals up front: they are known only at
 * the end).
 */
function junitWriter(file: string, lang: Lang): FileReportWriter {
  let first = true;
  const head = () => {
    const text = first ? `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pvs-rules">\n  <testsuite name="${xml(file)}">\n` : '';
    first = false;
    return text;
  };
  const testCase = (name: string, line: number, failed: boolean, message: string) =>
    `    <testcase classname="${xml(file)}" name="${xml(name)}" file="${xml(file)}"${line > 0 ? ` line="${line}"` : ''}>${failed ? `<failure message="${xml(message)}"/>` : `<system-out>${xml(message)}</system-out>`}</testcase>\n`;
  return {
    event(e, out) {
      if (e.type === 'problem') {
        const p = e.problem;
        out.put(head() + testCase(`${p.line}: KVDT-${p.code}`, p.line, p.severity !== 'warning', lang === 'en' ? p.messageEn : p.message));
      } else if (e.type === 'finding') {
        const f = e.finding;
        out.put(head() + testCase(`${f.line}: ${f.code}`, f.line, f.severity === 'error', f.message));
      }
    },
    end(s, written) {
      const f = s.findings;
      const failed = s.fatal || s.problems.error > 0 || f.error > 0;
      const summary = `${s.lines} lines, ${s.cases} cases, ${s.services} services; ${f.error} errors, ${f.warning} warnings, ${f.info} info; ${s.corrections} corrections${written ? `; corrected file ${written}` : ''}`;
      return `${head()}${testCase(lang === 'en' ? 'file' : 'Datei', 0, failed, summary)}  </testsuite>\n</testsuites>\n`;
    },
  };
}
