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
 * - `ALL n c1 … cn` · `ANY n c1 … cn` (child offsets; an empty list is true for both, as in json-rules-engine)
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

export const TRUE = 0;
export const FALSE = 1;
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
}

/** The id of `key` in `ids`; `add` stores a new entry's data and returns its id. */
function intern(ids: Map<string, number>, key: string, add: () => number): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = add()));
  return id;
}

/** Builds a {@link Program}; `node` returns the offset of an equal node if there is one, and slots, operands, literals and operators are shared by key likewise. */
export class ProgramBuilder {
  private readonly code: number[] = [];
  private readonly nodes = new Map<string, number>();
  private readonly literals: unknown[] = [];
  private readonly literalIds = new Map<string, number>();
  private readonly operators: OperatorFn[] = [];
  private readonly operatorIds = new Map<string, number>();
  private readonly operandSlot: number[] = [];
  private readonly operandPath: (PathAccessor | null)[] = [];
  private readonly operandIds = new Map<string, number>();
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

  /** A literal, by its canonical JSON `key`. */
  literal(key: string, value: unknown): number {
    return intern(this.literalIds, key, () => this.literals.push(value) - 1);
  }

  operator(name: string, fn: OperatorFn): number {
    return intern(this.operatorIds, name, () => this.operators.push(fn) - 1);
  }

  /** The node with these words (opcode first), shared with any equal node built before. */
  node(words: readonly number[]): number {
    return intern(this.nodes, words.join(','), () => this.code.push(...words) - words.length);
  }

  build(): Program {
    // Plain copies, not frozen: V8 reads frozen arrays through a slower path (the types are readonly).
    return {
      code: Int32Array.from(this.code),
      literals: [...this.literals],
      operators: [...this.operators],
      operandSlot: Int32Array.from(this.operandSlot),
      operandPath: [...this.operandPath],
      slotMode: Uint8Array.from(this.slotMode),
      slotFact: [...this.slotFact],
      slotField: Int32Array.from(this.slotField),
      slotCount: this.slotMode.length,
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
