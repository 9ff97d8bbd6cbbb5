/**
 * The reader takes a plain line (CR LF, right length, no control byte, no UTF-8, not 8000 or
 * 9106) by a short path. These tests hold it to the general path (the same reader with the
 * short path switched off) on the KBV files and on generated quarters cut, chunked and mutated
 * at random: the same records, fields, texts, problems, passed-through bytes, line numbers.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/kvdt/charset';
import { KvdtReader, type ReaderSink, type RecordView } from '../src/kvdt/reader';
import { writeQuarterFile } from '../bench/kvdt-workload';
import { ROOT } from './helpers';
import { kvdt, tempDir } from './kvdt-helpers';

/** The reader with the short path switched off: every line through the general one. */
class GeneralPathReader extends KvdtReader {}
(GeneralPathReader.prototype as unknown as { plainLine: () => boolean }).plainLine = () => false;
(GeneralPathReader.prototype as unknown as { plainLines: (start: number) => number }).plainLines = (start) => start;

/** Everything a reader tells its sink, as comparable data. */
function events(Reader: typeof KvdtReader, bytes: Uint8Array, cuts: number[]): unknown[] {
  const out: unknown[] = [];
  const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const sink: ReaderSink = {
    record(r) {
      const lines = [];
      for (let i = 0; i < r.lines; i++) lines.push([r.fk(i), r.text(i), r.charsetAt(i), digest(r.linesBytes(i, i + 1))]);
      out.push({ record: r.type, firstLine: r.firstLine, firstOffset: r.firstOffset, overflowed: r.overflowed, lines, bytes: digest(r.bytes()) });
    },
    lineProblem: (p) => out.push({ problem: { ...p } }),
    passThrough: (b) => out.push({ passThrough: digest(b) }),
    fatal: (kind, line) => out.push({ fatal: kind, line }),
  };
  const reader = new Reader(sink);
  let from = 0;
  for (const c of [...cuts.map((x) => x % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
    if (c > from) reader.push(bytes.subarray(from, c));
    from = Math.max(from, c);
  }
  reader.end();
  out.push({ lastLine: reader.lastLine, bytesRead: reader.bytesRead });
  return out;
}

const BYTES = [0x0d, 0x0a, 0x30, 0x39, 0x38, 0x00, 0x7f, 0x85, 0xc3, 0xbc, 0xa4, 0x20];

describe('the reader: short path for plain lines and the general path agree', () => {
  it('on the KBV files, the sample and generated quarters, whole and chunked', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'q.con');
      writeQuarterFile(path, 300_000, { seed: 3 });
      const files = ['test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con', 'test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con', 'examples/kvdt/asv-beispiel.con'].map((f) => readFileSync(join(ROOT, f)));
      files.push(readFileSync(path));
      for (const file of files) {
        for (const cuts of [[], [1, 7, 100, 4097, 65_537]]) {
          const fast = events(KvdtReader, file, cuts);
          expect(fast).toEqual(events(GeneralPathReader, file, cuts));
          expect(fast.filter((e) => 'record' in (e as object)).length).toBeGreaterThan(5);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on mutated files: flipped bytes, inserted 8000/9106/long/CR-only lines, cuts, any chunking', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'q.con');
      writeQuarterFile(path, 60_000, { seed: 5, everyCase: true });
      const base = readFileSync(path);
      const inserts = [
        Buffer.from('01091063\r\n'),
        Buffer.from('01091064\r\n'),
        Buffer.from('01091069\r\n'),
        Buffer.from('01380000101\r\n'),
        Buffer.from('0153101M\u00fcller\r\n', 'latin1'),
        Buffer.from('0163101M\u00c3\u00bcller\r\n', 'latin1'),
        Buffer.from('0125012100\n'),
        Buffer.from('0125012100\r'),
        Buffer.from('01250\u00012100\r\n', 'latin1'),
        // A length that names the end of the next line (after this line's own CR LF).
        Buffer.from('0305001abc\r\n0185099633116027\r\n'),
        Buffer.concat([Buffer.from('0005009'), Buffer.alloc(70_000, 0x41), Buffer.from('\r\n')]),
      ];
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(base.length - 1), fc.constantFrom(...BYTES)), { maxLength: 12 }),
          fc.array(fc.tuple(fc.nat(base.length), fc.nat(inserts.length - 1)), { maxLength: 6 }),
          fc.nat(base.length),
          fc.array(fc.nat(), { maxLength: 6 }),
          (flips, adds, cut, cuts) => {
            const bytes = Buffer.from(base);
            for (const [at, b] of flips) bytes[at] = b;
            const parts: Buffer[] = [];
            let from = 0;
            // Each inserted line starts after an LF, as a whole line of its own.
            for (const [at, which] of [...adds].map(([a, w]) => [bytes.indexOf(0x0a, a) + 1 || bytes.length, w] as const).sort((a, b) => a[0] - b[0])) {
              parts.push(bytes.subarray(from, at), inserts[which]!);
              from = at;
            }
            parts.push(bytes.subarray(from));
            const file = Buffer.concat(parts).subarray(0, cut + 200);
            expect(events(KvdtReader, file, cuts)).toEqual(events(GeneralPathReader, file, cuts));
          },
        ),
        { numRuns: 80, seed: 61 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the reader scans four bytes at a time', () => {
  it('finds a control byte, a lone CR or UTF-8 at any place of a line, and nothing in printable or ISO 8859-15 text', () => {
    // [bytes, the problem codes of the line]
    const cases: [number[], string[]][] = [
      [[0x00], ['encoding']],
      [[0x1f], ['encoding']],
      [[0x7f], ['encoding']],
      [[0x85], ['encoding']],
      [[0x9f], ['encoding']],
      [[0x0d], ['encoding']],
      [[0xc3, 0xbc], ['utf8']],
      [[0xe2, 0x82, 0xac], ['utf8']],
      [[0x20], []],
      [[0x7e], []],
      [[0xa4], []],
      [[0xfc], []],
      [[0xc3], []],
    ];
    for (const [bytes, codes] of cases) {
      for (let before = 0; before < 12; before++) {
        for (let lead = 0; lead < 4; lead++) {
          const body = Buffer.concat([Buffer.alloc(before, 0x41), Buffer.from(bytes), Buffer.alloc(9, 0x42)]);
          const head = Buffer.from(`${String(9 + body.length).padStart(3, '0')}5009`);
          // Lines of other lengths before it: its bytes fall on each place of a 32-bit word.
          const file = Buffer.concat([Buffer.from('0138000con0\r\n'), Buffer.from(`${String(10 + lead).padStart(3, '0')}9212${'x'.repeat(1 + lead)}\r\n`), head, body, Buffer.from('\r\n'), Buffer.from('0138000con9\r\n')]);
          const found: [number, string][] = [];
          const reader = new KvdtReader({ record: () => {}, lineProblem: (p) => found.push([p.line, p.code]), passThrough: () => {}, fatal: () => {} });
          reader.push(file);
          reader.end();
          expect(found, `${bytes} after ${before} bytes, line start ${lead}`).toEqual(codes.map((c) => [3, c]));
        }
      }
    }
  });
});

describe('the reader takes a line by its last bytes too', () => {
  it('finds a control byte, a lone CR, UTF-8 or a wrong line ending at every place of the last bytes of contents of 0 to 14 bytes', () => {
    // [bytes put in, the problem codes of the line]
    const cases: [number[], string[]][] = [
      [[0x01], ['encoding']],
      [[0x7f], ['encoding']],
      [[0x85], ['encoding']],
      [[0x0d], ['encoding']],
      [[0xc3, 0xbc], ['utf8']],
      [[0x20], []],
      [[0xfc], []],
    ];
    const line = (content: Buffer, ending = '\r\n') => Buffer.concat([Buffer.from(`${String(9 + content.length).padStart(3, '0')}5009`), content, Buffer.from(ending, 'latin1')]);
    // After each line tested, a plain one (the short path takes it, and the lines after it, again).
    const plain = Buffer.from('0185099633116027\r\n');
    for (let lead = 0; lead < 4; lead++) {
      // A line of other length first: the lines' bytes fall on each place of a 32-bit word.
      const lines = [Buffer.from('0138000con0\r\n'), Buffer.from(`${String(10 + lead).padStart(3, '0')}9212${'x'.repeat(1 + lead)}\r\n`)];
      const expected: [number, string][] = [];
      for (let size = 0; size <= 14; size++) {
        for (const [bytes, codes] of cases) {
          for (let at = 0; at + bytes.length <= size; at++) {
            const content = Buffer.alloc(size, 0x42);
            content.set(bytes, at);
            lines.push(line(content), plain);
            for (const c of codes) expected.push([lines.length - 1, c]);
          }
        }
      }
      lines.push(Buffer.from('0138000con9\r\n'));
      const found: [number, string][] = [];
      const reader = new KvdtReader({ record: () => {}, lineProblem: (p) => found.push([p.line, p.code]), passThrough: () => {}, fatal: () => {} });
      reader.push(Buffer.concat(lines));
      reader.end();
      expect(found, `line start ${lead}`).toEqual(expected);
      // A line ending other than CR LF, or a byte before it, read as the general path reads it.
      const endings = [Buffer.from('0138000con0\r\n')];
      for (let size = 0; size <= 14; size++) for (const ending of ['\n', '\r\r\n', '\x01\r\n', '\r\x01\n', '\r\n']) endings.push(line(Buffer.alloc(size, 0x42), ending), plain);
      const file = Buffer.concat(endings);
      const fast = events(KvdtReader, file, []);
      expect(fast.filter((e) => 'problem' in (e as object)).length).toBeGreaterThan(60);
      expect(fast).toEqual(events(GeneralPathReader, file, []));
    }
  });
});

describe('texts kept for reuse', () => {
  it("text() gives each line's own text whatever came before in the same field (values that share a slot, lengths, bytes)", () => {
    // Values of one field from a small set (kept and found again) mixed with new ones and
    // near misses (one byte or the length apart), in many fields (more than are kept: the tables grow, then
    // the rest are decoded): slots are shared and replaced.
    const rnd = (() => {
      let s = 7;
      return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    })();
    const base = ['03000', '88500', 'M', 'G', '20260401', 'I10.90', '633116027', '1'];
    // Each with one byte changed at each place, and one byte shorter or longer.
    const common = base.flatMap((v) => [v, v.slice(1), `${v}0`, ...[...v].map((_, i) => `${v.slice(0, i)}${String.fromCharCode(v.charCodeAt(i) ^ 1)}${v.slice(i + 1)}`)]);
    // Texts whose first and last four bytes (and those between) are the same, only the length differs.
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') for (let n = 1; n <= 14; n++) common.push(c.repeat(n));
    const items: [string, string][] = [['8000', '0101']];
    for (let k = 0; k < 20_000; k++) {
      const fk = String(5000 + Math.floor(rnd() * 140)).padStart(4, '0');
      const r = rnd();
      const value = r < 0.6 ? common[Math.floor(rnd() * common.length)]! : r < 0.8 ? String(Math.floor(rnd() * 1e9)) : 'x'.repeat(1 + Math.floor(rnd() * 40));
      items.push([fk, value]);
    }
    const file = kvdt(['8000', 'con0'], ...items, ['8000', 'con9']);
    expect(textsOf0101(file)).toEqual(items.map(([, v]) => v));
  });

  it('text() of a line of one byte is that byte in the charset in effect (every byte but CR and LF, both charsets)', () => {
    const bytes = Array.from({ length: 256 }, (_, b) => b).filter((b) => b !== 0x0a && b !== 0x0d);
    for (const fk9106 of ['3', '4']) {
      const items: [string, string][] = [['9106', fk9106], ['8000', '0101']];
      // Each byte alone, and after a longer text of the same field (kept or not, one byte is its own).
      for (const b of bytes) items.push(['6003', String.fromCharCode(b)], ['6003', `${String.fromCharCode(b)}GG`], ['6003', String.fromCharCode(b)]);
      const file = kvdt(['8000', 'con0'], ...items, ['8000', 'con9']);
      const texts = textsOf0101(file);
      const charset = fk9106 === '3' ? 'iso-8859-1' : 'iso-8859-15';
      // The record's lines from its 8000 line on.
      expect(texts).toEqual(items.slice(1).map(([, v]) => decode(Buffer.from(v, 'latin1'), 0, v.length, charset)));
    }
  });
});

/** text() of every line of the file's 0101 records, in order, as the reader gives them. */
function textsOf0101(file: Uint8Array): string[] {
  const texts: string[] = [];
  const record = (r: RecordView) => {
    if (r.type === '0101') for (let i = 0; i < r.lines; i++) texts.push(r.text(i));
  };
  const reader = new KvdtReader({ record, lineProblem: () => {}, passThrough: () => {}, fatal: () => {} });
  reader.push(file);
  reader.end();
  return texts;
}
