#!/usr/bin/env node
// Runs the built CLI (npm run build writes dist/cli.mjs; an installed package has it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('pvs-rules: dist/cli.mjs fehlt – im Quellordner "npm run -s cli -- …" nutzen oder "npm run build" ausführen / missing – in a source checkout use "npm run -s cli -- …" or run "npm run build"\n');
  process.exit(2);
}
await import(cli);
