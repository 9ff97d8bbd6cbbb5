/**
 * The one place the studio writes: through the project's atomic writer (a temp file in the
 * same folder, flushed, renamed over the target), so no reader — the server's own reload, an
 * editor, a vendor's CI — ever sees a half-written rule set.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicWriteError, writeAtomically } from '../node/atomic-file';
import { HttpProblem } from './problem';

/** Saves `text` at `path` (inside the rule folder, already checked); a failure is a 500 that says why, the old file unchanged. */
export async function saveFile(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    // Rule documents hold no patient data; a new one is readable like the others in the folder.
    await writeAtomically(path, (write) => write(Buffer.from(text, 'utf8')), { force: true, mode: 0o644 });
  } catch (e) {
    const reason = e instanceof AtomicWriteError ? { de: e.de, en: e.en } : { de: `Speichern fehlgeschlagen (${(e as NodeJS.ErrnoException).code ?? 'Fehler'}).`, en: `Saving failed (${(e as NodeJS.ErrnoException).code ?? 'error'}).` };
    throw new HttpProblem('internal', { de: `Nicht gespeichert: ${reason.de}`, en: `Not saved: ${reason.en}` });
  }
}
