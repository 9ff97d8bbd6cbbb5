/**
 * KVDT lines `LLLFFFFcontent CR LF` (LLL = byte length of the whole line including CR LF,
 * FFFF = field id), judged byte by byte: the byte classes the reader scans with, and the
 * problems a line can have. A line ends at LF; a line longer than {@link MAX_LINE} is one
 * line with one problem, however long, so the line numbers after it stay right.
 */

/** The longest line held and interpreted (a KVDT line has at most 999 bytes). */
export const MAX_LINE = 64 * 1024;

export type LineProblemCode = 'bom' | 'length' | 'line-ending' | 'field-id' | 'encoding' | 'utf8' | 'truncated' | 'too-long' | 'record-too-long';

/** A problem of one line. */
export interface LineProblem {
  code: LineProblemCode;
  severity: 'error' | 'warning';
  de: string;
  en: string;
}

/** Byte classes: 0 a character (the scanner runs over those), then the bytes it stops at. */
export const LF = 1;
export const CR = 2;
/** C0 controls (but CR/LF), DEL, C1 controls: not allowed in field content. */
export const CONTROL = 3;
/** A byte that can start a UTF-8 multibyte sequence (0xC2–0xF4); in ISO 8859-15 a letter. */
export const LEAD = 4;

export const BYTE_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) t[b] = CONTROL;
  for (let b = 0x7f; b <= 0x9f; b++) t[b] = CONTROL;
  for (let b = 0xc2; b <= 0xf4; b++) t[b] = LEAD;
  t[0x0a] = LF;
  t[0x0d] = CR;
  return t;
})();

/**
 * The length of the well-formed UTF-8 sequence (2–4 bytes) at `i`, 0 if there is none, or -1
 * if the bytes up to `end` are a prefix of one (more are needed to decide).
 */
export function utf8Length(buf: Uint8Array, i: number, end: number): number {
  const b = buf[i]!;
  const n = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  // Second-byte ranges that exclude overlong forms, surrogates and code points above U+10FFFF.
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k < n; k++) {
    if (i + k >= end) return -1;
    const c = buf[i + k]!;
    if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return 0;
  }
  return n;
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

export const LINE_PROBLEMS = {
  bom: (): LineProblem => ({
    code: 'bom',
    severity: 'error',
    de: 'Die Datei beginnt mit einer UTF-8-Byte-Order-Mark (Bytes EF BB BF), vermutlich als UTF-8 gespeichert; eine KVDT-Datei hat keine. Gelesen wird ab dem Byte danach, die Bytes bleiben unverändert.',
    en: 'The file starts with a UTF-8 byte order mark (bytes EF BB BF), probably saved as UTF-8; a KVDT file has none. It is read from the byte after it; the bytes are kept.',
  }),
  noLength: (): LineProblem => ({ code: 'length', severity: 'error', de: 'Die Zeile beginnt nicht mit einer dreistelligen Länge.', en: 'The line does not start with a three-digit length.' }),
  length: (declared: number, actual: number): LineProblem => ({ code: 'length', severity: 'error', de: `Längenangabe ${declared}, die Zeile hat aber ${actual} Bytes.`, en: `Declared length ${declared}, but the line has ${actual} bytes.` }),
  lineEnding: (): LineProblem => ({ code: 'line-ending', severity: 'error', de: 'Zeilenende ist nicht CR LF.', en: 'The line does not end in CR LF.' }),
  fieldId: (): LineProblem => ({ code: 'field-id', severity: 'error', de: 'Keine vierstellige Feldkennung.', en: 'No four-digit field id.' }),
  control: (b: number): LineProblem => ({ code: 'encoding', severity: 'error', de: `Unzulässiges Steuerzeichen (Byte ${hex(b)}) im Feldinhalt.`, en: `Control character (byte ${hex(b)}) in the field content.` }),
  charset: (value: string): LineProblem => ({ code: 'encoding', severity: 'error', de: `Zeichensatz "${value}" (FK 9106) wird nicht unterstützt; gelesen wird ISO 8859-15.`, en: `Character set "${value}" (FK 9106) is not supported; reading ISO 8859-15.` }),
  utf8: (declared: string): LineProblem => ({
    code: 'utf8',
    severity: 'warning',
    de: `UTF-8-Zeichen in einer Datei mit ${declared}: vermutlich falsch kodiert exportiert (Umlaute); die Bytes bleiben unverändert.`,
    en: `UTF-8 characters in a file declared ${declared}: probably exported with the wrong encoding (umlauts); the bytes are kept.`,
  }),
  truncated: (): LineProblem => ({ code: 'truncated', severity: 'error', de: 'Die Datei endet mitten in der Zeile (abgeschnitten).', en: 'The file ends in the middle of this line (truncated).' }),
  tooLong: (bytes: number, recordLine: number): LineProblem => ({
    code: 'too-long',
    severity: 'error',
    de: `Zeile mit ${bytes} Bytes, länger als 64 KiB: keine KVDT-Zeile; der Satz ab Zeile ${recordLine} wird ungeprüft übernommen.`,
    en: `A line of ${bytes} bytes, longer than 64 KiB: not a KVDT line; the record from line ${recordLine} is copied unchecked.`,
  }),
  recordTooLong: (recordLine: number, bytes: number, lines: number): LineProblem => ({
    code: 'record-too-long',
    severity: 'error',
    de: `Der Satz ab Zeile ${recordLine} ist länger als ${bytes / 1024 / 1024} MiB oder ${lines.toLocaleString('de-DE')} Zeilen: er wird ungeprüft übernommen.`,
    en: `The record from line ${recordLine} is longer than ${bytes / 1024 / 1024} MiB or ${lines.toLocaleString('en-US')} lines: it is copied unchecked.`,
  }),
};
