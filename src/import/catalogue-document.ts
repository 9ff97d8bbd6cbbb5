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
  return [...catalogueChunks(doc)].join('');
}

/** {@link catalogueText} in pieces of a few thousand rows, to be written without one big string. */
export function* catalogueChunks(doc: MasterCatalogueDoc): Generator<string> {
  const { tables, ...head } = doc;
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "tables": {\n`;
  const names = Object.keys(tables);
  for (let t = 0; t < names.length; t++) {
    const { columns, rows } = tables[names[t]!]!;
    yield `    ${JSON.stringify(names[t])}: {\n      "columns": ${JSON.stringify(columns)},\n      "rows": [`;
    for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
      const lines = rows.slice(i, i + ROWS_PER_CHUNK).map((r: MasterRow) => `        ${JSON.stringify(r)}`);
      yield `${i === 0 ? '\n' : ',\n'}${lines.join(',\n')}`;
    }
    yield `${rows.length ? '\n      ' : ''}]\n    }${t < names.length - 1 ? ',' : ''}\n`;
  }
  yield '  }\n}\n';
}

const ROWS_PER_CHUNK = 4096;
