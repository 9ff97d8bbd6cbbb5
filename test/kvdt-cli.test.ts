/**
 * `pvs-rules check FILE.con --fix -o OUT`: the output is written atomically, never onto the
 * input, never over an existing file without --force, and every failure is loud (exit 2,
 * a message, no stack trace, no partial file). Where a process's cwd, stdin, signals, limits
 * or exit matter (and where today's main crashed the process), the CLI runs in a child process;
 * the rest runs in this one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { built } from './built';
import { ROOT } from './helpers';
import { cli, HEAD, kvdt, plainCase, TAIL, tempDir } from './kvdt-helpers';

const SAMPLE = readFileSync(join(ROOT, 'examples/kvdt/asv-beispiel.con'));
/** The KBV ADT test file: no error finding (exit 0). */
const CLEAN = readFileSync(join(ROOT, 'test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con'));

/** A directory with the sample as input.con (it has corrections: --fix writes a changed copy). */
function workDir(input: Buffer = SAMPLE): { dir: string; input: string } {
  const dir = tempDir();
  const path = join(dir, 'input.con');
  writeFileSync(path, input);
  return { dir, input: path };
}

/** The CLI in this process (cwd: the repository). */
async function inProcess(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: ROOT });
  return { code, out, err };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
const tempFiles = (dir: string) => readdirSync(dir).filter((n) => n.includes('.tmp'));

describe('--fix never writes onto the input', () => {
  it('refuses a symlink to the input, exit 2, the input unchanged', async () => {
    const { dir, input } = workDir();
    symlinkSync(input, join(dir, 'link.con'));
    const r = await inProcess(['check', input, '--fix', '-o', join(dir, 'link.con')]);
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(SAMPLE)).toBe(true);
    expect(r.out + r.err).not.toContain('Korrigierte Datei geschrieben');
    expect(r.err).toContain('Eingabedatei');
    noStack(r.err);
  });

  it('refuses a hard link to the input', async () => {
    const { dir, input } = workDir();
    linkSync(input, join(dir, 'hard.con'));
    const r = await inProcess(['check', input, '--fix', '-o', join(dir, 'hard.con')]);
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(SAMPLE)).toBe(true);
    expect(r.out + r.err).not.toContain('Korrigierte Datei geschrieben');
  });

  it('refuses /proc/self/cwd/… naming the input', async () => {
    const { dir, input } = workDir();
    const r = await cli(['check', 'input.con', '--fix', '-o', '/proc/self/cwd/input.con'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(SAMPLE)).toBe(true);
    expect(r.out + r.err).not.toContain('Korrigierte Datei geschrieben');
  });

  it('refuses stdin redirected from the output file', async () => {
    const { dir, input } = workDir();
    const r = await cli(['check', '-', '--fix', '-o', input], { cwd: dir, shell: ` < ${input}` });
    expect(r.code).toBe(2);
    expect(readFileSync(input).equals(SAMPLE)).toBe(true);
  });
});

describe('--fix -o: existing files, directories, devices, write errors', () => {
  it('does not overwrite an existing output without --force; with --force it does', async () => {
    const { dir, input } = workDir();
    const out = join(dir, 'out.con');
    writeFileSync(out, 'old');
    const refused = await inProcess(['check', input, '--fix', '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('old');
    const forced = await inProcess(['check', input, '--fix', '-o', out, '--force']);
    expect(forced.code).toBe(1); // the sample has error findings; the corrected copy is written
    expect(forced.out).toContain(`Korrigierte Datei geschrieben: ${out}`);
    expect(readFileSync(out).length).toBeGreaterThan(SAMPLE.length - 10);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('an existing output is untouched when the input is a directory', async () => {
    const { dir } = workDir();
    const out = join(dir, 'out.con');
    writeFileSync(out, 'old');
    mkdirSync(join(dir, 'folder'));
    const r = await inProcess(['check', join(dir, 'folder'), '--fix', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'folder')}: ist ein Ordner`);
    expect(readFileSync(out, 'utf8')).toBe('old');
    noStack(r.err);
  });

  it('/dev/full as output: refused as not a regular file, exit 2, never "written"', async () => {
    const { input } = workDir(CLEAN);
    const r = await inProcess(['check', input, '--fix', '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toContain('Korrigierte Datei geschrieben');
    expect(r.err).toContain('keine reguläre Datei');
    noStack(r.err);
  });

  it('a missing directory and a directory as output: exit 2, a message, no stack trace', async () => {
    const { dir, input } = workDir();
    const missing = await cli(['check', input, '--fix', '-o', join(dir, 'nope', 'out.con')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Ordner');
    noStack(missing.err);
    mkdirSync(join(dir, 'target'));
    const directory = await cli(['check', input, '--fix', '-o', join(dir, 'target')]);
    expect(directory.code).toBe(2);
    expect(directory.err).toContain('Ordner');
    noStack(directory.err);
    expect(statSync(join(dir, 'target')).isDirectory()).toBe(true);
  });

  it('a write error (file size limit, as a full disk): exit 2, the old output kept, the temp file removed', async () => {
    // 40 blocks of 512 bytes: far less than the file. Node ignores SIGXFSZ, so write() fails with EFBIG.
    const big = Buffer.concat([kvdt(...HEAD), ...Array.from({ length: 800 }, (_, i) => kvdt(...plainCase(`P${i}`))), kvdt(...TAIL)]);
    const { dir, input } = workDir(big);
    const out = join(dir, 'out.con');
    const r = await cli(['check', input, '--fix', '-o', out], { ulimitFileBlocks: 40 });
    expect(r.code).toBe(2);
    expect(r.out + r.err).not.toContain('Korrigierte Datei geschrieben');
    expect(r.err).toMatch(/Schreibfehler|nicht geschrieben/);
    noStack(r.err);
    expect(existsSync(out)).toBe(false);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('a kill mid-write leaves the old output or none, never a partial file', () => {
  const cases = Array.from({ length: 60_000 }, (_, i) => kvdt(...plainCase(`P${i}`)));
  const big = Buffer.concat([kvdt(...HEAD), ...cases, kvdt(...TAIL)]);

  /** Starts the check and SIGKILLs it once output bytes are on disk; what it saw then. */
  async function killMidWrite(dir: string, input: string, out: string, old: Buffer | undefined, extra: string[]): Promise<string> {
    const child = spawn(process.execPath, [built('dist/cli.mjs'), 'check', input, '--fix', '-o', out, ...extra], { stdio: 'ignore' });
    const closed = new Promise((r) => child.once('close', r));
    const seen = await new Promise<string>((resolve) => {
      const poll = setInterval(() => {
        const st = statSync(out, { throwIfNoEntry: false });
        const temp = tempFiles(dir).some((n) => (statSync(join(dir, n), { throwIfNoEntry: false })?.size ?? 0) > 0);
        const changed = old ? !st || st.size !== old.length : st !== undefined;
        if (temp || changed) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(temp ? 'temp file growing' : 'target changed');
        }
      }, 1);
      child.once('exit', () => {
        clearInterval(poll);
        resolve('exited before');
      });
    });
    await closed;
    return seen;
  }

  it('no output before: none after the kill (or the whole file)', async () => {
    const { dir, input } = workDir(big);
    const out = join(dir, 'out.con');
    const seen = await killMidWrite(dir, input, out, undefined, []);
    const now = existsSync(out) ? readFileSync(out) : undefined;
    expect(now === undefined || now.equals(big)).toBe(true);
    expect(seen).toBe('temp file growing');
  }, 60_000);

  it('an old output (--force): still the old one after the kill', async () => {
    const { dir, input } = workDir(big);
    const out = join(dir, 'out.con');
    const old = Buffer.from('the previous corrected file\r\n');
    writeFileSync(out, old);
    const seen = await killMidWrite(dir, input, out, old, ['--force']);
    expect(readFileSync(out).equals(old)).toBe(true);
    expect(seen).toBe('temp file growing');
  }, 60_000);
});
describe('pipes: the input is read once', () => {
  const file = Buffer.concat([kvdt(...HEAD), kvdt(...plainCase('A')), kvdt(...plainCase('B')), kvdt(...TAIL)]);
  const lines = file.toString('latin1').split('\r\n').length - 1;
  const summary = `Zusammenfassung: ${lines} Zeilen, 2 Fälle, 2 Leistungen`;

  it('check - reads stdin', async () => {
    const r = await cli(['check', '-'], { stdin: file });
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(summary)]);
  });

  it('check /dev/stdin reads the pipe', async () => {
    const { input } = workDir(file);
    const r = await cli(['check', '/dev/stdin'], { pipeFrom: `cat ${input}` });
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(summary)]);
  });

  it('process substitution <(…)', async () => {
    const { input } = workDir(file);
    const r = await cli(['check'], { shell: ` <(cat ${input})` });
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(summary)]);
  });

  it('a FIFO does not hang', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const run = cli(['check', fifo], { timeoutMs: 15_000 });
    const w = createWriteStream(fifo);
    w.end(file);
    const r = await run;
    expect(r.signal).toBe(null);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(summary)]);
  });
});

describe('a report reader that stops early', () => {
  it('(| head) stops no run: the rest of the report is dropped, the corrected file written, no stack trace', async () => {
    // 3,000 cases with a finding each: far more report than a pipe holds.
    const cases = Array.from({ length: 3000 }, (_, i) => plainCase(`P${i}`, '20260414', '88500')).flat();
    const { dir, input } = workDir(kvdt(...HEAD, ...cases, ...TAIL));
    const out = join(dir, 'out.con');
    const r = await cli(['check', input, '--fix', '-o', out], { shell: ' | head -c 100 >/dev/null; exit ${PIPESTATUS[0]}' });
    noStack(r.err);
    expect(r.err).not.toContain('EPIPE');
    expect(r.code).toBe(1);
    expect(readFileSync(out).length).toBeGreaterThan(0);
    expect(tempFiles(dir)).toEqual([]);
  });
});
