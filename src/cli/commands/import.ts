/**
 * `pvs-rules import sdhdrg|sdops|sdicd|sdebm FILE.xml -o OUT.json [--force]`: a KBV master file
 * as a master-catalogue document. The output is checked before the file is read, written
 * through a temp file and renamed only when the whole import succeeded: a malformed or unknown
 * file leaves nothing behind.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { MasterFile } from '../../catalogues/master-document';
import { catalogueChunks } from '../../import/catalogue-document';
import { importMasterFile } from '../../import/master-import';
import { MasterFileError } from '../../import/master-file-error';
import { AtomicWriteError, openAtomic, removeTempFilesOnSignals, type AtomicFile } from '../../node/atomic-file';
import { BUNDLED_RULES_DIR } from '../../node/files';
import { UsageError, VERSION, type CliArgs, type CliIo } from '../args';
import type { Lang } from '../format';

const KINDS: Record<string, MasterFile> = { sdhdrg: 'SDHDRG', sdops: 'SDOPS', sdicd: 'SDICD', sdebm: 'SDEBM' };

export async function importCommand(args: CliArgs, lang: Lang, io: CliIo): Promise<number> {
  const en = lang === 'en';
  const [kindArg, file, ...extra] = args.positionals;
  const kind = kindArg === undefined ? undefined : KINDS[kindArg.toLowerCase()];
  if (!kind || !file || extra.length || !args.values.output) {
    throw new UsageError('Aufruf: pvs-rules import sdhdrg|sdops|sdicd|sdebm DATEI.xml -o AUSGABE.json [--force]', 'Usage: pvs-rules import sdhdrg|sdops|sdicd|sdebm FILE.xml -o OUT.json [--force]');
  }
  const input = resolve(io.cwd, file);
  const target = resolve(io.cwd, args.values.output);
  try {
    if ((await stat(input)).isDirectory()) {
      io.err(`${file}: ${en ? 'is a folder, not a master file' : 'ist ein Ordner, keine Stammdatei'}\n`);
      return 2;
    }
  } catch (e) {
    io.err(`${file}: ${en ? 'cannot read' : 'nicht lesbar'} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
    return 2;
  }
  // The output is refused (exists, is the input, no folder) before tens of MB are read.
  removeTempFilesOnSignals();
  let out: AtomicFile;
  try {
    out = await openAtomic(target, { force: args.values.force === true, notSameAs: [input], mode: 0o644 });
  } catch (e) {
    return failed(args.values.output, e, lang, io);
  }
  try {
    const doc = await importMasterFile(kind, input, { schemaRef: schemaRef(dirname(out.target)), importer: `pvs-rules ${VERSION}` }, file);
    for (const chunk of catalogueChunks(doc)) await out.write(Buffer.from(chunk, 'utf8'));
    await out.commit();
    const counts = Object.entries(doc.tables)
      .map(([name, t]) => `${t.rows.length} ${name}`)
      .join(', ');
    io.out(`${doc.masterFile} ${doc.source.interfaceVersion}, ${doc.validFrom ?? '…'}–${doc.validUntil ?? '…'}: ${counts} → ${args.values.output}\n`);
    for (const n of doc.notes ?? []) io.out(`  ${en ? n.en : n.de}\n`);
    return 0;
  } catch (e) {
    await out.abort();
    if (e instanceof MasterFileError) {
      io.err(`${e.located(lang)}\n${en ? 'Nothing was written.' : 'Es wurde nichts geschrieben.'}\n`);
      return 2;
    }
    if (e instanceof AtomicWriteError) return failed(args.values.output, e, lang, io);
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code) {
      io.err(`${file}: ${en ? 'cannot read' : 'nicht lesbar'} (${code})\n`);
      return 2;
    }
    throw e;
  }
}

/** `$schema` of the output: the package's schema, relative to the output's folder. */
function schemaRef(outDir: string): string {
  const schema = join(dirname(BUNDLED_RULES_DIR), 'schemas', 'master-catalogue.schema.json');
  return relative(outDir, schema).split(sep).join('/');
}

function failed(output: string, e: unknown, lang: Lang, io: CliIo): number {
  const reason = e instanceof AtomicWriteError ? (lang === 'en' ? e.en : e.de) : (e as Error).message;
  io.err(`${output}: ${reason}\n`);
  return 2;
}
