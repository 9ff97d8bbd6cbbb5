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

/**
 * Where the walk is: the pointer it started at and the tokens below it. The pointer of a
 * problem is only put together when one is reported (a walk of 20,000 rules reports none).
 */
class Place {
  private readonly tokens: (string | number)[] = [];
  constructor(private readonly base: string) {}
  push(token: string | number): void {
    this.tokens.push(token);
  }
  pop(): void {
    this.tokens.pop();
  }
  pointer(): string {
    let p = this.base;
    for (const t of this.tokens) p += `/${typeof t === 'number' ? t : t.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return p;
  }
}

/** `x` with its `namedParams` replaced by the block it names; the same object when it names none. */
function resolveRef<T extends Ref>(x: T, place: Place, named: Named, at: At): T {
  if (!Object.prototype.hasOwnProperty.call(x, 'namedParams')) return x;
  const { namedParams: name, ...rest } = x;
  if (rest.params !== undefined) {
    at(`${place.pointer()}/namedParams`, 'named-params', '"namedParams" und "params" zugleich: eines von beiden.', '"namedParams" and "params" at once: one of them.');
    return rest as T;
  }
  const block = typeof name === 'string' ? named.get(name) : undefined;
  if (!block) {
    at(`${place.pointer()}/namedParams`, 'named-params', `Einen params-Block "${String(name)}" gibt es unter "namedParams" nicht.`, `There is no params block "${String(name)}" under "namedParams".`);
    return rest as T;
  }
  return { ...rest, params: block.value } as T;
}

/** A condition with its named params put in (its value too, when that is a fact reference); copied on write. */
export function resolveCondition(c: ConditionDoc, pointer: string, named: Named, at: At): ConditionDoc {
  return condition(c, new Place(pointer), named, at);
}

function condition(c: ConditionDoc, place: Place, named: Named, at: At): ConditionDoc {
  if (!isObject(c)) return c;
  let out = c;
  for (const kind of KINDS) {
    const list = c[kind];
    if (!Array.isArray(list)) continue;
    let copy: ConditionDoc[] | undefined;
    place.push(kind);
    for (let i = 0; i < list.length; i++) {
      place.push(i);
      const y = condition(list[i]!, place, named, at);
      place.pop();
      if (y !== list[i]) (copy ??= [...list])[i] = y;
    }
    place.pop();
    if (copy) out = { ...out, [kind]: copy };
  }
  if (isObject(c.not)) {
    place.push('not');
    const y = condition(c.not, place, named, at);
    place.pop();
    if (y !== c.not) out = { ...out, not: y };
  }
  out = resolveRef(out, place, named, at);
  if (isObject(c.value) && 'fact' in c.value) {
    place.push('value');
    const v = resolveRef(c.value as Ref, place, named, at);
    place.pop();
    if (v !== c.value) out = { ...out, value: v };
  }
  return out;
}

const KINDS = ['all', 'any'] as const;

/** A rule with its named params put in, in its conditions and in its event's fact references; copied on write. */
export function resolveRule(r: RuleDoc, pointer: string, named: Named, at: At): RuleDoc {
  const place = new Place(pointer);
  place.push('conditions');
  const conditions = condition(r.conditions, place, named, at);
  place.pop();
  let out = conditions === r.conditions ? r : { ...r, conditions };
  // A finding's placeholders and a correction's value may be fact references.
  const params = r.event.params as unknown as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k in params) {
    const v = params[k];
    if (!isObject(v) || !('fact' in v)) continue;
    place.push('event');
    place.push('params');
    place.push(k);
    const y = resolveRef(v as Ref, place, named, at);
    place.pop();
    place.pop();
    place.pop();
    if (y !== v) (copy ??= { ...params })[k] = y;
  }
  if (copy) out = { ...out, event: { ...r.event, params: copy } as RuleDoc['event'] };
  return out;
}
