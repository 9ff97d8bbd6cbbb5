/**
 * The studio's file access: the `.json` documents under the rule folder as a list, one
 * document's text, and saving one — only inside the folder (see safe-path.ts), atomically,
 * and only when it validates, unless the request says `force` ("trotzdem speichern").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonBody, readBody, requireJson } from '../body';
import { HttpProblem } from '../problem';
import { sendJson, type Exchange } from '../respond';
import { resolveInside } from '../safe-path';
import { saveFile } from '../save-file';
import { validateDocuments } from '../validate-documents';

export type FileKind = 'ruleset' | 'catalogue' | 'master-catalogue' | 'contract' | 'test-cases' | 'practice-context' | 'other';

const KINDS = new Set<string>(['ruleset', 'catalogue', 'master-catalogue', 'contract', 'test-cases', 'practice-context']);

const MAX_FILES = 2000;

function kindOf(name: string, text: string): FileKind {
  if (name.endsWith('.test.json')) return 'test-cases';
  const kind = /"kind"\s*:\s*"([a-z-]+)"/.exec(text)?.[1];
  return kind !== undefined && KINDS.has(kind) ? (kind as FileKind) : 'other';
}

/** `GET /v1/files`: every `.json` file below the folder (no hidden names, no symbolic links). */
export function listFiles(x: Exchange): void {
  const files: { path: string; kind: FileKind; bytes: number }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || e.isSymbolicLink() || files.length >= MAX_FILES) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path, `${prefix}${e.name}/`);
      else if (e.isFile() && e.name.endsWith('.json')) {
        const text = readFileSync(path, 'utf8');
        files.push({ path: `${prefix}${e.name}`, kind: kindOf(e.name, text), bytes: statSync(path).size });
      }
    }
  };
  walk(x.store.dir, '');
  sendJson(x.res, 200, { writable: x.store.writable, files }, x.lang);
}

/** `GET /v1/files/{path}`. */
export function readOne(x: Exchange): void {
  const path = resolveInside(x.store.dir, x.params['*']!);
  let text: string;
  try {
    if (statSync(path).size > x.limits.bulkJsonBytes) throw new Error('too large');
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HttpProblem('not-found', { de: 'Die Datei gibt es im Regelordner nicht (oder sie ist zu groß).', en: 'The file does not exist in the rule folder (or is too large).' });
  }
  sendJson(x.res, 200, { path: x.params['*'], kind: kindOf(path, text), text }, x.lang);
}

/** `PUT /v1/files/{path}` with `{ "text": "...", "force": false }`. */
export async function saveOne(x: Exchange): Promise<void> {
  if (!x.store.writable) {
    throw new HttpProblem('read-only', { de: 'Ohne --rules sind die mitgelieferten Regelwerke nur lesbar.', en: 'Without --rules the bundled rule sets are read-only.' });
  }
  const relative = x.params['*']!;
  const path = resolveInside(x.store.dir, relative);
  requireJson(x.req);
  const body = parseJsonBody(await readBody(x.req, x.limits.bulkJsonBytes, x.limits.jsonBodyMs)) as { text?: unknown; force?: unknown };
  if (typeof body !== 'object' || body === null || typeof body.text !== 'string') {
    throw new HttpProblem('bad-request', { de: 'Erwartet wird { "text": "...", "force": false }.', en: 'Expected { "text": "...", "force": false }.' });
  }
  const validation = validateDocuments([{ name: relative, text: body.text }], x.store.lastAttempt.sources);
  const own = validation.problems.filter((p) => p.file === relative && p.severity === 'error');
  if (!validation.ok && body.force !== true) {
    throw new HttpProblem(
      'invalid-document',
      {
        de: `Nicht gespeichert: ${own.length || validation.problems.length} Fehler (mit "force": true wird trotzdem gespeichert).`,
        en: `Not saved: ${own.length || validation.problems.length} error(s) (with "force": true it is saved anyway).`,
      },
      { problems: validation.problems },
    );
  }
  await saveFile(path, body.text);
  x.reload();
  sendJson(x.res, 200, { path: relative, saved: true, forced: !validation.ok, validation }, x.lang);
}
