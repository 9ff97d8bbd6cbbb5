#!/usr/bin/env node
/** Process entry point of the CLI. */
import { runCli } from './main';
import { tuneForFileCheck } from './v8-tuning';

const stdout = process.stdout;
// A reader that goes away (`| head`) ends no run: the rest of the report is dropped, the job
// (a corrected file) is finished and the exit code stays what the check says.
let stdoutGone = false;
stdout.on('error', () => {
  stdoutGone = true;
});

/** Resolves when stdout takes more again (or is gone); its listeners go with it. */
function drained(): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      stdout.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    stdout.on('drain', done).on('close', done).on('error', done);
  });
}

runCli(process.argv.slice(2), {
  out: (t) => {
    if (!stdoutGone) stdout.write(t);
  },
  outBytes: (b) => {
    if (!stdoutGone) stdout.write(b);
  },
  err: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  tty: process.stderr.isTTY === true,
  // A pipe to a slow reader: wait instead of buffering the report in memory.
  drain: () => (stdout.writableNeedDrain && !stdoutGone ? drained() : Promise.resolve()),
  // This process is the CLI's own: V8 flags for a file check (v8-tuning.ts).
  fileCheckStarts: () => void tuneForFileCheck(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pvs-rules: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
