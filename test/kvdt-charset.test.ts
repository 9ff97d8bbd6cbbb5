/** Field decoding against independent decoders: WHATWG's iso-8859-15 and Node's latin1. */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/kvdt/charset';
import { KvdtReader } from '../src/kvdt/reader';
import { encodeLine } from '../src/kvdt/writer';

const latin9 = new TextDecoder('iso-8859-15');

describe('decode / encode', () => {
  it('decodes any bytes of any length like the reference decoders, and encodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(8), (bytes, pad) => {
        // At an offset inside a larger buffer, as fields are read.
        const buf = new Uint8Array(pad + bytes.length + 3);
        buf.set(bytes, pad);
        const end = pad + bytes.length;
        // expect where they differ, to report it (three for each of 2,000 runs were most of this test's time).
        const latin9Text = decode(buf, pad, end, 'iso-8859-15');
        if (!Object.is(latin9Text, latin9.decode(bytes))) expect(latin9Text).toBe(latin9.decode(bytes));
        const latin1Text = decode(buf, pad, end, 'iso-8859-1');
        if (!Object.is(latin1Text, Buffer.from(bytes).toString('latin1'))) expect(latin1Text).toBe(Buffer.from(bytes).toString('latin1'));
        const back = encode(latin9Text, 'iso-8859-15');
        if (!isDeepStrictEqual(back, bytes)) expect(back).toEqual(bytes);
      }),
      { numRuns: 2000, seed: 15 },
    );
  });

  it('€ is 0xA4 in ISO 8859-15 and not writable in ISO 8859-1', () => {
    expect(encode('5 €', 'iso-8859-15')).toEqual(new Uint8Array([0x35, 0x20, 0xa4]));
    expect(encode('5 €', 'iso-8859-1')).toBeUndefined();
  });
});

describe('KvdtReader.text', () => {
  it('gives each line its own text in the charset in effect, however values repeat per field id', () => {
    // Few field ids and values, so that lines repeat the value before them or differ by one byte;
    // umlauts, € (0xA4, which differs between the charsets) and FK 9106 switches mixed in.
    const values = ['03000', '03220', '03221', '03228', '013201308', '03230', '03330', '32101', '40120', '013201300', '013201301', '01320130', 'Müller', 'M\u00a4ller', 'Mxller', 'A'.repeat(32), 'A'.repeat(31) + 'B', 'A'.repeat(33), 'A'.repeat(32) + 'B', ''];
    const item = fc.record({ fk: fc.constantFrom('5098', '3101', '9106'), value: fc.constantFrom(...values), switchTo: fc.constantFrom('3', '4') });
    // Also many field ids, more than the reader keeps texts for.
    const many = fc.record({ fk: fc.integer({ min: 1000, max: 1300 }).map(String), value: fc.constantFrom(...values), switchTo: fc.constant('4') });
    const lists = fc.oneof(fc.array(item, { minLength: 1, maxLength: 40, size: 'max' }), fc.array(many, { minLength: 150, maxLength: 400 }));
    fc.assert(
      fc.property(lists, fc.nat(3), (items, split) => {
        const content = items.map((x) => (x.fk === '9106' ? x.switchTo : x.value));
        const file = Buffer.concat([Buffer.from(encodeLine('8000', 'con0', 'iso-8859-15')!), ...items.map((x, i) => Buffer.from(encodeLine(x.fk, content[i]!, 'iso-8859-1')!))]);
        const texts: string[] = [];
        const reader = new KvdtReader({
          record(r) {
            for (let i = 1; i < r.lines; i++) texts.push(r.text(i));
          },
          lineProblem: () => {},
          passThrough: () => {},
          fatal: () => {},
        });
        // In pieces: the bytes of a record move in the reader's buffer.
        const at = Math.floor((file.length * split) / 4);
        reader.push(file.subarray(0, at));
        reader.push(file.subarray(at));
        reader.end();
        // The reference: each line decoded on its own in the charset the 9106 lines before it name.
        let charset = 'iso-8859-15';
        const expected = items.map((x, i) => {
          const bytes = Buffer.from(encodeLine(x.fk, content[i]!, 'iso-8859-1')!).subarray(7, -2);
          const text = charset === 'iso-8859-15' ? latin9.decode(bytes) : bytes.toString('latin1');
          if (x.fk === '9106') charset = x.switchTo === '3' ? 'iso-8859-1' : 'iso-8859-15';
          return text;
        });
        expect(texts).toEqual(expected);
      }),
      { numRuns: 1000, seed: 9106, examples: [[[{ fk: '9106', value: '', switchTo: '3' }, { fk: '3101', value: 'M\u00a4ller', switchTo: '3' }, { fk: '9106', value: '', switchTo: '4' }, { fk: '3101', value: 'M\u00a4ller', switchTo: '3' }], 0]] },
    );
  });
});
