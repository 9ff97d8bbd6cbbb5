/**
 * KVDT character sets (FK 9106). `4` = ISO 8859-15 (what current KVDT files use) and `3` =
 * ISO 8859-1; both are one byte per character and differ in eight code points. Only fields
 * that are mapped or reported are decoded; everything else stays bytes.
 */

/** The eight positions where ISO 8859-15 differs from ISO 8859-1. */
const LATIN9: Record<number, number> = { 0xa4: 0x20ac, 0xa6: 0x0160, 0xa8: 0x0161, 0xb4: 0x017d, 0xb8: 0x017e, 0xbc: 0x0152, 0xbd: 0x0153, 0xbe: 0x0178 };
const LATIN9_REVERSE: Record<number, number> = Object.fromEntries(Object.entries(LATIN9).map(([b, c]) => [c, Number(b)]));

export type Charset = 'iso-8859-15' | 'iso-8859-1';

/** The charset for an FK 9106 value, or undefined if this reader does not know it. */
export function charsetOf(fk9106: string): Charset | undefined {
  return fk9106 === '4' ? 'iso-8859-15' : fk9106 === '3' ? 'iso-8859-1' : undefined;
}

const fromCharCode = String.fromCharCode;

/** The text of `bytes[start, end)`. */
export function decode(bytes: Uint8Array, start: number, end: number, charset: Charset): string {
  const n = end - start;
  if (n <= 0) return '';
  let any = 0;
  for (let i = start; i < end; i++) any |= bytes[i]!;
  if (any >= 0x80) return decodeHigh(bytes, start, end, charset);
  return asciiText(bytes, start, end);
}

/** The text of `bytes[start, end)`, all of them below 0x80 (which reads the same in both charsets). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  // Most fields are short (dates, fee numbers, LANRs, insurance numbers): one string, no intermediate ones.
  const b = bytes;
  const s = start;
  switch (n) {
    case 1:
      return fromCharCode(b[s]!);
    case 2:
      return fromCharCode(b[s]!, b[s + 1]!);
    case 3:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!);
    case 8:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!);
    case 9:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!);
    case 10:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!);
    case 11:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
    case 12:
      return fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!, b[s + 11]!);
    default:
      return latin1(b, start, end);
  }
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.prototype.latin1Slice.call(bytes, start, end);
}

/** The eight bytes ISO 8859-15 reads otherwise than ISO 8859-1, as they read in ISO 8859-1. */
const LATIN9_BYTES = /[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]/g;
const latin9Char = (c: string): string => fromCharCode(LATIN9[c.charCodeAt(0)]!);

/**
 * The text of `bytes[start, end)` with bytes ≥ 0x80: ISO 8859-1 maps them one to one, ISO
 * 8859-15 differs in eight. One flat string: a string grown by a character at a time is held as
 * a chain of one piece per character (32 bytes each) for as long as it is kept.
 */
export function decodeHigh(bytes: Uint8Array, start: number, end: number, charset: Charset): string {
  const text = latin1(bytes, start, end);
  return charset !== 'iso-8859-15' ? text : text.replace(LATIN9_BYTES, latin9Char);
}

/** Encodes text; returns undefined if a character has no byte in the charset. */
export function encode(text: string, charset: Charset): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let b: number | undefined;
    if (charset === 'iso-8859-15') b = LATIN9_REVERSE[c] ?? (c < 0x100 && LATIN9[c] === undefined ? c : undefined);
    else b = c < 0x100 ? c : undefined;
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
