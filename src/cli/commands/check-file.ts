/** `pvs-rules check FILE.con [--fix -o OUT]`: a KVDT billing file, findings by line, a corrected copy. */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { checkKvdtFile } from '../../kvdt/check-file';
import { USAGE, VERSION, type CliArgs, type CliIo } from '../args';
import { formatFileReport, type Lang } from '../format';
import { prepare } from '../prepare';
import { sarifLevel, toSarif, type SarifResult } from '../sarif';

export async function checkFile(args: CliArgs, format: string, lang: Lang, io: CliIo): Promise<number> {
  const file = args.positionals[0];
  if (!file) {
    io.err(`${lang === 'en' ? 'Give --entry FILE or a KVDT file' : 'Bitte --entry DATEI oder eine KVDT-Datei angeben'}\n\n${USAGE}`);
    return 2;
  }
  const input = resolve(io.cwd, file);
  let size: number;
  try {
    size = statSync(input).size;
  } catch (e) {
    io.err(`${file}: ${lang === 'en' ? 'cannot read' : 'nicht lesbar'}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.values.fix && !args.values.output) {
    io.err(lang === 'en' ? '--fix needs -o OUT.con\n' : '--fix braucht -o AUSGABE.con\n');
    return 2;
  }
  const output = args.values.output ? resolve(io.cwd, args.values.output) : undefined;
  if (output && output === input) {
    io.err(lang === 'en' ? 'The output must not be the input file: it is never modified in place.\n' : 'Die Ausgabe darf nicht die Eingabedatei sein: sie wird nie überschrieben.\n');
    return 2;
  }
  const checker = prepare(args, lang, io);
  if (!checker) return 2;

  const sink = output ? createWriteStream(output) : undefined;
  const progress = io.tty && size > 4 * 1024 * 1024;
  let lastShown = -1;
  let report;
  try {
    report = await checkKvdtFile(() => createReadStream(input, { highWaterMark: 256 * 1024 }), checker, {
      write: sink
        ? async (bytes) => {
            if (!sink.write(bytes)) await once(sink, 'drain');
          }
        : undefined,
      onProgress: progress
        ? (read) => {
            const pct = Math.floor((read / size) * 100);
            if (pct !== lastShown) {
              lastShown = pct;
              io.err(`\r${'#'.repeat(pct >> 2).padEnd(25, '.')} ${pct}%`);
            }
          }
        : undefined,
    });
  } catch (e) {
    io.err(`${file}: ${(e as Error).message}\n`);
    return 2;
  } finally {
    if (sink) {
      sink.end();
      await once(sink, 'close');
    }
    if (progress) io.err('\r'.padEnd(40) + '\r');
  }
  if (format === 'json') io.out(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
  else if (format === 'sarif') {
    const results: SarifResult[] = [
      ...report.problems.map((p): SarifResult => ({ ruleId: `KVDT-${p.code}`, level: sarifLevel(p.severity), message: lang === 'en' ? p.messageEn : p.message, uri: file, line: p.line })),
      ...report.findings.map((f): SarifResult => ({ ruleId: f.code, level: sarifLevel(f.severity), message: f.message, uri: file, line: f.line })),
    ];
    io.out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
  } else io.out(formatFileReport(file, report, lang, output));
  if (report.lines === 0) return 2;
  const hasError = report.problems.some((p) => p.severity === 'error') || report.findings.some((f) => f.severity === 'error');
  return hasError && !args.values['no-fail'] ? 1 : 0;
}
