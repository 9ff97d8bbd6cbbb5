/**
 * Runs a compiled condition program (see `src/compile/program.ts`) for one evaluation scope:
 * two small functions over typed arrays, synchronous, no allocation. The semantics are the
 * closures' of `explain` and json-rules-engine's: short-circuit `all`/`any`, strict equality,
 * the operators of `src/compile/operators.ts`, paths only on objects.
 */
import { ALL, ANY, COMPARE, COMPARE_FACTS, EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, NAMED, NOT, NOT_EQUAL, TRUE, operandValue, type Program } from '../compile/program';
import { numeric } from '../compile/operators';
import type { Scope } from '../facts/facts';

/**
 * Whether the condition at `node` holds in scope `s`. Most conditions — a rule's root, the
 * children of `all`/`any` — are strict comparisons or named conditions already decided in this
 * evaluation: those are answered here, the rest by `evaluate`.
 */
export function holds(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  const op = code[node];
  if (op === EQUAL) return operandValue(p, s, code[node + 1]!) === p.literals[code[node + 2]!];
  if (op === NOT_EQUAL) return operandValue(p, s, code[node + 1]!) !== p.literals[code[node + 2]!];
  if (op === NAMED && s.stamp[code[node + 1]!] === s.gen) return s.vals[code[node + 1]!] as boolean;
  return evaluate(p, node, s);
}

function evaluate(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  switch (code[node]) {
    case ALL: {
      const end = node + 2 + code[node + 1]!;
      for (let i = node + 2; i < end; i++) if (!holds(p, code[i]!, s)) return false;
      return true;
    }
    case ANY: {
      const n = code[node + 1]!;
      // As in json-rules-engine, an empty "any" is true.
      if (n === 0) return true;
      for (let i = node + 2; i < node + 2 + n; i++) if (holds(p, code[i]!, s)) return true;
      return false;
    }
    case NAMED: {
      // Memoized per evaluation (`holds` answers from the memo): rules that share a named condition evaluate it once.
      const slot = code[node + 1]!;
      const v = holds(p, code[node + 2]!, s);
      s.vals[slot] = v;
      s.stamp[slot] = s.gen;
      return v;
    }
    case LESS:
    case LESS_EQUAL:
    case GREATER:
    case GREATER_EQUAL: {
      // `as any`: compared as json-rules-engine compares, coercing.
      const a = operandValue(p, s, code[node + 1]!) as any;
      const b = p.literals[code[node + 2]!] as any;
      if (!numeric(a)) return false;
      const op = code[node];
      return op === LESS ? a < b : op === LESS_EQUAL ? a <= b : op === GREATER ? a > b : a >= b;
    }
    case COMPARE:
      return p.operators[code[node + 2]!]!(operandValue(p, s, code[node + 1]!), p.literals[code[node + 3]!]);
    case COMPARE_FACTS:
      return p.operators[code[node + 2]!]!(operandValue(p, s, code[node + 1]!), operandValue(p, s, code[node + 3]!));
    case NOT:
      return !holds(p, code[node + 1]!, s);
    default:
      return code[node] === TRUE;
  }
}
