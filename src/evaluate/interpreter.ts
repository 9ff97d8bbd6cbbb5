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
 * children of `all`/`any` — are comparisons with a literal or named conditions already decided
 * in this evaluation: those are answered here, the rest by `evaluate`.
 */
export function holds(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  const op = code[node];
  if (op === EQUAL || op === NOT_EQUAL || op === COMPARE) {
    // One read site (V8 then inlines this function into evaluate), and null apart: the commonest literal, one compare instead of a call of V8's generic ===.
    const v = operandValue(p, s, code[node + 1]!);
    if (op === COMPARE) return p.operators[code[node + 2]!]!(v, p.literals[code[node + 3]!]);
    const k = p.literals[code[node + 2]!];
    return (k === null ? v === null : v === k) === (op === EQUAL);
  }
  if (op === NAMED && s.stamp[code[node + 1]!] === s.gen) return s.vals[code[node + 1]!] as boolean;
  return evaluate(p, node, s);
}

/** Whether the condition at `node` holds, for any node but a comparison `holds` answers (EQUAL, NOT_EQUAL, COMPARE); a named one is not looked up in the memo. */
export function evaluate(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  switch (code[node]) {
    case ALL:
    case ANY: {
      // "all" ends at the first false child, "any" at the first true; an empty one is true, as in json-rules-engine.
      const any = code[node] === ANY;
      const end = node + 2 + code[node + 1]!;
      for (let i = node + 2; i < end; i++) if (holds(p, code[i]!, s) === any) return any;
      return !any || end === node + 2;
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
    case COMPARE_FACTS:
      return p.operators[code[node + 2]!]!(operandValue(p, s, code[node + 1]!), operandValue(p, s, code[node + 3]!));
    case NOT:
      return !holds(p, code[node + 1]!, s);
    default:
      return code[node] === TRUE;
  }
}
