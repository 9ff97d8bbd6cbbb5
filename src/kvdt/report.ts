/**
 * A whole check's events collected into lists: for small inputs (a test file, a single case
 * the PVS holds in memory). The lists grow with the file; a billing file is checked with
 * {@link checkKvdt}, which streams.
 */
import type { Checker } from '../../plugin-api/types';
import { checkKvdt, type ByteSource, type FileCorrection, type FileFinding, type FileProblem, type KvdtCheckOptions, type KvdtSummary } from './check-file';
import type { PracticeData } from './practice';

export interface FileReport {
  bytes: number;
  lines: number;
  records: number;
  cases: number;
  services: number;
  practice: PracticeData;
  findings: FileFinding[];
  corrections: FileCorrection[];
  /** With `severity: 'fatal'` among them the file could not be checked (empty, not KVDT). */
  problems: FileProblem[];
}

export interface CheckFileOptions extends Omit<KvdtCheckOptions, 'output'> {
  /** Receives the corrected file's bytes in order; when absent nothing is written. */
  write?: (bytes: Uint8Array) => void | Promise<void>;
}

/**
 * Checks a KVDT file and collects the result. `source` may also be a function returning the
 * chunks (called once: the file is read once).
 */
export async function checkKvdtFile(source: ByteSource | (() => ByteSource), checker: Checker, options: CheckFileOptions = {}): Promise<FileReport> {
  const { write, ...rest } = options;
  const findings: FileFinding[] = [];
  const corrections: FileCorrection[] = [];
  const problems: FileProblem[] = [];
  let summary: KvdtSummary | undefined;
  for await (const e of checkKvdt(typeof source === 'function' ? source() : source, checker, { ...rest, output: write !== undefined })) {
    if (e.type === 'finding') findings.push(e.finding);
    else if (e.type === 'correction') corrections.push(e.correction);
    else if (e.type === 'problem') problems.push(e.problem);
    else if (e.type === 'output') await write?.(e.bytes);
    else if (e.type === 'end') summary = e.summary;
  }
  const s = summary!;
  return { bytes: s.bytes, lines: s.lines, records: s.records, cases: s.cases, services: s.services, practice: s.practice, findings, corrections, problems };
}
