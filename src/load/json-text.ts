/**
 * A strict JSON parser that remembers where every value starts, so that schema and semantic
 * problems can be reported as `file:line:column` plus JSON pointer. It also refuses what a
 * rule set must never contain: keys that can pollute prototypes, duplicate keys, non-finite
 * numbers and absurd nesting.
 */

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface JsonProblem extends Position {
  pointer: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface ParsedJson {
  value: unknown;
  /** JSON pointer → position of the member's key (objects) or of the value (arrays, root). */
  positions: Positions;
  problems: JsonProblem[];
  /**
   * Bit i set when the document may hold `watch[i]` (see parseJson) as a member's key
   * anywhere: clear only when it surely holds none (the parse that JSON.parse did looked at
   * every key); set for every key a parse by the positional parser was asked about.
   */
  keys: number;
  /** The part of the value the caller's `plain` checked on the text (see parseJson), when it did. */
  plain?: object;
}

/** A part of a document checked exactly on its text (see parseJson): the value, and where its text starts and ends. */
export interface PlainPart {
  value: object;
  start: number;
  end: number;
}

/** Nesting deeper than this is refused before it can exhaust the stack. */
export const MAX_JSON_DEPTH = 64;
/** Documents larger than this (in UTF-16 code units) are refused. */
export const MAX_JSON_LENGTH = 32 * 1024 * 1024;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string): string {
  // Nearly every key is plain; skip the two regular expressions for those.
  if (token.indexOf('~') < 0 && token.indexOf('/') < 0) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

class SyntaxProblem extends Error {
  constructor(
    readonly at: number,
    readonly de: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/**
 * Where each value of a parsed document starts, by JSON pointer. Only offsets are kept while
 * parsing (loading must be fast, and most documents have no problem to locate); line and
 * column are worked out when asked for.
 */
export class Positions {
  /** Every value's offset by pointer, once a parse recorded them. */
  offsets: Map<string, number> | null = null;
  private lineStarts: number[] | null = null;
  /** Questions answered by seeking, before the whole text is parsed for offsets. */
  private seeks = 0;

  constructor(private readonly text = '') {}

  get(pointer: string): Position | undefined {
    // A document that loads has only a few things to locate (notices, hints): each is found by
    // walking its pointer through the text. Many questions about one text parse it once more,
    // this time recording every value's offset.
    if (this.offsets === null && this.seeks < MAX_SEEKS) {
      this.seeks++;
      const offset = seek(this.text, pointer);
      return offset < 0 ? undefined : this.positionOf(offset);
    }
    this.offsets ??= this.text ? parse(this.text, true).offsets : new Map();
    const offset = this.offsets.get(pointer);
    return offset === undefined ? undefined : this.positionOf(offset);
  }

  positionOf(offset: number): Position {
    if (this.lineStarts === null) {
      const starts = [0];
      // indexOf, not a loop over every character: this often runs once, in code not yet optimized.
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const lineStarts = this.lineStarts;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  }
}

/**
 * Parses `text`; with a problem (a syntax error, a duplicate key, …) `value` is `undefined` and `problems` says where. `plain` may name a part of the
 * parsed root whose text it found to hold only what the walk lets through (a catalogue's rows,
 * each a few known keys with plain values): the walk leaves that part out. `watch`: at most 8 keys, none with a colon.
 */
export function parseJson(text: string, watch: readonly string[] = [], plain?: (text: string, root: unknown) => PlainPart | undefined): ParsedJson {
  const positions = new Positions(text);
  // Most documents have no problem: the engine's own JSON.parse reads them (loading must be
  // fast). A document it cannot read, or that holds what it would let through, is parsed
  // again by the positional parser below, which places every problem: first recording
  // nothing else (a broken document is refused in time small per character), and only when
  // that found none, again recording every value's offset.
  const walk: Walk = { members: 0, colons: 0, numbers: 0, marks: marksOf(watch), keys: 0 };
  const value = text.length <= MAX_JSON_LENGTH ? parseClean(text, walk, plain) : NOT_CLEAN;
  if (value !== NOT_CLEAN) return { value, positions, problems: [], keys: walk.keys, plain: walk.plain };
  const keys = (1 << watch.length) - 1;
  const { problems } = parse(text, false, positions);
  if (problems.length) return { value: undefined, positions, problems, keys };
  const result = parse(text, true, positions);
  positions.offsets = result.offsets;
  return { value: result.value, positions, problems: result.problems, keys };
}

/**
 * What the walk does at a key: FORBIDDEN for the forbidden ones, else the bit of a watched one
 * (see parseJson; at most 8) plus 256 times the colons in the key (noted when first met).
 */
const FORBIDDEN = -1;
/** Most keys the walk notes (see cleanIn). */
const MAX_MARKS = 1 << 14;
const forbiddenMarks = new Map([...FORBIDDEN_KEYS].map((k) => [k, FORBIDDEN]));

function marksOf(watch: readonly string[]): Map<string, number> {
  const marks = new Map(forbiddenMarks);
  watch.forEach((k, i) => marks.set(k, 1 << i));
  return marks;
}

/**
 * When loading failed unexpectedly: did other code in the host give Object.prototype an
 * enumerable property (prototype pollution)? Every for...in over parsed JSON then sees it. Its
 * German and English reason, or undefined. Asked only after a fault, so loading pays nothing.
 */
export function pollutedPrototype(): [de: string, en: string] | undefined {
  for (const _ in {}) {
    return [
      'Object.prototype wurde in diesem Prozess verändert (eine aufzählbare Eigenschaft); nichts wurde geladen.',
      'Object.prototype was changed in this process (an enumerable property); nothing was loaded.',
    ];
  }
  return undefined;
}

/** Freezes `v` and everything in it (a part already frozen is taken as frozen throughout). */
export function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
}

const NOT_CLEAN = Symbol('not clean');
/** A JSON string literal (in text JSON.parse accepted); written so that long strings need no backtracking. */
const STRING_LITERAL = /"[^"\\]*(?:\\.[^"\\]*)*"/g;
/**
 * 16 digits (or dots) in a row, or a three-digit exponent: only a number literal with one can
 * denote a value no double holds (one of at most 15 significant digits and a normal exponent
 * reads back as itself). Looked for in the text, then, if found, in the text without its
 * strings: there a digit stands only in a number literal, and a dot or an 'e' after a digit too.
 * Both start at a digit (a literal's digits and dot do). Two expressions, the run's sixteen
 * characters written out: irregexp then skips through text without such a run by looking ahead
 * (Boyer-Moore), where with `[\d.]{15}`, or both forms in one, it tests every character (the
 * scan of a 5.8 MB rule set: 84 M instructions in one, 25 M in these two).
 */
const LONG_NUMBER = [/\d[\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.][\d.]/, /\d[eE][+-]?\d{3}/];
const longNumber = (s: string): boolean => LONG_NUMBER.some((r) => r.test(s));

/** What the walk over a parsed document counts. */
interface Walk {
  members: number;
  colons: number;
  numbers: number;
  /** The forbidden keys, the watched ones and the others met so far (see marksOf), looked up once per member. */
  marks: Map<string, number>;
  /** The bits of the watched keys met. */
  keys: number;
  /** A part of the value checked on its text, which the walk leaves out (see parseJson). */
  plain?: object;
}

/**
 * `text` parsed by JSON.parse, or NOT_CLEAN if it is no JSON or holds what JSON.parse lets
 * through and a rule set must not: keys that can pollute prototypes, non-finite numbers,
 * nesting deeper than MAX_JSON_DEPTH, and duplicate keys (JSON.parse keeps the last one).
 *
 * Duplicates are found by counting: every member of an object has exactly one ':' outside
 * string literals, so the text's colons are the members plus the colons inside its strings.
 * Without a `\u` escape (the only way to write a ':' other than as itself) the colons inside
 * its strings are those of the parsed keys and values; a duplicate key makes the text's count
 * larger than the parsed value's. A document with numbers is also scanned for a number
 * literal that may not be what JSON.parse made of it (see LONG_NUMBER); the positional parser
 * then checks each one exactly.
 */
function parseClean(text: string, walk: Walk, plain: ((text: string, root: unknown) => PlainPart | undefined) | undefined): unknown {
  // A byte-order mark is tolerated: editors on Windows write one.
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const value: unknown = JSON.parse(body);
    // A part checked on its text is left out of the walk, and its text out of the counts below.
    const part = plain?.(body, value);
    walk.plain = part?.value;
    if (!clean(value, walk)) return NOT_CLEAN;
    if (part !== undefined) body = body.slice(0, part.start) + body.slice(part.end);
    if (walk.numbers > 0 && longNumber(body) && longNumber(body.replace(STRING_LITERAL, ''))) return NOT_CLEAN;
    // Counted with indexOf, not split: a string per colon would cost more than JSON.parse.
    const colons = body.indexOf('\\u') < 0 ? colonsIn(body) - walk.colons : colonsIn(body.replace(STRING_LITERAL, ''));
    return colons === walk.members ? value : NOT_CLEAN;
  } catch {
    // A syntax error (or a regular expression or nesting beyond the engine's limits).
    return NOT_CLEAN;
  }
}

/** Colons in a string (keys and values are mostly without). */
function colonsIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/**
 * False if `v` (the root) holds a forbidden key, a non-finite number or nests too deep (the first
 * also LONG_NUMBER finds; without the tests here, V8 optimized cleanIn sooner at a cold start and
 * deoptimized it once, 2f0c1fa); counts
 * members, numbers and colons in strings into `walk` and notes the watched keys it holds.
 */
function clean(v: unknown, walk: Walk): boolean {
  if (typeof v === 'object' && v !== null) return cleanIn(v, 0, walk);
  if (typeof v === 'string') walk.colons += colonsIn(v);
  else if (typeof v === 'number') {
    walk.numbers++;
    return Number.isFinite(v);
  }
  return true;
}

/**
 * clean for the object or array `v` at `depth`. Its texts and numbers are checked in the loop,
 * without a call each (this runs for every value of every document, at a cold start mostly
 * before V8 optimizes it: half the time of a call per value); the two loops check a value alike.
 */
function cleanIn(v: object, depth: number, walk: Walk): boolean {
  // A value inside is deeper than allowed.
  const deep = depth >= MAX_JSON_DEPTH;
  if (Array.isArray(v)) {
    if (deep && v.length > 0) return false;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'string') {
        if (x.indexOf(':') >= 0) walk.colons += colonsIn(x);
      } else if (typeof x === 'number') {
        walk.numbers++;
        if (x === Infinity || x === -Infinity) return false;
      } else if (typeof x === 'object' && x !== null && !cleanIn(x, depth + 1, walk)) return false;
    }
    return true;
  }
  const obj = v as Record<string, unknown>;
  const marks = walk.marks;
  for (const key in obj) {
    let mark = marks.get(key);
    // A key met first: its colons, counted once (a document repeats few keys many times; one of
    // millions of keys each once does not grow the map past MAX_MARKS).
    if (mark === undefined) {
      mark = 256 * colonsIn(key);
      if (marks.size < MAX_MARKS) marks.set(key, mark);
    }
    if (mark === FORBIDDEN) return false;
    walk.keys |= mark & 255;
    if (deep) return false;
    walk.members++;
    if (mark > 255) walk.colons += (mark - (mark & 255)) / 256;
    const x = obj[key];
    if (typeof x === 'string') {
      if (x.indexOf(':') >= 0) walk.colons += colonsIn(x);
    } else if (typeof x === 'number') {
      walk.numbers++;
      if (x === Infinity || x === -Infinity) return false;
    } else if (typeof x === 'object' && x !== null && x !== walk.plain && !cleanIn(x, depth + 1, walk)) return false;
  }
  return true;
}

/**
 * The decimal value of a JSON number literal, canonical: sign, significant digits, and the
 * position of the decimal point relative to them (`-0.0120` → `-12e-1`; every zero → `0`).
 */
function canonicalDecimal(literal: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return literal;
  const int = m[2]!;
  const frac = m[3] ?? '';
  let digits = int + frac;
  let point = int.length + Number(m[4] ?? 0);
  let lead = 0;
  while (lead < digits.length && digits.charCodeAt(lead) === 48) lead++;
  digits = digits.slice(lead);
  point -= lead;
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  return digits === '' ? '0' : `${m[1]}${digits}e${point}`;
}

/**
 * True if the double `value` read from `literal` is exactly the number written: the shortest
 * text that reads back as the double (JavaScript's String) denotes the same decimal value.
 * `0.1` and `1e20` are; `9007199254740993`, `123456789012345678901234567890` and
 * `0.12345678901234567891` are not (they would be silently rounded).
 */
export function isExactNumber(literal: string, value: number): boolean {
  return canonicalDecimal(literal) === canonicalDecimal(String(value));
}

/** Questions one Positions answers by seeking (each walks the text up to its value) before it parses the text for every offset. */
const MAX_SEEKS = 8;

/**
 * The offset the positional parse records for `pointer` (a member's key, an element's value,
 * the root), found by walking the pointer through `text` and skipping every value off its path
 * without building it; -1 when the text holds no such value. Only for text JSON.parse took:
 * it checks no syntax, and of a key given twice it finds the first.
 */
export function seek(text: string, pointer: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (pointer === '') return text.length === 0 ? -1 : i;
  const tokens = pointer.slice(1).split('/');
  for (let t = 0; t < tokens.length; t++) {
    const raw = tokens[t]!;
    const token = raw.indexOf('~') < 0 ? raw : raw.replace(/~1/g, '/').replace(/~0/g, '~');
    i = skipSpace(text, i);
    const open = text.charCodeAt(i);
    let found = -1;
    if (open === 123) {
      // {"key": value, …}: the member whose key is the token.
      i = skipSpace(text, i + 1);
      while (text.charCodeAt(i) === 34) {
        const keyAt = i;
        const end = stringEnd(text, i);
        const body = text.slice(i + 1, end - 1);
        const key = body.indexOf('\\') < 0 ? body : (JSON.parse(text.slice(i, end)) as string);
        i = skipSpace(text, end) + 1; // the colon
        if (key === token) {
          found = keyAt;
          break;
        }
        i = skipSpace(text, skipValue(text, skipSpace(text, i)));
        if (text.charCodeAt(i) !== 44) break;
        i = skipSpace(text, i + 1);
      }
    } else if (open === 91 && /^(0|[1-9][0-9]*)$/.test(token)) {
      // [value, …]: the element at the token's index.
      const index = Number(token);
      i = skipSpace(text, i + 1);
      for (let k = 0; text.charCodeAt(i) !== 93; k++) {
        if (k === index) {
          found = i;
          break;
        }
        i = skipSpace(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 44) break;
        i = skipSpace(text, i + 1);
      }
    }
    if (found < 0) return -1;
    if (t === tokens.length - 1) return found;
  }
  return -1;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else return i;
  }
}

/** The offset after the string opening at `i`. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; ; ) {
    const quote = text.indexOf('"', j);
    if (quote < 0) return text.length;
    // A quote escaped by an odd number of backslashes does not close the string.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

/**
 * From a bracket (or a quote) to the next bracket, in text JSON.parse took: the strings between
 * matched as a whole (so none of their brackets count), at most 1,000 of them a match (the
 * engine's backtrack stack stays small whatever the text).
 */
const TO_BRACKET = /[^"[\]{}]*(?:"[^"\\]*(?:\\.[^"\\]*)*"[^"[\]{}]*){0,1000}/y;

/**
 * The offset after the value starting at `i`. An object or array is walked from bracket to
 * bracket, what lies between matched natively: a char loop (or one step per string), which
 * locating a notice runs over much of a document at a cold start, costs V8 an optimizing
 * compile, and one expression for a whole value nested a few levels costs more to compile than
 * this walk. Any depth, any length.
 */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c !== 123 && c !== 91) {
    // A number, true, false or null: up to the next delimiter.
    for (;;) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13 || Number.isNaN(d)) return i;
      i++;
    }
  }
  for (let depth = 0; i < text.length; i = TO_BRACKET.lastIndex) {
    const d = text.charCodeAt(i);
    if (d === 123 || d === 91) depth++;
    else if (d !== 34 && --depth === 0) return i + 1;
    // A quote: the match before stopped after 1,000 strings.
    TO_BRACKET.lastIndex = d === 34 ? i : i + 1;
    TO_BRACKET.test(text);
  }
  return text.length;
}

/**
 * The positional parse: every problem placed; with `record`, every value's offset recorded by
 * JSON pointer too. Without, it builds no pointer but a problem's (from `path`), and records
 * no offset: recording cost 2 µs a value, 20 s for a broken list of 10 million numbers.
 */
function parse(text: string, record: boolean, positions = new Positions(text)): { value: unknown; problems: JsonProblem[]; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  const problems: JsonProblem[] = [];
  /** The key or index of each value on the way to the one being read, by depth. */
  const path: unknown[] = [];
  const positionOf = (offset: number): Position => positions.positionOf(offset);

  if (text.length > MAX_JSON_LENGTH) {
    return {
      value: undefined,
      offsets,
      problems: [
        {
          pointer: '',
          line: 1,
          column: 1,
          code: 'too-large',
          message: `Die Datei ist zu groß (${text.length} Zeichen, höchstens ${MAX_JSON_LENGTH}).`,
          messageEn: `The file is too large (${text.length} characters, at most ${MAX_JSON_LENGTH}).`,
        },
      ],
    };
  }

  let i = 0;
  const skipWhitespace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  /** A problem of the value at `depth` on `path`. */
  const report = (offset: number, depth: number, code: string, de: string, en: string) => {
    problems.push({ pointer: path.slice(0, depth).map((t) => `/${escapePointerToken(String(t))}`).join(''), ...positionOf(offset), code, message: de, messageEn: en });
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunkStart = i;
    for (;;) {
      if (i >= text.length) throw new SyntaxProblem(start, 'Zeichenkette ohne schließendes Anführungszeichen.', 'Unterminated string.');
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunkStart, i);
        i++;
        return out;
      }
      if (c < 32) throw new SyntaxProblem(i, 'Steuerzeichen in einer Zeichenkette.', 'Control character in a string.');
      if (c === 92) {
        out += text.slice(chunkStart, i);
        // The escape alone read by the engine: \" \\ \/ \b \f \n \r \t, or \u and four hex digits.
        const end = i + (text[i + 1] === 'u' ? 6 : 2);
        try {
          out += JSON.parse(`"${text.slice(i, end)}"`) as string;
        } catch {
          throw new SyntaxProblem(i, 'Ungültige Escape-Sequenz.', 'Invalid escape sequence.');
        }
        chunkStart = i = end;
        continue;
      }
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const parseValue = (pointer: string, depth: number): unknown => {
    skipWhitespace();
    if (depth > MAX_JSON_DEPTH) {
      throw new SyntaxProblem(i, `Zu tief verschachtelt (mehr als ${MAX_JSON_DEPTH} Ebenen).`, `Nested too deeply (more than ${MAX_JSON_DEPTH} levels).`);
    }
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') throw new SyntaxProblem(i, 'Erwartet: Schlüssel in Anführungszeichen.', 'Expected a quoted key.');
        const keyAt = i;
        const key = parseString();
        path[depth] = key;
        const memberPointer = record ? `${pointer}/${escapePointerToken(key)}` : '';
        if (record) offsets.set(memberPointer, keyAt);
        skipWhitespace();
        if (text[i] !== ':') throw new SyntaxProblem(i, 'Erwartet: Doppelpunkt nach dem Schlüssel.', "Expected ':' after the key.");
        i++;
        const value = parseValue(memberPointer, depth + 1);
        if (FORBIDDEN_KEYS.has(key)) {
          report(keyAt, depth + 1, 'forbidden-key', `Der Schlüssel "${key}" ist nicht erlaubt.`, `The key "${key}" is not allowed.`);
        } else if (seen.has(key)) {
          report(keyAt, depth + 1, 'duplicate-key', `Der Schlüssel "${key}" kommt doppelt vor.`, `The key "${key}" occurs twice.`);
        } else {
          seen.add(key);
          if (record) obj[key] = value;
        }
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        throw new SyntaxProblem(i, "Erwartet: ',' oder '}'.", "Expected ',' or '}'.");
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (let n = 0; ; n++) {
        skipWhitespace();
        path[depth] = n;
        const elementPointer = record ? `${pointer}/${n}` : '';
        if (record) offsets.set(elementPointer, i);
        const value = parseValue(elementPointer, depth + 1);
        if (record) arr.push(value);
        skipWhitespace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        throw new SyntaxProblem(i, "Erwartet: ',' oder ']'.", "Expected ',' or ']'.");
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      const at = i;
      i += m[0].length;
      const n = Number(m[0]);
      // Without such a run of digits a literal is finite and exact (see LONG_NUMBER); one of up to 4 characters has none.
      if (m[0].length < 5 || !longNumber(m[0])) return n;
      if (!Number.isFinite(n)) {
        // Numbers are not quoted: in an entry file one may be patient data (the location says which).
        report(at, depth, 'non-finite-number', 'Die Zahl ist zu groß.', 'The number is out of range.');
        return null;
      }
      if (!isExactNumber(m[0], n)) {
        report(
          at,
          depth,
          'inexact-number',
          'Die Zahl kann nicht genau dargestellt werden (sie würde gerundet); als Text schreiben oder mit weniger Stellen.',
          'The number cannot be represented exactly (it would be rounded); write it as text or with fewer digits.',
        );
        return null;
      }
      return n;
    }
    if (i >= text.length) throw new SyntaxProblem(i, 'Unerwartetes Dateiende.', 'Unexpected end of file.');
    // The character itself is not quoted: a message never carries the document's text.
    throw new SyntaxProblem(i, 'Unerwartetes Zeichen.', 'Unexpected character.');
  };

  try {
    // A byte-order mark is tolerated: editors on Windows write one.
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    offsets.set('', i);
    const value = parseValue('', 0);
    skipWhitespace();
    if (i < text.length) throw new SyntaxProblem(i, 'Zusätzlicher Text nach dem JSON-Wert.', 'Extra text after the JSON value.');
    return { value, offsets, problems };
  } catch (e) {
    if (!(e instanceof SyntaxProblem)) throw e;
    report(e.at, 0, 'syntax', `JSON-Syntaxfehler: ${e.de}`, `JSON syntax error: ${e.en}`);
    return { value: undefined, offsets, problems };
  }
}

/** Position for `pointer`, or of its nearest ancestor that has one. */
export function locate(positions: Positions, pointer: string): Position {
  let p = pointer;
  for (;;) {
    const pos = positions.get(p);
    if (pos) return pos;
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
