/**
 * The verdict of a JSON Schema (draft-07, the keywords of the core's schemas) on a value: each
 * schema object compiled once, when first asked, into a closure that checks only the keywords
 * it has (no generated code, no `new Function`). What every document that loads costs; an
 * invalid one is walked again by the interpreter of json-schema.ts for ajv's errors, which
 * asks this verdict for `not` and `if` (test/json-schema.test.ts holds both to ajv).
 */

/** A schema: `true`/`false` or an object of keywords. */
export type Raw = boolean | { readonly [keyword: string]: unknown };

/** A root schema, its file name, and every root its `$ref`s may name by file (`ruleset.schema.json#/…`). */
export interface SchemaRoot {
  schema: Raw;
  file: string;
  roots: ReadonlyMap<string, SchemaRoot>;
}

/** True when `data` holds for the schema. */
export type Verdict = (data: unknown) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const verdicts = new WeakMap<object, Verdict>();
/** Schema objects being compiled: a `$ref` back to one of them is followed when first used. */
const compiling = new Set<object>();
const TRUE: Verdict = () => true;
const FALSE: Verdict = () => false;

/** `true` and `{}` hold for every value. */
export const alwaysValid = (raw: unknown): boolean => raw === true || (typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0);

/** The verdict of `raw` (a schema of `root`), compiled on first use and kept with the schema object. */
export function verdictOf(raw: Raw, root: SchemaRoot): Verdict {
  if (typeof raw === 'boolean') return raw ? TRUE : FALSE;
  let v = verdicts.get(raw);
  if (v === undefined) {
    compiling.add(raw);
    try {
      verdicts.set(raw, (v = compile(raw, root)));
    } finally {
      compiling.delete(raw);
    }
  }
  return v;
}

/** The schema a `$ref` names, and the root it is in. */
export function refTarget(ref: string, from: SchemaRoot): { raw: Raw; root: SchemaRoot } {
  const hash = ref.indexOf('#');
  const root = hash > 0 ? from.roots.get(ref.slice(0, hash)) : from;
  if (root === undefined) throw new Error(`json-schema: unknown schema in $ref "${ref}"`);
  let target = root.schema as unknown;
  for (const token of ref.slice(hash + 2).split('/')) {
    if (token === '') continue;
    target = (target as Record<string, unknown>)[decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) throw new Error(`json-schema: $ref "${ref}" names nothing`);
  }
  return { raw: target as Raw, root };
}

/** All of `tests` hold (a closure per count: most schemas have one or two). */
function and(tests: readonly Verdict[]): Verdict {
  if (tests.length === 0) return TRUE;
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Verdict, Verdict];
    return (d) => a(d) && b(d);
  }
  return (d) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(d)) return false;
    return true;
  };
}

const isString: Verdict = (d) => typeof d === 'string';
const isObject = (d: unknown): d is Record<string, unknown> => typeof d === 'object' && d !== null && !Array.isArray(d);

/**
 * The closure for one schema object. The verdict is every keyword's holding (their order only
 * matters for the errors): the type, the keywords of the value's kind where the value is of it,
 * and the applicators ($ref, const, enum, not, anyOf, allOf, if). Subschemas are compiled now,
 * a `$ref` too unless it leads back to a schema being compiled (then when first followed).
 */
function compile(s: { readonly [keyword: string]: unknown }, root: SchemaRoot): Verdict {
  if (Object.keys(s).length === 0) return TRUE;
  // A subschema that always holds is left out, as the interpreter leaves it out.
  const sub = (k: string): Verdict | undefined => (s[k] === undefined || alwaysValid(s[k]) ? undefined : verdictOf(s[k] as Raw, root));
  const applicators: Verdict[] = [];
  const ref = s['$ref'] as string | undefined;
  if (ref !== undefined) {
    const t = refTarget(ref, root);
    // A schema that leads back to itself (a condition in a condition) follows that $ref when first used.
    if (typeof t.raw === 'object' && compiling.has(t.raw)) {
      let target: Verdict | undefined;
      applicators.push((d) => (target ??= verdictOf(t.raw, t.root))(d));
    } else applicators.push(verdictOf(t.raw, t.root));
  }
  if (s['const'] !== undefined) {
    const c = s['const'];
    applicators.push(typeof c === 'object' && c !== null ? (d) => equal(d, c) : (d) => d === c);
  }
  const values = s['enum'] as unknown[] | undefined;
  if (values !== undefined) {
    if (values.every((v) => typeof v !== 'object' || v === null)) {
      const set = new Set(values);
      applicators.push((d) => set.has(d));
    } else applicators.push((d) => values.some((v) => equal(d, v)));
  }
  const not = sub('not');
  if (not !== undefined) applicators.push((d) => !not(d));
  const anyOf = s['anyOf'] as Raw[] | undefined;
  if (anyOf !== undefined && !anyOf.some(alwaysValid)) {
    const branches = anyOf.map((x) => verdictOf(x, root));
    applicators.push((d) => {
      for (let i = 0; i < branches.length; i++) if (branches[i]!(d)) return true;
      return false;
    });
  }
  for (const x of (s['allOf'] as Raw[] | undefined) ?? []) if (!alwaysValid(x)) applicators.push(verdictOf(x, root));
  const cond = sub('if');
  const then = sub('then');
  const otherwise = sub('else');
  if (cond !== undefined && (then !== undefined || otherwise !== undefined)) {
    applicators.push((d) => {
      const branch = cond(d) ? then : otherwise;
      return branch === undefined || branch(d);
    });
  }

  const kinds = kindTest(s, root);
  return kinds === TRUE ? and(applicators) : and([kinds, ...applicators]);
}

type Keywords<T> = ((d: T) => boolean) | undefined;

/** A bit per JSON type; a schema's types as their union (0: any type). */
const [NULL, BOOLEAN, OBJECT, ARRAY, NUMBER, INTEGER, STRING] = [1, 2, 4, 8, 16, 32, 64] as const;
const TYPE_BITS: Readonly<Record<string, number>> = { null: NULL, boolean: BOOLEAN, object: OBJECT, array: ARRAY, number: NUMBER, integer: INTEGER, string: STRING };

/**
 * The type and the keywords of each kind in one closure: the type checked with a mask, the
 * keywords of texts and numbers in place. In the interpreter, where the code runs at a cold
 * start, a call costs more than a test; only an object's or a list's keywords are called.
 */
function kindTest(s: { readonly [keyword: string]: unknown }, root: SchemaRoot): Verdict {
  const mask = typesOf(s).reduce((m, t) => m | (TYPE_BITS[t] ?? 0), 0);
  const maxLength = s['maxLength'] as number | undefined;
  const minLength = s['minLength'] as number | undefined;
  const source = s['pattern'] as string | undefined;
  const pattern = source === undefined ? undefined : new RegExp(source, 'u');
  const max = s['maximum'] as number | undefined;
  const min = s['minimum'] as number | undefined;
  const arr = arrayKeywords(s, root, mask);
  const obj = objectKeywords(s, root, mask);
  const text = maxLength !== undefined || minLength !== undefined || pattern !== undefined;
  const number = max !== undefined || min !== undefined;
  const scalar = text || number;
  if (!scalar && arr === undefined && obj === undefined) {
    if (mask === 0) return TRUE;
    if (mask === STRING) return isString;
    if (mask === OBJECT) return isObject;
  }
  // The shapes the core's schemas have most: a text of a pattern, an object of properties, a list of items.
  if (mask === STRING && pattern !== undefined && maxLength === undefined && minLength === undefined) {
    // The text that passed last passes without a match: a big rule set repeats its codes and fields.
    let passed: unknown = pattern;
    return (d) => d === passed || (typeof d === 'string' && pattern.test(d) && ((passed = d), true));
  }
  // An object's or a list's keywords alone (with its type or none) are the verdict: they check the type first.
  if (!(mask & ~OBJECT) && obj !== undefined && !scalar && arr === undefined) return obj as Verdict;
  if (!(mask & ~ARRAY) && arr !== undefined && !scalar && obj === undefined) return arr as Verdict;
  const any = mask === 0;
  return (d) => {
    switch (typeof d) {
      case 'string':
        if (!any && (mask & STRING) === 0) return false;
        // Lengths count code points: a text of n UTF-16 units has n/2 to n of them (most are counted only when near a limit).
        return (
          !text ||
          ((maxLength === undefined || d.length <= maxLength || codePoints(d) <= maxLength) &&
            (minLength === undefined || (d.length >= minLength && (d.length >= 2 * minLength || codePoints(d) >= minLength))) &&
            (pattern === undefined || pattern.test(d)))
        );
      case 'number':
        if (!any && !(((mask & NUMBER) !== 0 && Number.isFinite(d)) || ((mask & INTEGER) !== 0 && Number.isInteger(d)))) return false;
        return !number || !Number.isFinite(d) || ((max === undefined || d <= max) && (min === undefined || d >= min));
      case 'boolean':
        return any || (mask & BOOLEAN) !== 0;
      case 'object':
        if (d === null) return any || (mask & NULL) !== 0;
        if (Array.isArray(d)) return (any || (mask & ARRAY) !== 0) && (arr === undefined || arr(d));
        return (any || (mask & OBJECT) !== 0) && (obj === undefined || obj(d as Record<string, unknown>));
      default:
        return any;
    }
  };
}
/** The keywords of a list, or undefined if it has none; the closure's verdict on any other value is that of a schema of types `mask` (see kindTest). */
function arrayKeywords(s: { readonly [keyword: string]: unknown }, root: SchemaRoot, mask: number): Keywords<unknown[]> {
  const max = s['maxItems'] as number | undefined;
  const min = s['minItems'] as number | undefined;
  const items = s['items'] as Raw | Raw[] | undefined;
  const unique = s['uniqueItems'] === true;
  const tuple = Array.isArray(items) ? items.map((x) => (alwaysValid(x) ? undefined : verdictOf(x, root))) : undefined;
  const each = items === undefined || Array.isArray(items) || alwaysValid(items) ? undefined : verdictOf(items, root);
  const extraRaw = s['additionalItems'];
  const extra = tuple === undefined ? undefined : extraRaw === false ? false : extraRaw === undefined || alwaysValid(extraRaw) ? undefined : verdictOf(extraRaw as Raw, root);
  const itemTypes = items === undefined || Array.isArray(items) || typeof items !== 'object' ? [] : typesOf(items);
  if (max === undefined && min === undefined && tuple === undefined && !unique) {
    if (each === undefined) return undefined;
    return (a) => {
      if (!Array.isArray(a)) return mask === 0;
      for (let i = 0; i < a.length; i++) if (!each(a[i])) return false;
      return true;
    };
  }
  return (a) => {
    if (!Array.isArray(a)) return mask === 0;
    if ((max !== undefined && a.length > max) || (min !== undefined && a.length < min)) return false;
    if (tuple !== undefined) {
      if (extra === false && a.length > tuple.length) return false;
      if (extra !== undefined && extra !== false) for (let i = tuple.length; i < a.length; i++) if (!extra(a[i])) return false;
      for (let i = 0; i < tuple.length && i < a.length; i++) if (tuple[i] !== undefined && !tuple[i]!(a[i])) return false;
    } else if (each !== undefined) {
      for (let i = 0; i < a.length; i++) if (!each(a[i])) return false;
    }
    return !(unique && a.length > 1 && duplicate(a, itemTypes) !== null);
  };
}

/** The types a schema names (none when it names none). */
export function typesOf(raw: { readonly [keyword: string]: unknown }): readonly string[] {
  const type = raw['type'] as string | string[] | undefined;
  return type === undefined ? [] : Array.isArray(type) ? type : [type];
}

/**
 * A property's schema as the object's loop checks it: a text or a value of an enum in place
 * (most properties of the core's schemas), any other schema by its verdict. A pattern is left
 * to the verdict, made once per schema: a regular expression of its own for every property that
 * refers to it cost more at a cold start than the call it saved.
 */
interface PropertyCheck {
  kind: typeof ANY_TEXT | typeof ONE_OF | typeof VERDICT;
  values: Set<unknown> | undefined;
  verdict: Verdict;
}
const [ANY_TEXT, ONE_OF, VERDICT] = [0, 1, 2] as const;

function propertyCheck(raw: Raw, root: SchemaRoot): PropertyCheck {
  const check: PropertyCheck = { kind: VERDICT, values: undefined, verdict: TRUE };
  if (typeof raw === 'object') {
    const keys = Object.keys(raw).join(' ');
    const values = raw['enum'] as unknown[] | undefined;
    if (keys === '$ref') {
      // A $ref alone is its target's check (one that leads back to a schema being compiled, its verdict).
      const t = refTarget(raw['$ref'] as string, root);
      if (typeof t.raw !== 'object' || !compiling.has(t.raw)) return propertyCheck(t.raw, t.root);
    } else if (keys === 'type' && raw['type'] === 'string') return { ...check, kind: ANY_TEXT };
    else if (keys === 'enum' && values!.every((v) => typeof v !== 'object' || v === null)) return { ...check, kind: ONE_OF, values: new Set(values) };
  }
  check.verdict = verdictOf(raw, root);
  return check;
}

/** Whether `v` passes `check` (in place of a call of the property's verdict). */
function passes(check: PropertyCheck, v: unknown): boolean {
  switch (check.kind) {
    case ANY_TEXT:
      return typeof v === 'string';
    case ONE_OF:
      return check.values!.has(v);
    default:
      return check.verdict(v);
  }
}

/** The keywords of an object, or undefined if it has none; the closure's verdict on any other value is that of a schema of types `mask` (see kindTest). */
function objectKeywords(s: { readonly [keyword: string]: unknown }, root: SchemaRoot, mask: number): Keywords<Record<string, unknown>> {
  const max = s['maxProperties'] as number | undefined;
  const min = s['minProperties'] as number | undefined;
  const required = s['required'] as readonly string[] | undefined;
  const declared = s['properties'] as Record<string, Raw> | undefined;
  const namesRaw = s['propertyNames'];
  const names = namesRaw === undefined || alwaysValid(namesRaw) ? undefined : verdictOf(namesRaw as Raw, root);
  const extraRaw = s['additionalProperties'];
  const extra = extraRaw === false ? false : extraRaw === undefined || alwaysValid(extraRaw) ? undefined : verdictOf(extraRaw as Raw, root);
  const dependencies = s['dependencies'] as Readonly<Record<string, readonly string[]>> | undefined;
  if (max === undefined && min === undefined && required === undefined && declared === undefined && names === undefined && extra === undefined && dependencies === undefined) return undefined;
  // Each declared property's check, or null when it always holds.
  const byName = new Map<string, PropertyCheck | null>();
  for (const k of Object.keys(declared ?? {})) if (k !== '__proto__') byName.set(k, alwaysValid(declared![k]) ? null : propertyCheck(declared![k]!, root));
  const counted = max !== undefined || min !== undefined;
  // Every key of the data is looked at only where an undeclared one or the count matters; otherwise each declared property that can fail is looked up (ajv's `data.p !== undefined`).
  const keys = counted || names !== undefined || extra !== undefined;
  const lookups = [...byName].filter((e): e is [string, PropertyCheck] => e[1] !== null);
  const declaredNames = lookups.map((e) => e[0]);
  const declaredChecks = lookups.map((e) => e[1]);
  return (o) => {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return mask === 0;
    if (required !== undefined) for (let i = 0; i < required.length; i++) if (o[required[i]!] === undefined) return false;
    if (!keys) {
      for (let i = 0; i < declaredNames.length; i++) {
        const v = o[declaredNames[i]!];
        if (v !== undefined && !passes(declaredChecks[i]!, v)) return false;
      }
    } else {
      // One pass over the data's keys: a declared one against its schema, another against additionalProperties.
      let n = 0;
      for (const key in o) {
        n++;
        if (names !== undefined && !names(key)) return false;
        const check = byName.get(key);
        if (check === undefined) {
          if (extra !== undefined && (extra === false || !extra(o[key]))) return false;
        } else if (check !== null) {
          // passes(), written out: this loop runs for every member of most objects.
          const v = o[key];
          const kind = check.kind;
          if (kind === ANY_TEXT ? typeof v !== 'string' : kind === ONE_OF ? !check.values!.has(v) : !check.verdict(v)) return false;
        }
      }
      if (counted && ((min !== undefined && n < min) || (max !== undefined && n > max))) return false;
    }
    if (dependencies !== undefined) {
      for (const property in dependencies) {
        if (o[property] === undefined) continue;
        const deps = dependencies[property]!;
        for (let i = 0; i < deps.length; i++) if (o[deps[i]!] === undefined) return false;
      }
    }
    return true;
  };
}

/** Whether `d` is of type `t`, as ajv decides it. */
export function isType(t: string, d: unknown): boolean {
  switch (t) {
    case 'null':
      return d === null;
    case 'array':
      return Array.isArray(d);
    case 'object':
      return isObject(d);
    case 'integer':
      return typeof d === 'number' && Number.isInteger(d);
    case 'number':
      return typeof d === 'number' && Number.isFinite(d);
    default:
      return typeof d === t;
  }
}

/** The pair ajv reports for duplicate items (its params i and j), or null. */
export function duplicate(data: readonly unknown[], itemTypes: readonly string[]): [number, number] | null {
  if (itemTypes.length > 0 && !itemTypes.some((t) => t === 'object' || t === 'array')) {
    // ajv's loop for primitive items: from the end, the first item seen before (items not of the types skipped).
    const indices: Record<string, number> = {};
    for (let i = data.length; i--; ) {
      let item = data[i];
      if (!itemTypes.some((t) => isType(t, item))) continue;
      if (itemTypes.length > 1 && typeof item === 'string') item += '_';
      const key = String(item);
      if (typeof indices[key] === 'number') return [i, indices[key]!];
      indices[key] = i;
    }
    return null;
  }
  // Otherwise every pair, from the end: i the later item, j the earlier.
  for (let i = data.length; i--; ) for (let j = i; j--; ) if (equal(data[i], data[j])) return [i, j];
  return null;
}

/** Deep equality of JSON values, as ajv decides it for const, enum and uniqueItems. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn.call(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a !== a && b !== b;
}

/** Length in code points, as JSON Schema's minLength/maxLength count. */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; n++) {
    const c = s.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}
