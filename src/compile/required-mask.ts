/**
 * What a condition requires to be true, as a bit mask: a bit is required when every way the
 * condition can be true requires it. `all` requires what any of its parts requires, `any` what
 * all of its parts require, a named condition what its condition requires (a name met again
 * inside itself requires nothing). The leaves say what they require. Used for the trigger
 * index's needs and for the master files a rule waits for.
 */
import type { ConditionDoc, RuleSetDoc } from '../model';

/** `visit` of the named condition `name`, or `otherwise` when it is unknown or already being visited (a cycle). */
export function throughNamed<T>(name: string, doc: RuleSetDoc, naming: Set<string>, visit: (target: ConditionDoc) => T, otherwise: T): T {
  const target = doc.conditions?.[name];
  if (!target || naming.has(name)) return otherwise;
  naming.add(name);
  const result = visit(target);
  naming.delete(name);
  return result;
}

/** The bits every way `c` can be true requires; `leaf` answers for a comparison. */
export function requiredMask(c: ConditionDoc, doc: RuleSetDoc, naming: Set<string>, leaf: (c: ConditionDoc) => number): number {
  // Plain loops: this runs once per condition at load, mostly before V8 optimizes it.
  if (c.all) {
    let mask = 0;
    for (let i = 0; i < c.all.length; i++) mask |= requiredMask(c.all[i]!, doc, naming, leaf);
    return mask;
  }
  if (c.any) {
    let mask = c.any.length === 0 ? 0 : ~0;
    for (let i = 0; i < c.any.length; i++) mask &= requiredMask(c.any[i]!, doc, naming, leaf);
    return mask;
  }
  if (typeof c.condition === 'string') return throughNamed(c.condition, doc, naming, (t) => requiredMask(t, doc, naming, leaf), 0);
  return leaf(c);
}
