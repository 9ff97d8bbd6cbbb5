/**
 * Expert test cases (`*.test.json` next to the rule sets): each case is a service entry and
 * the complete expected findings and corrections — or, for rules that compare services (the
 * same patient on the same day, in the same quarter), a batch: a list of entries checked
 * together, each with its own expectation. A batch gives one result per entry, so every
 * report (text, JSON, JUnit, SARIF, the server) covers each entry with its own line. A failing
 * single case carries the actual result and the explanation trace, so a billing expert sees
 * which condition decided.
 */
import type { CheckResult, Checker, Explanation, LoadProblem, RuleSetBundle, RuleSetSource } from '../../plugin-api/types';
import { createChecker, loadPracticeContext } from '../../plugin-api/index';
import { locate, parseJson } from '../load/json-text';
import { schemaProblems } from './test-cases-schema';

export interface ExpectedFinding {
  code: string;
  severity?: string;
  index?: number;
  messageContains?: string;
}
export interface ExpectedCorrection {
  field: string;
  index?: number;
  value: string;
}

export interface CaseResult {
  name: string;
  file: string;
  line: number;
  /** For an entry of a batch: the case's name and the entry's position (1-based) and count. */
  batch?: { case: string; entry: number; of: number };
  passed: boolean;
  /** What differed, in German and English. */
  differences: { de: string; en: string }[];
  expected: { findings: ExpectedFinding[]; corrections: ExpectedCorrection[] };
  actual: CheckResult;
  explanation?: Explanation;
}

export interface TestReport {
  cases: CaseResult[];
  /** Problems of the case files themselves (syntax, schema, context). */
  problems: LoadProblem[];
}

type Expectation = { findings?: ExpectedFinding[]; corrections?: ExpectedCorrection[] };

interface CaseDoc {
  name: string;
  locale?: 'de' | 'en';
  /** A single entry … */
  entry?: Record<string, unknown>;
  expect?: Expectation;
  /** … or a batch: entries checked together, each with its expectation. */
  batch?: { entry: Record<string, unknown>; expect: Expectation }[];
}

/**
 * Runs every case of `sources` against `bundle`. `readFile` resolves a case file's `context`
 * path (relative to the case file) to text; the runner itself does no I/O.
 */
export function runTestCases(sources: readonly RuleSetSource[], bundle: RuleSetBundle, readFile: (fromFile: string, path: string) => RuleSetSource | undefined): TestReport {
  const report: TestReport = { cases: [], problems: [] };
  for (const source of sources) {
    const parsed = parseJson(source.text);
    const add = (pointer: string, code: string, de: string, en: string) =>
      report.problems.push({ file: source.name, pointer, ...locate(parsed.positions, pointer), severity: 'error', code, message: de, messageEn: en });
    for (const p of parsed.problems) report.problems.push({ file: source.name, severity: 'error', ...p });
    if (parsed.value === undefined || parsed.problems.length) continue;
    const schema = schemaProblems('test-cases', parsed.value);
    for (const p of schema) add(p.pointer, 'schema', p.de, p.en);
    if (schema.length) continue;
    const doc = parsed.value as { context?: string; cases: CaseDoc[] };
    let context: ReturnType<typeof loadPracticeContext> | undefined;
    if (doc.context !== undefined) {
      const ctxSource = readFile(source.name, doc.context);
      if (!ctxSource) {
        add('/context', 'context', `Kontextdatei ${doc.context} nicht lesbar.`, `Cannot read context file ${doc.context}.`);
        continue;
      }
      context = loadPracticeContext(ctxSource);
      if (!context.ok) {
        report.problems.push(...context.problems);
        continue;
      }
    }
    const checkers = new Map<string, Checker>();
    const checkerFor = (locale: 'de' | 'en') => {
      let c = checkers.get(locale);
      if (!c) checkers.set(locale, (c = createChecker({ ruleSets: bundle, context, locale })));
      return c;
    };
    const expectedOf = (e: Expectation) => ({ findings: e.findings ?? [], corrections: e.corrections ?? [] });
    doc.cases.forEach((c, i) => {
      const checker = checkerFor(c.locale ?? 'de');
      if (c.batch) {
        const results = checker.checkAll(c.batch.map((b) => b.entry));
        c.batch.forEach((b, k) => {
          const expected = expectedOf(b.expect);
          const differences = compare(expected, results[k]!);
          const line = locate(parsed.positions, `/cases/${i}/batch/${k}`).line;
          report.cases.push({ name: `${c.name} (${k + 1}/${c.batch!.length})`, file: source.name, line, batch: { case: c.name, entry: k + 1, of: c.batch!.length }, passed: differences.length === 0, differences, expected, actual: results[k]! });
        });
        return;
      }
      const actual = checker.check(c.entry);
      const expected = expectedOf(c.expect ?? {});
      const differences = compare(expected, actual);
      const result: CaseResult = { name: c.name, file: source.name, line: locate(parsed.positions, `/cases/${i}`).line, passed: differences.length === 0, differences, expected, actual };
      if (!result.passed) result.explanation = checker.explain(c.entry);
      report.cases.push(result);
    });
  }
  return report;
}

const showFinding = (f: ExpectedFinding) => `${f.code}${f.severity ? ` (${f.severity})` : ''}${f.index !== undefined ? ` #${f.index}` : ''}`;
const showCorrection = (c: ExpectedCorrection) => `${c.field}${c.index !== undefined ? `[${c.index}]` : ''} = ${c.value}`;

function compare(expected: { findings: ExpectedFinding[]; corrections: ExpectedCorrection[] }, actual: CheckResult): { de: string; en: string }[] {
  const out: { de: string; en: string }[] = [];
  const left = [...actual.findings];
  for (const e of expected.findings) {
    const at = left.findIndex(
      (f) => f.code === e.code && (e.severity === undefined || f.severity === e.severity) && (e.index === undefined || f.index === e.index) && (e.messageContains === undefined || f.message.includes(e.messageContains)),
    );
    if (at < 0) out.push({ de: `erwartete Meldung fehlt: ${showFinding(e)}`, en: `expected finding missing: ${showFinding(e)}` });
    else left.splice(at, 1);
  }
  for (const f of left) out.push({ de: `unerwartete Meldung: ${f.code} (${f.severity}): ${f.message}`, en: `unexpected finding: ${f.code} (${f.severity}): ${f.message}` });
  const leftC = [...actual.corrections];
  for (const e of expected.corrections) {
    const at = leftC.findIndex((c) => c.field === e.field && c.value === e.value && (e.index === undefined || c.index === e.index));
    if (at < 0) out.push({ de: `erwartete Korrektur fehlt: ${showCorrection(e)}`, en: `expected correction missing: ${showCorrection(e)}` });
    else leftC.splice(at, 1);
  }
  for (const c of leftC) out.push({ de: `unerwartete Korrektur: ${showCorrection(c)}`, en: `unexpected correction: ${showCorrection(c)}` });
  return out;
}

/** Text for an XML attribute or element; characters XML 1.0 cannot hold (C0 controls) become U+FFFD. */
export const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');

/** JUnit XML, one test suite per case file. */
export function toJUnit(report: TestReport, lang: 'de' | 'en'): string {
  const byFile = new Map<string, CaseResult[]>();
  for (const c of report.cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const failures = report.cases.filter((c) => !c.passed).length;
  out += `<testsuites name="pvs-rules" tests="${report.cases.length}" failures="${failures}" errors="${report.problems.length}">\n`;
  for (const [file, cases] of byFile) {
    out += `  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${cases.filter((c) => !c.passed).length}" errors="0">\n`;
    for (const c of cases) {
      out += `    <testcase classname="${xml(file)}" name="${xml(c.name)}" file="${xml(file)}" line="${c.line}"`;
      if (c.passed) out += '/>\n';
      else {
        const text = c.differences.map((d) => (lang === 'en' ? d.en : d.de)).join('\n');
        out += `>\n      <failure message="${xml(text.split('\n')[0]!)}">${xml(text)}</failure>\n    </testcase>\n`;
      }
    }
    out += '  </testsuite>\n';
  }
  for (const p of report.problems) {
    out += `  <testsuite name="${xml(p.file)}" tests="1" failures="0" errors="1">\n    <testcase classname="${xml(p.file)}" name="${xml(p.code)}"><error message="${xml(lang === 'en' ? p.messageEn : p.message)}"/></testcase>\n  </testsuite>\n`;
  }
  return `${out}</testsuites>\n`;
}
