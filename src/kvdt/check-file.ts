/**
 * Batch check of a KVDT billing file: read record by record, map cases to service entries,
 * check them with the plugin API, and (optionally) write the file back with corrections.
 * Streamed end to end; memory holds one record plus the report.
 */
import type { Checker, Correction, Finding } from '../../plugin-api/types';
import type { Charset } from './charset';
import { charsetOf } from './charset';
import { mapCase, type MappedService } from './mapping';
import { CASE_RECORDS, KvdtReader, type KvdtRecord, type PracticeData } from './reader';
import { writeRecord, type WriteProblem } from './writer';

/** A finding located in the file. */
export interface FileFinding extends Finding {
  /** Line the finding is about (the pair's 5012/5011 line, else the service's 5001 line). */
  line: number;
  /** The service's 5001 (hdrg1: 5027) line. */
  serviceLine: number;
  gop: string;
  date: string;
}

export interface FileCorrection extends Correction {
  /** Line of the service the correction belongs to. */
  serviceLine: number;
}

/** A structural problem of the file. */
export interface FileProblem {
  line: number;
  /** Byte offset of the line. */
  offset: number;
  fk: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  messageEn: string;
}

export interface FileReport {
  bytes: number;
  lines: number;
  records: number;
  cases: number;
  services: number;
  practice: PracticeData;
  findings: FileFinding[];
  corrections: FileCorrection[];
  problems: FileProblem[];
}

export interface CheckFileOptions {
  /** Receives the corrected file's bytes in order; when absent nothing is written. */
  write?: (bytes: Uint8Array) => void | Promise<void>;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Stop collecting findings after this many (the counts stay exact); default unlimited. */
  maxFindings?: number;
}

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Checks a KVDT file given as chunks of bytes. Never throws on malformed input.
 *
 * Given a function that opens the file, the file is read twice when a loaded rule compares
 * entries: the first pass feeds those batch rules (the same patient on the same day,
 * per-quarter limits), the second checks.
 * Given the chunks themselves, it is read once and the batch rules stay silent.
 */
export async function checkKvdtFile(source: Chunks | (() => Chunks), checker: Checker, options: CheckFileOptions = {}): Promise<FileReport> {
  let check = (entry: unknown) => checker.check(entry);
  let chunks: Chunks;
  const session = typeof source === 'function' ? checker.batch() : null;
  if (typeof source === 'function' && session?.needed) {
    const first = new KvdtReader();
    const add = (record: KvdtRecord) => {
      if (CASE_RECORDS.has(record.type)) for (const s of mapCase(record, first.practice)) session.add(s.entry);
    };
    for await (const chunk of source() as AsyncIterable<Uint8Array>) for (const record of first.push(chunk)) add(record);
    for (const record of first.end()) add(record);
    check = (entry) => session.check(entry);
    chunks = source();
  } else {
    chunks = typeof source === 'function' ? source() : source;
  }
  const reader = new KvdtReader();
  const report: FileReport = { bytes: 0, lines: 0, records: 0, cases: 0, services: 0, practice: reader.practice, findings: [], corrections: [], problems: [] };
  const writeProblems: WriteProblem[] = [];
  let charset: Charset = 'iso-8859-15';
  const maxFindings = options.maxFindings ?? Number.POSITIVE_INFINITY;

  const handle = async (record: KvdtRecord) => {
    report.records++;
    for (const line of record.lines) {
      report.lines++;
      if (line.fk === '9106') charset = charsetOf(line.content) ?? charset;
      for (const p of line.problems) {
        report.problems.push({ line: line.lineNo, offset: line.offset, fk: line.fk, code: p.code, severity: 'error', message: p.de, messageEn: p.en });
      }
    }
    if (record.type === '' && record.lines.length) {
      const l = record.lines[0]!;
      report.problems.push({ line: l.lineNo, offset: l.offset, fk: l.fk, code: 'no-record', severity: 'error', message: 'Zeilen vor dem ersten Satz (FK 8000).', messageEn: 'Lines before the first record (FK 8000).' });
    }
    let services: MappedService[] = [];
    const corrections: Correction[][] = [];
    if (CASE_RECORDS.has(record.type)) {
      report.cases++;
      services = mapCase(record, reader.practice);
      for (const s of services) {
        report.services++;
        const result = check(s.entry);
        corrections.push(result.corrections);
        const serviceLine = record.lines[s.first]!.lineNo;
        for (const f of result.findings) {
          if (report.findings.length >= maxFindings) break;
          const pair = f.index !== undefined ? s.pairs[f.index] : undefined;
          const at = pair ? (pair.l5012 ?? pair.l5011)! : s.first;
          report.findings.push({ ...f, line: record.lines[at]!.lineNo, serviceLine, gop: s.entry.gop, date: s.entry.date });
        }
        for (const c of result.corrections) report.corrections.push({ ...c, serviceLine });
      }
    }
    if (options.write) {
      const out = corrections.some((c) => c.length) ? writeRecord(record, services, corrections, charset, writeProblems) : record.lines.map((l) => l.raw);
      for (const bytes of out) await options.write(bytes);
    }
  };

  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    report.bytes += chunk.length;
    for (const record of reader.push(chunk)) await handle(record);
    options.onProgress?.(report.bytes);
  }
  for (const record of reader.end()) await handle(record);
  for (const p of writeProblems) report.problems.push({ line: p.lineNo, offset: -1, fk: '', code: 'write', severity: 'warning', message: p.de, messageEn: p.en });
  return report;
}
