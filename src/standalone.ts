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
 */
export function createBundledChecker(options: { locale?: 'de' | 'en'; extra?: RuleSetSource[]; context?: string } = {}): Checker {
  const loaded = loadRuleSets([...bundledRuleSets(), ...(options.extra ?? [])]);
  if (!loaded.ok) throw new Error(loaded.problems.map((p: LoadProblem) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n'));
  const context = options.context === undefined ? undefined : loadPracticeContext({ name: 'context', text: options.context });
  return createChecker({ ruleSets: loaded.bundle, locale: options.locale, context });
}
