/** What every command shares: the I/O it is given, its parsed options and the usage text. */
import { parseArgs } from 'node:util';
import { version } from '../../package.json';

export interface CliIo {
  out(text: string): void;
  /** The same for text already encoded as UTF-8 (a report of a KVDT file); without it, `out` gets it decoded. The bytes are the callee's to keep. */
  outBytes?(bytes: Uint8Array): void;
  err(text: string): void;
  cwd: string;
  /** True when stderr is a terminal (progress bar). */
  tty?: boolean;
  /** Resolves when `out` can take more: long reports wait for a slow reader instead of buffering. */
  drain?(): Promise<void>;
  /**
   * Called once as a KVDT file check starts, before the rules are loaded: the CLI's own
   * process sets V8 flags for itself there (see v8-tuning.ts); a host that runs the CLI in its
   * own process leaves it out.
   */
  fileCheckStarts?(): void;
}

export const VERSION = version;

export const USAGE = `pvs-rules – Abrechnungsregeln für ASV, Hybrid-DRG und Besondere Versorgung

Aufruf / usage:
  pvs-rules check --entry FILE [--context FILE] [--rules PATH ...] [--format text|json|sarif] [--locale de|en] [--no-fail]
  pvs-rules check FILE.con|- [--context FILE] [--rules PATH ...] [--format text|jsonl|json|sarif|junit] [--fix -o OUT.con [--force]]
  pvs-rules validate [PATH ...] [--format text|json|sarif] [--locale de|en]
  pvs-rules test [DIR ...] [--rules PATH ...] [--format text|json|sarif|junit]
  pvs-rules explain --entry FILE [--context FILE] [--rules PATH ...]
  pvs-rules diff OLD.json NEW.json [--rules DIR] [--format text|json]
  pvs-rules kvdt dump FILE.con
  pvs-rules import sdhdrg|sdops|sdicd|sdebm FILE.xml -o OUT.json [--force]
  pvs-rules serve [--rules DIR] [--context FILE] [--host 127.0.0.1] [--port 0] [--token T] [--studio]

  --entry    Leistung(en) als JSON: ein Objekt oder eine Liste / service entry JSON: one object or a list
  FILE.con   KVDT-Abrechnungsdatei (ISO 8859-15), - für stdin / KVDT billing file, - for stdin
  --context  Praxiskontext (ASV-Teams, FK 0222) / practice context
  --rules    Regelwerke und Kataloge (Datei oder Ordner, mehrfach); Vorgabe: mitgelieferte / rule sets (default: bundled)
  --format   text (Vorgabe), json (genau das Prüfergebnis) oder sarif / text, json (exactly the result) or sarif
  --fix -o   korrigierte Datei schreiben; die Eingabe bleibt unverändert / write a corrected copy; the input is never modified
  --force    eine vorhandene Ausgabedatei ersetzen / replace an existing output file
  import     KBV-Stammdatei als Katalog einlesen (docs/master-catalogues.md) / read a KBV master file as a catalogue
  --no-fail  Exit-Code 0 auch bei Fehlern in Leistungen (nur berichten) / exit 0 on error findings (report only)
  serve      lokale JSON-API unter /v1/, --studio: Regelstudio / local JSON API, --studio: rule studio (docs/server.md)

Exit-Codes: 0 keine Fehler, 1 Fehler gefunden, 2 unbrauchbare Eingabe / 0 no errors, 1 errors found, 2 unusable input
`;

const OPTIONS = {
  entry: { type: 'string' },
  context: { type: 'string' },
  rules: { type: 'string', multiple: true },
  format: { type: 'string' },
  locale: { type: 'string' },
  'no-fail': { type: 'boolean' },
  fix: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
} as const;

/** A command line the CLI cannot use. Said in both languages, as the usage text is. */
export class UsageError extends Error {
  constructor(
    readonly de: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Says a usage error (German, then English, then the usage text); resolves to exit code 2. */
export function reportUsage(e: UsageError, io: CliIo): number {
  io.err(`${e.de} / ${e.en}\n\n${USAGE}`);
  return 2;
}

/** A `UsageError` for positionals beyond the `max` a command takes. */
export function checkPositionals(positionals: readonly string[], max: number): void {
  const extra = positionals[max];
  if (extra !== undefined) throw new UsageError(`Unerwartetes Argument "${extra}".`, `Unexpected argument "${extra}".`);
}

/** A `UsageError` naming what is missing from the command line (`de`/`en`: the missing arguments as the usage text names them). */
export function missing(de: string, en: string): UsageError {
  return new UsageError(`Es fehlt: ${de}.`, `Missing: ${en}.`);
}

/**
 * A `UsageError` for an option not in `options`, a missing value or a value given to a flag.
 * Node's own errors would be English and suggest '--' quoting; checked here from the tokens first.
 */
export function checkOptions(rest: string[], options: Record<string, { type: 'string' | 'boolean' }>): void {
  const { tokens } = parseArgs({ args: rest, options, allowPositionals: true, strict: false, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const option = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!option) throw new UsageError(`Unbekannte Option "${t.rawName}".`, `Unknown option "${t.rawName}".`);
    if (option.type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      throw new UsageError(`Die Option "${t.rawName}" braucht einen Wert.`, `Option "${t.rawName}" needs a value.`);
    }
    if (option.type === 'boolean' && t.inlineValue) throw new UsageError(`Die Option "${t.rawName}" hat keinen Wert.`, `Option "${t.rawName}" takes no value.`);
  }
}

/** The options and positionals after the command; a `UsageError` for anything it does not know. */
export function parse(rest: string[]) {
  checkOptions(rest, OPTIONS);
  const args = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true });
  const locale = args.values.locale;
  if (locale !== undefined && locale !== 'de' && locale !== 'en') throw new UsageError(`Unbekannte Sprache "${locale}" (de oder en).`, `Unknown locale "${locale}" (de or en).`);
  return args;
}

export type CliArgs = ReturnType<typeof parse>;
