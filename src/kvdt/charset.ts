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

/** The text of `bytes[start, end)`. */
export function decode(bytes: Uint8Array, start: number, end: number, charset: Charset): string {
  let out = '';
  let high = false;
  // Short fields (most are digits): building the string here is cheaper than a Buffer call.
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0xa4) high = true;
    out += String.fromCharCode(b);
  }
  if (!high || charset !== 'iso-8859-15') return out;
  let mapped = '';
  for (let i = 0; i < out.length; i++) {
    const c = out.charCodeAt(i);
    mapped += String.fromCharCode(LATIN9[c] ?? c);
  }
  return mapped;
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
