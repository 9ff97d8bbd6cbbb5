/**
 * `pvs-rules check FILE.con [--fix -o OUT [--force]]`: a KVDT billing file — a path, `-` for
 * stdin, a FIFO, `/dev/stdin`, `<(…)` — read once; findings by line as they are found; a
 * corrected copy written atomically (src/node/atomic-file.ts) and only if the whole file was
 * read and written without error.
 */
import { fstatSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { kvdtEventSteps, type FileProblem, type KvdtSummary } from '../../kvdt/check-file';
import { AtomicWriteError, openAtomic, removeTempFilesOnSignals, type AtomicFile } from '../../node/atomic-file';
import { UsageError, VERSION, type CliArgs, type CliIo } from '../args';
import { fileReportWriter, problemLine, type FileReportFormat } from '../file-report';
import { OutputPieces } from '../output-pieces';
import { ReportBytes } from '../report-bytes';
import type { Lang } from '../format';
import { prepare } from '../prepare';

/** Read size: large enough for few system calls, small enough to keep memory flat. */
const READ_CHUNK = 1024 * 1024;
/**
 * The corrected file is written in pieces of at most this many bytes (a bigger step's output at
 * once). 1 MiB pieces saved a little more CPU but raised the peak RSS of the 1 GB every-case
 * file from 128 to as much as 146 MiB in three of five runs (136-150 against the 150 MB goal);
 * 256 KiB: 133 MiB in three of three.
 */
const OUTPUT_PIECE = 256 * 1024;
/** Report text is handed to stdout in pieces of about this many bytes. */
const TEXT_CHUNK = 64 * 1024;

export async function checkFile(args: CliArgs, format: string, lang: Lang, io: CliIo): Promise<number> {
  const en = lang === 'en';
  const file = args.positionals[0];
  if (!file) throw new UsageError('Bitte --entry DATEI oder eine KVDT-Datei angeben.', 'Give --entry FILE or a KVDT file.');
  if (args.values.fix && !args.values.output) throw new UsageError('--fix braucht -o AUSGABE.con.', '--fix needs -o OUT.con.');
  const input = await openInput(file, lang, io);
  if (!input) return 2;
  io.fileCheckStarts?.();
  try {
    const checker = prepare(args, lang, io);
    if (!checker) return 2;
    let output: AtomicFile | undefined;
    if (args.values.output) {
      removeTempFilesOnSignals();
      try {
        // Never the input itself (device + inode); a new file gets the input's permissions.
        output = await openAtomic(resolve(io.cwd, args.values.output), { force: args.values.force === true, notSameAs: [input.stat], mode: input.stat.isFile() ? input.stat.mode & 0o777 : 0o600 });
      } catch (e) {
        return refused(args.values.output, e, lang, io);
      }
    }
    const writer = fileReportWriter(format as FileReportFormat, file, lang, VERSION, checker.ruleSets.ruleSets);
    const progress = io.tty === true && input.stat.isFile() && input.stat.size > 4 * 1024 * 1024 ? new Progress(input.stat.size, io) : undefined;
    const report = new ReportBytes(2 * TEXT_CHUNK);
    /** The report gathered so far goes out. */
    const flush = () => {
      if (report.length === 0) return;
      const bytes = report.take();
      if (io.outBytes) io.outBytes(bytes);
      else io.out(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
    };
    let fatal: FileProblem | undefined;
    let summary: KvdtSummary | undefined;
    // The corrected file's bytes are copied into pieces (output-pieces.ts); the write of one
    // piece goes on while the check goes on and the next is gathered. It is awaited before the
    // next piece, before report text goes out and at the end; should it fail, the report ends
    // where it began, as if it had been awaited at once.
    let writing: Promise<void> | undefined;
    let reportAtWrite = 0;
    const pieces = new OutputPieces(OUTPUT_PIECE);
    const startWrite = (bytes: Uint8Array) => {
      writing = output!.write(bytes);
      reportAtWrite = report.length;
      // Its error is taken where it is awaited; until then it must not count as unhandled.
      writing.catch(() => {});
    };
    try {
      for await (const events of kvdtEventSteps(input.chunks(), checker, { output: output !== undefined, reuseOutput: true })) {
        for (const e of events) {
          if (e.type === 'output') {
            if (pieces.put(e.bytes)) continue;
            // The piece gathered goes out; the step's bytes start the next one.
            await writing;
            if (pieces.length) startWrite(pieces.take());
            if (!pieces.put(e.bytes)) {
              // Bigger than a piece: written at once, and done with before the check goes on (its buffer is the check's).
              await writing;
              startWrite(e.bytes);
              await writing;
            }
          } else if (e.type === 'progress') progress?.show(e.bytesRead);
          else if (e.type === 'end') summary = e.summary;
          else {
            if (e.type === 'problem' && e.problem.severity === 'fatal') fatal ??= e.problem;
            writer.event(e, report);
            if (report.length >= TEXT_CHUNK) {
              await writing;
              writing = undefined;
              flush();
              await io.drain?.();
            }
          }
        }
      }
      await writing;
      if (pieces.length && !fatal) {
        startWrite(pieces.take());
        await writing;
      }
    } catch (thrown) {
      let e = thrown;
      // No write may still run when the temp file is removed; its error came first.
      const failed = writing && (await writing.then(() => undefined, (w: unknown) => w));
      if (failed !== undefined) {
        e = failed;
        report.truncate(reportAtWrite);
      }
      await output?.abort();
      progress?.clear();
      flush();
      if (e instanceof AtomicWriteError) return refused(args.values.output!, e, lang, io);
      // A system error reading the input (EIO, a vanished network drive); anything else is a fault of pvs-rules itself.
      if (typeof (e as NodeJS.ErrnoException)?.code !== 'string') throw e;
      io.err(`${file}: ${en ? 'read error' : 'Lesefehler'}: ${(e as Error).message}\n`);
      return 2;
    }
    progress?.clear();
    flush();
    if (!summary) throw new Error('the check ended without a summary');
    if (fatal) {
      await output?.abort();
      if (format !== 'text') io.out(writer.end(summary, undefined));
      io.err(problemLine(file, fatal, lang));
      return 2;
    }
    try {
      await output?.commit();
    } catch (e) {
      await output?.abort();
      io.out(writer.end(summary, undefined));
      return refused(args.values.output!, e, lang, io);
    }
    io.out(writer.end(summary, output?.target));
    const hasError = summary.problems.error > 0 || summary.findings.error > 0;
    return hasError && !args.values['no-fail'] ? 1 : 0;
  } finally {
    await input.close();
  }
}

interface Input {
  stat: Stats;
  chunks(): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

/** The input, opened once: a path (file, FIFO, /dev/stdin, /dev/fd/N) or `-` for stdin. */
async function openInput(file: string, lang: Lang, io: CliIo): Promise<Input | undefined> {
  const en = lang === 'en';
  if (file === '-') {
    return { stat: fstatSync(0), chunks: () => process.stdin, close: async () => {} };
  }
  let handle: FileHandle;
  try {
    handle = await open(resolve(io.cwd, file), 'r');
  } catch (e) {
    // /dev/stdin cannot be opened when stdin is a socket (as some programs start children): read it directly.
    if ((e as NodeJS.ErrnoException).code === 'ENXIO' && /^\/(dev\/stdin|dev\/fd\/0|proc\/self\/fd\/0)$/.test(file)) return openInput('-', lang, io);
    io.err(`${file}: ${en ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
    return undefined;
  }
  const stat = await handle.stat();
  if (stat.isDirectory()) {
    await handle.close();
    io.err(`${file}: ${en ? 'is a folder, not a KVDT file' : 'ist ein Ordner, keine KVDT-Datei'}\n`);
    return undefined;
  }
  return {
    stat,
    async *chunks() {
      // Sequential reads (no position): the same for files, pipes and FIFOs. One buffer: checkKvdt copies each chunk.
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      if (stat.isFile()) {
        // A file's next chunk is read into a second buffer while this one is checked. Not for a
        // pipe, where a read waits for a writer: the handle could not be closed before it ends.
        const other = Buffer.allocUnsafe(READ_CHUNK);
        let next = handle.read(buf, 0, READ_CHUNK, null);
        for (let turn = other; ; ) {
          const { bytesRead, buffer } = await next;
          if (bytesRead === 0) return;
          next = handle.read(turn, 0, READ_CHUNK, null);
          // Its error is taken where it is awaited (not at all when the check stops early).
          next.catch(() => {});
          turn = buffer;
          yield buffer.subarray(0, bytesRead);
        }
      }
      for (;;) {
        const { bytesRead } = await handle.read(buf, 0, READ_CHUNK, null);
        if (bytesRead === 0) return;
        yield buf.subarray(0, bytesRead);
      }
    },
    close: () => handle.close().catch(() => {}),
  };
}

/** A refused or failed output: its reason, exit 2. */
function refused(output: string, e: unknown, lang: Lang, io: CliIo): number {
  const reason = e instanceof AtomicWriteError ? (lang === 'en' ? e.en : e.de) : (e as Error).message;
  io.err(`${output}: ${reason}\n`);
  return 2;
}

/** A progress bar on stderr for big files. */
class Progress {
  private shown = -1;
  constructor(
    private readonly size: number,
    private readonly io: CliIo,
  ) {}
  show(read: number): void {
    const pct = Math.min(100, Math.floor((read / this.size) * 100));
    if (pct === this.shown) return;
    this.shown = pct;
    this.io.err(`\r${'#'.repeat(pct >> 2).padEnd(25, '.')} ${pct}%`);
  }
  clear(): void {
    if (this.shown >= 0) this.io.err('\r'.padEnd(40) + '\r');
  }
}
