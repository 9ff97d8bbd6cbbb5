/**
 * The corrected file's bytes gathered into pieces before each is written: a write is a hop to
 * the thread pool and back, which made per step of the check (64 KiB) cost about 4 % of the
 * CPU time of a file check. Two buffers in turn: one piece is written while the next is
 * gathered, as the command awaits a piece's write before it hands out the next.
 */
export class OutputPieces {
  private readonly buffers: [Buffer, Buffer];
  private turn = 0;
  /** Bytes gathered in the current buffer. */
  length = 0;

  constructor(size: number) {
    this.buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  }

  /** Copies `bytes` in when they fit; false, nothing copied, when they do not (take first). */
  put(bytes: Uint8Array): boolean {
    const buffer = this.buffers[this.turn]!;
    if (this.length + bytes.length > buffer.length) return false;
    buffer.set(bytes, this.length);
    this.length += bytes.length;
    return true;
  }

  /** The bytes gathered, as a piece; the next go into the other buffer, whose piece must be written by then. */
  take(): Uint8Array {
    const piece = this.buffers[this.turn]!.subarray(0, this.length);
    this.turn ^= 1;
    this.length = 0;
    return piece;
  }
}
