/**
 * JSON input files of the CLI (rule sets to compare, entries to explain), read with the
 * positional parser: every problem is placed by file, line:column and JSON pointer, and none
 * quotes the text (an entry file may hold patient data).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadProblem } from '../../plugin-api/types';
import { locate, parseJson, type Positions } from '../load/json-text';
import type { CliIo } from './args';
import { formatProblems, type Lang } from './format';

export interface JsonFile {
  /** The path as given on the command line (problems name it so). */
  path: string;
  value: unknown;
  positions: Positions;
}

/** The parsed file, or `undefined` after reporting why it cannot be read. */
export function readJsonFile(path: string, lang: Lang, io: CliIo): JsonFile | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    io.err(`${path}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return undefined;
  }
  const parsed = parseJson(text);
  if (parsed.problems.length) {
    io.err(formatProblems(parsed.problems.map((p) => ({ file: path, severity: 'error', ...p })), lang));
    return undefined;
  }
  return { path, value: parsed.value, positions: parsed.positions };
}

/** An error at `pointer` of `file`, placed by line and column. */
export function problemAt(file: JsonFile, pointer: string, code: string, de: string, en: string): LoadProblem {
  return { file: file.path, pointer, ...locate(file.positions, pointer), severity: 'error', code, message: de, messageEn: en };
}
