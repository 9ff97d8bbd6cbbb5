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
 * @packageDocumentation
 */
import type { Checker, CheckerOptions, LoadResult, RuleSetSource } from './types';
import { loadRuleSets as load, createChecker as create } from '../src/index';

export type * from './types';

/**
 * Parses, validates (JSON Schema and semantic checks) and compiles rule sets and catalogues.
 * Synchronous and free of I/O: the host reads the files. Never throws on bad input; every
 * problem comes back with file, JSON pointer and line:column.
 *
 * @param sources - every rule-set version and catalogue to load, as name + JSON text
 */
export function loadRuleSets(sources: readonly RuleSetSource[]): LoadResult {
  return load(sources);
}

/**
 * Creates a checker for a loaded bundle. `check`, `checkAll` and `explain` are synchronous.
 *
 * @param options - the bundle, and optionally the practice context and the message locale
 */
export function createChecker(options: CheckerOptions): Checker {
  return create(options);
}
