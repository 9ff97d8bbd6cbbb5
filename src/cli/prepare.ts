/** Loading what commands share: rule sets, the practice context, JSON inputs, the checker. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createChecker, loadPracticeContext, loadRuleSets } from '../../plugin-api/index';
import type { Checker, LoadProblem } from '../../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../node/files';
import type { CliArgs, CliIo } from './args';
import { formatProblems, type Lang } from './format';
import { sarifLevel, type SarifResult } from './sarif';

export function load(paths: string[], lang: Lang, io: CliIo): ReturnType<typeof loadRuleSets> | undefined {
  let sources;
  try {
    sources = readRuleSources(paths, io.cwd);
  } catch (e) {
    io.err(`${lang === 'en' ? 'Cannot read rule sets' : 'Regelwerke nicht lesbar'}: ${(e as Error).message}\n`);
    return undefined;
  }
  return loadRuleSets(sources);
}

export function problemsToSarif(problems: readonly LoadProblem[], lang: Lang): SarifResult[] {
  return problems.map((p) => ({ ruleId: p.code, level: sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: p.file, line: p.line, column: p.column }));
}

export function readJson(path: string, what: string, lang: Lang, io: CliIo): { value: unknown } | undefined {
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
export function prepare(args: CliArgs, lang: Lang, io: CliIo): Checker | undefined {
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

/** An entry file holds one entry, an array of entries, or a batch `{ "$schema", "entries": [...] }`. */
export function entriesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Array.isArray((value as { entries?: unknown }).entries) && !('gop' in value) && !('hybridDrg' in value)) {
    return (value as { entries: unknown[] }).entries;
  }
  return [value];
}
