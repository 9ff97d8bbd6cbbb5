/**
 * pvs-rules: the plugin API.
 *
 * ```ts
 * import { loadRuleSets, createChecker } from 'pvs-rules';
 * const loaded = loadRuleSets(sources);           // validate + compile, once
 * if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n'));
 * const checker = createChecker({ ruleSets: loaded.bundle });
 * const { findings, corrections } = checker.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] });
 * ```
 *
 * @module pvs-rules
 */
import type { Checker, CheckerOptions, LoadProblem, LoadResult, RuleSetSource } from './types';
import { loadRuleSets as load, createChecker as create, loadPracticeContext as loadContext } from '../src/index';
import { loadBundledRuleSets as loadBundled } from '../src/node/bundled';

export type * from './types';

/**
 * Parses, validates (JSON Schema and semantic checks) and compiles rule sets and catalogues.
 * Synchronous and free of I/O: the host reads the files. Never throws, whatever it is given
 * (a proxy, a throwing getter, a document that would make the loader fail); every problem
 * comes back with file, JSON pointer and line:column. Loading no rule set (only catalogues,
 * or nothing) is the error `no-rule-sets`: such a bundle would pass every entry.
 *
 * @param sources - every rule-set version and catalogue to load, as name + JSON text
 */
export function loadRuleSets(sources: readonly RuleSetSource[]): LoadResult {
  return load(sources);
}

/**
 * Loads the rule sets, catalogues and contracts that ship in this package's `rules/` folder
 * (Node.js: the files are read next to the installed package), together with the host's own
 * documents, e.g. a real § 140a contract. Never throws: an unreadable `rules/` folder is a
 * problem like any other. Hosts without a file system use `dist/pvs-rules.standalone.js`,
 * which has the same documents inside.
 *
 * ```ts
 * const loaded = loadBundledRuleSets([{ name: 'vertrag.json', text: contractJson }]);
 * ```
 *
 * @param extra - further documents to load with the shipped ones, as name + JSON text
 */
export function loadBundledRuleSets(extra: readonly RuleSetSource[] = []): LoadResult {
  return loadBundled(extra);
}

/**
 * Creates a checker for a loaded bundle. `check`, `checkAll` and `explain` are synchronous.
 * Never throws: without a bundle from {@link loadRuleSets} every check gives the one error
 * `PRUEFUNG-OHNE-REGELWERK` and `ruleSetProblems` says why; a context that cannot be read is
 * one of `contextProblems`.
 *
 * @param options - the bundle, and optionally the practice context and the message locale
 */
export function createChecker(options: CheckerOptions): Checker {
  return create(options);
}

/** A validated practice context, ready for {@link createChecker}. */
export type PracticeContext = { readonly __brand: 'PracticeContext' };

/**
 * Parses and validates a practice context (the practice's ASV teams and team numbers).
 * Errors (schema, dates, duplicate teams, members without LANR, team numbers with a wrong
 * check digit) and the one warning (a team missing from practiceTeamNumbers, FK 0222) come
 * located like rule-set problems. What the members' data means for billing (a leave reported
 * late, a member too far from the team lead) is said by the ASV rules at the service, not
 * here. Never throws.
 *
 * @param source - the context document's name and JSON text
 */
export function loadPracticeContext(source: RuleSetSource): { ok: true; context: PracticeContext; problems: LoadProblem[] } | { ok: false; problems: LoadProblem[] } {
  return loadContext(source) as never;
}
