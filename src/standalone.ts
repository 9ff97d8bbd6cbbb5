/**
 * Entry of `dist/pvs-rules.standalone.js`: one file, no imports, the bundled rule sets and
 * the GOÄ catalogue inside, for JavaScript hosts without a module system (Jint, ClearScript,
 * GraalJS, QuickJS). It exposes the global `PvsRules`.
 *
 * ```js
 * const checker = PvsRules.createBundledChecker({ locale: 'de' });
 * const result = checker.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] });
 * ```
 */
// The pure core, not plugin-api: its Node-side loader reads files, which this bundle has inside.
import { createChecker, loadPracticeContext, loadRuleSets } from './index';
import type { Checker, LoadProblem, RuleSetSource } from '../plugin-api/types';
import { BUNDLED_SOURCES } from 'virtual:bundled-rules';

export { createChecker, loadPracticeContext, loadRuleSets };

/** The rule sets, catalogues and contracts shipped in this file, as name + JSON text. */
export function bundledRuleSets(): RuleSetSource[] {
  return BUNDLED_SOURCES.map((s) => ({ name: s.name, text: s.text }));
}

/**
 * A checker on the bundled rule sets. The host may add its own documents (e.g. a real
 * § 140a contract) and a practice context as JSON text.
 *
 * Throws an `Error` whose message lists each problem as `file:line:column message` when an
 * extra document or the practice context does not load: a checker without them would check
 * silently without their rules (without a context, the ASV team checks stay silent).
 */
export function createBundledChecker(options?: { locale?: 'de' | 'en'; extra?: RuleSetSource[]; context?: string } | null): Checker {
  // null means none, as undefined does (hosts in other languages send unset options as null).
  const { locale, extra, context } = options ?? {};
  const loaded = loadRuleSets([...bundledRuleSets(), ...(extra ?? [])]);
  if (!loaded.ok) throw new Error(located(loaded.problems));
  const practice = context == null ? undefined : loadPracticeContext({ name: 'context', text: context });
  if (practice && !practice.ok) throw new Error(located(practice.problems));
  return createChecker({ ruleSets: loaded.bundle, locale, context: practice });
}

const located = (problems: readonly LoadProblem[]): string => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n');
