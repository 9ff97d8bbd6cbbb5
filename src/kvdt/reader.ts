/**
 * Groups KVDT lines into records (Satzarten, FK 8000): containers `con0`/`con9`, `besa`,
 * `rvsa`, `adt0`/`adt9`, cases `0101`–`0104`, and the Hybrid-DRG package `hdrg0`/`hdrg1`/
 * `hdrg9`. Streamed record by record: memory does not grow with the file. Practice data the
 * rules need (ASV team numbers FK 0222) is collected on the way.
 */
import { charsetOf } from './charset';
import { LineSplitter, type KvdtLine } from './lines';

export interface KvdtRecord {
  /** FK 8000 value, or '' for lines before the first record. */
  type: string;
  lines: KvdtLine[];
}

/** Practice data from the `besa` record. */
export interface PracticeData {
  /** Whether the file had a besa record; without one the practice's team numbers are unknown. */
  besa: boolean;
  /** FK 0201 BSNR of the practice. */
  bsnr: string[];
  /** FK 0222 ASV team numbers of the practice. */
  teamNumbers: string[];
  /** FK 0223 pseudo-LANRs of hospital doctors in ASV. */
  pseudoLanrs: string[];
}

/** Records that describe one patient case with services. */
export const CASE_RECORDS = new Set(['0101', '0102', '0103', '0104', 'hdrg1']);

export class KvdtReader {
  private readonly splitter = new LineSplitter();
  private current: KvdtRecord | undefined;
  readonly practice: PracticeData = { besa: false, bsnr: [], teamNumbers: [], pseudoLanrs: [] };
  /** FK 9106 values seen that this reader cannot decode (reported once per record). */
  unknownCharset: string | undefined;

  /** Feeds a chunk of the file; returns the records it completes. */
  push(chunk: Uint8Array): KvdtRecord[] {
    return this.take(this.splitter.push(chunk));
  }

  /** Ends the file; returns the last record. */
  end(): KvdtRecord[] {
    const out = this.take(this.splitter.end());
    if (this.current) out.push(this.current);
    this.current = undefined;
    return out;
  }

  private take(lines: KvdtLine[]): KvdtRecord[] {
    const out: KvdtRecord[] = [];
    for (const line of lines) {
      if (line.fk === '8000') {
        if (this.current) out.push(this.current);
        this.current = { type: line.content, lines: [line] };
        if (line.content === 'besa') this.practice.besa = true;
        continue;
      }
      if (!this.current) this.current = { type: '', lines: [] };
      this.current.lines.push(line);
      if (line.fk === '9106') {
        const cs = charsetOf(line.content);
        if (cs) this.splitter.charset = cs;
        else {
          this.unknownCharset = line.content;
          line.problems.push({
            code: 'encoding',
            de: `Zeichensatz "${line.content}" (FK 9106) wird nicht unterstützt; gelesen wird ISO 8859-15.`,
            en: `Character set "${line.content}" (FK 9106) is not supported; reading ISO 8859-15.`,
          });
        }
      }
      if (this.current.type === 'besa') {
        if (line.fk === '0222') this.practice.teamNumbers.push(line.content);
        else if (line.fk === '0201') this.practice.bsnr.push(line.content);
        else if (line.fk === '0223') this.practice.pseudoLanrs.push(line.content);
      }
    }
    return out;
  }
}
