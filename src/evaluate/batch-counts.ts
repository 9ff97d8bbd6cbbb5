/**
 * Counts per group of entries, a group named by four 32-bit numbers (see batch-groups.ts): an
 * open-addressing hash table in two typed arrays, probed linearly. No object and no string per
 * group: 20 bytes a slot, at most three quarters of the slots in use, so a group costs 20–54
 * bytes and the garbage collector has nothing in it to trace. Counts only grow; 0 marks a free
 * slot.
 */
export class GroupCounts {
  /** Four key words per slot. */
  private keys: Uint32Array;
  private counts: Uint32Array;
  private mask: number;
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
    this.mask = capacity - 1;
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
    let at = hash(this.seed, a, b, c, d) & this.mask;
    for (;;) {
      if (counts[at] === 0) return at;
      const k = at * 4;
      if (keys[k] === a >>> 0 && keys[k + 1] === b >>> 0 && keys[k + 2] === c >>> 0 && keys[k + 3] === d >>> 0) return at;
      at = (at + 1) & this.mask;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.counts = new Uint32Array(counts.length * 2);
    this.keys = new Uint32Array(keys.length * 2);
    this.mask = this.counts.length - 1;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) continue;
      const k = i * 4;
      const at = this.find(keys[k]!, keys[k + 1]!, keys[k + 2]!, keys[k + 3]!);
      this.counts[at] = counts[i]!;
      this.keys.set(keys.subarray(k, k + 4), at * 4);
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
