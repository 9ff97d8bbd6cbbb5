/**
 * The command line: dispatches to one module per command under `commands/`. An adapter
 * over the core: it reads files, calls the plugin API
 * and prints. Exit codes: 0 no error, 1 an error finding (or a rule-set error for
 * `validate`), 2 unusable input.
 */
import { BUNDLED_RULES_DIR } from '../node/files';
import { checkPositionals, missing, parse, reportUsage, USAGE, UsageError, VERSION, type CliArgs, type CliIo } from './args';
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
  let lang: Lang = 'de';
  try {
    args = parse(rest);
    lang = args.values.locale === 'en' ? 'en' : 'de';
    const format = args.values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'sarif' && !(format === 'junit' && command === 'test') && !((format === 'jsonl' || format === 'junit') && command === 'check' && !args.values.entry)) {
      throw new UsageError(`Unbekanntes Format "${format}".`, `Unknown format "${format}".`);
    }
    const code = dispatch(command, args, format, lang, io);
    if (code !== undefined) return await code;
  } catch (e) {
    if (e instanceof UsageError) return reportUsage(e, io);
    // A fault of pvs-rules itself, not of the input: said as such, without a stack trace.
    io.err(`${lang === 'en' ? 'Internal error of pvs-rules' : 'Interner Fehler von pvs-rules'} ${VERSION}: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}\n`);
    return 2;
  }
  const name = command === 'kvdt' ? `kvdt ${args.positionals[0]}` : command;
  return reportUsage(new UsageError(`Unbekannter Befehl "${name}".`, `Unknown command "${name}".`), io);
}

function dispatch(command: string, args: CliArgs, format: string, lang: Lang, io: CliIo): number | Promise<number> | undefined {
  if (command === 'validate') return validate(args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR], format, lang, io);
  if (command === 'check') return args.values.entry ? checkEntries(args, format, lang, io) : checkFile(args, format, lang, io);
  if (command === 'kvdt' && (args.positionals[0] ?? 'dump') === 'dump') {
    if (!args.positionals[1]) throw args.positionals[0] ? missing('DATEI.con', 'FILE.con') : missing('dump DATEI.con', 'dump FILE.con');
    checkPositionals(args.positionals, 2);
    return dump(args.positionals[1], lang, io);
  }
  if (command === 'test') return test(args, format, lang, io);
  if (command === 'explain') return explain(args, lang, io);
  if (command === 'import') return importCommand(args, lang, io);
  if (command === 'diff') {
    const [a, b] = args.positionals;
    if (!a || !b) throw a ? missing('NEU.json', 'NEW.json') : missing('ALT.json NEU.json', 'OLD.json NEW.json');
    checkPositionals(args.positionals, 2);
    return diff(a, b, format, lang, io, args.values.rules);
  }
  return undefined;
}
