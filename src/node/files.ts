/**
 * The Node.js file adapter: finds and reads rule-set and catalogue files. The core has no
 * I/O; this module hands it names and texts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSetSource } from '../../plugin-api/types';

/** The rule sets and catalogues shipped with the package (next to src/ or dist/). */
export const BUNDLED_RULES_DIR = ['../../rules', '../rules']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((dir) => existsSync(join(dir, 'catalogues', 'goae.json'))) ?? fileURLToPath(new URL('../../rules', import.meta.url));

/** A practice context's text (`"kind": "practice-context"`): the context of checks or test cases, never loaded with the rule sets. */
export const isPracticeContext = (text: string): boolean => /"kind"\s*:\s*"practice-context"/.test(text);

/**
 * Every `*.json` file below `paths` (files or directories) except `*.test.json`, sorted, as
 * sources; practice contexts only with `withContexts` (a test folder may hold the context its
 * cases name, next to them).
 */
export function readRuleSources(paths: readonly string[], base = process.cwd(), withContexts = false): RuleSetSource[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else if (p.endsWith('.json') && !p.endsWith('.test.json')) {
      // *.test.json are expert test cases (pvs-rules test), not rule sets.
      files.push(p);
    }
  };
  for (const p of paths) walk(resolve(base, p));
  const sources = files.sort().map((f) => ({ name: relative(base, f) || f, text: readFileSync(f, 'utf8') }));
  return withContexts ? sources : sources.filter((s) => !isPracticeContext(s.text));
}

/** Every `*.test.json` file below `paths`, sorted, as sources. */
export function readTestCaseSources(paths: readonly string[], base = process.cwd()): RuleSetSource[] {
  const files: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
    } else if (p.endsWith('.test.json')) {
      files.push(p);
    }
  };
  for (const p of paths) walk(resolve(base, p));
  return files.sort().map((f) => ({ name: relative(base, f) || f, text: readFileSync(f, 'utf8') }));
}
