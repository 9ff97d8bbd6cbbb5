/**
 * Writes the ajv validators for the JSON Schemas in `schemas/` as plain JavaScript (ajv
 * "standalone" mode) with their declarations into the git-ignored `build/`, one module per
 * entry of MODULES, so the runtime never compiles code with `new Function`; and the core's
 * schemas without annotations (build/schemas.js), which the core interprets (src/load/json-schema.ts). `npm test`,
 * `npm run build`, `npm run sample` and `npm run cli` run it first; it rewrites only what
 * changed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORE_SCHEMAS_DECLARATION, generateCoreSchemasSource, generateValidatorsDeclarations, generateValidatorsSource, MODULES } from './validators-source';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = Object.fromEntries(
  (Object.keys(MODULES) as (keyof typeof MODULES)[]).flatMap((m) => [
    [`build/${m}.js`, generateValidatorsSource(root, m)],
    [`build/${m}.d.ts`, generateValidatorsDeclarations(m)],
  ]),
);
outputs['build/schemas.js'] = generateCoreSchemasSource(root);
outputs['build/schemas.d.ts'] = CORE_SCHEMAS_DECLARATION;
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
