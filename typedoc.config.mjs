// API documentation of every entry point of the package (`npm run docs` writes docs/api/).
import { readFileSync } from 'node:fs';

const ENTRIES = JSON.parse(readFileSync(new URL('scripts/entries.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: Object.values(ENTRIES),
  out: 'docs/api',
  name: 'pvs-rules',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
};
