/**
 * Notices changes to the rule documents of a folder (and one more file) by polling their
 * size, modification time and inode. Polling, not fs.watch: it works the same on every
 * platform and on network shares, where many practices keep such folders and change events
 * do not arrive. A change is acted on once the files have stood still for one more interval,
 * so a file an editor writes in several steps is not read half-written.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files a reload reads: `*.json` but not the expert test cases (`*.test.json`). */
const isRuleDocument = (name: string) => name.endsWith('.json') && !name.endsWith('.test.json');

/** What the rule documents below `dir` (and `extra`) look like now; equal strings, same files. */
export function fingerprint(dir: string, extra: string | undefined): string {
  const parts: string[] = [];
  const add = (path: string) => {
    try {
      const st = statSync(path);
      parts.push(`${path}:${st.size}:${st.mtimeMs}:${st.ino}`);
    } catch {
      parts.push(`${path}:gone`);
    }
  };
  // `up`: the real paths of the folders being walked. A link back to one of them (`self -> .`)
  // is not followed, as the reload's own walk (src/node/files.ts) does not follow it: two such
  // links made this walk branch at every level until the system's link limit.
  const walk = (path: string, up: readonly string[]): void => {
    let names: string[];
    let real: string;
    try {
      real = realpathSync(path);
      if (up.includes(real)) return;
      names = readdirSync(path).sort();
    } catch {
      parts.push(`${path}:unreadable`);
      return;
    }
    const inside = [...up, real];
    for (const name of names) {
      const p = join(path, name);
      let directory = false;
      try {
        directory = statSync(p).isDirectory();
      } catch {
        /* gone meanwhile */
      }
      if (directory) walk(p, inside);
      else if (isRuleDocument(name)) add(p);
    }
  };
  walk(dir, []);
  if (extra) add(extra);
  return parts.join('\n');
}

export class FolderWatcher {
  /** A fingerprint seen to differ, waiting to stand still for one interval. */
  private pending: string | null = null;
  private readonly timer: NodeJS.Timeout;

  /** `last` is the fingerprint taken before the files were last read. */
  constructor(
    private readonly dir: string,
    private readonly extra: string | undefined,
    private last: string,
    intervalMs: number,
    private readonly onChange: () => void,
  ) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** The files were read again (a reload not started by this watcher). */
  seen(fp: string): void {
    this.last = fp;
    this.pending = null;
  }

  private tick(): void {
    const now = fingerprint(this.dir, this.extra);
    if (now === this.last) this.pending = null;
    else if (now === this.pending) {
      this.pending = null;
      this.onChange(); // the reload calls seen()
    } else this.pending = now;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
