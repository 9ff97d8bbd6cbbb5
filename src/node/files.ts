/**
 * The Node.js file adapter: finds and reads rule-set and catalogue files. The core has no
 * I/O; this module hands it names and texts.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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
 * The files below `paths` (files or directories) whose names `wanted` accepts, sorted, as
 * sources named relative to `base`. A link back to a folder being walked (`self -> .`) is not
 * followed: that folder's files are read already. Throws the system's error for the first path
 * that cannot be read (a dangling link, a loop of links: its `path` names it).
 */
export function readJsonSources(paths: readonly string[], base: string, wanted: (file: string) => boolean): RuleSetSource[] {
  const files: string[] = [];
  const walk = (p: string, up: string[]) => {
    if (statSync(p).isDirectory()) {
      const real = realpathSync(p);
      if (!up.includes(real)) for (const name of readdirSync(p).sort()) walk(join(p, name), [...up, real]);
    } else if (wanted(p)) {
      files.push(p);
    }
  };
  for (const p of paths) walk(resolve(base, p), []);
  return files.sort().map((f) => ({ name: relative(base, f) || f, text: readFileSync(f, 'utf8') }));
}

/**
 * Every `*.json` file below `paths` (files or directories) except `*.test.json` (expert test
 * cases, see test-case-files.ts), sorted, as sources; practice contexts only with
 * `withContexts` (a test folder may hold the context its cases name, next to them).
 */
export function readRuleSources(paths: readonly string[], base = process.cwd(), withContexts = false): RuleSetSource[] {
  const sources = readJsonSources(paths, base, (f) => f.endsWith('.json') && !f.endsWith('.test.json'));
  return withContexts ? sources : sources.filter((s) => !isPracticeContext(s.text));
}
