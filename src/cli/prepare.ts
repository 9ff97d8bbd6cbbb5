/** Loading what commands share: rule sets, the practice context, JSON inputs, the checker. */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { createChecker, loadPracticeContext, loadRuleSets } from '../../plugin-api/index';
import type { Checker, LoadProblem, RuleSetBundle, RuleSetSource } from '../../plugin-api/types';
import { BUNDLED_RULES_DIR, isPracticeContext, readRuleSources } from '../node/files';
import type { CliArgs, CliIo } from './args';
import { formatProblems, type Lang } from './format';
import { sarifLevel, type SarifResult } from './sarif';

/** The documents of a `--rules`, `validate` or `test` path list, practice contexts apart. */
export interface RuleDocuments {
  /** Rule sets, catalogues, contracts (everything loadRuleSets takes). */
  sources: RuleSetSource[];
  /** Practice contexts found among them: checked on their own, never loaded as rule sets. */
  contexts: RuleSetSource[];
  /** Whether some document declares itself a rule set (`"kind": "ruleset"`). */
  hasRuleSet: boolean;
}

const RULESET_KIND = /"kind"\s*:\s*"ruleset"/;

/**
 * The documents under `paths` (folders, or `*.json` files named one by one), or undefined
 * after reporting why they cannot be read: a path that does not exist, or a file named that is
 * no JSON document (a KVDT file given to `--rules`, say).
 */
export function ruleDocuments(paths: readonly string[], lang: Lang, io: CliIo): RuleDocuments | undefined {
  for (const p of paths) {
    let file: boolean;
    try {
      file = statSync(resolve(io.cwd, p)).isFile();
    } catch (e) {
      io.err(`${p}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'} (${(e as NodeJS.ErrnoException).code ?? 'EIO'})\n`);
      return undefined;
    }
    if (file && !p.endsWith('.json')) {
      io.err(
        lang === 'en'
          ? `${p}: not a rule set file: expected JSON documents (rule sets with "kind": "ruleset", catalogues, contracts) or a folder of them; nothing was checked.\n`
          : `${p}: keine Regelwerk-Datei: erwartet werden JSON-Dokumente (Regelwerke mit "kind": "ruleset", Kataloge, Verträge) oder ein Ordner damit; es wurde nichts geprüft.\n`,
      );
      return undefined;
    }
  }
  let all: RuleSetSource[];
  try {
    all = readRuleSources(paths, io.cwd, true);
  } catch (e) {
    reportUnreadable(e, paths, lang, io);
    return undefined;
  }
  const contexts = all.filter((s) => isPracticeContext(s.text));
  const sources = all.filter((s) => !isPracticeContext(s.text));
  return { sources, contexts, hasRuleSet: sources.some((s) => RULESET_KIND.test(s.text)) };
}

/**
 * `PATH: nicht lesbar (CODE)` for a failure while reading the folders or files `paths`: PATH is
 * the one the system names (a dangling link, a loop of links inside a folder), else `paths`.
 */
export function reportUnreadable(e: unknown, paths: readonly string[], lang: Lang, io: CliIo): void {
  const { path, code } = e as NodeJS.ErrnoException;
  io.err(`${typeof path === 'string' ? relative(io.cwd, path) || path : paths.join(', ')}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'} (${code ?? 'EIO'})\n`);
}

/** Says that `paths` hold no rule set, so that nothing can be checked against them (the caller exits 2). */
export function reportNoRuleSets(paths: readonly string[], lang: Lang, io: CliIo): void {
  const where = paths.join(', ');
  io.err(
    lang === 'en'
      ? `No rule sets: ${where} holds no rule set (a JSON document with "kind": "ruleset"); nothing was checked.\n`
      : `Keine Regelwerke: ${where} enthält kein Regelwerk (ein JSON-Dokument mit "kind": "ruleset"); es wurde nichts geprüft.\n`,
  );
}

/**
 * The rule sets under `paths` loaded, or undefined after reporting why not: no rule set among
 * them, or rule sets with errors (with every problem located).
 */
export function load(paths: readonly string[], lang: Lang, io: CliIo): { ok: true; bundle: RuleSetBundle; problems: LoadProblem[] } | undefined {
  const docs = ruleDocuments(paths, lang, io);
  if (!docs) return undefined;
  if (!docs.hasRuleSet) {
    reportNoRuleSets(paths, lang, io);
    return undefined;
  }
  const loaded = loadRuleSets(docs.sources);
  if (!loaded.ok) {
    io.err(formatProblems(loaded.problems, lang));
    if (loaded.problems.some((p) => p.code === 'no-rule-sets')) reportNoRuleSets(paths, lang, io);
    else io.err(lang === 'en' ? 'The rule sets have errors; nothing was checked.\n' : 'Die Regelwerke haben Fehler; es wurde nichts geprüft.\n');
    return undefined;
  }
  return loaded;
}

export function problemsToSarif(problems: readonly LoadProblem[], lang: Lang): SarifResult[] {
  return problems.map((p) => ({ ruleId: p.code, level: sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: p.file, line: p.line, column: p.column }));
}

/** Loads rule sets and context and creates the checker, or reports why not. */
export function prepare(args: CliArgs, lang: Lang, io: CliIo): Checker | undefined {
  let context: ReturnType<typeof loadPracticeContext> | undefined;
  if (args.values.context) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, args.values.context), 'utf8');
    } catch (e) {
      io.err(`${args.values.context}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'} (${(e as NodeJS.ErrnoException).code ?? 'EIO'})\n`);
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
