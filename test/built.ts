/**
 * Files of the one build `npm test` makes before vitest runs (rollup): tests that need the
 * built package read it from here instead of building again, and refuse a stale build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

/** What the build is made from. */
const SOURCES = ['plugin-api', 'src', 'rules', 'schemas', 'bin', 'build/validators.js', 'build/test-cases-validator.js', 'package.json', 'rollup.config.mjs', 'scripts/entries.json'];

function newestSource(): { path: string; mtime: number } {
  let newest = { path: '', mtime: 0 };
  const visit = (path: string) => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (st.mtimeMs > newest.mtime) newest = { path, mtime: st.mtimeMs };
  };
  for (const s of SOURCES) visit(join(ROOT, s));
  return newest;
}

/** Absolute path of `relative` (e.g. `dist/index.mjs`), after checking the build is there and current. */
export function built(relative: string): string {
  const file = join(ROOT, relative);
  if (!existsSync(file)) throw new Error(`${relative} is missing: npm test builds it first (or run npm run build)`);
  const newest = newestSource();
  if (newest.mtime > statSync(file).mtimeMs) throw new Error(`${relative} is older than ${newest.path}: run npm run build (npm test builds first)`);
  return file;
}
