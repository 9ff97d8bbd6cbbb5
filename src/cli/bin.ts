#!/usr/bin/env node
/** Process entry point of the CLI. */
import { runCli } from './main';

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  tty: process.stderr.isTTY === true,
  // A pipe to a slow reader: wait instead of buffering the report in memory.
  drain: () => (process.stdout.writableNeedDrain ? new Promise<void>((r) => process.stdout.once('drain', r).once('close', r).once('error', r)) : Promise.resolve()),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pvs-rules: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
