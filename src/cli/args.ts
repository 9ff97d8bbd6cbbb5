/** What every command shares: the I/O it is given, its parsed options and the usage text. */
import { parseArgs } from 'node:util';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** True when stderr is a terminal (progress bar). */
  tty?: boolean;
}

export const VERSION = '0.1.0';

export const USAGE = `pvs-rules – Abrechnungsregeln für ASV, Hybrid-DRG und Besondere Versorgung

Aufruf / usage:
  pvs-rules check --entry FILE [--context FILE] [--rules PATH ...] [--format text|json|sarif] [--locale de|en] [--no-fail]
  pvs-rules check FILE.con [--context FILE] [--rules PATH ...] [--format text|json|sarif] [--fix -o OUT.con]
  pvs-rules validate [PATH ...] [--format text|json|sarif] [--locale de|en]
  pvs-rules test [DIR ...] [--rules PATH ...] [--format text|json|sarif|junit]
  pvs-rules explain --entry FILE [--context FILE] [--rules PATH ...]
  pvs-rules diff OLD.json NEW.json [--format text|json]
  pvs-rules kvdt dump FILE.con

  --entry    Leistung(en) als JSON: ein Objekt oder eine Liste / service entry JSON: one object or a list
  FILE.con   KVDT-Abrechnungsdatei (ISO 8859-15) / KVDT billing file
  --context  Praxiskontext (ASV-Teams, FK 0222) / practice context
  --rules    Regelwerke und Kataloge (Datei oder Ordner, mehrfach); Vorgabe: mitgelieferte / rule sets (default: bundled)
  --format   text (Vorgabe), json (genau das Prüfergebnis) oder sarif / text, json (exactly the result) or sarif
  --fix -o   korrigierte Datei schreiben; die Eingabe bleibt unverändert / write a corrected copy; the input is never modified
  --no-fail  Exit-Code 0 auch bei Fehlern in Leistungen (nur berichten) / exit 0 on error findings (report only)

Exit-Codes: 0 keine Fehler, 1 Fehler gefunden, 2 unbrauchbare Eingabe / 0 no errors, 1 errors found, 2 unusable input
`;

export function parse(rest: string[]) {
  return parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      entry: { type: 'string' },
      context: { type: 'string' },
      rules: { type: 'string', multiple: true },
      format: { type: 'string' },
      locale: { type: 'string' },
      'no-fail': { type: 'boolean' },
      fix: { type: 'boolean' },
      output: { type: 'string', short: 'o' },
    },
  });
}

export type CliArgs = ReturnType<typeof parse>;
