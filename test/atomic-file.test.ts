/** src/node/atomic-file.ts: temp file, flush, rename; every refusal before a byte is written. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, openSync, closeSync, fstatSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicWriteError, openAtomic, writeAtomically } from '../src/node/atomic-file';
import { ROOT } from './helpers';
import { tempDir } from './kvdt-helpers';

const bytes = (s: string) => Buffer.from(s);
const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AtomicWriteError);
    return (e as AtomicWriteError).code;
  }
  throw new Error('not refused');
}

describe('writeAtomically', () => {
  it('a temp file a killed run left for the same target is removed by the next write (its process is gone and it is old); others are kept', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.con');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const hourAgo = new Date(Date.now() - 3_600_000);
    const stale = (name: string, old = true) => {
      writeFileSync(join(dir, name), 'Teil einer korrigierten Datei');
      if (old) utimesSync(join(dir, name), hourAgo, hourAgo);
      return name;
    };
    const killed = stale(`.out.con.${dead}-0123456789ab.tmp`);
    const fresh = stale(`.out.con.${dead}-ba9876543210.tmp`, false);
    const running = stale(`.out.con.${process.pid}-00000000aaaa.tmp`);
    const otherTarget = stale(`.other.con.${dead}-0123456789ab.tmp`);
    const notOurs = stale('.out.con.tmp');
    await writeAtomically(target, async (write) => write(bytes('neu')));
    expect(readFileSync(target, 'utf8')).toBe('neu');
    expect(leftovers(dir).sort()).toEqual([fresh, running, otherTarget, notOurs].sort());
    expect(leftovers(dir)).not.toContain(killed);
  });

  it('writes a new file in pieces, private by default, no temp file left', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.con');
    await writeAtomically(target, async (write) => {
      await write(bytes('eins '));
      await write(bytes('zwei'));
    });
    expect(readFileSync(target, 'utf8')).toBe('eins zwei');
    expect(statSync(target).mode & 0o077).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  it('an existing file only with force; it keeps its permissions', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.con');
    writeFileSync(target, 'alt');
    chmodSync(target, 0o640);
    expect(await refusal(writeAtomically(target, async (w) => w(bytes('neu'))))).toBe('exists');
    expect(readFileSync(target, 'utf8')).toBe('alt');
    await writeAtomically(target, async (w) => w(bytes('neu')), { force: true });
    expect(readFileSync(target, 'utf8')).toBe('neu');
    expect(statSync(target).mode & 0o777).toBe(0o640);
  });

  it('follows a symlinked target: the file is replaced, the link stays', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.con'), 'alt');
    symlinkSync(join(dir, 'real.con'), join(dir, 'link.con'));
    await writeAtomically(join(dir, 'link.con'), async (w) => w(bytes('neu')), { force: true });
    expect(lstatSync(join(dir, 'link.con')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.con'), 'utf8')).toBe('neu');
  });

  it('follows a dangling symlink too (relative, through a second link): the file is made where it points, the link stays', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    symlinkSync('sub/hop.con', join(dir, 'link.con'));
    symlinkSync('new.con', join(dir, 'sub', 'hop.con'));
    // Nothing exists at the end of the links: a new file, no --force needed.
    await writeAtomically(join(dir, 'link.con'), async (w) => w(bytes('neu')));
    expect(lstatSync(join(dir, 'link.con')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'sub', 'hop.con')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'sub', 'new.con'), 'utf8')).toBe('neu');
    expect(leftovers(dir)).toEqual([]);
    // A link that points into a folder that is not there is refused as that folder is.
    symlinkSync('missing/x.con', join(dir, 'nowhere.con'));
    await expect(writeAtomically(join(dir, 'nowhere.con'), async (w) => w(bytes('neu')))).rejects.toMatchObject({ code: 'no-directory' });
    expect(lstatSync(join(dir, 'nowhere.con')).isSymbolicLink()).toBe(true);
    // A loop of links is refused, not followed forever.
    symlinkSync('loop-b.con', join(dir, 'loop-a.con'));
    symlinkSync('loop-a.con', join(dir, 'loop-b.con'));
    await expect(writeAtomically(join(dir, 'loop-a.con'), async (w) => w(bytes('neu')))).rejects.toBeInstanceOf(AtomicWriteError);
    expect(lstatSync(join(dir, 'loop-a.con')).isSymbolicLink()).toBe(true);
  });

  it('a dangling link is read as the system reads it: `..` after a linked folder goes up from where that folder really is', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real', 'a', 'b'), { recursive: true });
    symlinkSync('real/a/b', join(dir, 'sub'));
    // sub/L -> ../out.con means real/a/out.con (sub is real/a/b), not the unrelated out.con beside sub.
    symlinkSync('../out.con', join(dir, 'sub', 'L'));
    writeFileSync(join(dir, 'out.con'), 'fremd');
    await writeAtomically(join(dir, 'sub', 'L'), async (w) => w(bytes('neu')), { force: true });
    expect(readFileSync(join(dir, 'out.con'), 'utf8')).toBe('fremd');
    expect(readFileSync(join(dir, 'real', 'a', 'out.con'), 'utf8')).toBe('neu');
    expect(lstatSync(join(dir, 'sub', 'L')).isSymbolicLink()).toBe(true);
    // A link that names a folder (its text ends in /) is refused, nothing made.
    symlinkSync('newdir/', join(dir, 'folder.con'));
    await expect(writeAtomically(join(dir, 'folder.con'), async (w) => w(bytes('neu')))).rejects.toMatchObject({ code: 'is-directory' });
    expect(readdirSync(dir).sort()).toEqual(['folder.con', 'out.con', 'real', 'sub']);
  });

  it('refuses the input by device and inode: its path, a symlink, a hard link, an open descriptor', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.con');
    writeFileSync(input, 'eingabe');
    symlinkSync(input, join(dir, 'sym.con'));
    linkSync(input, join(dir, 'hard.con'));
    const fd = openSync(input, 'r');
    const identity = fstatSync(fd);
    closeSync(fd);
    for (const [target, notSameAs] of [
      [input, [input]],
      [join(dir, 'sym.con'), [input]],
      [join(dir, 'hard.con'), [input]],
      [join(dir, 'hard.con'), [identity]],
      [input, [join(dir, 'sym.con')]],
    ] as const) {
      expect(await refusal(writeAtomically(target, async (w) => w(bytes('x')), { force: true, notSameAs }))).toBe('same-file');
    }
    expect(readFileSync(input, 'utf8')).toBe('eingabe');
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses folders, devices, FIFOs and missing folders before creating anything', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    expect(await refusal(openAtomic(join(dir, 'sub'), { force: true }))).toBe('is-directory');
    expect(await refusal(openAtomic('/dev/full', { force: true }))).toBe('not-regular');
    expect(await refusal(openAtomic('/dev/null', { force: true }))).toBe('not-regular');
    expect(await refusal(openAtomic(join(dir, 'pipe'), { force: true }))).toBe('not-regular');
    expect(await refusal(openAtomic(join(dir, 'missing', 'out.con')))).toBe('no-directory');
    expect(await refusal(openAtomic(join(dir, 'pipe', 'out.con')))).toBe('no-directory');
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync('/dev').some((n) => n.endsWith('.tmp'))).toBe(false);
  });

  it('a failing producer leaves the old file and no temp file; the error is passed on', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.con');
    writeFileSync(target, 'alt');
    const boom = new Error('Lesefehler');
    await expect(
      writeAtomically(target, async (w) => {
        await w(bytes('halb'));
        throw boom;
      }, { force: true }),
    ).rejects.toBe(boom);
    expect(readFileSync(target, 'utf8')).toBe('alt');
    expect(leftovers(dir)).toEqual([]);
  });

  it('a target created by someone else meanwhile is not overwritten without force', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.con');
    const file = await openAtomic(target);
    await file.write(bytes('unseres'));
    writeFileSync(target, 'fremd');
    expect(await refusal(file.commit())).toBe('exists');
    await file.abort();
    expect(readFileSync(target, 'utf8')).toBe('fremd');
    expect(leftovers(dir)).toEqual([]);
  });

  it('the temp file is removed on SIGINT when the tool asked for it', async () => {
    const dir = tempDir();
    const script = `
      import { openAtomic, removeTempFilesOnSignals } from ${JSON.stringify(join(ROOT, 'src/node/atomic-file.ts'))};
      removeTempFilesOnSignals();
      const f = await openAtomic(${JSON.stringify(join(dir, 'out.con'))});
      await f.write(Buffer.from('halb'));
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', join(ROOT, 'node_modules/tsx/dist/esm/index.mjs'), '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    expect(leftovers(dir)).toHaveLength(1);
    child.kill('SIGINT');
    const signal = await new Promise((r) => child.once('exit', (_code, s) => r(s)));
    expect(signal).toBe('SIGINT');
    expect(readdirSync(dir)).toEqual([]);
  });
});
