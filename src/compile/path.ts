/**
 * The `path` of a condition or fact reference: the simple JSONPath subset that picks one
 * value (`$.a.b`, `$.list[0]`, `$['key with space']`). json-rules-engine resolves it with
 * jsonpath-plus; for this subset both agree, and anything else (wildcards, filters,
 * recursion) is refused at load time because it can match several values.
 */
import { hasOwn } from '../facts/host-data';

export type PathAccessor = (value: unknown) => unknown;

const SEGMENT = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d{1,6})\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/y;

/** Parses a path into its keys, or returns `undefined` if it is outside the subset. */
export function parsePath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const keys: (string | number)[] = [];
  let i = 1;
  while (i < path.length) {
    SEGMENT.lastIndex = i;
    const m = SEGMENT.exec(path);
    if (!m) return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4]))!;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
    keys.push(key);
    i = SEGMENT.lastIndex;
  }
  return keys;
}


/** Compiles a parsed path into an accessor; a missing step gives `undefined`. */
export function compilePath(keys: (string | number)[]): PathAccessor {
  const [first] = keys;
  // Most paths are one property (`$.status`): no loop for those.
  if (keys.length === 1 && typeof first === 'string') {
    return (value) => (value !== null && typeof value === 'object' && hasOwn.call(value, first) ? (value as Record<string, unknown>)[first] : undefined);
  }
  return (value) => {
    let v = value;
    for (const k of keys) {
      if (v === null || typeof v !== 'object') return undefined;
      if (typeof k === 'number' ? !Array.isArray(v) || k >= v.length : !hasOwn.call(v, k)) return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v;
  };
}
