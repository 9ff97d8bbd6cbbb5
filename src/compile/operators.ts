/**
 * json-rules-engine's built-in operators and decorators with its exact semantics (strict
 * equality, `indexOf` membership, `parseFloat` guard for comparisons), so that rules mean
 * the same in both evaluators. Where json-rules-engine would throw (a decorator over a
 * non-array value, membership in something without `indexOf`), the condition is false here.
 */

export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

interface OperatorDef {
  evaluate: OperatorFn;
}

const isArray = Array.isArray;
const always = () => true;
// parseFloat of a number parses its text, which fails only for NaN: the shortcut keeps the meaning.
const numberValidator = (factValue: unknown) => (typeof factValue === 'number' ? factValue === factValue : Number.parseFloat(factValue as string).toString() !== 'NaN');

function op(cb: OperatorFn, validator: (v: unknown) => boolean = always): OperatorDef {
  return { evaluate: (f, j) => validator(f) && cb(f, j) };
}

const hasIndexOf = (v: unknown): v is { indexOf(x: unknown): number } =>
  (typeof v === 'string' || isArray(v)) && typeof (v as { indexOf?: unknown }).indexOf === 'function';

/* eslint-disable @typescript-eslint/no-explicit-any -- the comparisons coerce like JavaScript, on purpose */
const BASE: Record<string, OperatorDef> = {
  equal: op((a, b) => a === b),
  notEqual: op((a, b) => a !== b),
  in: op((a, b) => hasIndexOf(b) && b.indexOf(a) > -1),
  notIn: op((a, b) => hasIndexOf(b) && b.indexOf(a) === -1),
  contains: op((a, b) => (a as unknown[]).indexOf(b) > -1, isArray),
  doesNotContain: op((a, b) => (a as unknown[]).indexOf(b) === -1, isArray),
  lessThan: op((a, b) => (a as any) < (b as any), numberValidator),
  lessThanInclusive: op((a, b) => (a as any) <= (b as any), numberValidator),
  greaterThan: op((a, b) => (a as any) > (b as any), numberValidator),
  greaterThanInclusive: op((a, b) => (a as any) >= (b as any), numberValidator),
};
/* eslint-enable @typescript-eslint/no-explicit-any */

type Decorator = (factValue: unknown, jsonValue: unknown, next: OperatorFn) => boolean;

const DECORATORS: Record<string, { cb: Decorator; validator: (v: unknown) => boolean }> = {
  someFact: { cb: (f, j, next) => (f as unknown[]).some((fv) => next(fv, j)), validator: isArray },
  someValue: { cb: (f, j, next) => isArray(j) && j.some((jv) => next(f, jv)), validator: always },
  everyFact: { cb: (f, j, next) => (f as unknown[]).every((fv) => next(fv, j)), validator: isArray },
  everyValue: { cb: (f, j, next) => isArray(j) && j.every((jv) => next(f, jv)), validator: always },
  swap: { cb: (f, j, next) => next(j, f), validator: always },
  not: { cb: (f, j, next) => !next(f, j), validator: always },
};

/** Names of the plain operators (for docs and lint messages). */
export const OPERATOR_NAMES = Object.keys(BASE);
/** Names of the decorators, written as `decorator:operator`. */
export const DECORATOR_NAMES = Object.keys(DECORATORS);

/**
 * Resolves an operator name such as `equal` or `everyFact:not:equal` to its function, or
 * `undefined` when json-rules-engine would not know it either.
 */
export function resolveOperator(name: string): OperatorFn | undefined {
  const parts = name.split(':');
  const base = BASE[parts[parts.length - 1]!];
  if (!base || !Object.prototype.hasOwnProperty.call(BASE, parts[parts.length - 1]!)) return undefined;
  let fn: OperatorFn = base.evaluate;
  // Decorators apply from the innermost (rightmost) outwards, as in json-rules-engine.
  for (let i = parts.length - 2; i >= 0; i--) {
    const name = parts[i]!;
    if (!Object.prototype.hasOwnProperty.call(DECORATORS, name)) return undefined;
    const d = DECORATORS[name]!;
    const next = fn;
    fn = (f, j) => d.validator(f) && d.cb(f, j, next);
  }
  return fn;
}
