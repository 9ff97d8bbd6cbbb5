/**
 * The V8 flags the command line sets for its own process before a KVDT file check
 * (src/cli/v8-tuning.ts): set there, by bin.ts only, and only on the V8 they were measured with.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { KVDT_V8_FLAGS, tuneForFileCheck } from '../src/cli/v8-tuning';
import { built } from './built';
import { ROOT } from './helpers';
import { tempDir } from './kvdt-helpers';

const SAMPLE = join(ROOT, 'examples/kvdt/asv-beispiel.con');

/** The CLI in this process, counting the calls of the io's fileCheckStarts. */
async function starts(args: string[]): Promise<number> {
  let calls = 0;
  await runCli(args, { out: () => {}, err: () => {}, cwd: ROOT, fileCheckStarts: () => void calls++ });
  return calls;
}

describe('V8 flags for a KVDT file check', () => {
  it('the check of a KVDT file asks for them once, before it runs; other commands do not', async () => {
    expect(await starts(['check', SAMPLE, '--format', 'jsonl'])).toBe(1);
    expect(await starts(['check', '--entry', join(ROOT, 'examples/entries/asv-team.json')])).toBe(0);
    expect(await starts(['validate'])).toBe(0);
    // A file that cannot be opened: nothing is checked, nothing set.
    expect(await starts(['check', join(ROOT, 'no-such-file.con')])).toBe(0);
  });

  it('sets the measured flags on the V8 they were measured with, nothing on another', () => {
    const set: string[] = [];
    expect(tuneForFileCheck('11.3.244.8-node.33', (f) => set.push(f))).toBe(true);
    expect(set).toEqual([KVDT_V8_FLAGS.flags]);
    expect(KVDT_V8_FLAGS.flags).toBe('--interrupt-budget=135168');
    expect(tuneForFileCheck('12.4.254.21-node.33', (f) => set.push(f))).toBe(false);
    expect(tuneForFileCheck('10.2.154.26-node.36', (f) => set.push(f))).toBe(false);
    expect(set).toHaveLength(1);
  });

  it('the built CLI sets them in its own process for a file check only', () => {
    // A preload that reports each v8.setFlagsFromString of the process (the CLI's named import sees the wrapper).
    const dir = tempDir();
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      "import v8 from 'node:v8'; import { syncBuiltinESMExports } from 'node:module'; const set = v8.setFlagsFromString; v8.setFlagsFromString = (f) => { process.stderr.write(`FLAGS ${f}\\n`); set(f); }; syncBuiltinESMExports();\n",
    );
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', probe, built('dist/cli.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' }).stderr;
    const expected = Number.parseInt(process.versions.v8, 10) === KVDT_V8_FLAGS.v8Major ? [`FLAGS ${KVDT_V8_FLAGS.flags}`] : [];
    const flagLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('FLAGS '));
    expect(flagLines(run(['check', SAMPLE, '--format', 'jsonl']))).toEqual(expected);
    expect(flagLines(run(['validate']))).toEqual([]);
  });
});
