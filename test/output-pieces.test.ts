/**
 * The corrected file's pieces (src/cli/output-pieces.ts): every byte put comes out once, in
 * order, and a piece handed out is not written over while the next one is gathered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputPieces } from '../src/cli/output-pieces';

describe('OutputPieces', () => {
  it('hands out all bytes in order, each piece unchanged until the one after it is taken', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 60 }), fc.integer({ min: 1, max: 64 }), (steps, size) => {
        const pieces = new OutputPieces(size);
        const written: Buffer[] = [];
        // The piece being written, and a copy of its bytes when handed out.
        let inFlight: { piece: Uint8Array; copy: Buffer } | undefined;
        const hand = (piece: Uint8Array) => {
          // The command awaits the write before the next piece: the one before is done by now.
          if (inFlight) {
            expect(Buffer.from(inFlight.piece).equals(inFlight.copy)).toBe(true);
            written.push(inFlight.copy);
          }
          inFlight = { piece, copy: Buffer.from(piece) };
        };
        for (const bytes of steps) {
          if (pieces.put(bytes)) continue;
          if (pieces.length) hand(pieces.take());
          if (!pieces.put(bytes)) hand(bytes);
        }
        if (pieces.length) hand(pieces.take());
        if (inFlight) written.push(inFlight.copy);
        expect(Buffer.concat(written).equals(Buffer.concat(steps))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
