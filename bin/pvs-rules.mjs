#!/usr/bin/env node
// Runs the built CLI (npm run build writes dist/cli.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('pvs-rules: dist/cli.mjs fehlt – bitte zuerst "npm run build" ausführen / run "npm run build" first\n');
  process.exit(2);
}
await import(cli);
