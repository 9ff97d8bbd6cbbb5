/**
 * The command line: dispatches to one module per command under `commands/`. An adapter
 * over the core: it reads files, calls the plugin API
 * and prints. Exit codes: 0 no error, 1 an error finding (or a rule-set error for
 * `validate`), 2 unusable input.
 */
import { BUNDLED_RULES_DIR } from '../node/files';
import { parse, USAGE, UsageError, VERSION, type CliArgs, type CliIo } from './args';
import type { Lang } from './format';
import { checkEntries } from './commands/check-entries';
import { checkFile } from './commands/check-file';
import { diff } from './commands/diff';
import { dump } from './commands/kvdt-dump';
import { explain } from './commands/explain';
import { serve } from './commands/serve';
import { test } from './commands/test';
import { validate } from './commands/validate';
import { importCommand } from './commands/import';

export type { CliIo } from './args';

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'serve') return serve(rest, io); // its own options (serve.ts)
  let args: CliArgs;
  try {
    args = parse(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.de} / ${e.en}\n\n${USAGE}`);
    return 2;
  }
  const lang: Lang = args.values.locale === 'en' ? 'en' : 'de';
  const format = args.values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif' && !(format === 'junit' && command === 'test') && !((format === 'jsonl' || format === 'junit') && command === 'check' && !args.values.entry)) {
    io.err(lang === 'en' ? `Unknown format "${format}".\n` : `Unbekanntes Format "${format}".\n`);
    return 2;
  }
  try {
    const code = dispatch(command, args, format, lang, io);
    if (code !== undefined) return await code;
  } catch (e) {
    // A fault of pvs-rules itself, not of the input: said as such, without a stack trace.
    io.err(`${lang === 'en' ? 'Internal error of pvs-rules' : 'Interner Fehler von pvs-rules'} ${VERSION}: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
  io.err(`${lang === 'en' ? 'Unknown command' : 'Unbekannter Befehl'} "${[command, ...args.positionals].join(' ')}".\n\n${USAGE}`);
  return 2;
}

function dispatch(command: string, args: CliArgs, format: string, lang: Lang, io: CliIo): number | Promise<number> | undefined {
  if (command === 'validate') return validate(args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR], format, lang, io);
  if (command === 'check') return args.values.entry ? checkEntries(args, format, lang, io) : checkFile(args, format, lang, io);
  if (command === 'kvdt' && args.positionals[0] === 'dump' && args.positionals[1]) return dump(args.positionals[1], lang, io);
  if (command === 'test') return test(args, format, lang, io);
  if (command === 'explain') return explain(args, lang, io);
  if (command === 'import') return importCommand(args, lang, io);
  if (command === 'diff' && args.positionals.length === 2) return diff(args.positionals[0]!, args.positionals[1]!, format, lang, io, args.values.rules);
  return undefined;
}
