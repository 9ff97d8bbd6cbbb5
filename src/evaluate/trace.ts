/**
 * `explain`'s trace of one rule: the conditions as written, each with its result and each
 * fact with its value. Nothing is kept per condition for it at load: the walk reads the rule's
 * conditions and takes each fact's value through the version's program (its operand, by fact,
 * params and path), from the same per-evaluation cache the evaluator fills.
 */
import type { ConditionTrace } from '../../plugin-api/types';
import type { ConditionDoc, FactReference } from '../model';
import { conditionKind, isFactReference, operandOf } from '../compile/condition';
import { resolveOperator } from '../compile/operators';
import { operandValue, type Program } from '../compile/program';
import type { Scope } from '../facts/facts';
import { deepFreeze } from '../load/json-text';

/**
 * The trace of condition `doc` in scope `s`; `named` are the version's named conditions.
 * Evaluates every condition (no short circuit), as written.
 */
export function traceCondition(doc: ConditionDoc, s: Scope, p: Program, named: Readonly<Record<string, ConditionDoc>>): ConditionTrace {
  const kind = conditionKind(doc);
  if (kind === 'all' || kind === 'any') {
    const children = doc[kind]!.map((c) => traceCondition(c, s, p, named));
    // An empty any is true, as in json-rules-engine (and the evaluator).
    return { kind, result: kind === 'all' || children.length === 0 ? children.every((t) => t.result) : children.some((t) => t.result), children };
  }
  if (kind === 'not') {
    const t = traceCondition(doc.not!, s, p, named);
    return { kind: 'not', result: !t.result, children: [t] };
  }
  if (kind === 'condition') {
    const t = traceCondition(named[doc.condition!]!, s, p, named);
    return { kind: 'condition', name: doc.condition!, result: t.result, children: [t] };
  }
  // Handed out as they are, so frozen first (the loader leaves a rule's parts unfrozen, see
  // freezeShared): a caller cannot change what the engine evaluates, nor a fact's value made of them.
  deepFreeze(doc.value);
  deepFreeze(doc.params);
  const ref: FactReference = { fact: doc.fact! };
  if (doc.params !== undefined) ref.params = doc.params;
  if (doc.path !== undefined) ref.path = doc.path;
  const factValue = valueOf(ref, s, p);
  const valueIsFact = isFactReference(doc.value);
  const valueResolved = valueIsFact ? valueOf(doc.value as FactReference, s, p) : doc.value;
  const t: ConditionTrace = { kind: 'fact', fact: doc.fact!, operator: doc.operator!, value: doc.value, factValue, result: resolveOperator(doc.operator!)!(factValue, valueResolved) };
  if (doc.params !== undefined) t.params = doc.params;
  if (doc.path !== undefined) t.path = doc.path;
  if (valueIsFact) t.valueResolved = valueResolved;
  return t;
}

/** A fact reference's value in scope `s` (every reference of a loaded rule has its operand). */
function valueOf(ref: FactReference, s: Scope, p: Program): unknown {
  return operandValue(p, s, operandOf(p, ref));
}
