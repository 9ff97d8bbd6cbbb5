/**
 * json-rules-engine's built-in operators and decorators with its exact semantics (strict
 * equality, `indexOf` membership, `parseFloat` guard for comparisons), so that rules mean
 * the same in both evaluators. Where json-rules-engine would throw (a decorator over a
 * non-array value, membership in something without `indexOf`), the condition is false here.
 */

export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

const isArray = Array.isArray;
const always = () => true;
/**
 * json-rules-engine's guard for comparisons: `parseFloat` of the fact value is a number. For a
 * number that fails only for NaN; a string starting with an ASCII digit always parses (its
 * longest numeric prefix has that digit), so only other values need `parseFloat`.
 */
export const numeric = (factValue: unknown): boolean => {
  if (typeof factValue === 'number') return factValue === factValue;
  if (typeof factValue === 'string') {
    const c = factValue.charCodeAt(0);
    if (c >= 48 && c <= 57) return true;
  }
  return !Number.isNaN(Number.parseFloat(factValue as string));
};

const hasIndexOf = (v: unknown): v is { indexOf(x: unknown): number } =>
  (typeof v === 'string' || isArray(v)) && typeof (v as { indexOf?: unknown }).indexOf === 'function';

/*
 * Each operator is one function, its guard (json-rules-engine's validator) written inline:
 * the evaluator calls them per condition, and a wrapper around validator and comparison
 * would be two calls more.
 */
// `as any`: the comparisons coerce like JavaScript, on purpose (as json-rules-engine's do).
const BASE: Record<string, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => hasIndexOf(b) && b.indexOf(a) > -1,
  notIn: (a, b) => hasIndexOf(b) && b.indexOf(a) === -1,
  contains: (a, b) => isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as any) < (b as any),
  lessThanInclusive: (a, b) => numeric(a) && (a as any) <= (b as any),
  greaterThan: (a, b) => numeric(a) && (a as any) > (b as any),
  greaterThanInclusive: (a, b) => numeric(a) && (a as any) >= (b as any),
};

type Decorator = (factValue: unknown, jsonValue: unknown, next: OperatorFn) => boolean;

const DECORATORS: Record<string, { cb: Decorator; validator: (v: unknown) => boolean }> = {
  someFact: { cb: (f, j, next) => (f as unknown[]).some((fv) => next(fv, j)), validator: isArray },
  someValue: { cb: (f, j, next) => isArray(j) && j.some((jv) => next(f, jv)), validator: always },
  everyFact: { cb: (f, j, next) => (f as unknown[]).every((fv) => next(fv, j)), validator: isArray },
  everyValue: { cb: (f, j, next) => isArray(j) && j.every((jv) => next(f, jv)), validator: always },
  swap: { cb: (f, j, next) => next(j, f), validator: always },
  not: { cb: (f, j, next) => !next(f, j), validator: always },
};

/** json-rules-engine's operator names, and the decorators that may precede them (`everyFact:notEqual`). */
export const OPERATOR_NAMES: readonly string[] = Object.keys(BASE);
export const DECORATOR_NAMES: readonly string[] = Object.keys(DECORATORS);

/**
 * Resolves an operator name such as `equal` or `everyFact:not:equal` to its function, or
 * `undefined` when json-rules-engine would not know it either.
 */
export function resolveOperator(name: string): OperatorFn | undefined {
  // Nearly every operator is undecorated: no split for those (one lookup per condition at load).
  if (name.indexOf(':') < 0) return Object.prototype.hasOwnProperty.call(BASE, name) ? BASE[name] : undefined;
  const parts = name.split(':');
  const base = BASE[parts[parts.length - 1]!];
  if (!base || !Object.prototype.hasOwnProperty.call(BASE, parts[parts.length - 1]!)) return undefined;
  let fn: OperatorFn = base;
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
