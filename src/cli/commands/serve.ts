/**
 * `pvs-rules serve`: the JSON API (and with --studio the rule studio) until SIGTERM or
 * SIGINT; then the requests in hand are finished before it exits. Prints its URL first.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StartRefused } from '../../server/access';
import { startServer, type RulesServer } from '../../server/server';
import { formatProblems, type Lang } from '../format';
import { checkOptions, checkPositionals, reportUsage, UsageError, VERSION, type CliIo } from '../args';

const OPTIONS = {
  rules: { type: 'string' },
  context: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '0' },
  token: { type: 'string' },
  studio: { type: 'boolean' },
  locale: { type: 'string' },
} as const;

/** The options, checked: a `UsageError` for anything unknown, a positional or a bad locale or port. */
function options(argv: string[]) {
  checkOptions(argv, OPTIONS);
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  checkPositionals(positionals, 0);
  if (values.locale !== undefined && values.locale !== 'de' && values.locale !== 'en') throw new UsageError(`Unbekannte Sprache "${values.locale}" (de oder en).`, `Unknown locale "${values.locale}" (de or en).`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError('--port muss zwischen 0 und 65535 liegen.', '--port must be 0–65535.');
  return { ...values, port };
}

/** 'dir', 'file' (or another kind), or null when nothing is at `path` (or it cannot be asked). */
function kindOf(path: string): 'dir' | 'file' | null {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** Serves until a stop signal; resolves to the exit code. */
export async function serve(argv: string[], io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(argv);
  } catch (e) {
    if (e instanceof UsageError) return reportUsage(e, io);
    throw e;
  }
  const lang: Lang = o.locale === 'en' ? 'en' : 'de';
  const port = o.port;
  // The token may come from the environment, so that it is not visible in the process list.
  const token = o.token ?? process.env['PVS_RULES_TOKEN'];
  // A path that names nothing is a typo in the PVS's configuration, not files to wait for.
  for (const [flag, path, dir] of [['--rules', o.rules, true], ['--context', o.context, false]] as const) {
    if (path === undefined) continue;
    const kind = kindOf(resolve(io.cwd, path));
    if (kind !== (dir ? 'dir' : 'file')) {
      const [de, en] = dir ? ['Regelordner', 'rule folder'] : ['Praxiskontext', 'practice context'];
      const why = kind === null ? ['gibt es nicht', 'does not exist'] : dir ? ['ist kein Ordner', 'is not a folder'] : ['ist keine Datei', 'is not a file'];
      io.err(`Start nicht möglich: ${de} ${flag} ${path} ${why[0]}.\nCannot start: ${en} ${flag} ${path} ${why[1]}.\n`);
      return 2;
    }
  }
  let server: RulesServer;
  try {
    server = await startServer({
      rulesDir: o.rules ? resolve(io.cwd, o.rules) : undefined,
      contextFile: o.context ? resolve(io.cwd, o.context) : undefined,
      host: o.host,
      port,
      token: token || undefined,
      studio: o.studio === true,
      version: VERSION,
      log: (line) => io.err(`${line}\n`),
    });
  } catch (e) {
    // Said before any --locale matters to the reader: German, then English, a line each.
    const code = (e as NodeJS.ErrnoException).code;
    const [de, en] = e instanceof StartRefused ? [e.de, e.en] : code === 'EADDRINUSE' ? [`Port ${port} ist belegt.`, `Port ${port} is in use.`] : [(e as Error).message, (e as Error).message];
    io.err(`Start nicht möglich: ${de}\nCannot start: ${en}\n`);
    return 2;
  }
  const attempt = server.store.lastAttempt;
  if (!attempt.ok) {
    io.err(formatProblems(attempt.problems, lang));
    io.err(lang === 'en' ? 'No valid rule sets: checks answer 503 until the files are fixed (they are watched).\n' : 'Keine gültigen Regelwerke: Prüfungen antworten mit 503, bis die Dateien korrigiert sind (sie werden beobachtet).\n');
  }
  // The fragment carries the token to the studio without sending it in any request line.
  io.out(`pvs-rules serve: ${server.url}${o.studio && token ? `#token=${encodeURIComponent(token)}` : ''}\n`);
  const signal = await new Promise<string>((done) => {
    signals.once('SIGTERM', () => done('SIGTERM'));
    signals.once('SIGINT', () => done('SIGINT'));
  });
  io.err(lang === 'en' ? `${signal}: finishing ${server.inFlight} request(s), then stopping.\n` : `${signal}: ${server.inFlight} laufende Anfrage(n) werden beendet, dann Ende.\n`);
  await server.close();
  return 0;
}
