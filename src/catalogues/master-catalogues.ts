/**
 * The loaded KBV master catalogues, as rules read them: per master file the catalogue valid on
 * a date, and typed lookups by code and date. Every lookup answers in three ways:
 *   - undefined: no catalogue of that master file is loaded for the date — a rule that needs it
 *     stays silent;
 *   - null: the catalogue is loaded and the code is not in it (or not valid on the date);
 *   - a row object (frozen; made on first use): the code as the master file describes it.
 * Dates are ISO strings (YYYY-MM-DD), compared as text.
 */
import { MASTER_TABLES, type MasterCatalogueDoc, type MasterFile, type MasterRow, type MasterSourceDoc } from './master-document';

/** SDHDRG hybridDrg row. Amounts are euro as decimal text. */
export interface HybridDrgRow {
  readonly code: string;
  readonly serviceArea: string;
  readonly name: string;
  /** ohne_postoperativ: aftercare by the contracted doctor. */
  readonly euro: string;
  /** mit_postoperativ: aftercare by the hospital; null when the file gives none. */
  readonly euroWithAftercare: string | null;
}

/** SDOPS ops row. */
export interface OpsRow {
  readonly code: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** kzseite J: FK 5041 (side) must be given. */
  readonly sideRequired: boolean;
  readonly aop115b: '1' | '2' | 's' | null;
  readonly aop115bNote: string | null;
  readonly medicalReason: boolean;
  readonly title: string;
}

/** SDICD icd row. */
export interface IcdRow {
  /** Without a notation mark; ends in "-" for a non-terminal code. */
  readonly code: string;
  readonly title: string;
  /** abrechenbar j: terminal and billable. */
  readonly billable: boolean;
  /** + dagger (primary), * star and ! exclamation mark (secondary), null: none (primary). */
  readonly notation: '+' | '*' | '!' | null;
  readonly sex: 'm' | 'w' | null;
  readonly sexError: 'k' | 'm' | null;
  /** "18y" (years) or "28d" (days). */
  readonly ageMin: string | null;
  readonly ageMax: string | null;
  readonly ageError: 'k' | 'm' | null;
  readonly rare: boolean | null;
  readonly contentAssigned: boolean | null;
  readonly ifsgReport: boolean | null;
  readonly ifsgBilling: boolean | null;
  readonly notPermanent: boolean | null;
  readonly chapter: number | null;
}

/** One valuation of a GOP: value, unit, provider type (1 ambulant, 2 stationär, …), part type (AL/TL/GL). */
export type GopValuation = readonly [value: string, unit: 'points' | 'euro' | 'unknown' | 'unrated', providerType: string | null, partType: string | null];

/** SDEBM gop row. */
export interface GopRow {
  readonly code: string;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** 74 = KBV (EBM), otherwise the KV that added or changed the GOP. */
  readonly originator: string | null;
  /** e.g. "31.2.2". */
  readonly chapterPath: string | null;
  /** Bereich: "VII" = billable only within ASV. */
  readonly area: string | null;
  readonly chapter: string | null;
  readonly section: string | null;
  readonly subsection: string | null;
  readonly shortText: string | null;
  readonly valuations: readonly GopValuation[];
  /** KVDT fields the GOP requires (gnr_zusatzangabe), e.g. "5035". */
  readonly additionalFields: readonly string[];
  readonly aop115b: boolean;
}

/** SDEBM gopOps row: an OPS code that justifies a GOP. */
export interface GopOpsRow {
  readonly gop: string;
  readonly ops: string;
  readonly category: string | null;
  readonly aop115b: boolean;
  readonly side: string | null;
  readonly listed: boolean;
}

/** One table of a loaded master catalogue, indexed by its first column. */
export class MasterTable {
  private readonly first = new Map<string, number>();
  /** Next row with the same key, -1 for none (only where keys repeat). */
  private readonly next: Int32Array | null;
  private readonly objects: (object | undefined)[];
  private readonly fromCol: number;
  private readonly untilCol: number;

  constructor(
    readonly columns: readonly string[],
    readonly rows: readonly MasterRow[],
  ) {
    this.fromCol = columns.indexOf('validFrom');
    this.untilCol = columns.indexOf('validUntil');
    this.objects = new Array<object | undefined>(rows.length);
    let next: Int32Array | null = null;
    const last = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      const key = rows[i]![0] as string;
      const before = last.get(key);
      if (before === undefined) this.first.set(key, i);
      else {
        next ??= new Int32Array(rows.length).fill(-1);
        next[before] = i;
      }
      last.set(key, i);
    }
    this.next = next;
  }

  /** Index of the row of `key` valid on `date` (any row of the key when the table has no validity), or -1. */
  find(key: string, date: string): number {
    let i = this.first.get(key) ?? -1;
    if (this.fromCol < 0) return i;
    while (i >= 0) {
      const row = this.rows[i]!;
      const from = row[this.fromCol] as string | null;
      const until = row[this.untilCol] as string | null;
      if ((from === null || from <= date) && (until === null || date <= until)) return i;
      i = this.next ? this.next[i]! : -1;
    }
    return -1;
  }

  /** Indexes of every row of `key` (a table whose key repeats, e.g. gopOps). */
  all(key: string): number[] {
    const out: number[] = [];
    for (let i = this.first.get(key) ?? -1; i >= 0; i = this.next ? this.next[i]! : -1) out.push(i);
    return out;
  }

  /** Row `i` as an object by column name (frozen, made once). */
  object<T>(i: number): T {
    let o = this.objects[i];
    if (o === undefined) {
      const row = this.rows[i]!;
      const made: Record<string, unknown> = {};
      for (let c = 0; c < this.columns.length; c++) made[this.columns[c]!] = row[c];
      this.objects[i] = o = Object.freeze(made);
    }
    return o as T;
  }
}

/** One loaded master catalogue. */
export class MasterCatalogue {
  readonly masterFile: MasterFile;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly created: string;
  readonly label: 'C' | 'S' | 'U';
  readonly source: Readonly<MasterSourceDoc>;
  readonly tables: Readonly<Record<string, MasterTable>>;

  constructor(
    /** Name of the document it was loaded from. */
    readonly name: string,
    doc: MasterCatalogueDoc,
  ) {
    this.masterFile = doc.masterFile;
    this.validFrom = doc.validFrom;
    this.validUntil = doc.validUntil;
    this.created = doc.created;
    this.label = doc.label;
    this.source = Object.freeze({ ...doc.source });
    const tables: Record<string, MasterTable> = {};
    for (const name of Object.keys(MASTER_TABLES[doc.masterFile])) tables[name] = new MasterTable(doc.tables[name]!.columns, doc.tables[name]!.rows);
    this.tables = Object.freeze(tables);
  }

  covers(date: string): boolean {
    return (this.validFrom === null || this.validFrom <= date) && (this.validUntil === null || date <= this.validUntil);
  }

  /** "SDHDRG 2.0.0, 2026-01-01–2026-12-31 (sdhdrg_02.0.0_74_tf+2026q1.xml)". */
  describe(): string {
    return `${this.masterFile} ${this.source.interfaceVersion}, ${this.validFrom ?? '…'}–${this.validUntil ?? '…'} (${this.source.file})`;
  }
}

/** The master catalogues of a bundle. */
export class MasterCatalogues {
  static readonly NONE = new MasterCatalogues([]);
  private readonly byFile = new Map<MasterFile, MasterCatalogue[]>();

  constructor(readonly all: readonly MasterCatalogue[]) {
    for (const c of all) this.byFile.set(c.masterFile, [...(this.byFile.get(c.masterFile) ?? []), c]);
  }

  /** The catalogue of `masterFile` whose validity covers `date`, if one is loaded. */
  on(masterFile: MasterFile, date: string): MasterCatalogue | undefined {
    const list = this.byFile.get(masterFile);
    if (!list) return undefined;
    for (const c of list) if (c.covers(date)) return c;
    return undefined;
  }

  /** Hybrid-DRG `code` in the SDHDRG valid on `date` (rule 221). */
  hybridDrg(code: string, date: string): HybridDrgRow | null | undefined {
    return this.lookup('SDHDRG', 'hybridDrg', code, date);
  }

  /** Whether `ops` is in the SDHDRG's OPS list valid on `date`. */
  hybridDrgOps(ops: string, date: string): boolean | undefined {
    const c = this.on('SDHDRG', date);
    return c === undefined ? undefined : c.tables['ops']!.find(ops, date) >= 0;
  }

  /** OPS `code` valid on `date` in the SDOPS (rule 223; sideRequired for rule 705). */
  ops(code: string, date: string): OpsRow | null | undefined {
    return this.lookup('SDOPS', 'ops', code, date);
  }

  /** ICD-10-GM `code` (without a notation mark) in the SDICD valid on `date` (KP8-02, rule 735). */
  icd(code: string, date: string): IcdRow | null | undefined {
    return this.lookup('SDICD', 'icd', code, date);
  }

  /** GOP `code` valid on `date` in the SDEBM (Bereich VII, operative chapters 31.2/36.2). */
  gop(code: string, date: string): GopRow | null | undefined {
    return this.lookup('SDEBM', 'gop', code, date);
  }

  /** The OPS codes that justify GOP `code` in the SDEBM valid on `date`. */
  gopOps(code: string, date: string): readonly GopOpsRow[] | undefined {
    const c = this.on('SDEBM', date);
    if (c === undefined) return undefined;
    const t = c.tables['gopOps']!;
    return t.all(code).map((i) => t.object<GopOpsRow>(i));
  }

  private lookup<T>(file: MasterFile, table: string, code: string, date: string): T | null | undefined {
    const c = this.on(file, date);
    if (c === undefined) return undefined;
    const t = c.tables[table]!;
    const i = t.find(code, date);
    return i < 0 ? null : t.object<T>(i);
  }
}
