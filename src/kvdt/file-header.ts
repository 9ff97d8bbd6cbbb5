/** What the rules need from the file's header records: con0, adt0 and hdrg0. */
import { kvdtDate } from './mapping';
import type { RecordView } from './reader';

export interface FileHeader {
  /** con0 FK 9103 Erstellungsdatum (YYYY-MM-DD as written: KVDT dates become ISO when they are eight digits). */
  created: string | null;
  /** adt0 FK 9204 Abrechnungsquartal QJJJJ: a case of another quarter (FK 4101) is a Vorquartalsfall. */
  billingQuarter: string | null;
  /** hdrg0 FK 9117 Erstellungsdatum des Hybrid-DRG-Datenpakets. */
  hdrgCreated: string | null;
}

export function emptyHeader(): FileHeader {
  return { created: null, billingQuarter: null, hdrgCreated: null };
}

/** Reads a header record's fields (other records change nothing); the first value of each counts. */
export function readHeader(record: RecordView, into: FileHeader): void {
  const type = record.type;
  if (type !== 'con0' && type !== 'adt0' && type !== 'hdrg0') return;
  for (let i = 0; i < record.lines; i++) {
    const fk = record.fk(i);
    if (fk === 9103 && type === 'con0') into.created ??= kvdtDate(record.text(i));
    else if (fk === 9204 && type === 'adt0') into.billingQuarter ??= record.text(i);
    else if (fk === 9117 && type === 'hdrg0') into.hdrgCreated ??= kvdtDate(record.text(i));
  }
}
