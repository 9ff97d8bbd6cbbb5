/**
 * Runs a compiled condition program (see `src/compile/program.ts`) for one evaluation scope:
 * two small functions over typed arrays, synchronous, no allocation; a junction is a flow of
 * comparisons (see FLOW), run in a loop, not by recursion. The semantics are the
 * closures' of `explain` and json-rules-engine's: short-circuit `all`/`any`, strict equality,
 * the operators of `src/compile/operators.ts`, paths only on objects.
 */
import { COMPARE, COMPARE_FACTS, EQUAL, FLOW, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, NAMED, NOT, NOT_EQUAL, TRUE, operandValue, type Program } from '../compile/program';
import { numeric } from '../compile/operators';
import type { Scope } from '../facts/facts';

/**
 * Whether the condition at `node` holds in scope `s`. Most conditions — a rule's root, the
 * conditions of a junction's flow — are comparisons with a literal or named conditions already
 * decided in this evaluation: those are answered here, in the loop over a flow (no call per
 * condition), the rest by `evaluate`.
 */
export function holds(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  // A junction's flow runs its conditions in turn; any other node is a flow of one.
  const flow = code[node] === FLOW;
  for (let at = 0; ; ) {
    const c = flow ? code[node + 2 + at]! : node;
    const op = code[c];
    let r: boolean;
    if (op === EQUAL || op === NOT_EQUAL || op === COMPARE) {
      // One read site, and null apart: the commonest literal, one compare instead of a call of V8's generic ===.
      const v = operandValue(p, s, code[c + 1]!);
      const k = p.literals[code[c + (op === COMPARE ? 3 : 2)]!];
      r = op === COMPARE ? p.operators[code[c + 2]!]!(v, k) : (k === null ? v === null : v === k) === (op === EQUAL);
    } else r = op === NAMED && s.stamp[code[c + 1]!] === s.gen ? (s.vals[code[c + 1]!] as boolean) : evaluate(p, c, s);
    if (!flow) return r;
    // Where to go on: the next condition's triple, or the junction's outcome (-1 holds, -2 does not).
    at = code[node + 3 + at + (r ? 0 : 1)]!;
    if (at < 0) return at === -1;
  }
}

/** Whether the condition at `node` holds, for any node but a comparison `holds` answers (EQUAL, NOT_EQUAL, COMPARE); a named one is not looked up in the memo. */
function evaluate(p: Program, node: number, s: Scope): boolean {
  const code = p.code;
  switch (code[node]) {
    case FLOW:
      // A junction too large to be written into its parent's flow.
      return holds(p, node, s);
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
