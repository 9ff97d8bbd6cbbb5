/**
 * V8 flags the command line sets for its own process before a KVDT file check (bin.ts; never
 * the library, whose host owns its process).
 *
 * `--interrupt-budget` twice V8's default (67,584 in Node 20's V8 11.3): a function is optimized
 * by TurboFan after twice as much run in the interpreter and baseline code. A file check runs
 * a few dozen functions millions of times, which still get optimized within the first
 * megabytes; fewer of the functions of loading the rules and of rare records get compiled, and
 * fewer again after a deoptimization (`--trace-opt`, 4 MB realistic file: 95 -> 83 compiles).
 * Measured on the realistic 12 MB file (callgrind, per thread, two runs each): V8's worker
 * threads 1,826 / 1,805 -> 1,435 / 1,508 M instructions, the main thread 3,211 / 3,203 -> 3,369
 * / 3,412 M (its longer warm-up), the process 5,013 / 5,008 -> 4,804 / 4,920 M (−2 to −4 %).
 * Four times the default: workers 1,376 M, but main 3,819 M (5,195 M in all); twice, set on
 * the command line instead of here (node's own start-up then slower too): 4,914 M.
 * Set only on the V8 it was measured with: another V8 may not know the flag (it would print
 * an error) or have other defaults. Node warns that flags changed after start may behave
 * unpredictably; this one is a number V8 reads when it resets a function's budget, so it
 * changes when code is optimized, never what it computes (the CLI's output, --fix files
 * included, compared byte for byte with and without it over 146 runs and the 40 MB files; a
 * crash would still leave the target untouched: --fix writes through a temp file and a rename).
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, for the V8 major version they were measured on. */
export const KVDT_V8_FLAGS = { v8Major: 11, flags: '--interrupt-budget=135168' } as const;

/** Sets KVDT_V8_FLAGS when this process runs that V8 (`v8Version`: process.versions.v8); true when set. */
export function tuneForFileCheck(v8Version: string = process.versions.v8, set: (flags: string) => void = setFlagsFromString): boolean {
  if (Number.parseInt(v8Version, 10) !== KVDT_V8_FLAGS.v8Major) return false;
  set(KVDT_V8_FLAGS.flags);
  return true;
}
