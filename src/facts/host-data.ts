/**
 * The one place that reads the host's objects. A PVS hands over live objects in-process:
 * proxies, getters, objects shared with its own code. Normalization copies what the rules may
 * read through the functions here, and nothing reads a host object after that; so each host
 * property is read at most once, an inherited property is never read, and a check sees one
 * consistent snapshot whatever the host's objects do in between.
 *
 * Every list and object is bounded: the cost of an entry depends on what the engine reads,
 * not on what else the host's objects hold.
 */

/** Most items of a list the rules read (costs, diagnoses, OPS, practice team numbers, participations, lists under patient/case). */
export const MAX_LIST_LENGTH = 1000;
/** Most keys of an object copied as a whole (under patient/case, when a rule reads it whole). */
export const MAX_OBJECT_KEYS = 1000;
/** Deepest nesting copied under patient/case. */
export const MAX_COPY_DEPTH = 16;
/** Most values copied under patient/case for one entry. */
export const MAX_COPY_VALUES = 10_000;

/** Object.prototype.hasOwnProperty, taken once (a host cannot replace it for the engine later): one for the core. */
export const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `obj[key]` if `key` is the object's own property, read once; `undefined` otherwise (an
 * inherited property, e.g. of a polluted Object.prototype, is not read). Asked with
 * hasOwnProperty alone: this one function reads objects of every kind and key, so an `in`
 * here would see too many shapes for V8's caches and look through the prototype chain.
 */
export function readOwn(obj: object, key: string): unknown {
  return hasOwn.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * A host list's length as a number, read once: a proxy's can be anything, and compared again in
 * a loop an object's valueOf could answer the bound small and the loop large (as `i < length`
 * compares it: '2' and true as 2 and 1, 'abc' as NaN, no item).
 */
export function lengthOf(list: readonly unknown[]): number {
  const raw = list.length;
  return typeof raw === 'number' ? raw : Number(raw);
}

/** Item `i` of a host list if it is the list's own (a hole reads as undefined, never the prototype's). */
export function readItem(list: readonly unknown[], i: number): unknown {
  return hasOwn.call(list, i) ? list[i] : undefined;
}

/**
 * Sets `out[key]` as its own data property. Where Object.prototype has an accessor of that
 * name (polluted), a plain assignment would throw (getter only) or call the setter instead.
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a value under patient/case was not copied. */
export type CopyLimit = 'list' | 'keys' | 'depth' | 'values';

/** What copyData gives for a value beyond the limits: the whole value is left out, not a part of it. */
export const TOO_LARGE: unique symbol = Symbol('too large');

/**
 * A copy of `v` as plain data: strings, finite numbers, booleans, null, arrays and objects of
 * own enumerable properties (the key `__proto__` left out); anything else (functions, symbols,
 * BigInts, undefined) is absent (`undefined`). Bounded by the limits above: a value holding a
 * list, object or nesting beyond them, or more values than `budget.left`, is TOO_LARGE, the
 * limit named in `budget.exceeded`.
 */
export function copyData(v: unknown, budget: { left: number; exceeded: CopyLimit | null }, depth = 0): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'object') return undefined;
  if (depth >= MAX_COPY_DEPTH) return exceed(budget, 'depth');
  if (--budget.left < 0) return exceed(budget, 'values');
  if (Array.isArray(v)) {
    const length = lengthOf(v);
    if (length > MAX_LIST_LENGTH) return exceed(budget, 'list');
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = copyData(readItem(v, i), budget, depth + 1);
      if (item === TOO_LARGE) return TOO_LARGE;
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  const keys = Object.keys(v);
  if (keys.length > MAX_OBJECT_KEYS) return exceed(budget, 'keys');
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__') continue;
    const item = copyData((v as Record<string, unknown>)[key], budget, depth + 1);
    if (item === TOO_LARGE) return TOO_LARGE;
    if (item !== undefined) setOwn(out, key, item);
  }
  return out;
}

function exceed(budget: { exceeded: CopyLimit | null }, why: CopyLimit): typeof TOO_LARGE {
  budget.exceeded ??= why;
  return TOO_LARGE;
}
