/**
 * Writes the ajv validators for the JSON Schemas in `schemas/` as plain JavaScript
 * (ajv "standalone" mode), so the runtime never compiles code with `new Function`.
 * Run `npm run gen:validators` after changing a schema; a test fails while the generated
 * file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateValidatorsSource } from './validators-source';

const out = fileURLToPath(new URL('../src/load/validators.generated.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const source = generateValidatorsSource(root);
const previous = (() => {
  try {
    return readFileSync(out, 'utf8');
  } catch {
    return '';
  }
})();
if (previous !== source) writeFileSync(out, source);
console.log(previous === source ? 'validators up to date' : `wrote ${out}`);
