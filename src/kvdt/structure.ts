/**
 * The order of records in a KVDT file, per the KVDT Datensatzbeschreibung (chapter 1.4 and
 * 2.1): `con0` first and once; then `besa` and `rvsa`; then the data packages, each between
 * its header and trailer (ADT `adt0` … `adt9` with cases 0101–0104, KADT `kad0` … `kad9` with
 * 0109, SADT `sad0` … `sad9` with sad1–sad3, Hybrid-DRG `hdrg0` … `hdrg9` with hdrg1), each
 * at most once, Hybrid-DRG alone in its file; `con9` last and once. Fed one record type at a
 * time; it remembers a few line numbers, never the records.
 */

export type StructureCode = 'missing-con0' | 'second-con0' | 'missing-con9' | 'after-con9' | 'missing-header' | 'missing-trailer' | 'second-package' | 'hdrg-mixed' | 'unknown-record';

export interface StructureProblem {
  code: StructureCode;
  severity: 'error' | 'warning';
  line: number;
  de: string;
  en: string;
}

interface Package {
  name: string;
  header: string;
  trailer: string;
  records: readonly string[];
}

const PACKAGES: readonly Package[] = [
  { name: 'ADT', header: 'adt0', trailer: 'adt9', records: ['0101', '0102', '0103', '0104'] },
  { name: 'KADT', header: 'kad0', trailer: 'kad9', records: ['0109'] },
  { name: 'SADT', header: 'sad0', trailer: 'sad9', records: ['sad1', 'sad2', 'sad3'] },
  { name: 'Hybrid-DRG', header: 'hdrg0', trailer: 'hdrg9', records: ['hdrg1'] },
];
const HDRG = PACKAGES[3]!;
const BY_TYPE = new Map<string, { pkg: Package; role: 'header' | 'trailer' | 'record' }>();
for (const pkg of PACKAGES) {
  BY_TYPE.set(pkg.header, { pkg, role: 'header' });
  BY_TYPE.set(pkg.trailer, { pkg, role: 'trailer' });
  for (const r of pkg.records) BY_TYPE.set(r, { pkg, role: 'record' });
}
const CONTAINER = new Set(['con0', 'con9', 'besa', 'rvsa']);
/** Unknown record types are reported once each, up to this many. */
const UNKNOWN_REPORTED = 100;

export class StructureCheck {
  private records = 0;
  private con0 = 0;
  private con9 = 0;
  private afterCon9 = false;
  private open: { pkg: Package; line: number } | undefined;
  private readonly seen = new Map<Package, number>();
  /** A run of package records outside their package is reported at its first record. */
  private stray: Package | undefined;
  /** Line of the first besa/rvsa. */
  private practiceRecord = 0;
  private mixed = false;
  private readonly unknown = new Set<string>();

  constructor(private readonly report: (p: StructureProblem) => void) {}

  /** The next record: its FK 8000 value and first line. */
  record(type: string, line: number): void {
    const first = this.records++ === 0;
    if (this.con9) {
      if (!this.afterCon9) this.problem('after-con9', line, `Satz ${type} nach con9 (Container-Abschluss, Zeile ${this.con9}).`, `Record ${type} after con9 (container trailer, line ${this.con9}).`);
      this.afterCon9 = true;
      return;
    }
    if (first && type !== 'con0') this.problem('missing-con0', line, `Die Datei beginnt nicht mit con0 (Container-Header), sondern mit ${type}.`, `The file does not start with con0 (container header) but with ${type}.`);
    if (type === 'con0') {
      if (this.con0) this.problem('second-con0', line, `Zweiter con0 (Container-Header); der erste steht in Zeile ${this.con0}.`, `A second con0 (container header); the first is in line ${this.con0}.`);
      else this.con0 = line;
      return;
    }
    if (type === 'con9') {
      this.closeOpen(line);
      this.con9 = line;
      return;
    }
    if (type === 'besa' || type === 'rvsa') {
      this.practiceRecord ||= line;
      this.checkMixed(line);
      return;
    }
    const role = BY_TYPE.get(type);
    if (!role) {
      if (!CONTAINER.has(type) && !this.unknown.has(type) && this.unknown.size < UNKNOWN_REPORTED) {
        this.unknown.add(type);
        this.report({ code: 'unknown-record', severity: 'warning', line, de: `Unbekannte Satzart "${type}".`, en: `Unknown record type "${type}".` });
      }
      return;
    }
    const { pkg } = role;
    if (role.role === 'header') {
      this.closeOpen(line);
      const before = this.seen.get(pkg);
      if (before) this.problem('second-package', line, `Zweites ${pkg.name}-Datenpaket; das erste beginnt in Zeile ${before}.`, `A second ${pkg.name} data package; the first starts in line ${before}.`);
      else this.seen.set(pkg, line);
      this.open = { pkg, line };
      this.stray = undefined;
      this.checkMixed(line);
    } else if (role.role === 'trailer') {
      if (this.open?.pkg === pkg) this.open = undefined;
      else {
        this.closeOpen(line);
        this.problem('missing-header', line, `${pkg.trailer} ohne ${pkg.header} (Datenpaket-Header).`, `${pkg.trailer} without ${pkg.header} (data package header).`);
      }
      this.stray = undefined;
    } else if (this.open?.pkg !== pkg) {
      if (this.stray !== pkg) {
        this.problem('missing-header', line, `Satz ${type} außerhalb eines ${pkg.name}-Datenpakets: ${pkg.header} fehlt davor.`, `Record ${type} outside a ${pkg.name} data package: no ${pkg.header} before it.`);
      }
      this.stray = pkg;
    }
  }

  /** The end of the file, after line `lastLine`. */
  end(lastLine: number): void {
    if (this.records === 0) {
      this.problem('missing-con0', 1, 'Die Datei enthält keinen Satz (keine Zeile mit FK 8000).', 'The file holds no record (no line with FK 8000).');
    }
    if (this.con9) return;
    this.closeOpen(lastLine);
    this.problem('missing-con9', lastLine, 'Die Datei endet ohne con9 (Container-Abschluss); sie ist unvollständig.', 'The file ends without con9 (container trailer); it is incomplete.');
  }

  private closeOpen(line: number): void {
    if (!this.open) return;
    const { pkg, line: from } = this.open;
    this.problem('missing-trailer', line, `Das ${pkg.name}-Datenpaket (${pkg.header} in Zeile ${from}) endet ohne ${pkg.trailer}.`, `The ${pkg.name} data package (${pkg.header} in line ${from}) ends without ${pkg.trailer}.`);
    this.open = undefined;
  }

  /** Hybrid-DRG data may not share a file with other packages or with besa/rvsa (XPM KVDT-SATZBESAHDRG). */
  private checkMixed(line: number): void {
    if (this.mixed) return;
    const hdrg = this.seen.has(HDRG);
    const other = this.practiceRecord > 0 || [...this.seen.keys()].some((p) => p !== HDRG);
    if (hdrg && other) {
      this.mixed = true;
      this.problem('hdrg-mixed', line, 'Hybrid-DRG-Daten stehen in einer eigenen Datei, nicht mit besa/rvsa oder anderen Datenpaketen.', 'Hybrid-DRG data belongs in a file of its own, not with besa/rvsa or other data packages.');
    }
  }

  private problem(code: StructureCode, line: number, de: string, en: string): void {
    this.report({ code, severity: 'error', line, de, en });
  }
}
