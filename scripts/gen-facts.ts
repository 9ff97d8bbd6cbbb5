/**
 * `npm run gen:facts`: writes the fact and operator enums into schemas/ruleset.schema.json and
 * docs/facts.md from the fact registry (see facts-reference.ts). Each file is written to a temp
 * file beside it and renamed over it, and only when it changed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { factsMarkdown, rulesetSchema } from './facts-reference';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaFile = `${root}/schemas/ruleset.schema.json`;
const outputs: [string, string][] = [
  [schemaFile, rulesetSchema(readFileSync(schemaFile, 'utf8'))],
  [`${root}/docs/facts.md`, factsMarkdown()],
];
for (const [file, text] of outputs) {
  let previous = '';
  try {
    previous = readFileSync(file, 'utf8');
  } catch {
    // first run
  }
  if (previous === text) continue;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  console.log(`written: ${file.slice(root.length)}`);
}
