/**
 * The first syntax error of a JSON text, found in one pass that builds nothing: a request body
 * (and a large document to validate) is checked with it before JSON.parse. A body of 30 MB of
 * `[` cost JSON.parse 10 s (about 0.4 µs an object or list, well-formed or not): the server was
 * blocked that long before its 400. This pass takes milliseconds and refuses nesting deeper
 * than MAX_JSON_DEPTH at once.
 *
 * It follows the positional parser's grammar (src/load/json-text.ts) step for step, so it
 * finds the same first syntax error at the same offset with the same reason
 * (test/json-scan.test.ts compares them). Like that parser and the loader it skips one
 * byte-order mark (U+FEFF) at the very start, which editors on Windows write; JSON.parse
 * refuses it, so a text it accepts, JSON.parse reads once that mark is cut off (body.ts cuts
 * it before both). A U+FEFF anywhere else is a syntax error, as for JSON.parse.
 */
import { MAX_JSON_DEPTH } from '../load/json-text';

/** A syntax error: its offset in the text and the reason, German and English (never a quote of the text). */
export interface ScanProblem {
  at: number;
  de: string;
  en: string;
}

const problem = (at: number, de: string, en: string): ScanProblem => ({ at, de, en });

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/** The characters after a backslash that make a two-character escape: " \ / b f n r t. */
const SHORT_ESCAPES = new Set([34, 92, 47, 98, 102, 110, 114, 116]);

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else return i;
  }
}

/** The offset after the string opening at `i`, or its problem. */
function stringEnd(text: string, i: number): number | ScanProblem {
  const start = i++;
  for (;;) {
    if (i >= text.length) return problem(start, 'Zeichenkette ohne schließendes Anführungszeichen.', 'Unterminated string.');
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return problem(i, 'Steuerzeichen in einer Zeichenkette.', 'Control character in a string.');
    if (c === 92) {
      const unicode = text.charCodeAt(i + 1) === 117;
      const ok = unicode ? isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)) : SHORT_ESCAPES.has(text.charCodeAt(i + 1));
      if (!ok) return problem(i, 'Ungültige Escape-Sequenz.', 'Invalid escape sequence.');
      i += unicode ? 6 : 2;
    } else i++;
  }
}

/** The offset after the number literal at `i` (as the positional parser's expression matches it), or -1. */
function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 45) i++;
  const first = text.charCodeAt(i);
  if (first === 48) i++;
  else if (first >= 49 && first <= 57) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  } else return -1;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let k = i + 1;
    const sign = text.charCodeAt(k);
    if (sign === 43 || sign === 45) k++;
    if (isDigit(text.charCodeAt(k))) {
      while (isDigit(text.charCodeAt(k))) k++;
      i = k;
    }
  }
  return i;
}

/**
 * The first syntax error of `text` as the positional parser reports it, or undefined when there
 * is none; a byte-order mark at offset 0 is skipped (offsets still count it).
 */
export function firstSyntaxProblem(text: string): ScanProblem | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** The open objects (123) and arrays (91); its length is the depth of the next value. */
  const open: number[] = [];
  for (;;) {
    // A value.
    i = skipSpace(text, i);
    if (open.length > MAX_JSON_DEPTH) return problem(i, `Zu tief verschachtelt (mehr als ${MAX_JSON_DEPTH} Ebenen).`, `Nested too deeply (more than ${MAX_JSON_DEPTH} levels).`);
    const c = text.charCodeAt(i);
    let member = false;
    if (c === 123 || c === 91) {
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === c + 2) i++; // {} or []
      else {
        open.push(c);
        if (c === 91) continue;
        member = true;
      }
    } else if (c === 34) {
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return end;
      i = end;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      const end = numberEnd(text, i);
      if (end < 0) return i >= text.length ? problem(i, 'Unerwartetes Dateiende.', 'Unexpected end of file.') : problem(i, 'Unerwartetes Zeichen.', 'Unexpected character.');
      i = end;
    }
    // After a value: close what ends, up to the next member or element.
    while (!member) {
      i = skipSpace(text, i);
      const top = open[open.length - 1];
      if (top === undefined) return i < text.length ? problem(i, 'Zusätzlicher Text nach dem JSON-Wert.', 'Extra text after the JSON value.') : undefined;
      const d = text.charCodeAt(i);
      if (d === 44) {
        i++;
        if (top === 91) break;
        member = true;
      } else if (d === top + 2) {
        i++;
        open.pop();
      } else return top === 91 ? problem(i, "Erwartet: ',' oder ']'.", "Expected ',' or ']'.") : problem(i, "Erwartet: ',' oder '}'.", "Expected ',' or '}'.");
    }
    if (member) {
      // "key": — then its value.
      i = skipSpace(text, i);
      if (text.charCodeAt(i) !== 34) return problem(i, 'Erwartet: Schlüssel in Anführungszeichen.', 'Expected a quoted key.');
      const end = stringEnd(text, i);
      if (typeof end !== 'number') return end;
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== 58) return problem(i, 'Erwartet: Doppelpunkt nach dem Schlüssel.', "Expected ':' after the key.");
      i++;
    }
  }
}
