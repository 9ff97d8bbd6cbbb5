/**
 * The command line: `pvs-rules check` (service entries or a KVDT file), `pvs-rules validate`
 * and `pvs-rules kvdt dump`. An adapter over the core: it reads files, calls the plugin API
 * and prints. Exit codes: 0 no error, 1 an error finding (or a rule-set error for
 * `validate`), 2 unusable input.
 */
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createChecker, loadPracticeContext, loadRuleSets } from '../../plugin-api/index';
import type { CheckResult, Checker, LoadProblem } from '../../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources, readTestCaseSources } from '../node/files';
import { runTestCases, toJUnit } from '../tooling/test-runner';
import { diffRuleSets, formatDiff } from '../tooling/diff';
import { formatExplanation } from '../tooling/explain-text';
import type { RuleSetDoc } from '../model';
import { dirname } from 'node:path';
import { checkKvdtFile } from '../kvdt/check-file';
import { KvdtReader } from '../kvdt/reader';
import { mapCase } from '../kvdt/mapping';
import { formatFileReport, formatProblems, formatResultsText, type Lang } from './format';
import { sarifLevel, toSarif, type SarifResult } from './sarif';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** True when stderr is a terminal (progress bar). */
  tty?: boolean;
}

const VERSION = '0.1.0';

const USAGE = `pvs-rules – Abrechnungsregeln für ASV, Hybrid-DRG und Besondere Versorgung

Aufruf / usage:
  pvs-rules check --entry FILE [--context FILE] [--rules PATH ...] [--format text|json|sarif] [--locale de|en] [--no-fail]
  pvs-rules check FILE.con [--context FILE] [--rules PATH ...] [--format text|json|sarif] [--fix -o OUT.con]
  pvs-rules validate [PATH ...] [--format text|json|sarif] [--locale de|en]
  pvs-rules test [DIR ...] [--rules PATH ...] [--format text|json|sarif|junit]
  pvs-rules explain --entry FILE [--context FILE] [--rules PATH ...]
  pvs-rules diff OLD.json NEW.json [--format text|json]
  pvs-rules kvdt dump FILE.con

  --entry    Leistung(en) als JSON: ein Objekt oder eine Liste / service entry JSON: one object or a list
  FILE.con   KVDT-Abrechnungsdatei (ISO 8859-15) / KVDT billing file
  --context  Praxiskontext (ASV-Teams, FK 0222) / practice context
  --rules    Regelwerke und Kataloge (Datei oder Ordner, mehrfach); Vorgabe: mitgelieferte / rule sets (default: bundled)
  --format   text (Vorgabe), json (genau das Prüfergebnis) oder sarif / text, json (exactly the result) or sarif
  --fix -o   korrigierte Datei schreiben; die Eingabe bleibt unverändert / write a corrected copy; the input is never modified
  --no-fail  Exit-Code 0 auch bei Fehlern in Leistungen (nur berichten) / exit 0 on error findings (report only)

Exit-Codes: 0 keine Fehler, 1 Fehler gefunden, 2 unbrauchbare Eingabe / 0 no errors, 1 errors found, 2 unusable input
`;

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(rest);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const lang: Lang = args.values.locale === 'en' ? 'en' : 'de';
  const format = args.values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && !(format === 'junit' && command === 'test')) {
    io.err(lang === 'en' ? `Unknown format "${format}".\n` : `Unbekanntes Format "${format}".\n`);
    return 2;
  }
  if (command === 'validate') return validate(args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR], format, lang, io);
  if (command === 'check') return args.values.entry ? checkEntries(args, format, lang, io) : checkFile(args, format, lang, io);
  if (command === 'kvdt' && args.positionals[0] === 'dump' && args.positionals[1]) return dump(args.positionals[1], lang, io);
  if (command === 'test') return test(args, format, lang, io);
  if (command === 'explain') return explain(args, lang, io);
  if (command === 'diff' && args.positionals.length === 2) return diff(args.positionals[0]!, args.positionals[1]!, format, lang, io);
  io.err(`${lang === 'en' ? 'Unknown command' : 'Unbekannter Befehl'} "${[command, ...args.positionals].join(' ')}".\n\n${USAGE}`);
  return 2;
}

function parse(rest: string[]) {
  return parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      entry: { type: 'string' },
      context: { type: 'string' },
      rules: { type: 'string', multiple: true },
      format: { type: 'string' },
      locale: { type: 'string' },
      'no-fail': { type: 'boolean' },
      fix: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    },
  });
}

function load(paths: string[], lang: Lang, io: CliIo): ReturnType<typeof loadRuleSets> | undefined {
  let sources;
  try {
    sources = readRuleSources(paths, io.cwd);
  } catch (e) {
    io.err(`${lang === 'en' ? 'Cannot read rule sets' : 'Regelwerke nicht lesbar'}: ${(e as Error).message}\n`);
    return undefined;
  }
  return loadRuleSets(sources);
}

function problemsToSarif(problems: readonly LoadProblem[], lang: Lang): SarifResult[] {
  return problems.map((p) => ({ ruleId: p.code, level: sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: p.file, line: p.line, column: p.column }));
}

function validate(paths: string[], format: string, lang: Lang, io: CliIo): number {
  let sources;
  try {
    sources = readRuleSources(paths, io.cwd);
  } catch (e) {
    io.err(`${lang === 'en' ? 'Cannot read' : 'Nicht lesbar'}: ${(e as Error).message}\n`);
    return 2;
  }
  // Practice contexts are checked on their own; everything else loads as one bundle.
  const isContext = (text: string) => /"kind"\s*:\s*"practice-context"/.test(text);
  const contexts = sources.filter((s) => isContext(s.text)).map((s) => loadPracticeContext(s));
  const result = loadRuleSets(sources.filter((s) => !isContext(s.text)));
  const problems: LoadProblem[] = [...result.problems, ...contexts.flatMap((c) => c.problems)];
  const ok = result.ok && contexts.every((c) => c.ok);
  const names = [...(result.ok ? result.bundle.ruleSets : []), ...(contexts.length ? [`${contexts.length} ${lang === 'en' ? 'practice context(s)' : 'Praxiskontext(e)'}`] : [])];
  if (format === 'json') io.out(`${JSON.stringify({ ok, ruleSets: result.ok ? result.bundle.ruleSets : [], problems }, null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(problemsToSarif(problems, lang), VERSION), null, 2)}\n`);
  else {
    if (problems.length) io.out(formatProblems(problems, lang));
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.out(ok ? `${lang === 'en' ? 'OK' : 'In Ordnung'}: ${names.join(', ')}\n` : lang === 'en' ? `${errors} error(s).\n` : `${errors} Fehler.\n`);
  }
  return ok ? 0 : 1;
}

function readJson(path: string, what: string, lang: Lang, io: CliIo): { value: unknown } | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    io.err(`${what}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
    return undefined;
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    io.err(`${what} ${path}: ${lang === 'en' ? 'not valid JSON' : 'kein gültiges JSON'}: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** Loads rule sets and context and creates the checker, or reports why not. */
function prepare(args: ReturnType<typeof parse>, lang: Lang, io: CliIo): Checker | undefined {
  let context: ReturnType<typeof loadPracticeContext> | undefined;
  if (args.values.context) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, args.values.context), 'utf8');
    } catch (e) {
      io.err(`${lang === 'en' ? 'Context' : 'Kontext'}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
      return undefined;
    }
    context = loadPracticeContext({ name: args.values.context, text });
    // Context warnings (late leave report, distance) go to stderr; errors stop the check.
    if (context.problems.length) io.err(formatProblems(context.problems, lang));
    if (!context.ok) {
      io.err(lang === 'en' ? 'The practice context has errors; nothing was checked.\n' : 'Der Praxiskontext hat Fehler; es wurde nichts geprüft.\n');
      return undefined;
    }
  }
  const loaded = load(args.values.rules ?? [BUNDLED_RULES_DIR], lang, io);
  if (!loaded) return undefined;
  if (!loaded.ok) {
    io.err(formatProblems(loaded.problems, lang));
    io.err(lang === 'en' ? 'The rule sets have errors; nothing was checked.\n' : 'Die Regelwerke haben Fehler; es wurde nichts geprüft.\n');
    return undefined;
  }
  return createChecker({ ruleSets: loaded.bundle, context, locale: lang });
}

function checkEntries(args: ReturnType<typeof parse>, format: string, lang: Lang, io: CliIo): number {
  const entry = readJson(args.values.entry!, lang === 'en' ? 'Entry' : 'Leistung', lang, io);
  if (!entry) return 2;
  const checker = prepare(args, lang, io);
  if (!checker) return 2;
  const entries = entriesOf(entry.value);
  // A file with one entry prints one result; a list or batch prints a list.
  const many = entries.length !== 1 || entries[0] !== entry.value;
  const results: CheckResult[] = checker.checkAll(entries);
  if (format === 'json') io.out(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
  else if (format === 'sarif') {
    const sarif = results.flatMap((r, i) =>
      r.findings.map((f): SarifResult => ({ ruleId: f.code, level: sarifLevel(f.severity), message: `${many ? `#${i + 1}: ` : ''}${f.message}`, uri: args.values.entry! })),
    );
    io.out(`${JSON.stringify(toSarif(sarif, VERSION), null, 2)}\n`);
  } else io.out(formatResultsText(entries, results, lang));
  // An entry that could not be checked at all (no date, no fee number) is unusable input.
  if (results.some((r) => r.findings.some((f) => f.ruleId === 'input' && f.severity === 'error'))) return 2;
  const hasError = results.some((r) => r.findings.some((f) => f.severity === 'error'));
  return hasError && !args.values['no-fail'] ? 1 : 0;
}

async function checkFile(args: ReturnType<typeof parse>, format: string, lang: Lang, io: CliIo): Promise<number> {
  const file = args.positionals[0];
  if (!file) {
    io.err(`${lang === 'en' ? 'Give --entry FILE or a KVDT file' : 'Bitte --entry DATEI oder eine KVDT-Datei angeben'}\n\n${USAGE}`);
    return 2;
  }
  const input = resolve(io.cwd, file);
  let size: number;
  try {
    size = statSync(input).size;
  } catch (e) {
    io.err(`${file}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.values.fix && !args.values.output) {
    io.err(lang === 'en' ? '--fix needs -o OUT.con\n' : '--fix braucht -o AUSGABE.con\n');
    return 2;
  }
  const output = args.values.output ? resolve(io.cwd, args.values.output) : undefined;
  if (output && output === input) {
    io.err(lang === 'en' ? 'The output must not be the input file: it is never modified in place.\n' : 'Die Ausgabe darf nicht die Eingabedatei sein: sie wird nie überschrieben.\n');
    return 2;
  }
  const checker = prepare(args, lang, io);
  if (!checker) return 2;

  const sink = output ? createWriteStream(output) : undefined;
  const progress = io.tty && size > 4 * 1024 * 1024;
  let lastShown = -1;
  let report;
  try {
    report = await checkKvdtFile(() => createReadStream(input, { highWaterMark: 256 * 1024 }), checker, {
      write: sink
        ? async (bytes) => {
            if (!sink.write(bytes)) await once(sink, 'drain');
          }
        : undefined,
      onProgress: progress
        ? (read) => {
            const pct = Math.floor((read / size) * 100);
            if (pct !== lastShown) {
              lastShown = pct;
              io.err(`\r${'#'.repeat(pct >> 2).padEnd(25, '.')} ${pct}%`);
            }
          }
        : undefined,
    });
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  } finally {
    if (sink) {
      sink.end();
      await once(sink, 'close');
    }
    if (progress) io.err('\r'.padEnd(40) + '\r');
  }
  if (format === 'json') io.out(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
  else if (format === 'sarif') {
    const results: SarifResult[] = [
      ...report.problems.map((p): SarifResult => ({ ruleId: `KVDT-${p.code}`, level: sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: file, line: p.line })),
      ...report.findings.map((f): SarifResult => ({ ruleId: f.code, level: sarifLevel(f.severity), message: f.message, uri: file, line: f.line })),
    ];
    io.out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
  } else io.out(formatFileReport(file, report, lang, output));
  if (report.lines === 0) return 2;
  const hasError = report.problems.some((p) => p.severity === 'error') || report.findings.some((f) => f.severity === 'error');
  return hasError && !args.values['no-fail'] ? 1 : 0;
}

/** Prints the parsed structure as JSON, record by record (for debugging). */
async function dump(file: string, lang: Lang, io: CliIo): Promise<number> {
  const reader = new KvdtReader();
  const print = (records: ReturnType<KvdtReader['push']>) => {
    for (const r of records) {
      const entries = mapCase(r, reader.practice).map((s) => s.entry);
      const lines = r.lines.map((l) => ({ line: l.lineNo, fk: l.fk, content: l.content, ...(l.problems.length ? { problems: l.problems.map((p) => (lang === 'en' ? p.en : p.de)) } : {}) }));
      io.out(`${JSON.stringify({ record: r.type, lines, ...(entries.length ? { entries } : {}) })}\n`);
    }
  };
  try {
    for await (const chunk of createReadStream(resolve(io.cwd, file))) print(reader.push(chunk as Buffer));
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  }
  print(reader.end());
  io.out(`${JSON.stringify({ practice: reader.practice })}\n`);
  return 0;
}

function test(args: ReturnType<typeof parse>, format: string, lang: Lang, io: CliIo): number {
  const dirs = args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR];
  const loaded = load(args.values.rules ?? [BUNDLED_RULES_DIR], lang, io);
  if (!loaded) return 2;
  if (!loaded.ok) {
    io.err(formatProblems(loaded.problems, lang));
    return 2;
  }
  let sources;
  try {
    sources = readTestCaseSources(dirs, io.cwd);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  const report = runTestCases(sources, loaded.bundle, (from, path) => {
    const name = resolve(io.cwd, dirname(from), path);
    try {
      return { name: path, text: readFileSync(name, 'utf8') };
    } catch {
      return undefined;
    }
  });
  const failed = report.cases.filter((c) => !c.passed);
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'junit') io.out(toJUnit(report, lang));
  else if (format === 'sarif') {
    const results: SarifResult[] = [
      ...problemsToSarif(report.problems, lang),
      ...failed.map((c): SarifResult => ({ ruleId: 'test-failed', level: 'error', message: `${c.name}: ${c.differences.map((d) => (lang === 'en' ? d.en : d.de)).join('; ')}`, uri: c.file, line: c.line })),
    ];
    io.out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
  } else {
    if (report.problems.length) io.out(formatProblems(report.problems, lang));
    for (const c of report.cases) {
      io.out(`${c.passed ? 'ok  ' : (lang === 'en' ? 'FAIL' : 'FEHL')} ${c.file}:${c.line} ${c.name}\n`);
      if (!c.passed) {
        for (const d of c.differences) io.out(`       ${lang === 'en' ? d.en : d.de}\n`);
        io.out(formatExplanation(c.explanation!, lang).replace(/^/gm, '       '));
      }
    }
    io.out(`${report.cases.length - failed.length} ${lang === 'en' ? 'passed' : 'bestanden'}, ${failed.length} ${lang === 'en' ? 'failed' : 'fehlgeschlagen'}\n`);
  }
  return failed.length || report.problems.length ? 1 : 0;
}

function explain(args: ReturnType<typeof parse>, lang: Lang, io: CliIo): number {
  if (!args.values.entry) {
    io.err(`${lang === 'en' ? '--entry is required' : '--entry fehlt'}\n`);
    return 2;
  }
  const entry = readJson(args.values.entry, lang === 'en' ? 'Entry' : 'Leistung', lang, io);
  if (!entry) return 2;
  const checker = prepare(args, lang, io);
  if (!checker) return 2;
  for (const e of entriesOf(entry.value)) io.out(formatExplanation(checker.explain(e), lang));
  return 0;
}

function diff(oldPath: string, newPath: string, format: string, lang: Lang, io: CliIo): number {
  const a = readJson(oldPath, 'OLD', lang, io);
  const b = readJson(newPath, 'NEW', lang, io);
  if (!a || !b) return 2;
  const d = diffRuleSets(a.value as RuleSetDoc, b.value as RuleSetDoc);
  io.out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, lang));
  return 0;
}

/** An entry file holds one entry, an array of entries, or a batch `{ "$schema", "entries": [...] }`. */
function entriesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Array.isArray((value as { entries?: unknown }).entries) && !('gop' in value) && !('hybridDrg' in value)) {
    return (value as { entries: unknown[] }).entries;
  }
  return [value];
}
