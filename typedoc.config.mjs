// API documentation of every entry point of the package (`npm run docs` writes docs/api/).
import { readFileSync } from 'node:fs';

const ENTRIES = JSON.parse(readFileSync(new URL('scripts/entries.json', import.meta.url), 'utf8'));

// TypeDoc reads the program of the entry points and what they import (tsconfig.typedoc.json),
// not tsconfig.json's, which adds the tests, benches and scripts: half of its time in npm test
// (10 -> 5 s CPU), the same documentation and warnings. Its files are the entry points.
const TSCONFIG = 'tsconfig.typedoc.json';
const files = JSON.parse(readFileSync(new URL(TSCONFIG, import.meta.url), 'utf8')).files;
if (JSON.stringify([...files].sort()) !== JSON.stringify(Object.values(ENTRIES).sort())) {
  throw new Error(`${TSCONFIG}: "files" must be the entry points of scripts/entries.json (${Object.values(ENTRIES).join(', ')})`);
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: Object.values(ENTRIES),
  tsconfig: TSCONFIG,
  out: 'docs/api',
  name: 'pvs-rules',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
};
