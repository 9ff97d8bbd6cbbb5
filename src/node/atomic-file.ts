/**
 * Atomic file writing, for every file the product writes (corrected KVDT files, imported rule
 * sets, studio saves): the bytes go into a temp file in the target's folder, which is flushed
 * to disk and only then renamed over the target. The target is never opened or truncated, so
 * a reader, a crash or a SIGKILL at any moment sees the old file or the complete new one,
 * never a part. As SQLite does it: write, flush, rename, flush the folder.
 *
 * ```ts
 * await writeAtomically('out.con', async (write) => {
 *   for await (const bytes of produce()) await write(bytes);
 * }, { force: false, notSameAs: ['in.con'] });
 * ```
 *
 * Refused before anything is written (an {@link AtomicWriteError} with a German and an English
 * message, no stack trace needed):
 * - the target is one of `notSameAs` (compared by device and inode, so symlinks, hard links
 *   and `/proc/self/cwd/…` paths are caught; an open stdin is passed as its `fstat`);
 * - the target exists and `force` is not set (checked again at the rename, without a race:
 *   a hard link that fails if the name exists);
 * - the target is a folder, or not a regular file: a device such as `/dev/full`, a FIFO or a
 *   socket cannot be replaced atomically, so it is refused, never written to directly;
 * - the folder is missing or not writable.
 *
 * A symlinked target is followed: the file it points to is replaced and the link stays.
 * A write error (disk full, I/O error, size limit) removes the temp file and leaves the old
 * target as it was. The temp file is named `.NAME.PID-RANDOM.tmp` next to the target; only a
 * SIGKILL (or power loss) can leave one behind, never a partial file under the final name,
 * and the next write to the same target removes it once its process is gone.
 * {@link removeTempFilesOnSignals} lets a command line tool remove them on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import { constants, unlinkSync, type Stats } from 'node:fs';
import { lstat, link, open, readdir, readlink, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Why a write was refused or failed. */
export type AtomicWriteCode = 'same-file' | 'exists' | 'is-directory' | 'not-regular' | 'no-directory' | 'no-permission' | 'read-only' | 'no-space' | 'write';

/** A refused or failed write, with a message for practice staff in German and English. */
export class AtomicWriteError extends Error {
  constructor(
    readonly code: AtomicWriteCode,
    readonly de: string,
    readonly en: string,
    /** The system error code (ENOSPC, EIO, …), if a system call failed. */
    readonly errno?: string,
  ) {
    super(en);
    this.name = 'AtomicWriteError';
  }
}

/** A file identity: device and inode, as `stat`/`fstat` give them. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export interface AtomicWriteOptions {
  /** Replace an existing target. Without it an existing target is refused (`exists`). */
  force?: boolean;
  /** Files the target must not be (paths, or identities of open files such as stdin). */
  notSameAs?: readonly (string | FileIdentity)[];
  /** Permissions of a new file (the umask applies); default 0o600, as billing data is personal. An existing target keeps its own. */
  mode?: number;
}

/** A temp file on its way to becoming the target. */
export interface AtomicFile {
  /** The path that is replaced on {@link AtomicFile.commit} (a symlinked target resolved). */
  readonly target: string;
  /** Appends bytes. Rejects with an {@link AtomicWriteError}; the caller then calls {@link AtomicFile.abort}. */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes the temp file, renames it over the target and flushes the folder. */
  commit(): Promise<void>;
  /** Removes the temp file; the target is untouched. Safe to call more than once and after a failed commit. */
  abort(): Promise<void>;
}

const MESSAGES: Record<AtomicWriteCode, [string, string]> = {
  'same-file': ['Die Ausgabe ist die Eingabedatei (auch über eine Verknüpfung oder einen anderen Pfad); die Eingabe wird nie überschrieben.', 'The output is the input file (also via a link or another path); the input is never overwritten.'],
  exists: ['Die Ausgabedatei gibt es schon; sie wird nur mit --force ersetzt.', 'The output file already exists; it is replaced only with --force.'],
  'is-directory': ['Das Ziel ist ein Ordner, keine Datei.', 'The target is a folder, not a file.'],
  'not-regular': ['Das Ziel ist keine reguläre Datei (Gerät, FIFO oder Socket); geschrieben wird nur in reguläre Dateien, über eine Temp-Datei.', 'The target is not a regular file (a device, FIFO or socket); only regular files are written, through a temp file.'],
  'no-directory': ['Der Ordner für die Ausgabe existiert nicht.', 'The folder for the output does not exist.'],
  'no-permission': ['Keine Schreibberechtigung im Ordner der Ausgabe.', 'No permission to write in the output folder.'],
  'read-only': ['Der Ordner der Ausgabe liegt auf einem schreibgeschützten Datenträger.', 'The output folder is on a read-only file system.'],
  'no-space': ['Schreibfehler: der Datenträger ist voll. Nichts geschrieben; eine bisherige Datei bleibt unverändert.', 'Write error: the disk is full. Nothing written; an existing file is left unchanged.'],
  write: ['Schreibfehler: nichts geschrieben; eine bisherige Datei bleibt unverändert.', 'Write error: nothing written; an existing file is left unchanged.'],
};

function refuse(code: AtomicWriteCode, errno?: string): AtomicWriteError {
  const [de, en] = MESSAGES[code];
  const detail = errno ? ` (${errno})` : '';
  return new AtomicWriteError(code, de + detail, en + detail, errno);
}

/** The code for a failed system call while creating, writing or renaming. */
function fromSystem(e: unknown): AtomicWriteError {
  if (e instanceof AtomicWriteError) return e;
  const errno = (e as NodeJS.ErrnoException)?.code;
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return refuse('no-directory', errno);
    case 'EACCES':
    case 'EPERM':
      return refuse('no-permission', errno);
    case 'EROFS':
      return refuse('read-only', errno);
    case 'ENOSPC':
    case 'EDQUOT':
      return refuse('no-space', errno);
    case 'EISDIR':
      return refuse('is-directory', errno);
    default:
      return refuse('write', errno ?? String(e));
  }
}

const missing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Where a dangling symlink's chain ends: the path to create. Each link's text is read as the
 * system reads it, from the link's real folder, with the folder part resolved by the system
 * (a `..` after a linked folder goes up from where that folder really is); only the last name
 * is taken as written. Rejects when the folder it names does not exist, or it names a folder.
 */
async function danglingTarget(link: string): Promise<string> {
  let path = link;
  // The system's own limit on links followed in one path is 40.
  for (let hops = 0; hops < 40; hops++) {
    try {
      const text = await readlink(path);
      const raw = text.startsWith('/') ? text : `${await realpath(dirname(path))}/${text}`;
      const cut = raw.lastIndexOf('/');
      const name = raw.slice(cut + 1);
      if (name === '' || name === '.' || name === '..') throw refuse('is-directory');
      path = join(await realpath(raw.slice(0, cut) || '/'), name);
    } catch (e) {
      throw fromSystem(e);
    }
    try {
      if (!(await lstat(path)).isSymbolicLink()) return path;
    } catch (e) {
      if (missing(e)) return path;
      throw fromSystem(e);
    }
  }
  throw refuse('write', 'ELOOP');
}

/** Temp files of this process not yet committed or removed (for {@link removeTempFilesOnSignals}). */
const live = new Set<string>();

/**
 * Opens a temp file for `target`, after every check that can be made before writing.
 * Rejects with an {@link AtomicWriteError}.
 */
export async function openAtomic(target: string, options: AtomicWriteOptions = {}): Promise<AtomicFile> {
  let path = resolve(target);
  let existing: Stats | undefined;
  let link = false;
  try {
    const l = await lstat(path);
    link = l.isSymbolicLink();
    existing = link ? await stat(path) : l;
    if (link) path = await realpath(path);
  } catch (e) {
    // A missing target is the usual case. A dangling symlink is followed as a link to a file is:
    // the new file is made where it points and the link stays (the host chose where it points).
    if (!missing(e)) throw fromSystem(e);
    if (link) {
      path = await danglingTarget(path);
      // Made meanwhile (or the chain ends at a file after all): the checks below apply to it.
      existing = await stat(path).catch((e2: unknown) => (missing(e2) ? undefined : Promise.reject(fromSystem(e2))));
    }
  }
  const forbidden = await identities(options.notSameAs ?? []);
  if (existing) {
    if (existing.isDirectory()) throw refuse('is-directory');
    if (!existing.isFile()) throw refuse('not-regular');
    if (forbidden.some((f) => f.dev === existing!.dev && f.ino === existing!.ino)) throw refuse('same-file');
    if (!options.force) throw refuse('exists');
  }
  const dir = dirname(path);
  try {
    if (!(await stat(dir)).isDirectory()) throw refuse('no-directory', 'ENOTDIR');
  } catch (e) {
    throw fromSystem(e);
  }
  await removeStaleTempFiles(dir, basename(path));
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, options.mode ?? 0o600);
  } catch (e) {
    throw fromSystem(e);
  }
  live.add(temp);
  return new TempFile(path, temp, handle, existing, forbidden, options.force === true);
}

/**
 * Writes `target` atomically: `produce` gets a `write` function; when it resolves the file is
 * committed, when it or a write rejects the temp file is removed and the error passed on.
 */
export async function writeAtomically(target: string, produce: (write: (bytes: Uint8Array) => Promise<void>) => Promise<void>, options: AtomicWriteOptions = {}): Promise<void> {
  const file = await openAtomic(target, options);
  try {
    await produce((bytes) => file.write(bytes));
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

/**
 * Removes this process's uncommitted temp files on SIGINT, SIGTERM and SIGHUP, then ends the
 * process as the signal would have. For command line tools; a host with its own signal
 * handling calls {@link AtomicFile.abort} itself.
 */
let signalsHandled = false;
export function removeTempFilesOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = () => {
      for (const temp of live) {
        try {
          unlinkSync(temp);
        } catch {
          // Already gone.
        }
      }
      live.clear();
      process.removeListener(signal, handler);
      process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/** A temp file older than this whose process is gone is a killed run's (a live write keeps its file's time current). */
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Removes the temp files a killed run (SIGKILL, power loss) left for the same target: named
 * `.NAME.PID-RANDOM.tmp` by this module, their process gone and unchanged for ten minutes.
 * They may hold a whole corrected file with patient data. Anything else is left alone.
 */
async function removeStaleTempFiles(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^(\d+)-[0-9a-f]{12}\.tmp$/.exec(n.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    try {
      const s = await lstat(join(dir, n));
      if (s.isFile() && Date.now() - s.mtimeMs > STALE_AFTER_MS) await unlink(join(dir, n));
    } catch {
      // Gone meanwhile, or not ours to remove: the write goes on.
    }
  }
}

/** Whether a process of that id runs (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function identities(list: readonly (string | FileIdentity)[]): Promise<FileIdentity[]> {
  const out: FileIdentity[] = [];
  for (const item of list) {
    if (typeof item !== 'string') out.push(item);
    else {
      try {
        out.push(await stat(item));
      } catch {
        // An input that does not exist cannot be overwritten.
      }
    }
  }
  return out;
}

class TempFile implements AtomicFile {
  private failed: AtomicWriteError | undefined;
  private closed = false;
  private done = false;

  constructor(
    readonly target: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
    private readonly existing: Stats | undefined,
    private readonly forbidden: FileIdentity[],
    private readonly force: boolean,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.done) throw new Error('AtomicFile: write after commit or abort');
    try {
      // Until the last byte: write() may take part of a buffer.
      for (let at = 0; at < bytes.length; ) at += (await this.handle.write(bytes, at, bytes.length - at)).bytesWritten;
    } catch (e) {
      throw (this.failed = fromSystem(e));
    }
  }

  async commit(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.done) throw new Error('AtomicFile: commit after commit or abort');
    try {
      if (this.existing) {
        // The replacement keeps the permissions (and, for root, the owner) of the file it replaces.
        await this.handle.chmod(this.existing.mode & 0o7777);
        if (process.getuid?.() === 0) await this.handle.chown(this.existing.uid, this.existing.gid).catch(() => {});
      }
      await this.handle.sync();
      await this.close();
      if (this.force) {
        const now = await stat(this.target).catch(() => undefined);
        if (now && this.forbidden.some((f) => f.dev === now.dev && f.ino === now.ino)) throw refuse('same-file');
        if (now && !now.isFile()) throw refuse(now.isDirectory() ? 'is-directory' : 'not-regular');
        await rename(this.temp, this.target);
      } else {
        await this.linkNew();
      }
      this.done = true;
      live.delete(this.temp);
    } catch (e) {
      throw (this.failed = fromSystem(e));
    }
    await syncFolder(dirname(this.target));
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.close();
    await unlink(this.temp).catch(() => {});
    live.delete(this.temp);
  }

  /** Gives the temp file the target's name only if that name is still free (no race with another writer). */
  private async linkNew(): Promise<void> {
    try {
      await link(this.temp, this.target);
    } catch (e) {
      const errno = (e as NodeJS.ErrnoException).code;
      if (errno === 'EEXIST') throw refuse('exists');
      // File systems without hard links: check, then rename.
      if (errno !== 'EPERM' && errno !== 'ENOTSUP' && errno !== 'EOPNOTSUPP' && errno !== 'ENOSYS' && errno !== 'EXDEV') throw e;
      if (await stat(this.target).then(() => true, () => false)) throw refuse('exists');
      await rename(this.temp, this.target);
      return;
    }
    await unlink(this.temp);
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => {});
  }
}

/** Flushes a folder so the rename survives a power loss; not possible everywhere (Windows), then skipped. */
async function syncFolder(dir: string): Promise<void> {
  let h: FileHandle | undefined;
  try {
    h = await open(dir, 'r');
    await h.sync();
  } catch {
    // EISDIR/EPERM/EINVAL on systems that cannot open or flush folders.
  } finally {
    await h?.close().catch(() => {});
  }
}
