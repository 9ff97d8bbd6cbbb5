/** `pvs-rules explain --entry FILE`: every rule considered, with each condition's values. */
import { formatExplanation } from '../../tooling/explain-text';
import { checkPositionals, UsageError, type CliArgs, type CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { problemAt, readJsonFile } from '../json-file';
import { entriesOf, prepare } from '../prepare';

export function explain(args: CliArgs, lang: Lang, io: CliIo): number {
  if (!args.values.entry) throw new UsageError('--entry fehlt: die Leistung als JSON-Datei.', '--entry is required: the service entry as a JSON file.');
  checkPositionals(args.positionals, 0);
  const file = readJsonFile(args.values.entry, lang, io);
  if (!file) return 2;
  const entries = entriesOf(file.value);
  // Where each entry sits in the file: a list, a batch's "entries", or the file itself.
  const base = Array.isArray(file.value) ? '' : entries.length === 1 && entries[0] === file.value ? undefined : '/entries';
  const problems = entries.length
    ? entries.flatMap((e, i) =>
        typeof e === 'object' && e !== null && !Array.isArray(e)
          ? []
          : [problemAt(file, base === undefined ? '' : `${base}/${i}`, 'entry', 'Keine Leistung: hier wird ein Objekt erwartet.', 'Not a service entry: an object is expected here.')],
      )
    : [problemAt(file, base ?? '', 'entry', 'Die Datei enthält keine Leistung.', 'The file holds no service entry.')];
  if (problems.length) {
    io.err(formatProblems(problems, lang));
    return 2;
  }
  const checker = prepare(args, lang, io);
  if (!checker) return 2;
  for (const e of entries) io.out(formatExplanation(checker.explain(e), lang));
  return 0;
}
