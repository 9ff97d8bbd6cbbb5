/** `pvs-rules check --entry FILE`: service entries from JSON, checked as one batch. */
import type { CheckResult } from '../../../plugin-api/types';
import { UsageError, VERSION, type CliArgs, type CliIo } from '../args';
import { formatResultsText, type Lang } from '../format';
import { readJsonFile } from '../json-file';
import { entriesOf, prepare } from '../prepare';
import { sarifLevel, toSarif, type SarifResult } from '../sarif';

export function checkEntries(args: CliArgs, format: string, lang: Lang, io: CliIo): number {
  // Corrections of entries are in the report; only a KVDT file has a corrected copy to write.
  if (args.values.fix || args.values.output !== undefined) throw new UsageError('--fix und -o gelten nur für KVDT-Dateien; die Korrekturen von --entry stehen im Bericht.', '--fix and -o apply to KVDT files only; the corrections of --entry are in the report.');
  // Read with the positional parser: a syntax error is placed by line and column and quotes nothing of the file.
  const entry = readJsonFile(args.values.entry!, lang, io);
  if (!entry) return 2;
  const checker = prepare(args, lang, io);
  if (!checker) return 2;
  const entries = entriesOf(entry.value);
  // A file with one entry prints one result; a list or batch prints a list.
  const many = entries.length !== 1 || entries[0] !== entry.value;
  const results: CheckResult[] = checker.checkAll(entries);
  if (format === 'json') io.out(`${JSON.stringify(many ? results : results[0], null, 2)}\n`);
  else if (format === 'sarif') {
    const sarif = results.flatMap((r, i) =>
      r.findings.map((f): SarifResult => ({ ruleId: f.code, level: sarifLevel(f.severity), message: `${many ? `#${i + 1}: ` : ''}${f.message}`, uri: args.values.entry!, ...(f.kbvRule !== undefined ? { kbvRule: f.kbvRule } : {}) })),
    );
    io.out(`${JSON.stringify(toSarif(sarif, VERSION), null, 2)}\n`);
  } else io.out(formatResultsText(entries, results, lang));
  // An entry that could not be checked at all (no date, no fee number) is unusable input.
  if (results.some((r) => r.findings.some((f) => f.ruleId === 'input' && f.severity === 'error'))) return 2;
  const hasError = results.some((r) => r.findings.some((f) => f.severity === 'error'));
  return hasError && !args.values['no-fail'] ? 1 : 0;
}
