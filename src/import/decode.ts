/**
 * Bytes of a master file → text. The KBV writes its master files in ISO-8859-15 and says so
 * in the XML declaration; ISO-8859-1 and UTF-8 are read as declared too. Decoding goes chunk
 * by chunk (a character split between chunks is kept for the next one).
 */

export type Charset = 'ISO-8859-15' | 'ISO-8859-1' | 'UTF-8';

/**
 * The charset named in the XML declaration at the start of `head` (the first bytes of the
 * file), UTF-8 when there is none (as XML says), or `{ unknown }` for one not supported here.
 */
export function declaredCharset(head: Uint8Array): Charset | { unknown: string } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'UTF-8';
  const declared = declaredEncoding(head);
  if (declared === undefined) return 'UTF-8';
  const name = declared.toUpperCase().replace(/_/g, '-');
  if (name === 'ISO-8859-15' || name === 'LATIN-9' || name === 'LATIN9') return 'ISO-8859-15';
  if (name === 'ISO-8859-1' || name === 'LATIN1' || name === 'LATIN-1') return 'ISO-8859-1';
  if (name === 'UTF-8' || name === 'UTF8') return 'UTF-8';
  return { unknown: declared };
}

/** The encoding an XML declaration at the start of `head` (after a byte order mark, if any) names (`encoding="…"`), or undefined where there is none. */
export function declaredEncoding(head: Uint8Array): string | undefined {
  // The declaration is ASCII whatever the charset; latin1 maps bytes to the same code points.
  const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 200)).toString('latin1');
  return /^(?:\xef\xbb\xbf)?<\?xml[^?]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start)?.[1];
}

/** A streaming decoder for the charset: call with each chunk, then with `last` true. */
export function chunkDecoder(charset: Charset): (chunk: Uint8Array, last?: boolean) => string {
  if (charset === 'UTF-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    return (chunk, last = false) => decoder.decode(chunk, { stream: !last });
  }
  // One byte, one character: nothing is split between chunks. Latin-1 is decoded natively (an
  // order of magnitude faster than TextDecoder); Latin-9 differs from it in eight code points.
  // (TextDecoder's "iso-8859-1" would be windows-1252.)
  const latin9 = charset === 'ISO-8859-15';
  return (chunk) => {
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString('latin1');
    return latin9 && LATIN9_DIFFERS.test(text) ? text.replace(LATIN9_DIFFERS_ALL, (c) => LATIN9[c]!) : text;
  };
}

/** The code points where ISO-8859-15 differs from ISO-8859-1, and what they are in Latin-9. */
const LATIN9: Record<string, string> = { '\u00a4': '€', '\u00a6': 'Š', '\u00a8': 'š', '\u00b4': 'Ž', '\u00b8': 'ž', '\u00bc': 'Œ', '\u00bd': 'œ', '\u00be': 'Ÿ' };
const LATIN9_DIFFERS = /[\u00a4\u00a6\u00a8\u00b4\u00b8\u00bc-\u00be]/;
const LATIN9_DIFFERS_ALL = new RegExp(LATIN9_DIFFERS.source, 'g');

// A UTF-8 two-byte sequence read as Latin-9: lead byte C2 or C3 (Â, Ã), then a continuation byte
// 80–BF, which Latin-9 shows as U+0080–U+00BF except for the eight letters it puts in that range.
const LATIN9_CONTINUATION: Record<string, number> = { '€': 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
const DOUBLE_ENCODED = /[\u00c2\u00c3]([\u0080-\u00a3\u00a5\u00a7\u00a9-\u00b3\u00b5-\u00b7\u00b9-\u00bb\u00bf€ŠšŽžŒœŸ])/g;

/**
 * Repairs UTF-8 umlauts inside a Latin-9 text ("KassenÃ€rztliche" → "Kassenärztliche"), as the
 * 2026 SDHDRG has in four texts. Only for descriptive texts, never for codes; returns the text
 * unchanged when there is nothing to repair.
 */
export function repairDoubleEncoding(text: string): string {
  if (text.indexOf('\u00c2') < 0 && text.indexOf('\u00c3') < 0) return text;
  return text.replace(DOUBLE_ENCODED, (all: string, cont: string) => {
    const lead = all.charCodeAt(0);
    const byte = LATIN9_CONTINUATION[cont] ?? cont.charCodeAt(0);
    // Two-byte UTF-8: 110xxxxx 10yyyyyy → xxxxxyyyyyy.
    return String.fromCharCode(((lead & 0x1f) << 6) | (byte & 0x3f));
  });
}
