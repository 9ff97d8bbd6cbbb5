/**
 * Reads a KVDT byte stream record by record (Satzarten, FK 8000: containers `con0`/`con9`,
 * `besa`, `rvsa`, packages such as `adt0` … `adt9` with cases `0101`–`0104`, the Hybrid-DRG
 * package `hdrg0`/`hdrg1`/`hdrg9`), in bounded memory, on bytes: lines are found by LF and
 * judged byte by byte (length, CR LF, field id, control bytes, UTF-8), and only the fields a
 * caller asks for are decoded. Every byte of the input reaches the sink exactly once, in order
 * — inside a record, or passed through when a record is too long to hold — so a writer can
 * reproduce the file byte for byte and nothing is ever silently dropped.
 *
 * Limits: a line longer than {@link MAX_LINE} (64 KiB) and a record of more than
 * {@link MAX_RECORD} bytes or {@link MAX_RECORD_LINES} lines are not held: one problem, and
 * the record's bytes are passed through unchecked. Chunks of any size are taken in slices of
 * {@link SLICE}. Nothing depends on how the input is chunked.
 */
import { asciiText, charsetOf, decode, decodeHigh, type Charset } from './charset';
import { BYTE_CLASS, CONTROL, CR, LEAD, LF, LINE_PROBLEMS, MAX_LINE, utf8Length, type LineProblem } from './lines';

/** The most bytes of one record held for checking and correcting. */
export const MAX_RECORD = 4 * 1024 * 1024;
/** The most lines of one record held. */
export const MAX_RECORD_LINES = 200_000;
/** Input is scanned in slices of at most this many bytes, whatever the chunk size. */
export const SLICE = 1024 * 1024;
/**
 * The texts text() keeps for reuse (see keptText), as a const enum: its members are literals in
 * the built code, which V8 folds into the arithmetic of text(), where a module constant would be
 * loaded and tested at every use (every mapped line).
 */
const enum Kept {
  /** The longest text kept (LANR, BSNR, dates, fee numbers, ICD codes fit). */
  Bytes = 32,
  /** Numbers per slot: the text's first four bytes as a word, its last four, its length, the words between (up to Bytes − 8 bytes). */
  SlotWords = 3 + (Bytes - 8) / 4,
  /** log2 of the texts kept per field id, in slots chosen by a few of their bytes. */
  SlotBits = 8,
  /** A 32-bit hash shifted right by this is a slot. */
  SlotShift = 32 - SlotBits,
  /** Field ids whose texts are kept: the first this many that text() is asked for. */
  Fields = 128,
  /** Field ids the tables have slots for at first: they double as more are kept, up to Fields (a reader is cheap to make). */
  FirstFields = 8,
}
/** Lines without the `LLLFFFF` shape at the start after which the input is not taken for KVDT. */
const PRELUDE_LINES = 3;

/** A problem of one line, located. */
export interface LocatedLineProblem extends LineProblem {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Field id, or '' when the line has none. */
  fk: string;
}

/**
 * A complete record, as the reader hands it to its sink. Valid only during the call: the
 * bytes live in the reader's buffer, which is reused.
 */
export interface RecordView {
  /** FK 8000 value, or '' for lines before the first record. */
  readonly type: string;
  /** Line number and byte offset of the record's first line. */
  readonly firstLine: number;
  readonly firstOffset: number;
  /** True when the record was too long to hold: its bytes were passed through, `lines` is 0. */
  readonly overflowed: boolean;
  /** Number of lines held. */
  readonly lines: number;
  /** Field id of line `i` (0–9999), or -1 when it has none. */
  fk(i: number): number;
  /** Decoded content of line `i` (after the field id, before CR LF), in the charset in effect at that line. */
  text(i: number): string;
  /** The bytes of lines `from` to `to - 1`, CR LF included, exactly as read. */
  linesBytes(from: number, to: number): Uint8Array;
  /** The record's bytes exactly as read. */
  bytes(): Uint8Array;
  /** The charset in effect at line `i` (FK 9106 switches from the next line on). */
  charsetAt(i: number): Charset;
}

/** Where the reader delivers what it finds, in file order. */
export interface ReaderSink {
  lineProblem(problem: LocatedLineProblem): void;
  record(record: RecordView): void;
  /** Bytes of a record too long to hold, in order, as they are read. */
  passThrough(bytes: Uint8Array): void;
  /** The input is not a KVDT file at all (or empty): nothing else follows. */
  fatal(kind: 'empty' | 'not-kvdt', line: number): void;
}

/** `buf` as 32-bit words when its offset allows (a buffer of its own starts at 0). */
const wordsOf = (buf: Buffer): Int32Array | null => (buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : null);

/**
 * True when one of the four bytes of `x` is below 0x20 or above 0x7e (not printable ASCII):
 * the bit tricks "has less than" and "has more than" of each byte, exact for the word as a whole.
 */
const unprintable = (x: number): boolean => ((((x - 0x20202020) & ~x) | (x + 0x01010101) | x) & 0x80808080) !== 0;

/** The strings of one character below 0x80, by its code (a line's text of one byte: see textOf). */
const ASCII_CHARS: readonly string[] = Array.from({ length: 0x80 }, (_, b) => String.fromCharCode(b));

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;

/**
 * The `LLLFFFF` of the line at `at` (its caller knows the seven bytes are there): the length
 * shifted left by 14 bits, or'ed with the field id (below 2^14); -1 when one is no digit.
 */
function lineHead(buf: Uint8Array, at: number): number {
  const l0 = buf[at]! - 48;
  const l1 = buf[at + 1]! - 48;
  const l2 = buf[at + 2]! - 48;
  const f0 = buf[at + 3]! - 48;
  const f1 = buf[at + 4]! - 48;
  const f2 = buf[at + 5]! - 48;
  const f3 = buf[at + 6]! - 48;
  // Unsigned: a byte below '0' is a large number, not a digit.
  if (l0 >>> 0 > 9 || l1 >>> 0 > 9 || l2 >>> 0 > 9 || f0 >>> 0 > 9 || f1 >>> 0 > 9 || f2 >>> 0 > 9 || f3 >>> 0 > 9) return -1;
  return ((l0 * 100 + l1 * 10 + l2) << 14) | (f0 * 1000 + f1 * 100 + f2 * 10 + f3);
}

/** The record types of the KVDT (FK 8000), by their bytes (see typeKey). */
const RECORD_TYPES = new Map<number, string>();

/** Up to five bytes and their number as one number below 2^43: the key of RECORD_TYPES. */
function typeKey(buf: Uint8Array, from: number, to: number): number {
  let key = 0;
  for (let k = to - 1; k >= from; k--) key = key * 256 + buf[k]!;
  return key * 8 + (to - from);
}

for (const type of ['con0', 'con9', 'besa', 'rvsa', 'adt0', 'adt9', '0101', '0102', '0103', '0104', 'kad0', 'kad9', '0109', 'sad0', 'sad9', 'sad1', 'sad2', 'sad3', 'hdrg0', 'hdrg1', 'hdrg9']) {
  RECORD_TYPES.set(typeKey(Buffer.from(type, 'latin1'), 0, type.length), type);
}

/**
 * A record's type (FK 8000's content): a known one as the one string of its kind (a literal of
 * this module), which the rules compare with their literals and the file check looks up per
 * record, instead of a new string per record whose every comparison reads its characters.
 */
function recordType(buf: Uint8Array, from: number, to: number): string {
  const n = to - from;
  return (n === 4 || n === 5 ? RECORD_TYPES.get(typeKey(buf, from, to)) : undefined) ?? decode(buf, from, to, 'iso-8859-1');
}

export class KvdtReader implements RecordView {
  /** Small at first (a reader is cheap to make, a small file fits); grown once to two slices when a chunk does not fit (see pushSlice), so that optimized code sees it replaced at most once, at the start. */
  private buf: Buffer = Buffer.allocUnsafe(64 * 1024);
  /** The same bytes as 32-bit words, for scanning four at a time; null if buf is not aligned to four. */
  private words: Int32Array | null = wordsOf(this.buf);
  /** The same bytes for reading four at any offset (text() compares kept texts so). */
  private data = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  private len = 0;
  /** File offset of buf[0]. */
  private base = 0;
  private pos = 0;
  private lineStart = 0;
  private lineNo = 1;
  private lineOffset = 0;
  /** The current line so far: first control byte (line-relative), UTF-8 seen, bytes already passed on. */
  private ctlAt = -1;
  private utf8 = false;
  private longLine = false;
  private longBytes = 0;
  /** Before the first line with the `LLLFFFF` shape: their problems wait for the verdict. */
  private decided = false;
  private unshaped = 0;
  private held: LocatedLineProblem[] = [];
  private stopped = false;
  private total = 0;
  private readonly problems: LineProblem[] = [];

  /**
   * ASCII texts decoded (see text), 2^Kept.SlotBits per field id: the text, and its bytes as words
   * and their number (0: none) in Kept.SlotWords numbers. keptField: the field id's place (its
   * first slot / 2^Kept.SlotBits + 1; 0: none yet). The tables have slots for Kept.FirstFields
   * field ids at first and double when a field id past them is kept (see textOf).
   */
  private keptText: string[] = new Array<string>(Kept.FirstFields << Kept.SlotBits).fill('');
  private keptWords = new Int32Array((Kept.FirstFields << Kept.SlotBits) * Kept.SlotWords);
  private readonly keptField = new Uint8Array(10000);
  private keptFields = 0;

  private charset: Charset = 'iso-8859-15';
  private declared = 'ISO 8859-15';

  // The record being read: its lines relative to recBase.
  private recBase = 0;
  private recType = '';
  private recFirstLine = 1;
  private recFirstOffset = 0;
  private recOverflow = false;
  private recLines = 0;
  private recFk = new Int16Array(256);
  private recStart = new Int32Array(256);
  private recEnd = new Int32Array(256);
  private recCharset: Charset = 'iso-8859-15';
  private recSwitches: [number, Charset][] = [];
  /** End (buf offset) of the record being delivered. */
  private recStop = 0;
  /** buf offset up to which an overflowed record's bytes went to the sink. */
  private passFrom = 0;

  constructor(private readonly sink: ReaderSink) {}

  /** Bytes read so far. */
  get bytesRead(): number {
    return this.total;
  }

  /** Feeds a chunk of the file. */
  push(chunk: Uint8Array): void {
    for (let at = 0; at < chunk.length && !this.stopped; at += SLICE) this.pushSlice(chunk.subarray(at, Math.min(at + SLICE, chunk.length)));
  }

  /** Ends the file: the last line and record. */
  end(): void {
    if (this.stopped) return;
    this.scan(true);
    if (this.lineStart < this.len || this.longLine) this.endLine(this.len, false);
    if (this.stopped) return;
    if (!this.decided) {
      this.stopped = true;
      this.sink.fatal(this.total === 0 ? 'empty' : 'not-kvdt', 1);
      return;
    }
    this.deliver(this.len);
    this.stopped = true;
  }

  /** The number of the last line read (0 before any). */
  get lastLine(): number {
    return this.lineNo - 1;
  }

  // RecordView of the record being delivered.
  get type(): string {
    return this.recType;
  }
  get firstLine(): number {
    return this.recFirstLine;
  }
  get firstOffset(): number {
    return this.recFirstOffset;
  }
  get overflowed(): boolean {
    return this.recOverflow;
  }
  get lines(): number {
    return this.recOverflow ? 0 : this.recLines;
  }
  fk(i: number): number {
    return this.recFk[i]!;
  }
  /**
   * The first line of the record being delivered whose field id is `lo` to `hi`, or -1; with
   * `last`, the last such line. For a caller that looks at a few fields of a record (the referral
   * fields 4217–4249): one tight loop over the field ids instead of one call per line.
   */
  findField(lo: number, hi: number, last = false): number {
    const fks = this.recFk;
    const span = hi - lo;
    if (last) {
      for (let i = this.recLines - 1; i >= 0; i--) if ((fks[i]! - lo) >>> 0 <= span) return i;
    } else for (let i = 0, n = this.recLines; i < n; i++) if ((fks[i]! - lo) >>> 0 <= span) return i;
    return -1;
  }
  text(i: number): string {
    // A kept text of four to twelve bytes (most are, see keptText), in few enough steps to be
    // inlined where it is asked for; anything else, and a text not kept yet, by textOf (whose slot this is too).
    const from = this.recBase + this.recStart[i]! + 7;
    const n = this.recBase + this.recEnd[i]! - from;
    const fk = this.recFk[i]!;
    if (n >= 4 && n <= 12 && fk >= 0) {
      const place = this.keptField[fk]!;
      if (place !== 0) {
        const data = this.data;
        const first = data.getInt32(from, true);
        const last = data.getInt32(from + n - 4, true);
        const slot = ((place - 1) << Kept.SlotBits) + (Math.imul(last ^ Math.imul(first + n, 0x01000193), 0x9e3779b1) >>> Kept.SlotShift);
        const words = this.keptWords;
        const at = slot * Kept.SlotWords;
        if (words[at] === first && words[at + 1] === last && words[at + 2] === n && (n <= 8 || words[at + 3] === data.getInt32(from + 4, true))) return this.keptText[slot]!;
      }
    }
    return this.textOf(i);
  }

  /**
   * The content of line `i` as a number when it is five ASCII digits (a fee number's usual
   * form), else -1: what the checker's feeNumberCode makes of text(i) then, from the bytes (a
   * word and a byte) instead of five characters of the string.
   */
  fiveDigits(i: number): number {
    const from = this.recBase + this.recStart[i]! + 7;
    if (this.recBase + this.recEnd[i]! - from !== 5) return -1;
    // Four digits: every byte's high nibble 3, and still 3 after adding 6 (as plainLines tests `LLLFFFF`).
    const w = this.data.getInt32(from, true);
    const b = this.buf[from + 4]! - 48;
    if (((w & 0xf0f0f0f0) | (((w + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333 || b >>> 0 > 9) return -1;
    const d = w - 0x30303030;
    return (d & 0xff) * 10000 + ((d >> 8) & 0xff) * 1000 + ((d >> 16) & 0xff) * 100 + (d >>> 24) * 10 + b;
  }

  /** text(i) in full: a text kept as text() takes it, else made (and kept when it can be). */
  private textOf(i: number): string {
    const from = this.recBase + this.recStart[i]! + 7;
    const to = this.recBase + this.recEnd[i]!;
    const n = to - from;
    if (n <= 0) return '';
    if (n === 1) {
      // One character (6003, 3110, …): below 0x80 (the same in both charsets) the string made once for it, no slot.
      const b = this.buf[from]!;
      if (b < 0x80) return ASCII_CHARS[b]!;
    }
    const fk = this.recFk[i]!;
    if (fk < 0 || n > Kept.Bytes) return decode(this.buf, from, to, this.charsetAt(i));
    // Most fields repeat a few values line after line (5098, 5099, 6003, the days in 5000, fee
    // numbers): the same bytes give the string made before, not a new one. Only ASCII is kept,
    // which reads the same in every charset.
    let place = this.keptField[fk]!;
    if (place === 0) {
      if (this.keptFields === Kept.Fields) return decode(this.buf, from, to, this.charsetAt(i));
      place = this.keptField[fk] = ++this.keptFields;
      if (place << Kept.SlotBits > this.keptText.length) this.growKept();
    }
    // The first and the last four bytes (overlapping in a text of fewer than eight; a text of
    // fewer than four as one number) pick the slot and are compared first, the words between after.
    const data = this.data;
    let first: number;
    let last: number;
    if (n >= 4) {
      first = data.getInt32(from, true);
      last = data.getInt32(to - 4, true);
    } else {
      const buf = this.buf;
      first = last = n === 1 ? buf[from]! : n === 2 ? buf[from]! | (buf[from + 1]! << 8) : buf[from]! | (buf[from + 1]! << 8) | (buf[from + 2]! << 16);
    }
    const slot = ((place - 1) << Kept.SlotBits) + (Math.imul(last ^ Math.imul(first + n, 0x01000193), 0x9e3779b1) >>> Kept.SlotShift);
    const words = this.keptWords;
    const at = slot * Kept.SlotWords;
    if (words[at] === first && words[at + 1] === last && words[at + 2] === n) {
      let same = true;
      for (let k = 4, w = at + 3; k < n - 4 && same; k += 4, w++) same = words[w] === data.getInt32(from + k, true);
      if (same) return this.keptText[slot]!;
    }
    const buf = this.buf;
    let any = 0;
    for (let k = from; k < to; k++) any |= buf[k]!;
    if (any >= 0x80) return decodeHigh(buf, from, to, this.charsetAt(i));
    const text = asciiText(buf, from, to);
    words[at] = first;
    words[at + 1] = last;
    words[at + 2] = n;
    for (let k = 4, w = at + 3; k < n - 4; k += 4, w++) words[w] = data.getInt32(from + k, true);
    this.keptText[slot] = text;
    return text;
  }
  /** Doubles the kept-text tables (made the same way, so text() sees arrays of one kind). */
  private growKept(): void {
    const old = this.keptText;
    const text = new Array<string>(old.length * 2).fill('');
    for (let k = 0; k < old.length; k++) text[k] = old[k]!;
    const words = new Int32Array(text.length * Kept.SlotWords);
    words.set(this.keptWords);
    this.keptText = text;
    this.keptWords = words;
  }
  linesBytes(from: number, to: number): Uint8Array {
    const end = to < this.recLines ? this.recStart[to]! : this.recStop - this.recBase;
    return this.view(this.recBase + this.recStart[from]!, this.recBase + end);
  }
  bytes(): Uint8Array {
    return this.view(this.recBase, this.recStop);
  }

  /** Bytes `from` to `to` of the buffer as a plain view: a Buffer's subarray makes a Buffer through its species constructor (measured 1.1–1.8× the cost of the plain view), once per record. */
  private view(from: number, to: number): Uint8Array {
    const buf = this.buf;
    return new Uint8Array(buf.buffer, buf.byteOffset + from, to - from);
  }
  charsetAt(i: number): Charset {
    let cs = this.recCharset;
    if (this.recSwitches.length === 0) return cs;
    for (const [at, c] of this.recSwitches) if (at < i) cs = c;
    return cs;
  }

  private pushSlice(chunk: Uint8Array): void {
    // Only when the buffer is full: moving the held record on every chunk would cost its length each time.
    if (this.len + chunk.length > this.buf.length) this.compact();
    if (this.len + chunk.length > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(2 * SLICE, this.buf.length * 2, this.len + chunk.length));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
      this.words = wordsOf(next);
      this.data = new DataView(next.buffer, next.byteOffset, next.length);
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    this.total += chunk.length;
    this.scan(false);
    if (this.stopped) return;
    // An unheld line longer than the limit, or an unheld record: pass on what is scanned.
    if (!this.longLine && this.len - this.lineStart > MAX_LINE) {
      // No KVDT line yet and one over 64 KiB (a binary file, /dev/zero): not KVDT, and reading
      // stops; endLine says the same of such a line that ends within one chunk.
      if (!this.decided) {
        this.stopped = true;
        this.sink.fatal('not-kvdt', this.lineNo);
        return;
      }
      this.beginLongLine();
    }
    if (this.recOverflow) this.passOn(this.longLine ? this.len : this.lineStart);
  }

  /** Moves what is still needed (the record held, or the partial line) to the front of the buffer. */
  private compact(): void {
    const keep = this.longLine ? this.len : this.recOverflow ? this.lineStart : this.recBase;
    if (keep === 0) return;
    this.buf.copyWithin(0, keep, this.len);
    this.len -= keep;
    this.base += keep;
    this.pos -= keep;
    this.lineStart -= keep;
    this.recBase = Math.max(0, this.recBase - keep);
    this.passFrom = Math.max(0, this.passFrom - keep);
  }

  private scan(atEnd: boolean): void {
    const buf = this.buf;
    const words = this.words;
    const len = this.len;
    let i = this.pos;
    while (i < len && !this.stopped) {
      if (this.longLine) {
        // Searched up to len only: the buffer beyond holds old bytes.
        const at = buf.subarray(i, len).indexOf(0x0a);
        if (at < 0) {
          i = len;
          break;
        }
        this.endLine(i + at + 1, true);
        i = this.pos;
        continue;
      }
      // At a line's start, the line its length names when that is a plain one (as plainLine
      // takes it) of printable ASCII, checked four bytes at a time wherever it starts; else,
      // with nothing changed, byte by byte below.
      if (i === this.lineStart && this.ctlAt < 0 && !this.utf8 && this.decided) {
        i = this.plainLines(i, len);
        if (i >= len) break;
      }
      // Printable ASCII (nearly every byte) is passed four bytes at a time, then by two
      // comparisons a byte; the table judges the rest.
      let b = 0;
      if (words !== null) {
        while ((i & 3) !== 0 && i < len && (b = buf[i]!) >= 0x20 && b < 0x7f) i++;
        if ((i & 3) === 0) {
          const end = len >> 2;
          let w = i >> 2;
          while (w < end && !unprintable(words[w]!)) w++;
          i = w << 2;
        }
      }
      while (i < len && (b = buf[i]!) >= 0x20 && b < 0x7f) i++;
      if (i >= len) break;
      const c = BYTE_CLASS[b]!;
      if (c === 0) {
        i++;
        continue;
      }
      if (c === LF) {
        this.endLine(i + 1, true);
        i = this.pos;
      } else if (c === CR) {
        if (i + 1 >= len) {
          if (!atEnd) break;
          i++;
        } else if (buf[i + 1] === 0x0a) {
          this.endLine(i + 2, true);
          i = this.pos;
        } else {
          if (this.ctlAt < 0) this.ctlAt = i - this.lineStart;
          i++;
        }
      } else if (c === CONTROL) {
        if (this.ctlAt < 0) this.ctlAt = i - this.lineStart;
        i++;
      } else if (c === LEAD) {
        const n = utf8Length(buf, i, len);
        if (n < 0 && !atEnd) break;
        if (n > 0) {
          this.utf8 = true;
          i += n;
        } else i++;
      }
    }
    this.pos = Math.max(i, this.pos);
  }

  /**
   * The lines from `start` on, one after the other, that plainLine would take and the buffer
   * holds whole, ending in CR LF with every byte before those printable ASCII (so a line's first
   * LF is its own, where the scan would end it too): taken as plainLine takes them, in one loop
   * with the reader's state in locals. The offset after the last one taken (`start`: none).
   */
  private plainLines(start: number, len: number): number {
    if (this.recOverflow) return start;
    const data = this.data;
    const recBase = this.recBase;
    // A line ending beyond this would make the record too long: the general path says so.
    const last = len < recBase + MAX_RECORD ? len : recBase + MAX_RECORD;
    const maxLines = MAX_RECORD_LINES;
    // The test as a local: a module's function is loaded and compared with the one inlined at every call.
    const isUnprintable = unprintable;
    let recFk = this.recFk;
    let recStart = this.recStart;
    let recEnd = this.recEnd;
    let n = this.recLines;
    let at = start;
    let lines = 0;
    scan: while (at + 9 <= len) {
      // `LLLFFFF` as two words, bytes 0–3 and 3–6 (little-endian: the first byte lowest), each
      // of four digits: every byte's high nibble 3, and still 3 after adding 6.
      const w0 = data.getInt32(at, true);
      const w1 = data.getInt32(at + 3, true);
      if (((w0 & 0xf0f0f0f0) | (((w0 + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333 || ((w1 & 0xf0f0f0f0) | (((w1 + 0x06060606) & 0xf0f0f0f0) >>> 4)) !== 0x33333333) break;
      const l = w0 - 0x30303030;
      const f = w1 - 0x30303030;
      const size = (l & 0xff) * 100 + ((l >> 8) & 0xff) * 10 + ((l >> 16) & 0xff);
      const stop = at + size;
      if (stop > last || size < 9) break;
      // The line's last four bytes: CR LF after the content's last two (in a shorter line,
      // digits of its `LLLFFFF`, printable too), tested with two printable bytes in CR LF's place.
      const tail = data.getInt32(stop - 4, true);
      if (tail >>> 16 !== 0x0a0d || isUnprintable((tail & 0xffff) | 0x41410000)) break;
      const fk = (f & 0xff) * 1000 + ((f >> 8) & 0xff) * 100 + ((f >> 16) & 0xff) * 10 + (f >>> 24);
      if (fk === 8000 || fk === 9106 || n >= maxLines) break;
      // The content before those two four bytes at a time, the last four ending where the tail
      // starts: they may overlap the bytes before, which are checked too (the seven digits are
      // printable), so no byte is left over.
      const end = stop - 2;
      for (let k = at + 7; k < stop - 8; k += 4) if (isUnprintable(data.getInt32(k, true))) break scan;
      if (isUnprintable(data.getInt32(stop - 8, true))) break scan;
      if (n === recFk.length) {
        this.recLines = n;
        this.growRecord();
        recFk = this.recFk;
        recStart = this.recStart;
        recEnd = this.recEnd;
      }
      recFk[n] = fk;
      recStart[n] = at - recBase;
      recEnd[n] = end - recBase;
      n++;
      lines++;
      at = stop;
    }
    if (lines === 0) return start;
    this.recLines = n;
    this.lineNo += lines;
    this.lineOffset += at - start;
    this.lineStart = this.pos = at;
    return at;
  }

  /** The line being read is longer than the limit: it is not held; its record is passed through. */
  private beginLongLine(): void {
    if (!this.recOverflow) this.overflow();
    this.passOn(this.len);
    this.longBytes += this.len - this.lineStart;
    this.lineStart = this.pos = this.len;
    this.longLine = true;
  }

  /** The line from lineStart ends before `stop` (after its LF, or at the end of the input). */
  private endLine(stop: number, complete: boolean): void {
    if (complete && this.ctlAt < 0 && !this.utf8 && !this.longLine && this.decided && this.plainLine(stop)) return;
    const buf = this.buf;
    const start = this.lineStart;
    const size = this.longBytes + stop - start;
    const lineNo = this.lineNo;
    if (!this.decided && size > MAX_LINE) {
      // As pushSlice decides for such a line still open at the end of a chunk: the same verdict whatever the chunking.
      this.stopped = true;
      this.sink.fatal('not-kvdt', lineNo);
      return;
    }
    // One list, reused: most lines have no problem.
    const problems = this.problems;
    if (problems.length) problems.length = 0;
    let fk = -1;
    let shaped = false;
    let contentEnd = stop;
    // A byte order mark before the file's first line (saved as UTF-8): named, and the line read after it.
    const lead = this.lineOffset === 0 && !this.longLine && start + 3 <= stop && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf ? 3 : 0;
    const from = start + lead;
    if (this.longLine || size > MAX_LINE) {
      if (!this.recOverflow) this.overflow();
      problems.push(LINE_PROBLEMS.tooLong(size, this.recFirstLine));
    } else {
      if (complete) {
        contentEnd = stop - 1;
        if (contentEnd > start && buf[contentEnd - 1] === 0x0d) contentEnd--;
        else problems.push(LINE_PROBLEMS.lineEnding());
      } else {
        // A CR just before the end is the start of a line ending, not content.
        if (contentEnd > start && buf[contentEnd - 1] === 0x0d) contentEnd--;
        problems.push(LINE_PROBLEMS.truncated());
      }
      if (lead) problems.push(LINE_PROBLEMS.bom());
      const hasLength = from + 3 <= contentEnd && isDigit(buf[from]) && isDigit(buf[from + 1]) && isDigit(buf[from + 2]);
      if (!hasLength) problems.push(LINE_PROBLEMS.noLength());
      else if (complete) {
        const declared = (buf[from]! - 48) * 100 + (buf[from + 1]! - 48) * 10 + (buf[from + 2]! - 48);
        if (declared !== size - lead) problems.push(LINE_PROBLEMS.length(declared, size - lead));
      }
      if (from + 7 <= contentEnd && isDigit(buf[from + 3]) && isDigit(buf[from + 4]) && isDigit(buf[from + 5]) && isDigit(buf[from + 6])) {
        fk = (buf[from + 3]! - 48) * 1000 + (buf[from + 4]! - 48) * 100 + (buf[from + 5]! - 48) * 10 + (buf[from + 6]! - 48);
        shaped = hasLength;
      } else problems.push(LINE_PROBLEMS.fieldId());
      if (this.ctlAt >= 0 && start + this.ctlAt < contentEnd) problems.push(LINE_PROBLEMS.control(buf[start + this.ctlAt]!));
      // The mark is the UTF-8 this line has (a con0 line holds no umlauts); it is named above.
      if (this.utf8 && !lead) problems.push(LINE_PROBLEMS.utf8(this.declared));
    }
    const offset = this.lineOffset;
    this.lineNo++;
    this.lineOffset += size;
    this.lineStart = this.pos = stop;
    this.ctlAt = -1;
    this.utf8 = false;
    this.longLine = false;
    this.longBytes = 0;

    if (!this.decided) {
      if (shaped) {
        this.decided = true;
        for (const p of this.held) this.sink.lineProblem(p);
        this.held = [];
      } else {
        // Held until it is clear whether this is KVDT at all; no record starts on such a line.
        for (const p of problems) this.held.push(this.locate(p, lineNo, offset, fk));
        this.addLine(-1, start, contentEnd, stop, lineNo, offset);
        if (++this.unshaped >= PRELUDE_LINES) {
          this.stopped = true;
          this.sink.fatal('not-kvdt', 1);
        }
        return;
      }
    }
    if (fk === 9106) {
      const value = decode(buf, from + 7, contentEnd, 'iso-8859-1');
      const cs = charsetOf(value);
      if (cs) {
        this.charset = cs;
        this.declared = cs === 'iso-8859-1' ? 'ISO 8859-1 (FK 9106 = 3)' : 'ISO 8859-15 (FK 9106 = 4)';
      } else problems.push(LINE_PROBLEMS.charset(value));
    }
    for (const p of problems) this.sink.lineProblem(this.locate(p, lineNo, offset, fk));
    if (fk === 8000) {
      this.deliver(start);
      // The mark goes out as it came, before the record that starts after it.
      if (lead) this.sink.passThrough(buf.subarray(start, from));
      this.startRecord(recordType(buf, from + 7, contentEnd), from, lineNo, offset);
    }
    // A field id was read after the mark: the line's text starts there too.
    this.addLine(fk, fk >= 0 ? from : start, contentEnd, stop, lineNo, offset);
    if (fk === 9106 && !this.recOverflow) this.recSwitches.push([this.recLines - 1, this.charset]);
  }

  /**
   * The line from lineStart to `stop` (after its LF) when it is a plain one, as nearly all are:
   * CR LF, the right length, a field id other than 8000 and 9106, no control byte, no UTF-8
   * (the caller knows those two), in a record that has room for it. Taken as endLine would
   * take it, with fewer steps; false, and nothing done, for any other line.
   */
  private plainLine(stop: number): boolean {
    const buf = this.buf;
    const start = this.lineStart;
    const size = stop - start;
    if (size < 9 || size > 999 || buf[stop - 2] !== 0x0d || this.recOverflow || this.recLines >= MAX_RECORD_LINES || stop - this.recBase > MAX_RECORD) return false;
    const head = lineHead(buf, start);
    if (head < 0 || head >> 14 !== size) return false;
    const fk = head & 0x3fff;
    if (fk === 8000 || fk === 9106) return false;
    this.lineNo++;
    this.lineOffset += size;
    this.lineStart = this.pos = stop;
    const n = this.recLines;
    if (n === this.recFk.length) this.growRecord();
    this.recFk[n] = fk;
    this.recStart[n] = start - this.recBase;
    this.recEnd[n] = stop - 2 - this.recBase;
    this.recLines = n + 1;
    return true;
  }

  private locate(p: LineProblem, line: number, offset: number, fk: number): LocatedLineProblem {
    return { ...p, line, offset, fk: fk < 0 ? '' : String(fk).padStart(4, '0') };
  }

  private addLine(fk: number, start: number, contentEnd: number, stop: number, lineNo: number, offset: number): void {
    if (this.recOverflow) return;
    if (this.recLines >= MAX_RECORD_LINES || stop - this.recBase > MAX_RECORD) {
      this.overflow();
      this.sink.lineProblem(this.locate(LINE_PROBLEMS.recordTooLong(this.recFirstLine, MAX_RECORD, MAX_RECORD_LINES), lineNo, offset, fk));
      return;
    }
    if (this.recLines === this.recFk.length) this.growRecord();
    this.recFk[this.recLines] = fk;
    this.recStart[this.recLines] = start - this.recBase;
    this.recEnd[this.recLines] = contentEnd - this.recBase;
    this.recLines++;
  }

  private growRecord(): void {
    const n = this.recFk.length * 2;
    const fk = new Int16Array(n);
    fk.set(this.recFk);
    const s = new Int32Array(n);
    s.set(this.recStart);
    const e = new Int32Array(n);
    e.set(this.recEnd);
    this.recFk = fk;
    this.recStart = s;
    this.recEnd = e;
  }

  /** The record held so far is passed through; the rest of it follows as it is read. */
  private overflow(): void {
    this.recOverflow = true;
    this.passFrom = this.recBase;
    this.passOn(this.lineStart);
  }

  private passOn(upTo: number): void {
    if (upTo > this.passFrom) this.sink.passThrough(this.buf.subarray(this.passFrom, upTo));
    this.passFrom = Math.max(this.passFrom, upTo);
  }

  /** Hands the record ending before buf offset `stop` to the sink. */
  private deliver(stop: number): void {
    // Lines before the first record form a record of type ''; none, nothing to deliver.
    if (this.recLines === 0 && !this.recOverflow) return;
    if (this.recOverflow) this.passOn(stop);
    this.recStop = stop;
    this.sink.record(this);
  }

  private startRecord(type: string, start: number, lineNo: number, offset: number): void {
    this.recType = type;
    this.recBase = start;
    this.recFirstLine = lineNo;
    this.recFirstOffset = offset;
    this.recOverflow = false;
    this.recLines = 0;
    this.recCharset = this.charset;
    this.recSwitches = [];
    this.passFrom = start;
  }
}
