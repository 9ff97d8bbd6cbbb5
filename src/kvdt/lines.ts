/**
 * Splits a KVDT byte stream into lines `LLLFFFFcontent CR LF` (LLL = byte length of the whole
 * line including CR LF, FFFF = field id). Streamed: it holds at most one partial line between
 * chunks. Every byte of the input ends up in exactly one line, bad lines included, so a writer
 * can reproduce the file byte for byte and nothing is ever silently dropped.
 */
import { decode, isControlByte, type Charset } from './charset';

export interface LineProblem {
  code: 'length' | 'line-ending' | 'field-id' | 'encoding' | 'truncated' | 'too-long';
  de: string;
  en: string;
}

export interface KvdtLine {
  /** 1-based line number in the file. */
  lineNo: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** The line's bytes exactly as read, including CR LF. */
  raw: Uint8Array;
  /** Field id, or '' when the line has none. */
  fk: string;
  /** Decoded field content. */
  content: string;
  problems: LineProblem[];
}

/** The longest line a length prefix of three digits can describe. */
const MAX_LINE = 999;

export class LineSplitter {
  private carry: Uint8Array = new Uint8Array(0);
  private lineNo = 0;
  private offset = 0;
  /** Charset used to decode content; the reader switches it when it meets FK 9106. */
  charset: Charset = 'iso-8859-15';

  /** Feeds a chunk; returns the lines it completes. */
  push(chunk: Uint8Array): KvdtLine[] {
    const buf = this.carry.length ? concat(this.carry, chunk) : chunk;
    const lines: KvdtLine[] = [];
    let start = 0;
    for (let i = 0; i < buf.length; i++) {
      if (buf[i] === 0x0a) {
        lines.push(this.line(buf.subarray(start, i + 1), true));
        start = i + 1;
      } else if (i - start >= 64 * 1024) {
        // No line ending for 64 KiB: not a KVDT file. Cut here so memory stays bounded.
        lines.push(this.line(buf.subarray(start, i + 1), false));
        start = i + 1;
      }
    }
    this.carry = buf.slice(start);
    return lines;
  }

  /** Ends the stream; a partial last line becomes a truncated line. */
  end(): KvdtLine[] {
    if (!this.carry.length) return [];
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return [this.line(rest, false)];
  }

  private line(bytes: Uint8Array, complete: boolean): KvdtLine {
    const raw = bytes.slice();
    const problems: LineProblem[] = [];
    const lineNo = ++this.lineNo;
    const offset = this.offset;
    this.offset += raw.length;
    let end = raw.length;
    if (complete) {
      end--; // LF
      if (end > 0 && raw[end - 1] === 0x0d) end--;
      else problems.push({ code: 'line-ending', de: 'Zeilenende ist nicht CR LF.', en: 'The line does not end in CR LF.' });
    } else {
      problems.push({ code: 'truncated', de: 'Die Datei endet mitten in der Zeile (abgeschnitten).', en: 'The file ends in the middle of this line (truncated).' });
    }
    const digits = (from: number, to: number) => {
      if (to > end) return false;
      for (let i = from; i < to; i++) if (raw[i]! < 0x30 || raw[i]! > 0x39) return false;
      return true;
    };
    let fk = '';
    let content = '';
    if (!digits(0, 3)) {
      problems.push({ code: 'length', de: 'Die Zeile beginnt nicht mit einer dreistelligen Länge.', en: 'The line does not start with a three-digit length.' });
    } else {
      const declared = Number(decode(raw, 0, 3, 'iso-8859-1'));
      if (complete && declared !== raw.length) {
        problems.push({
          code: raw.length > MAX_LINE ? 'too-long' : 'length',
          de: `Längenangabe ${declared}, die Zeile hat aber ${raw.length} Bytes.`,
          en: `Declared length ${declared}, but the line has ${raw.length} bytes.`,
        });
      }
    }
    if (digits(3, 7)) {
      fk = decode(raw, 3, 7, 'iso-8859-1');
      for (let i = 7; i < end; i++) {
        if (isControlByte(raw[i]!)) {
          problems.push({ code: 'encoding', de: `Unzulässiges Steuerzeichen (Byte 0x${raw[i]!.toString(16)}) im Feldinhalt.`, en: `Control character (byte 0x${raw[i]!.toString(16)}) in the field content.` });
          break;
        }
      }
      content = decode(raw, 7, end, this.charset);
    } else {
      problems.push({ code: 'field-id', de: 'Keine vierstellige Feldkennung.', en: 'No four-digit field id.' });
    }
    return { lineNo, offset, raw, fk, content, problems };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
