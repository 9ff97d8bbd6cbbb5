/**
 * The report's bytes (src/cli/report-bytes.ts) held to the text they stand for: what a string
 * of the same pieces gives encoded as UTF-8 once, as stdout writes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportBytes } from '../src/cli/report-bytes';

/** The text putJson stands for: the head spliced in front of the object's own members. */
const jsonText = (head: string, value: object, newline: boolean) => `{${head}${JSON.stringify(value).slice(1)}${newline ? '\n' : ''}`;

describe('ReportBytes', () => {
  it('gives the bytes of the text put into it, JSON objects with a head spliced in, across growth and taking', () => {
    // Texts of any UTF-16 units (umlauts, €, emoji, lone surrogates), objects of such texts and numbers.
    const text = fc.string({ unit: 'binary', maxLength: 300 });
    const piece = fc.oneof(
      text.map((t) => ({ kind: 'text' as const, t })),
      fc.record({ kind: fc.constant('json' as const), head: fc.constantFrom('"type":"finding",', '"type":"problem",', '"a":1,'), value: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 }))), newline: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), fc.nat(40), (pieces, size, takeAt) => {
        const out = new ReportBytes(size);
        const taken: Uint8Array[] = [];
        let expected = '';
        pieces.forEach((p, i) => {
          if (p.kind === 'text') {
            out.put(p.t);
            expected += p.t;
          } else {
            out.putJson(p.head, p.value, p.newline);
            expected += jsonText(p.head, p.value, p.newline);
          }
          if (i === takeAt) taken.push(out.take());
        });
        taken.push(out.take());
        expect(Buffer.concat(taken).equals(Buffer.from(expected, 'utf8'))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('drops what came after a length, and hands out bytes that later puts do not change', () => {
    const out = new ReportBytes(4);
    out.put('Prüfung ');
    const at = out.length;
    out.putJson('"type":"finding",', { code: 'X', message: 'Preis fehlt; € 1' }, true);
    out.truncate(at);
    const first = out.take();
    out.put('zweite');
    expect(Buffer.from(first).toString('utf8')).toBe('Prüfung ');
    expect(Buffer.from(out.take()).toString('utf8')).toBe('zweite');
  });
});
