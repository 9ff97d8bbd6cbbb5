/**
 * A small JSON Schema (draft-07) validator for the schemas of the documents the core loads,
 * interpreting them (no generated code, no `new Function`). Whether a document is valid is
 * decided by the schemas compiled into closures (schema-verdict.ts); only an invalid one is
 * walked here for every error, in the shape, the words and the order ajv gives them with
 * `allErrors` (the options of scripts/validators-source.ts), so the loader's schema messages
 * stay what they were (test/json-schema.test.ts holds it to ajv on every shipped document and
 * broken copies).
 *
 * It knows the keywords these schemas use (annotations taken out): SUPPORTED_KEYWORDS of
 * scripts/validators-source.ts, which refuses to write a core schema with another one.
 */
import { escapePointerToken } from './json-text';
import { alwaysValid, codePoints, duplicate, equal, isType, refTarget, typesOf, verdictOf, type Raw, type SchemaRoot } from './schema-verdict';

export type { SchemaRoot } from './schema-verdict';

/** One schema error, as ajv reports it. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
  /** Set on errors found while checking an object's property names (ajv's `propertyName`). */
  propertyName?: string;
}

/** A schema object made ready for checking: each keyword's value read once, subschemas made ready too. */
interface Node {
  raw: Raw;
  root: SchemaRoot;
  /** `true` / `{}` (always valid) or `false` (never). */
  always: boolean;
  never: boolean;
  type: string | readonly string[] | undefined;
  types: readonly string[];
  /** The type is checked before every keyword (ajv: more than one type, or none of the keywords of its kind). */
  typeFirst: boolean;
  /** The one type checked where the keywords of its kind are (ajv's order), if not first. */
  single: string | undefined;
  ref: string | undefined;
  /** The schema `ref` names and the schema path of its errors, once resolved. */
  target: { node: Node; path: string } | undefined;
  hasConst: boolean;
  constValue: unknown;
  enumValues: readonly unknown[] | undefined;
  /** The enum as a set, when it lists primitives only. */
  enumSet: Set<unknown> | undefined;
  not: Node | undefined;
  /** anyOf without an always valid branch (with one, it is not checked). */
  anyOf: readonly Node[] | undefined;
  /** allOf's branches that can fail, and their indexes. */
  allOf: readonly (readonly [number, Node])[];
  if: Node | undefined;
  then: Node | undefined;
  else: Node | undefined;
  number: boolean;
  maximum: number | undefined;
  minimum: number | undefined;
  string: boolean;
  maxLength: number | undefined;
  minLength: number | undefined;
  pattern: RegExp | undefined;
  patternSource: string | undefined;
  array: boolean;
  maxItems: number | undefined;
  minItems: number | undefined;
  /** additionalItems beside a list of items: false, a schema that can fail, or undefined. */
  additionalItems: Node | false | undefined;
  /** A list of items: each item's schema (undefined where always valid). */
  tuple: readonly (Node | undefined)[] | undefined;
  /** One schema for every item (undefined where always valid). */
  items: Node | undefined;
  /** The types of `items` (for ajv's choice of duplicate search). */
  itemTypes: readonly string[];
  uniqueItems: boolean;
  object: boolean;
  maxProperties: number | undefined;
  minProperties: number | undefined;
  required: readonly string[] | undefined;
  propertyNames: Node | undefined;
  /** additionalProperties: false, a schema that can fail, or undefined. */
  additionalProperties: Node | false | undefined;
  dependencies: Readonly<Record<string, readonly string[]>> | undefined;
  /** Properties whose schema can fail, in the schema's order, with their schema path. */
  properties: readonly (readonly [string, Node, string])[];
  declared: Readonly<Record<string, unknown>> | undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;
/** Keywords of each kind of value; a type with keywords of its kind is checked where they are (ajv's order). */
const OF_KIND: Record<string, readonly string[]> = {
  number: ['maximum', 'minimum'],
  string: ['maxLength', 'minLength', 'pattern'],
  array: ['maxItems', 'minItems', 'additionalItems', 'items', 'uniqueItems'],
  object: ['maxProperties', 'minProperties', 'required', 'propertyNames', 'additionalProperties', 'dependencies', 'properties'],
};
/** Keywords ajv inlines without counting what is under them (see alwaysInline). */
const SIMPLE = new Set(['type', 'format', 'pattern', 'maxLength', 'minLength', 'maxProperties', 'minProperties', 'maxItems', 'minItems', 'maximum', 'minimum', 'uniqueItems', 'multipleOf', 'required', 'enum', 'const']);

const nodes = new WeakMap<object, Node>();

/** `raw` made ready (once per schema object; a `$ref` is resolved when first met, so cycles are fine). */
function nodeOf(raw: Raw, root: SchemaRoot): Node {
  if (typeof raw === 'object') {
    const known = nodes.get(raw);
    if (known) return known;
  }
  const s = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const has = (k: string) => s[k] !== undefined;
  const kind = (name: string) => OF_KIND[name]!.some(has);
  const sub = (k: string): Node | undefined => (s[k] === undefined || alwaysValid(s[k] as Raw) ? undefined : nodeOf(s[k] as Raw, root));
  const type = s['type'] as string | string[] | undefined;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  const enumValues = s['enum'] as unknown[] | undefined;
  const pattern = s['pattern'] as string | undefined;
  const declared = s['properties'] as Record<string, Raw> | undefined;
  const items = s['items'] as Raw | Raw[] | undefined;
  const typeFirst = types.length > 0 && !(types.length === 1 && hasOwn.call(OF_KIND, types[0]!) && kind(types[0]!));
  const node = {
    raw,
    root,
    always: alwaysValid(raw),
    never: raw === false,
    type,
    types,
    typeFirst,
    single: typeFirst ? undefined : types[0],
    ref: s['$ref'] as string | undefined,
    target: undefined,
    hasConst: has('const'),
    constValue: s['const'],
    enumValues,
    enumSet: enumValues?.every((v) => typeof v !== 'object' || v === null) ? new Set(enumValues) : undefined,
    number: kind('number'),
    maximum: s['maximum'] as number | undefined,
    minimum: s['minimum'] as number | undefined,
    string: kind('string'),
    maxLength: s['maxLength'] as number | undefined,
    minLength: s['minLength'] as number | undefined,
    pattern: pattern === undefined ? undefined : new RegExp(pattern, 'u'),
    patternSource: pattern,
    array: kind('array'),
    maxItems: s['maxItems'] as number | undefined,
    minItems: s['minItems'] as number | undefined,
    uniqueItems: s['uniqueItems'] === true,
    object: kind('object'),
    maxProperties: s['maxProperties'] as number | undefined,
    minProperties: s['minProperties'] as number | undefined,
    required: s['required'] as string[] | undefined,
    dependencies: s['dependencies'] as Record<string, string[]> | undefined,
    declared,
    // Set below, once the node is registered (same shape for every node).
    not: undefined,
    anyOf: undefined,
    allOf: [],
    if: undefined,
    then: undefined,
    else: undefined,
    tuple: undefined,
    items: undefined,
    itemTypes: [],
    additionalItems: undefined,
    propertyNames: undefined,
    additionalProperties: undefined,
    properties: [],
  } as Node;
  // Registered before its subschemas are made ready: a subschema may lead back to it.
  if (typeof raw === 'object') nodes.set(raw, node);
  const anyOf = s['anyOf'] as Raw[] | undefined;
  node.not = sub('not');
  node.anyOf = anyOf === undefined || anyOf.some(alwaysValid) ? undefined : anyOf.map((x) => nodeOf(x, root));
  node.allOf = ((s['allOf'] as Raw[] | undefined) ?? []).flatMap((x, i) => (alwaysValid(x) ? [] : [[i, nodeOf(x, root)] as const]));
  node.if = sub('if');
  node.then = sub('then');
  node.else = sub('else');
  node.tuple = Array.isArray(items) ? items.map((x) => (alwaysValid(x) ? undefined : nodeOf(x, root))) : undefined;
  node.items = Array.isArray(items) ? undefined : sub('items');
  node.itemTypes = items === undefined || Array.isArray(items) || typeof items !== 'object' ? [] : typesOf(items);
  node.additionalItems = !Array.isArray(items) ? undefined : s['additionalItems'] === false ? false : sub('additionalItems');
  node.propertyNames = sub('propertyNames');
  node.additionalProperties = s['additionalProperties'] === false ? false : sub('additionalProperties');
  node.properties = declared === undefined ? [] : Object.keys(declared).filter((k) => k !== '__proto__' && !alwaysValid(declared[k]!)).map((k) => [k, nodeOf(declared[k]!, root), `properties/${encodeURIComponent(escapePointerToken(k))}`] as const);
  return node;
}

/** The schema a `$ref` names, in its root, and the schema path ajv gives errors inside it. */
function resolveRef(ref: string, from: SchemaRoot): { node: Node; path: string } {
  const { raw: target, root } = refTarget(ref, from);
  // ajv copies small schemas into the referring code (their errors keep the $ref as their
  // schema path) and calls the others as functions of their own (whose paths start at "#").
  return { node: nodeOf(target, root), path: alwaysInline(target) ? ref : '#' };
}

/** ajv's inlineRefs: 4 (scripts/validators-source.ts): at most four keywords, counted into subschemas, and no $ref. */
function alwaysInline(raw: Raw): boolean {
  const count = (s: unknown): number => {
    if (typeof s !== 'object' || s === null) return 0;
    let n = 0;
    for (const k in s) {
      if (k === '$ref') return Infinity;
      n++;
      if (SIMPLE.has(k)) continue;
      const v = (s as Record<string, unknown>)[k];
      if (typeof v === 'object' && v !== null) for (const x of Array.isArray(v) ? v : [v]) n += count(x);
      if (n === Infinity) return n;
    }
    return n;
  };
  return typeof raw === 'boolean' || count(raw) <= 4;
}

/** A checker for one root schema (the roots its `$ref`s may name are in `root.roots`). */
export class SchemaChecker {
  /** The errors found so far (while errors() collects them). */
  private out: SchemaError[] = [];
  private propertyName: string | undefined = undefined;
  private top: Node | undefined = undefined;

  constructor(private readonly root: SchemaRoot) {}

  /** ajv's errors for `data` (allErrors), or null when it is valid. */
  errors(data: unknown): SchemaError[] | null {
    if (verdictOf(this.root.schema, this.root)(data)) return null;
    // The interpreter's nodes are made for the first document that has errors.
    this.top ??= nodeOf(this.root.schema, this.root);
    const out: SchemaError[] = (this.out = []);
    this.propertyName = undefined;
    this.check(this.top, data, '', '#');
    this.out = [];
    return out;
  }

  /** Records an error. */
  private fail(at: string, schemaAt: string, keyword: string, params: Record<string, unknown>, message: string): void {
    const e: SchemaError = { instancePath: at, schemaPath: `${schemaAt}/${keyword}`, keyword, params, message };
    if (this.propertyName !== undefined) e.propertyName = this.propertyName;
    this.out.push(e);
  }

  private typeError(node: Node, at: string, schemaAt: string): void {
    this.fail(at, schemaAt, 'type', { type: node.type }, `must be ${String(node.type)}`);
  }

  /** Every error of `data`, in ajv's order of keywords; true if there is none. */
  private check(node: Node, data: unknown, at: string, schemaAt: string): boolean {
    if (node.always) return true;
    const out = this.out;
    const before = out.length;
    if (node.never) this.fail(at, schemaAt, 'false schema', {}, 'boolean schema is false');
    if (node.typeFirst && !someType(node.types, data)) this.typeError(node, at, schemaAt);
    if (node.ref !== undefined) {
      const r = (node.target ??= resolveRef(node.ref, node.root));
      this.check(r.node, data, at, r.path);
    }
    if (node.hasConst && !equal(data, node.constValue)) this.fail(at, schemaAt, 'const', { allowedValue: node.constValue }, 'must be equal to constant');
    if (node.enumValues !== undefined && !valueIn(node, data)) this.fail(at, schemaAt, 'enum', { allowedValues: node.enumValues }, 'must be equal to one of the allowed values');
    if (node.not !== undefined && holds(node.not, data)) this.fail(at, schemaAt, 'not', {}, 'must NOT be valid');
    if (node.anyOf !== undefined) {
      const mark = out.length;
      let ok = false;
      for (let i = 0; i < node.anyOf.length && !ok; i++) ok = this.check(node.anyOf[i]!, data, at, `${schemaAt}/anyOf/${i}`);
      // A branch that holds discards what the branches before it found (ajv: "reset").
      if (ok) out.length = mark;
      else this.fail(at, schemaAt, 'anyOf', {}, 'must match a schema in anyOf');
    }
    for (const [i, branch] of node.allOf) this.check(branch, data, at, `${schemaAt}/allOf/${i}`);
    if (node.if !== undefined && (node.then !== undefined || node.else !== undefined)) {
      const clause = holds(node.if, data) ? (node.then !== undefined ? 'then' : undefined) : node.else !== undefined ? 'else' : undefined;
      if (clause !== undefined && !this.check(node[clause]!, data, at, `${schemaAt}/${clause}`)) this.fail(at, schemaAt, 'if', { failingKeyword: clause }, `must match "${clause}" schema`);
    }
    const kind = kindOf(data);
    // One type whose keywords the schema has is checked with them (these schemas have no keywords of another kind beside it).
    if (node.single !== undefined && node.single !== kind) this.typeError(node, at, schemaAt);
    if (kind === 'number' && node.number) {
      const n = data as number;
      if (node.maximum !== undefined && !(n <= node.maximum)) this.fail(at, schemaAt, 'maximum', { comparison: '<=', limit: node.maximum }, `must be <= ${node.maximum}`);
      if (node.minimum !== undefined && !(n >= node.minimum)) this.fail(at, schemaAt, 'minimum', { comparison: '>=', limit: node.minimum }, `must be >= ${node.minimum}`);
    } else if (kind === 'string' && node.string) {
      const text = data as string;
      const length = codePoints(text);
      if (node.maxLength !== undefined && length > node.maxLength) this.fail(at, schemaAt, 'maxLength', { limit: node.maxLength }, `must NOT have more than ${node.maxLength} characters`);
      if (node.minLength !== undefined && length < node.minLength) this.fail(at, schemaAt, 'minLength', { limit: node.minLength }, `must NOT have fewer than ${node.minLength} characters`);
      if (node.pattern !== undefined && !node.pattern.test(text)) this.fail(at, schemaAt, 'pattern', { pattern: node.patternSource }, `must match pattern "${node.patternSource!}"`);
    } else if (kind === 'array' && node.array) this.checkArray(node, data as unknown[], at, schemaAt);
    else if (kind === 'object' && node.object) this.checkObject(node, data as Record<string, unknown>, at, schemaAt);
    return out.length === before;
  }

  /** The array keywords, in ajv's order. */
  private checkArray(node: Node, data: readonly unknown[], at: string, schemaAt: string): void {
    const limit = (keyword: string, n: number, more: boolean) => this.fail(at, schemaAt, keyword, { limit: n }, `must NOT have ${more ? 'more' : 'fewer'} than ${n} items`);
    if (node.maxItems !== undefined && data.length > node.maxItems) limit('maxItems', node.maxItems, true);
    if (node.minItems !== undefined && data.length < node.minItems) limit('minItems', node.minItems, false);
    const tuple = node.tuple;
    if (tuple !== undefined) {
      const extra = node.additionalItems;
      if (extra === false) {
        if (data.length > tuple.length) limit('additionalItems', tuple.length, true);
      } else if (extra !== undefined) {
        for (let i = tuple.length; i < data.length; i++) this.check(extra, data[i], `${at}/${i}`, `${schemaAt}/additionalItems`);
      }
      for (let i = 0; i < tuple.length && i < data.length; i++) if (tuple[i] !== undefined) this.check(tuple[i]!, data[i], `${at}/${i}`, `${schemaAt}/items/${i}`);
    } else if (node.items !== undefined) {
      for (let i = 0; i < data.length; i++) this.check(node.items, data[i], `${at}/${i}`, `${schemaAt}/items`);
    }
    const pair = node.uniqueItems && data.length > 1 ? duplicate(data, node.itemTypes) : null;
    if (pair !== null) this.fail(at, schemaAt, 'uniqueItems', { i: pair[0], j: pair[1] }, `must NOT have duplicate items (items ## ${pair[1]} and ${pair[0]} are identical)`);
  }

  /** The object keywords, in ajv's order. */
  private checkObject(node: Node, data: Record<string, unknown>, at: string, schemaAt: string): void {
    const n = Object.keys(data).length;
    const limit = (keyword: string, count: number, more: boolean) => this.fail(at, schemaAt, keyword, { limit: count }, `must NOT have ${more ? 'more' : 'fewer'} than ${count} properties`);
    if (node.maxProperties !== undefined && n > node.maxProperties) limit('maxProperties', node.maxProperties, true);
    if (node.minProperties !== undefined && n < node.minProperties) limit('minProperties', node.minProperties, false);
    for (const p of node.required ?? []) if (data[p] === undefined) this.fail(at, schemaAt, 'required', { missingProperty: p }, `must have required property '${p}'`);
    if (node.propertyNames !== undefined) {
      for (const key in data) {
        const outer = this.propertyName;
        this.propertyName = key;
        const ok = this.check(node.propertyNames, key, at, `${schemaAt}/propertyNames`);
        this.propertyName = outer;
        if (!ok) this.fail(at, schemaAt, 'propertyNames', { propertyName: key }, 'property name must be valid');
      }
    }
    const extra = node.additionalProperties;
    if (extra !== undefined) {
      for (const key in data) {
        if (isDeclared(node, key)) continue;
        if (extra === false) this.fail(at, schemaAt, 'additionalProperties', { additionalProperty: key }, 'must NOT have additional properties');
        else this.check(extra, data[key], `${at}/${escapePointerToken(key)}`, `${schemaAt}/additionalProperties`);
      }
    }
    for (const property in node.dependencies ?? {}) {
      const deps = node.dependencies![property]!;
      if (data[property] === undefined) continue;
      const message = `must have ${deps.length === 1 ? 'property' : 'properties'} ${deps.join(', ')} when property ${property} is present`;
      for (const missing of deps) if (data[missing] === undefined) this.fail(at, schemaAt, 'dependencies', { property, missingProperty: missing, depsCount: deps.length, deps: deps.join(', ') }, message);
    }
    for (const [key, schema, path] of node.properties) if (data[key] !== undefined) this.check(schema, data[key], `${at}/${escapePointerToken(key)}`, `${schemaAt}/${path}`);
  }
}

/** The verdict of a subschema (schema-verdict.ts). */
const holds = (node: Node, data: unknown): boolean => verdictOf(node.raw, node.root)(data);

/** What a value is for the keywords of its kind ('' for null, booleans and non-finite numbers). */
const kindOf = (data: unknown): string =>
  typeof data === 'string' ? 'string' : typeof data === 'object' && data !== null ? (Array.isArray(data) ? 'array' : 'object') : typeof data === 'number' && Number.isFinite(data) ? 'number' : '';

const valueIn = (node: Node, data: unknown): boolean =>
  node.enumSet !== undefined ? (typeof data !== 'object' || data === null) && node.enumSet.has(data) : node.enumValues!.some((v) => equal(data, v));

const isDeclared = (node: Node, key: string): boolean => node.declared !== undefined && key !== '__proto__' && hasOwn.call(node.declared, key);

function someType(types: readonly string[], d: unknown): boolean {
  for (let i = 0; i < types.length; i++) if (isType(types[i]!, d)) return true;
  return false;
}
