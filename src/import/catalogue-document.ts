/**
 * The converted rows and the master file's header → a master-catalogue document, and the
 * document → its JSON text. The text is deterministic (no import time in it): importing the
 * same file twice gives the same bytes, so a diff shows only what the KBV changed.
 */
import type { Text } from '../model';
import { MASTER_TABLES, type MasterCatalogueDoc, type MasterFile, type MasterRow, type MasterTableDoc } from '../catalogues/master-document';
import type { ConvertedTables, MasterConverter } from './converter';

/** The folders of the master files on the KBV update server. */
const KBV_URL: Record<MasterFile, string> = {
  SDHDRG: 'https://update.kbv.de/ita-update/Stammdateien/SDHDRG/',
  SDOPS: 'https://update.kbv.de/ita-update/Stammdateien/SDOPS/',
  SDICD: 'https://update.kbv.de/ita-update/Stammdateien/SDICD/',
  SDEBM: 'https://update.kbv.de/ita-update/Stammdateien/SDEBM/',
};

const NAMES: Record<MasterFile, Text> = {
  SDHDRG: { de: 'Hybrid-DRG-Stammdatei', en: 'Hybrid-DRG master file' },
  SDOPS: { de: 'OPS-Stammdatei', en: 'OPS master file' },
  SDICD: { de: 'ICD-10-GM-Stammdatei', en: 'ICD-10-GM master file' },
  SDEBM: { de: 'EBM-Stammdatei', en: 'EBM master file' },
};

export interface ImportedFile {
  /** File name without folder. */
  file: string;
  sha256: string;
  /** `$schema` to write (relative to where the document is written). */
  schemaRef: string;
  /** Program and version, e.g. "pvs-rules 0.1.0". */
  importer: string;
}

/** Builds the document; the header was checked when the body started. */
export function catalogueDocument(conv: MasterConverter, converted: ConvertedTables, file: ImportedFile): MasterCatalogueDoc {
  const h = conv.head.header;
  const f = conv.masterFile;
  const notes = [...converted.notes];
  if (h.validity === null) {
    notes.unshift({
      de: 'Die Datei nennt keinen Gültigkeitszeitraum (service_tmr); der Katalog gilt daher ohne zeitliche Grenze, es zählen die Zeiträume der einzelnen Zeilen.',
      en: 'The file names no validity period (service_tmr); the catalogue therefore has no time limit, the periods of the rows apply.',
    });
  }
  const from = h.validity?.from ?? null;
  const until = h.validity?.until ?? null;
  const span = `${from ?? '…'}–${until ?? '…'}`;
  const tables: Record<string, MasterTableDoc> = {};
  const layout = MASTER_TABLES[f] as Record<string, readonly string[]>;
  for (const [name, columns] of Object.entries(layout)) tables[name] = { columns, rows: converted.tables[name] ?? [] };
  return {
    $schema: file.schemaRef,
    kind: 'master-catalogue',
    masterFile: f,
    title: { de: `KBV-${NAMES[f].de} ${f} ${h.interfaceVersion}, gültig ${span}`, en: `KBV ${NAMES[f].en} ${f} ${h.interfaceVersion}, valid ${span}` },
    validFrom: from,
    validUntil: until,
    created: h.originationDttm!.slice(0, 10),
    label: 'C',
    source: {
      file: file.file,
      sha256: file.sha256,
      fileId: h.fileId,
      documentType: h.documentType!,
      interfaceVersion: h.interfaceVersion!,
      publisher: h.publisher,
      serviceTmr: h.serviceTmr,
      originationDttm: h.originationDttm!,
      url: KBV_URL[f],
    },
    importer: file.importer,
    ...(notes.length ? { notes } : {}),
    tables,
  };
}

/**
 * The document as JSON text: the head indented, each row on one line (small files, readable
 * diffs). Parsing the text gives the document back.
 */
export function catalogueText(doc: MasterCatalogueDoc): string {
  const { tables, ...head } = doc;
  const headText = JSON.stringify(head, null, 2);
  const parts: string[] = [];
  for (const [name, t] of Object.entries(tables)) {
    const rows = t.rows.map((r: MasterRow) => `        ${JSON.stringify(r)}`).join(',\n');
    parts.push(`    ${JSON.stringify(name)}: {\n      "columns": ${JSON.stringify(t.columns)},\n      "rows": [${rows ? `\n${rows}\n      ` : ''}]\n    }`);
  }
  return `${headText.slice(0, -2)},\n  "tables": {\n${parts.join(',\n')}\n  }\n}\n`;
}
