/** `pvs-rules check FILE.con [--fix -o OUT [--force]]`: a KVDT billing file, findings by line, a corrected copy. */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkKvdtFile } from '../../kvdt/check-file';
import { AtomicWriteError, openAtomic, removeTempFilesOnSignals, type AtomicFile } from '../../node/atomic-file';
import { USAGE, VERSION, type CliArgs, type CliIo } from '../args';
import { formatFileReport, type Lang } from '../format';
import { prepare } from '../prepare';
import { sarifLevel, toSarif, type SarifResult } from '../sarif';

export async function checkFile(args: CliArgs, format: string, lang: Lang, io: CliIo): Promise<number> {
  const en = lang === 'en';
  const file = args.positionals[0];
  if (!file) {
    io.err(`${en ? 'Give --entry FILE or a KVDT file' : 'Bitte --entry DATEI oder eine KVDT-Datei angeben'}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.fix && !args.values.output) {
    io.err(en ? '--fix needs -o OUT.con\n' : '--fix braucht -o AUSGABE.con\n');
    return 2;
  }
  let input: FileHandle;
  try {
    input = await open(resolve(io.cwd, file), 'r');
  } catch (e) {
    io.err(`${file}: ${en ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    const st = await input.stat();
    if (st.isDirectory()) {
      io.err(`${file}: ${en ? 'is a folder, not a KVDT file' : 'ist ein Ordner, keine KVDT-Datei'}\n`);
      return 2;
    }
    const checker = prepare(args, lang, io);
    if (!checker) return 2;

    let output: AtomicFile | undefined;
    if (args.values.output) {
      removeTempFilesOnSignals();
      try {
        output = await openAtomic(resolve(io.cwd, args.values.output), { force: args.values.force === true, notSameAs: [st], mode: st.isFile() ? st.mode & 0o777 : 0o600 });
      } catch (e) {
        return writeFailed(args.values.output, e, lang, io);
      }
    }
    const progress = io.tty && st.size > 4 * 1024 * 1024;
    let lastShown = -1;
    let report;
    try {
      report = await checkKvdtFile(() => createReadStream('', { fd: input, start: 0, autoClose: false, highWaterMark: 256 * 1024 }), checker, {
        write: output ? (bytes) => output!.write(bytes) : undefined,
        onProgress: progress
          ? (read) => {
              const pct = Math.floor((read / st.size) * 100);
              if (pct !== lastShown) {
                lastShown = pct;
                io.err(`\r${'#'.repeat(pct >> 2).padEnd(25, '.')} ${pct}%`);
              }
            }
          : undefined,
      });
      await output?.commit();
    } catch (e) {
      await output?.abort();
      if (e instanceof AtomicWriteError) return writeFailed(args.values.output!, e, lang, io);
      io.err(`${file}: ${(e as Error).message}\n`);
      return 2;
    } finally {
      if (progress) io.err('\r'.padEnd(40) + '\r');
    }
    const written = output?.target;
    if (format === 'json') io.out(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
    else if (format === 'sarif') {
      const results: SarifResult[] = [
        ...report.problems.map((p): SarifResult => ({ ruleId: `KVDT-${p.code}`, level: sarifLevel(p.severity), message: en ? p.messageEn : p.message, uri: file, line: p.line })),
        ...report.findings.map((f): SarifResult => ({ ruleId: f.code, level: sarifLevel(f.severity), message: f.message, uri: file, line: f.line })),
      ];
      io.out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
    } else io.out(formatFileReport(file, report, lang, written));
    if (report.lines === 0) return 2;
    const hasError = report.problems.some((p) => p.severity === 'error') || report.findings.some((f) => f.severity === 'error');
    return hasError && !args.values['no-fail'] ? 1 : 0;
  } finally {
    await input.close().catch(() => {});
  }
}

/** A refused or failed output: its reason, exit 2. */
function writeFailed(output: string, e: unknown, lang: Lang, io: CliIo): number {
  const reason = e instanceof AtomicWriteError ? (lang === 'en' ? e.en : e.de) : (e as Error).message;
  io.err(`${output}: ${reason}\n`);
  return 2;
}
