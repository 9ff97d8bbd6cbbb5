/** `pvs-rules kvdt dump FILE.con`: the parsed records as JSON lines (for debugging a file). */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { mapCase } from '../../kvdt/mapping';
import { emptyPractice, readPractice } from '../../kvdt/practice';
import { emptyHeader, readHeader } from '../../kvdt/file-header';
import { KvdtReader, type LocatedLineProblem, type RecordView } from '../../kvdt/reader';
import type { CliIo } from '../args';
import type { Lang } from '../format';

/** Prints each record with its lines (field id, decoded content, problems) and its entries, then the practice data. */
export async function dump(file: string, lang: Lang, io: CliIo): Promise<number> {
  const en = lang === 'en';
  const practice = emptyPractice();
  const header = emptyHeader();
  /** Problems of lines not yet printed with their record, by line number. */
  let problems = new Map<number, string[]>();
  let fatal = false;
  const reader = new KvdtReader({
    lineProblem(p: LocatedLineProblem) {
      const list = problems.get(p.line) ?? [];
      list.push(en ? p.en : p.de);
      problems.set(p.line, list);
    },
    record(r: RecordView) {
      if (r.type === 'besa' && !r.overflowed) readPractice(r, practice);
      else if (!r.overflowed) readHeader(r, header);
      const lines = [];
      for (let i = 0; i < r.lines; i++) {
        const line = r.firstLine + i;
        const fk = r.fk(i);
        const own = problems.get(line);
        lines.push({ line, fk: fk < 0 ? '' : String(fk).padStart(4, '0'), content: r.text(i), ...(own ? { problems: own } : {}) });
        problems.delete(line);
      }
      const entries = mapCase(r, practice, header).map((s) => s.entry);
      const rest = [...problems].map(([line, list]) => ({ line, problems: list }));
      problems = new Map();
      io.out(`${JSON.stringify({ record: r.type, ...(r.overflowed ? { overflowed: true, line: r.firstLine } : {}), lines, ...(entries.length ? { entries } : {}), ...(rest.length ? { problems: rest } : {}) })}\n`);
    },
    passThrough() {},
    fatal(kind) {
      fatal = true;
      io.err(`${file}: ${kind === 'empty' ? (en ? 'the file is empty' : 'die Datei ist leer') : en ? 'not a KVDT file' : 'keine KVDT-Datei'}\n`);
    },
  });
  try {
    const source = file === '-' ? process.stdin : createReadStream(resolve(io.cwd, file), { highWaterMark: 1024 * 1024 });
    for await (const chunk of source) {
      reader.push(chunk as Buffer);
      if (fatal) return 2;
    }
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  }
  reader.end();
  if (fatal) return 2;
  io.out(`${JSON.stringify({ practice })}\n`);
  return 0;
}
