/**
 * Writes the ajv validators for the JSON Schemas in `schemas/` as plain JavaScript (ajv
 * "standalone" mode) with their declarations into the git-ignored `build/`, so the runtime
 * never compiles code with `new Function`. `npm test`, `npm run build`, `npm run sample` and
 * `npm run cli` run it first; it rewrites only what changed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorsDeclarations, generateValidatorsSource } from './validators-source';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = {
  'build/validators.js': generateValidatorsSource(root),
  'build/validators.d.ts': generateValidatorsDeclarations(),
};
mkdirSync(`${root}/build`, { recursive: true });
for (const [file, text] of Object.entries(outputs)) {
  let previous = '';
  try {
    previous = readFileSync(`${root}/${file}`, 'utf8');
  } catch {
    // first run
  }
  if (previous !== text) writeFileSync(`${root}/${file}`, text);
}
