#!/usr/bin/env node
/** Process entry point of the CLI. */
import { runCli } from './main';

process.exitCode = runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
});
