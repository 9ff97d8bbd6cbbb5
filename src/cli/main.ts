/**
 * The command line: `pvs-rules check` and `pvs-rules validate`. An adapter over the core:
 * it reads files, calls the plugin API and prints. Exit codes: 0 no error finding, 1 an
 * error finding (or a rule-set error for `validate`), 2 unusable input.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createChecker, loadRuleSets } from '../../plugin-api/index';
import type { CheckResult, LoadProblem } from '../../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../node/files';
import { formatProblems, formatResultsText, type Lang } from './format';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

const USAGE = `pvs-rules – Abrechnungsregeln für ASV, Hybrid-DRG und Besondere Versorgung

Aufruf / usage:
  pvs-rules check --entry FILE [--context FILE] [--rules PATH ...] [--format text|json] [--locale de|en] [--no-fail]
  pvs-rules validate [PATH ...] [--format text|json] [--locale de|en]

  --entry    Leistung(en) als JSON: ein Objekt oder eine Liste / service entry JSON: one object or a list
  --context  Praxiskontext (ASV-Teams, FK 0222) / practice context
  --rules    Regelwerke und Kataloge (Datei oder Ordner, mehrfach); Vorgabe: mitgelieferte / rule sets (default: bundled)
  --format   text (Vorgabe) oder json: json gibt genau das Prüfergebnis aus / json prints exactly the result
  --no-fail  Exit-Code 0 auch bei Fehlern in Leistungen (nur berichten) / exit 0 on error findings (report only)

Exit-Codes: 0 keine Fehler, 1 Fehler gefunden, 2 unbrauchbare Eingabe / 0 no errors, 1 errors found, 2 unusable input
`;

/** Runs the CLI; returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
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
  if (format !== 'text' && format !== 'json') {
    io.err(lang === 'en' ? `Unknown format "${format}".\n` : `Unbekanntes Format "${format}".\n`);
    return 2;
  }
  if (command === 'validate') return validate(args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR], format, lang, io);
  if (command === 'check') return check(args, format, lang, io);
  io.err(`${lang === 'en' ? 'Unknown command' : 'Unbekannter Befehl'} "${command}".\n\n${USAGE}`);
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
    },
  });
}

function load(paths: string[], lang: Lang, io: CliIo) {
  let sources;
  try {
    sources = readRuleSources(paths, io.cwd);
  } catch (e) {
    io.err(`${lang === 'en' ? 'Cannot read rule sets' : 'Regelwerke nicht lesbar'}: ${(e as Error).message}\n`);
    return undefined;
  }
  return loadRuleSets(sources);
}

function validate(paths: string[], format: string, lang: Lang, io: CliIo): number {
  const result = load(paths, lang, io);
  if (!result) return 2;
  const problems: LoadProblem[] = result.problems;
  if (format === 'json') io.out(`${JSON.stringify({ ok: result.ok, ruleSets: result.ok ? result.bundle.ruleSets : [], problems }, null, 2)}\n`);
  else {
    if (problems.length) io.out(formatProblems(problems, lang));
    io.out(
      result.ok
        ? lang === 'en'
          ? `OK: ${result.bundle.ruleSets.join(', ')}\n`
          : `In Ordnung: ${result.bundle.ruleSets.join(', ')}\n`
        : lang === 'en'
          ? `${problems.filter((p) => p.severity === 'error').length} error(s).\n`
          : `${problems.filter((p) => p.severity === 'error').length} Fehler.\n`,
    );
  }
  return result.ok ? 0 : 1;
}

function readJson(path: string, what: string, lang: Lang, io: CliIo): { value: unknown } | undefined {
  let text: string;
  try {
    text = readFileSync(path.startsWith('/') ? path : `${io.cwd}/${path}`, 'utf8');
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

function check(args: ReturnType<typeof parse>, format: string, lang: Lang, io: CliIo): number {
  if (!args.values.entry) {
    io.err(`${lang === 'en' ? '--entry is required' : '--entry fehlt'}\n\n${USAGE}`);
    return 2;
  }
  const entry = readJson(args.values.entry, lang === 'en' ? 'Entry' : 'Leistung', lang, io);
  if (!entry) return 2;
  let context: unknown;
  if (args.values.context) {
    const c = readJson(args.values.context, lang === 'en' ? 'Context' : 'Kontext', lang, io);
    if (!c) return 2;
    context = c.value;
  }
  const loaded = load(args.values.rules ?? [BUNDLED_RULES_DIR], lang, io);
  if (!loaded) return 2;
  if (!loaded.ok) {
    io.err(formatProblems(loaded.problems, lang));
    io.err(lang === 'en' ? 'The rule sets have errors; nothing was checked.\n' : 'Die Regelwerke haben Fehler; es wurde nichts geprüft.\n');
    return 2;
  }
  const checker = createChecker({ ruleSets: loaded.bundle, context, locale: lang });
  const many = Array.isArray(entry.value);
  const entries = many ? (entry.value as unknown[]) : [entry.value];
  const results: CheckResult[] = checker.checkAll(entries);
  if (format === 'json') io.out(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
  else io.out(formatResultsText(entries, results, lang));
  // An entry that could not be checked at all (no date, no fee number) is unusable input.
  if (results.some((r) => r.findings.some((f) => f.ruleId === 'input' && f.severity === 'error'))) return 2;
  const hasError = results.some((r) => r.findings.some((f) => f.severity === 'error'));
  return hasError && !args.values['no-fail'] ? 1 : 0;
}
