/**
 * Named params blocks: a fact's params written once under a name in the rule set
 * (`"namedParams": {"pseudoGopOfDay": {"table": "pseudoGops", …}}`) and used by conditions and
 * a finding's fact references as `"namedParams": "pseudoGopOfDay"` instead of `"params"`. Put
 * in place when a version is resolved, so every evaluator and tool sees plain params.
 */
import type { ConditionDoc, RuleDoc } from '../model';
import type { At } from './extends';

type Named = ReadonlyMap<string, { value: Record<string, unknown> }>;
type Ref = { namedParams?: unknown; params?: unknown; fact?: unknown };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `x` with its `namedParams` replaced by the block it names; the same object when it names none. */
function resolveRef<T extends Ref>(x: T, pointer: string, named: Named, at: At): T {
  if (!Object.prototype.hasOwnProperty.call(x, 'namedParams')) return x;
  const { namedParams: name, ...rest } = x;
  if (rest.params !== undefined) {
    at(`${pointer}/namedParams`, 'named-params', '"namedParams" und "params" zugleich: eines von beiden.', '"namedParams" and "params" at once: one of them.');
    return rest as T;
  }
  const block = typeof name === 'string' ? named.get(name) : undefined;
  if (!block) {
    at(`${pointer}/namedParams`, 'named-params', `Einen params-Block "${String(name)}" gibt es unter "namedParams" nicht.`, `There is no params block "${String(name)}" under "namedParams".`);
    return rest as T;
  }
  return { ...rest, params: block.value } as T;
}

/** A condition with its named params put in (its value too, when that is a fact reference); copied on write. */
export function resolveCondition(c: ConditionDoc, pointer: string, named: Named, at: At): ConditionDoc {
  if (!isObject(c)) return c;
  let out = c;
  for (const kind of ['all', 'any'] as const) {
    const list = c[kind];
    if (!Array.isArray(list)) continue;
    let copy: ConditionDoc[] | undefined;
    list.forEach((x, i) => {
      const y = resolveCondition(x, `${pointer}/${kind}/${i}`, named, at);
      if (y !== x) (copy ??= [...list])[i] = y;
    });
    if (copy) out = { ...out, [kind]: copy };
  }
  if (isObject(c.not)) {
    const y = resolveCondition(c.not, `${pointer}/not`, named, at);
    if (y !== c.not) out = { ...out, not: y };
  }
  out = resolveRef(out, pointer, named, at);
  if (isObject(c.value) && 'fact' in c.value) {
    const v = resolveRef(c.value as Ref, `${pointer}/value`, named, at);
    if (v !== c.value) out = { ...out, value: v };
  }
  return out;
}

/** A rule with its named params put in, in its conditions and in its event's fact references; copied on write. */
export function resolveRule(r: RuleDoc, pointer: string, named: Named, at: At): RuleDoc {
  const conditions = resolveCondition(r.conditions, `${pointer}/conditions`, named, at);
  let out = conditions === r.conditions ? r : { ...r, conditions };
  // A finding's placeholders and a correction's value may be fact references.
  const params = r.event.params as unknown as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(params)) {
    if (!isObject(v) || !('fact' in v)) continue;
    const y = resolveRef(v as Ref, `${pointer}/event/params/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, named, at);
    if (y !== v) (copy ??= { ...params })[k] = y;
  }
  if (copy) out = { ...out, event: { ...r.event, params: copy } as RuleDoc['event'] };
  return out;
}
