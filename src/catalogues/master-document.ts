/**
 * The master-catalogue document: one KBV master file (SDHDRG, SDOPS, SDICD, SDEBM) as
 * imported by `pvs-rules import` (`schemas/master-catalogue.schema.json`). Rows are arrays in
 * the order of their table's columns: a 10 MB master file becomes a few MB of JSON that
 * loads in milliseconds, and one row per line keeps a git diff readable.
 *
 * Every row comes from the one file named in `source` and carries its label (`label`, C for
 * a KBV file read as delivered); rows have no source of their own.
 */
import type { Text } from '../model';

export type MasterFile = 'SDHDRG' | 'SDOPS' | 'SDICD' | 'SDEBM';

/**
 * The tables of each master file and their columns, in row order. The first column is the
 * key; a table with `validFrom`/`validUntil` columns may hold one key several times with
 * periods that do not overlap. The schema repeats these lists (a test holds them equal).
 */
export const MASTER_TABLES = {
  SDHDRG: {
    /** hybrid_drg: code, Leistungsbereich, name, € ohne_postoperativ (aftercare by the Vertragsarzt), € mit_postoperativ (by the hospital). */
    hybridDrg: ['code', 'serviceArea', 'name', 'euro', 'euroWithAftercare'],
    /** ops_liste/ops: the OPS codes that can lead to a Hybrid-DRG, with the optional hinweis. */
    ops: ['code', 'note'],
  },
  SDOPS: {
    /** opscode with gueltigkeit, kzseite (J → true), kz115b, kz115b_info, kzmedbegruendung (J → true) and the title (DN). */
    ops: ['code', 'validFrom', 'validUntil', 'sideRequired', 'aop115b', 'aop115bNote', 'medicalReason', 'title'],
  },
  SDICD: {
    /** diagnose: icd_code (without a trailing *, + or !), bezeichnung, abrechenbar, notationskennzeichen and the checks on sex and age. */
    icd: ['code', 'title', 'billable', 'notation', 'sex', 'sexError', 'ageMin', 'ageMax', 'ageError', 'rare', 'contentAssigned', 'ifsgReport', 'ifsgBilling', 'notPermanent', 'chapter'],
  },
  SDEBM: {
    /** gnr: validity (service_tmr), originator (USE), chapter path and its parts, short text, valuations, additional fields (FK), § 115b flag. */
    gop: ['code', 'validFrom', 'validUntil', 'originator', 'chapterPath', 'area', 'chapter', 'section', 'subsection', 'shortText', 'valuations', 'additionalFields', 'aop115b'],
    /** bedingung/begruendungen_liste/ops_liste: OPS codes that justify a GOP (several rows per GOP). */
    gopOps: ['gop', 'ops', 'category', 'aop115b', 'side', 'listed'],
  },
} as const satisfies Record<MasterFile, Record<string, readonly string[]>>;

/** Tables whose key repeats by design (several OPS codes per GOP); in the others a key is unique, or unique per validity period. */
export const REPEATED_KEY_TABLES: ReadonlySet<string> = new Set(['gopOps']);

export type MasterRow = readonly unknown[];

export interface MasterTableDoc {
  columns: readonly string[];
  rows: MasterRow[];
}

/** Where the rows come from: the master file's header, as read. */
export interface MasterSourceDoc {
  /** File name as given to the importer (no folder). */
  file: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** header/id/@EX: the file's instance id (GUID). */
  fileId: string | null;
  /** header/document_type_cd/@V. */
  documentType: string;
  /** header/interface/version/@V. */
  interfaceVersion: string;
  /** header/provider/organization/id/@EX (74 = KBV, else a KV). */
  publisher: string | null;
  /** header/service_tmr/@V as written, or null when the file has none. */
  serviceTmr: string | null;
  /** header/origination_dttm/@V as written. */
  originationDttm: string;
  url?: string;
}

export interface MasterCatalogueDoc {
  $schema?: string;
  kind: 'master-catalogue';
  masterFile: MasterFile;
  title: Text;
  /** The file's validity (service_tmr); null = open. */
  validFrom: string | null;
  validUntil: string | null;
  /** Creation date (origination_dttm, date part). */
  created: string;
  label: 'C' | 'S' | 'U';
  source: MasterSourceDoc;
  /** The program that wrote the document. */
  importer: string;
  /** What the import found worth saying: repairs, gaps, caveats. */
  notes?: Text[];
  tables: Record<string, MasterTableDoc>;
}
