/** `pvs-rules explain --entry FILE`: every rule considered, with each condition's values. */
import { formatExplanation } from '../../tooling/explain-text';
import type { CliArgs, CliIo } from '../args';
import type { Lang } from '../format';
import { entriesOf, prepare, readJson } from '../prepare';

export function explain(args: CliArgs, lang: Lang, io: CliIo): number {
  if (!args.values.entry) {
    io.err(`${lang === 'en' ? '--entry is required' : '--entry fehlt'}\n`);
    return 2;
  }
  const entry = readJson(args.values.entry, lang === 'en' ? 'Entry' : 'Leistung', lang, io);
  if (!entry) return 2;
  const checker = prepare(args, lang, io);
  if (!checker) return 2;
  for (const e of entriesOf(entry.value)) io.out(formatExplanation(checker.explain(e), lang));
  return 0;
}
