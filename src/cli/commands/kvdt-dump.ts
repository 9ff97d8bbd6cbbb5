/** `pvs-rules kvdt dump FILE.con`: the parsed records as JSON lines. */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { KvdtReader } from '../../kvdt/reader';
import { mapCase } from '../../kvdt/mapping';
import type { CliIo } from '../args';
import type { Lang } from '../format';

/** Prints the parsed structure as JSON, record by record (for debugging). */
export async function dump(file: string, lang: Lang, io: CliIo): Promise<number> {
  const reader = new KvdtReader();
  const print = (records: ReturnType<KvdtReader['push']>) => {
    for (const r of records) {
      const entries = mapCase(r, reader.practice).map((s) => s.entry);
      const lines = r.lines.map((l) => ({ line: l.lineNo, fk: l.fk, content: l.content, ...(l.problems.length ? { problems: l.problems.map((p) => (lang === 'en' ? p.en : p.de)) } : {}) }));
      io.out(`${JSON.stringify({ record: r.type, lines, ...(entries.length ? { entries } : {}) })}\n`);
    }
  };
  try {
    for await (const chunk of createReadStream(resolve(io.cwd, file))) print(reader.push(chunk as Buffer));
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  }
  print(reader.end());
  io.out(`${JSON.stringify({ practice: reader.practice })}\n`);
  return 0;
}
