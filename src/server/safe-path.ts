/**
 * Paths the studio may read and write: relative paths of `.json` files inside the rule folder.
 * The same refusals answer a read and a save, so their words fit both. Refused: absolute
 * paths, `..` and `.` segments, backslashes, hidden names, and anything a symbolic link would
 * lead out of the folder. The folder's own real path is the boundary.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { HttpProblem } from './problem';

const refuse = (de: string, en: string) => new HttpProblem('path-refused', { de, en });

/** Longest file or folder name the studio takes, in bytes (UTF-8). */
export const MAX_NAME_BYTES = 200;

/** True when `path` (a real path) is `root` or below it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The segments of a relative path the studio sent, or a 403 naming why not. */
export function segmentsOf(relative: string): string[] {
  if (relative.length === 0 || relative.length > 1024 || relative.includes('\0')) throw refuse('Ungültiger Dateiname.', 'Invalid file name.');
  if (relative.includes('\\') || relative.startsWith('/') || /^[a-zA-Z]:/.test(relative)) {
    throw refuse('Nur Pfade relativ zum Regelordner sind erlaubt.', 'Only paths relative to the rule folder are allowed.');
  }
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s === '')) {
    throw refuse('Pfade aus dem Regelordner hinaus ("..") sind nicht erlaubt.', 'Paths out of the rule folder ("..") are not allowed.');
  }
  if (segments.some((s) => s.startsWith('.'))) throw refuse('Versteckte Dateien und Ordner sind nicht erlaubt.', 'Hidden files and folders are not allowed.');
  // File systems allow 255 bytes a name, and the atomic writer's temp file adds about 26.
  if (segments.some((s) => Buffer.byteLength(s) > MAX_NAME_BYTES)) {
    throw new HttpProblem('bad-request', {
      de: `Ein Datei- oder Ordnername ist zu lang (höchstens ${MAX_NAME_BYTES} Bytes je Name).`,
      en: `A file or folder name is too long (at most ${MAX_NAME_BYTES} bytes a name).`,
    });
  }
  if (!relative.endsWith('.json')) throw refuse('Nur .json-Dateien im Regelordner können gelesen und gespeichert werden.', 'Only .json files in the rule folder can be read and saved.');
  return segments;
}

/**
 * The absolute path of `relative` inside `root`, checked component by component: every part
 * that exists must be a real directory (or, last, a regular file) — no symbolic link.
 */
export function resolveInside(root: string, relative: string): string {
  const segments = segmentsOf(relative);
  const realRoot = realpathSync(root);
  for (let i = 1; i <= segments.length; i++) {
    let st;
    try {
      st = lstatSync(join(realRoot, ...segments.slice(0, i)));
    } catch {
      break; // does not exist yet: the rest is created below a checked directory
    }
    if (st.isSymbolicLink()) throw refuse('Symbolische Verknüpfungen im Regelordner werden weder gelesen noch überschrieben.', 'Symbolic links in the rule folder are neither read nor overwritten.');
    if (i === segments.length ? !st.isFile() : !st.isDirectory()) throw refuse('Der Pfad ist keine Datei im Regelordner.', 'The path is not a file in the rule folder.');
  }
  const path = join(realRoot, ...segments);
  if (!isInside(realRoot, path)) throw refuse('Der Pfad führt aus dem Regelordner hinaus.', 'The path leads out of the rule folder.');
  return path;
}
