/**
 * Counts per group of entries, a group named by four 32-bit numbers (see batch-groups.ts): an
 * open-addressing hash table in two typed arrays, probed linearly. No object and no string per
 * group: 20 bytes a slot, the table grown by half when three quarters of the slots are in use,
 * so a group costs 27–40 bytes and the garbage collector has nothing in it to trace. Counts only
 * grow; 0 marks a free slot.
 */
export class GroupCounts {
  /** Four key words per slot. */
  private keys: Uint32Array;
  private counts: Uint32Array;
  private used = 0;

  /**
   * `seed` varies the hash per table, so that a file made to collide in one run does not in
   * every run.
   */
  constructor(
    private readonly seed: number,
    capacity = 64,
  ) {
    this.counts = new Uint32Array(capacity);
    this.keys = new Uint32Array(capacity * 4);
  }

  /** Groups counted. */
  get size(): number {
    return this.used;
  }

  /** The count of group (a, b, c, d); 0 when it was never counted. */
  get(a: number, b: number, c: number, d: number): number {
    const at = this.find(a, b, c, d);
    return this.counts[at]!;
  }

  /** Counts one more entry in group (a, b, c, d). */
  add(a: number, b: number, c: number, d: number): void {
    let at = this.find(a, b, c, d);
    if (this.counts[at] === 0) {
      if ((this.used + 1) * 4 > this.counts.length * 3) {
        this.grow();
        at = this.find(a, b, c, d);
      }
      this.used++;
      const k = at * 4;
      this.keys[k] = a;
      this.keys[k + 1] = b;
      this.keys[k + 2] = c;
      this.keys[k + 3] = d;
    }
    this.counts[at]!++;
  }

  /** The slot of the group, or the free slot where it would go. */
  private find(a: number, b: number, c: number, d: number): number {
    const keys = this.keys;
    const counts = this.counts;
    const size = counts.length;
    // The hash scaled to the table (any size, not only powers of two): below size, as h < 2^32.
    let at = Math.floor(((hash(this.seed, a, b, c, d) >>> 0) / 0x100000000) * size);
    for (;;) {
      if (counts[at] === 0) return at;
      const k = at * 4;
      if (keys[k] === a >>> 0 && keys[k + 1] === b >>> 0 && keys[k + 2] === c >>> 0 && keys[k + 3] === d >>> 0) return at;
      if (++at === size) at = 0;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    // By half, not double: the old and the new table are both held while it moves.
    const size = Math.floor(counts.length * 1.5) + 1;
    this.counts = new Uint32Array(size);
    this.keys = new Uint32Array(size * 4);
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      const k = i * 4;
      const a = keys[k]!;
      const b = keys[k + 1]!;
      const c = keys[k + 2]!;
      const d = keys[k + 3]!;
      const at = this.find(a, b, c, d);
      const to = at * 4;
      this.counts[at] = counts[i]!;
      this.keys[to] = a;
      this.keys[to + 1] = b;
      this.keys[to + 2] = c;
      this.keys[to + 3] = d;
    }
  }
}

/** Mixes the four words (multiply-xorshift rounds, as in MurmurHash3's finalizer). */
function hash(seed: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(seed ^ a, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16) ^ d, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
