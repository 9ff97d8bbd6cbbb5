/** Field decoding against independent decoders: WHATWG's iso-8859-15 and Node's latin1. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../src/kvdt/charset';

const latin9 = new TextDecoder('iso-8859-15');

describe('decode / encode', () => {
  it('decodes any bytes of any length like the reference decoders, and encodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.nat(8), (bytes, pad) => {
        // At an offset inside a larger buffer, as fields are read.
        const buf = new Uint8Array(pad + bytes.length + 3);
        buf.set(bytes, pad);
        const end = pad + bytes.length;
        expect(decode(buf, pad, end, 'iso-8859-15')).toBe(latin9.decode(bytes));
        expect(decode(buf, pad, end, 'iso-8859-1')).toBe(Buffer.from(bytes).toString('latin1'));
        expect(encode(decode(buf, pad, end, 'iso-8859-15'), 'iso-8859-15')).toEqual(bytes);
      }),
      { numRuns: 2000, seed: 15 },
    );
  });

  it('€ is 0xA4 in ISO 8859-15 and not writable in ISO 8859-1', () => {
    expect(encode('5 €', 'iso-8859-15')).toEqual(new Uint8Array([0x35, 0x20, 0xa4]));
    expect(encode('5 €', 'iso-8859-1')).toBeUndefined();
  });
});
