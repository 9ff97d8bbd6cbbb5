/**
 * A rule-set version's conditions as one compact program: nodes in an `Int32Array`, literals,
 * operators and fact slots in side tables. The interpreter (`src/evaluate/interpreter.ts`) runs
 * it with two small functions instead of a tree of closures: a rule is a node offset, a leaf
 * reads the fact cache inline, and structurally equal conditions are one node (as a Rete
 * network shares its alpha nodes), so a rule met once in thousands of entries still finds
 * its code and data in the CPU cache.
 *
 * Node layout (words):
 * - `TRUE` · `FALSE`
 * - `FLOW n c1 t1 f1 … cn tn fn`: an `all` or `any` of two or more conditions as a flow of n
 *   conditions, each (condition offset, where to go if it holds, where if not): the word offset
 *   of the next one's triple after the first's, or -1 (the junction holds) or -2 (it does not).
 *   A child `all`/`any` is written into its parent's flow, so a junction runs without
 *   recursion, short-circuiting as json-rules-engine's does (an empty one is TRUE).
 * - `NOT c`
 * - `NAMED slot c` (a named condition, memoized per evaluation in cache slot `slot`)
 * - `EQUAL a k` · `NOT_EQUAL a k` (operand `a` compared strictly with literal `k`)
 * - `LESS a k` · `LESS_EQUAL a k` · `GREATER a k` · `GREATER_EQUAL a k` (json-rules-engine's
 *   lessThan … greaterThanInclusive against literal `k`, the operator's numeric guard included)
 * - `COMPARE a op k` (operator `op` on operand `a` and literal `k`)
 * - `COMPARE_FACTS a op b` (operator `op` on operands `a` and `b`)
 */
import { readField, type BoundFact, type Scope } from '../facts/facts';
import type { OperatorFn } from './operators';
import type { PathAccessor } from './path';
import { stableStringify } from './stable-stringify';

export const TRUE = 0;
export const FALSE = 1;
export const FLOW = 2;
/** The two junctions, as `ProgramBuilder.junction` takes them. */
export const ALL = 2;
export const ANY = 3;
export const NOT = 4;
export const NAMED = 5;
export const EQUAL = 6;
export const NOT_EQUAL = 7;
export const COMPARE = 8;
export const COMPARE_FACTS = 9;
export const LESS = 10;
export const LESS_EQUAL = 11;
export const GREATER = 12;
export const GREATER_EQUAL = 13;

/** The opcodes for operators the interpreter runs inline, by operator name. */
export const INLINE_COMPARISONS: Readonly<Record<string, number>> = { lessThan: LESS, lessThanInclusive: LESS_EQUAL, greaterThan: GREATER, greaterThanInclusive: GREATER_EQUAL };

/** A fact slot that only reads a field (see readField): read each time, never cached. */
export const FACT_FIELD = 0;
/** A fact slot's value is computed once per entry (valid for all its 5011/5012 pairs). */
export const FACT_PER_ENTRY = 1;
/** … or once per evaluation (per pair in cost rules; named conditions). */
export const FACT_PER_EVALUATION = 2;

/** The run-time form: immutable once built, shared by every checker of the bundle. */
export interface Program {
  code: Int32Array;
  literals: readonly unknown[];
  operators: readonly OperatorFn[];
  /** Per operand: its fact slot and its path accessor (null without a path). */
  operandSlot: Int32Array;
  operandPath: readonly (PathAccessor | null)[];
  /** Per cache slot (facts first, then named conditions): how and with what its value is made. */
  slotMode: Uint8Array;
  slotFact: readonly (BoundFact | null)[];
  /** Per cache slot: the field number of a FACT_FIELD slot (see readField), else -1. */
  slotField: Int32Array;
  /** Size of the per-evaluation cache: fact slots and named-condition memo slots. */
  slotCount: number;
  /** Operands by key (`fact|params` or `fact|params|path`): a few per version, for `explain`. */
  operands: ReadonlyMap<string, number>;
}

/** The id of `key` in `ids`; `add` stores a new entry's data and returns its id. */
function intern<K>(ids: Map<K, number>, key: K, add: () => number): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = add()));
  return id;
}

/** Words of the node at `at` (see the layout above). */
function nodeLength(code: Int32Array, at: number): number {
  const op = code[at]!;
  if (op === FLOW) return 2 + 3 * code[at + 1]!;
  if (op === TRUE || op === FALSE) return 1;
  if (op === NOT) return 2;
  return op === COMPARE || op === COMPARE_FACTS ? 4 : 3;
}

/** A hash of `length` words of `words` from `at`. */
function hashWords(words: Int32Array, at: number, length: number): number {
  let h = length;
  for (let i = at; i < at + length; i++) h = Math.imul(h ^ words[i]!, 0x9e3779b1) ^ (h >>> 16);
  return h ^ (h >>> 15);
}

/**
 * Builds a {@link Program}. `node1` … `node4` and `junction` return the offset of an equal
 * node if there is one, found through a hash table of node offsets (no key is built per node);
 * slots, operands, literals and operators are shared by key likewise.
 */
export class ProgramBuilder {
  private code = new Int32Array(1024);
  private size = 0;
  /** Open addressing over node offsets (+ 1; 0 is empty), at most half full. */
  private table = new Int32Array(1024);
  private nodeCount = 0;
  /** The words of the node being interned. */
  private scratch = new Int32Array(8);
  private readonly literals: unknown[] = [];
  /** Literal ids: primitives by value (a string and a number stay apart), objects and arrays by canonical JSON. */
  private readonly literalIds = new Map<unknown, number>();
  private readonly objectLiteralIds = new Map<string, number>();
  private readonly operators: OperatorFn[] = [];
  private readonly operatorIds = new Map<string, number>();
  private readonly operandSlot: number[] = [];
  private readonly operandPath: (PathAccessor | null)[] = [];
  private readonly operandIds = new Map<string, number>();
  /** Operands by key, as made so far. */
  readonly operands: ReadonlyMap<string, number> = this.operandIds;
  private readonly slotMode: number[] = [];
  private readonly slotFact: (BoundFact | null)[] = [];
  private readonly slotField: number[] = [];
  /** Cache slots by key: `fact|params` for facts, `condition|name@scope` for named conditions. */
  private readonly slots = new Map<string, number>();

  /** The cache slot for `key`, allocated on first use. */
  slot(key: string, mode: number, fact: BoundFact | null, field = -1): number {
    return intern(this.slots, key, () => (this.slotFact.push(fact), this.slotField.push(field), this.slotMode.push(mode)) - 1);
  }

  /** An operand: a fact slot read through an optional path. `key` identifies both. */
  operand(key: string, slot: number, path: PathAccessor | null): number {
    return intern(this.operandIds, key, () => (this.operandPath.push(path), this.operandSlot.push(slot)) - 1);
  }

  /** A literal (JSON data), shared with every equal one. */
  literal(value: unknown): number {
    const add = () => this.literals.push(value) - 1;
    return typeof value === 'object' && value !== null ? intern(this.objectLiteralIds, stableStringify(value), add) : intern(this.literalIds, value, add);
  }

  operator(name: string, fn: OperatorFn): number {
    return intern(this.operatorIds, name, () => this.operators.push(fn) - 1);
  }

  /** The node `op` (TRUE, FALSE). */
  node1(op: number): number {
    this.scratch[0] = op;
    return this.intern(1);
  }

  /** The node `op a` (NOT). */
  node2(op: number, a: number): number {
    const w = this.scratch;
    w[0] = op;
    w[1] = a;
    return this.intern(2);
  }

  /** The node `op a b` (NAMED, EQUAL, NOT_EQUAL, LESS …). */
  node3(op: number, a: number, b: number): number {
    const w = this.scratch;
    w[0] = op;
    w[1] = a;
    w[2] = b;
    return this.intern(3);
  }

  /** The node `op a b c` (COMPARE, COMPARE_FACTS). */
  node4(op: number, a: number, b: number, c: number): number {
    const w = this.scratch;
    w[0] = op;
    w[1] = a;
    w[2] = b;
    w[3] = c;
    return this.intern(4);
  }

  /**
   * The node of `all` (op ALL) or `any` (ANY) of the first `n` of `children`: a FLOW into which
   * a child junction of at most 64 conditions is written (a larger one stays one condition of
   * it, which keeps the copies linear in the rule set).
   */
  junction(op: number, children: readonly number[], n = children.length): number {
    // A junction of one is its child: one node less to run (explain's walk knows); an empty one is true, as in json-rules-engine.
    if (n < 2) return n ? children[0]! : this.node1(TRUE);
    const code = this.code;
    // The outcome that decides: false (-2) in an all, true (-1) in an any.
    const stop = op === ALL ? -2 : -1;
    const w = [FLOW, 0];
    for (let i = 0; i < n; i++) {
      const c = children[i]!;
      // The child's flow, or the child as a flow of one.
      const flow = code[c] === FLOW && code[c + 1]! <= 64 ? code.subarray(c + 2, c + 2 + 3 * code[c + 1]!) : [c, -1, -2];
      const at = w.length - 2;
      // After this child's conditions: the next child's, or after the last the junction's other outcome.
      const next = i < n - 1 ? at + flow.length : -3 - stop;
      for (let j = 0; j < flow.length; j++) {
        const to = flow[j]!;
        w.push(j % 3 === 0 ? to : to >= 0 ? at + to : to === stop ? stop : next);
      }
    }
    w[1] = (w.length - 2) / 3;
    // Two children or more: at least the eight words the scratch must hold.
    this.scratch = Int32Array.from(w);
    return this.intern(w.length);
  }

  /** The offset of a node equal to the first `length` words of scratch, added if there is none. */
  private intern(length: number): number {
    const w = this.scratch;
    const code = this.code;
    const table = this.table;
    const mask = table.length - 1;
    let at = hashWords(w, 0, length) & mask;
    for (let e = table[at]!; e !== 0; at = (at + 1) & mask, e = table[at]!) {
      // Equal opcodes (and child counts) mean equal lengths: compare word by word.
      const offset = e - 1;
      let i = 0;
      while (i < length && code[offset + i] === w[i]) i++;
      if (i === length) return offset;
    }
    const offset = this.size;
    if (offset + length > code.length) {
      this.code = new Int32Array(Math.max(2 * code.length, offset + length));
      this.code.set(code);
    }
    this.code.set(w.subarray(0, length), offset);
    this.size = offset + length;
    table[at] = offset + 1;
    if (++this.nodeCount * 2 > table.length) this.rehash();
    return offset;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let offset = 0; offset < this.size; offset += nodeLength(this.code, offset)) {
      let at = hashWords(this.code, offset, nodeLength(this.code, offset)) & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = offset + 1;
    }
    this.table = table;
  }

  build(): Program {
    // Plain copies, not frozen: V8 reads frozen arrays through a slower path (the types are readonly).
    return {
      code: this.code.slice(0, this.size),
      literals: [...this.literals],
      operators: [...this.operators],
      operandSlot: Int32Array.from(this.operandSlot),
      operandPath: [...this.operandPath],
      slotMode: Uint8Array.from(this.slotMode),
      slotFact: [...this.slotFact],
      slotField: Int32Array.from(this.slotField),
      slotCount: this.slotMode.length,
      operands: new Map(this.operandIds),
    };
  }
}

/**
 * The value of operand `a`: its fact from the scope's cache (computed on a miss), then its
 * path. The interpreter, finding placeholders, corrections and `explain` all read through here.
 */
export function operandValue(p: Program, s: Scope, a: number): unknown {
  const slot = p.operandSlot[a]!;
  const mode = p.slotMode[slot];
  let v: unknown;
  if (mode === FACT_FIELD) {
    v = readField(s, p.slotField[slot]!);
  } else {
    // A fact of the entry stays valid for all of the entry's pairs; any other for one evaluation.
    const gen = mode === FACT_PER_ENTRY ? s.entryGen : s.gen;
    v = s.vals[slot];
    if (s.stamp[slot] !== gen) {
      v = p.slotFact[slot]!(s);
      s.vals[slot] = v;
      s.stamp[slot] = gen;
    }
  }
  const path = p.operandPath[a];
  return path === null || v === null || typeof v !== 'object' ? v : path!(v);
}
