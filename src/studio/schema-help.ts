/**
 * Help from the project's JSON Schemas while editing: which keys and values fit where the
 * cursor is (completion), and what the key under the pointer means (hover). The schemas are
 * bundled at build time; their descriptions are "German / English".
 */
import type { EditorState } from '@codemirror/state';
import { syntaxTree } from '@codemirror/language';
import type { SyntaxNode } from '@lezer/common';
import catalogue from '../../schemas/catalogue.schema.json';
import contract from '../../schemas/contract.schema.json';
import masterCatalogue from '../../schemas/master-catalogue.schema.json';
import practiceContext from '../../schemas/practice-context.schema.json';
import ruleset from '../../schemas/ruleset.schema.json';
import serviceEntries from '../../schemas/service-entries.schema.json';
import testCases from '../../schemas/test-cases.schema.json';
import { lang } from './i18n';

export type Schema = { [key: string]: unknown };

const FILES: Record<string, Schema> = {
  'ruleset.schema.json': ruleset,
  'catalogue.schema.json': catalogue,
  'master-catalogue.schema.json': masterCatalogue,
  'contract.schema.json': contract,
  'test-cases.schema.json': testCases,
  'practice-context.schema.json': practiceContext,
  'service-entries.schema.json': serviceEntries,
};

/** A schema with the file it belongs to (for its `#/…` references). */
interface Located {
  schema: Schema;
  file: string;
}

/** The schema of a document: by its `kind`, else by its name. */
export function documentSchema(path: string, text: string): Located | undefined {
  const kind = /"kind"\s*:\s*"([a-z-]+)"/.exec(text)?.[1] ?? (path.endsWith('.test.json') ? 'test-cases' : undefined);
  const file = kind ? `${kind}.schema.json` : undefined;
  return file && FILES[file] ? { schema: FILES[file]!, file } : undefined;
}

function deref(s: Located, depth = 0): Located {
  const ref = s.schema['$ref'];
  if (typeof ref !== 'string' || depth > 20) return s;
  const [file, pointer = ''] = ref.split('#');
  const target = file ? file.slice(file.lastIndexOf('/') + 1) : s.file;
  let node: unknown = FILES[target];
  for (const token of pointer.split('/').slice(1)) node = (node as Schema | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  // The referring schema's own description wins over the target's.
  const merged = { ...(node as Schema), ...(typeof s.schema['description'] === 'string' ? { description: s.schema['description'] } : {}) };
  return node ? deref({ schema: merged, file: target }, depth + 1) : s;
}

/** The alternatives a value may take (anyOf/oneOf/allOf/if-then-else flattened), each dereferenced. */
function alternatives(s: Located, depth = 0): Located[] {
  const d = deref(s);
  const out: Located[] = [d];
  if (depth > 10) return out;
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = d.schema[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...alternatives({ schema: sub as Schema, file: d.file }, depth + 1));
  }
  for (const key of ['then', 'else']) {
    const sub = d.schema[key];
    if (sub && typeof sub === 'object') out.push(...alternatives({ schema: sub as Schema, file: d.file }, depth + 1));
  }
  return out;
}

/** The schemas a value at `path` (keys and array indexes) may follow. */
export function schemasAt(root: Located, path: readonly (string | number)[]): Located[] {
  let current = alternatives(root);
  for (const step of path) {
    const next: Located[] = [];
    for (const s of current) {
      const props = s.schema['properties'] as Record<string, Schema> | undefined;
      if (typeof step === 'number') {
        const items = s.schema['items'];
        if (items && typeof items === 'object' && !Array.isArray(items)) next.push(...alternatives({ schema: items as Schema, file: s.file }));
      } else if (props && step in props) next.push(...alternatives({ schema: props[step]!, file: s.file }));
      else {
        const patterns = s.schema['patternProperties'] as Record<string, Schema> | undefined;
        const matched = Object.entries(patterns ?? {}).filter(([p]) => new RegExp(p).test(step));
        for (const [, sub] of matched) next.push(...alternatives({ schema: sub, file: s.file }));
        const extra = s.schema['additionalProperties'];
        if (!matched.length && extra && typeof extra === 'object') next.push(...alternatives({ schema: extra as Schema, file: s.file }));
      }
    }
    current = next;
  }
  return current;
}

/** The part of a "German / English" description for the current language. */
export function describe(schema: Schema): string | undefined {
  const d = schema['description'];
  if (typeof d !== 'string') return undefined;
  const at = d.indexOf(' / ');
  if (at < 0) return d;
  return lang() === 'de' ? d.slice(0, at) : d.slice(at + 3);
}

/** Keys allowed in an object following one of `schemas`, with their descriptions and types. */
export function keysOf(schemas: Located[]): { key: string; info?: string; type?: string; required: boolean }[] {
  const out = new Map<string, { key: string; info?: string; type?: string; required: boolean }>();
  for (const s of schemas) {
    const required = new Set(Array.isArray(s.schema['required']) ? (s.schema['required'] as string[]) : []);
    for (const [key, sub] of Object.entries((s.schema['properties'] as Record<string, Schema>) ?? {})) {
      if (out.has(key)) continue;
      const d = deref({ schema: sub, file: s.file }).schema;
      const type = typeof d['type'] === 'string' ? (d['type'] as string) : d['const'] !== undefined ? JSON.stringify(d['const']) : undefined;
      out.set(key, { key, info: describe(sub) ?? describe(d), type, required: required.has(key) });
    }
  }
  return [...out.values()];
}

/** Values a schema names outright: enum, const, booleans. */
export function valuesOf(schemas: Located[]): unknown[] {
  const out: unknown[] = [];
  for (const s of schemas) {
    if (Array.isArray(s.schema['enum'])) out.push(...(s.schema['enum'] as unknown[]));
    if ('const' in s.schema) out.push(s.schema['const']);
    if (s.schema['type'] === 'boolean') out.push(true, false);
  }
  return [...new Set(out.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown);
}

/** Where the cursor is in the JSON document: the path of the object or value, and what is being typed. */
export interface Place {
  /** Path of the enclosing object (`key`) or of the value (`value`). */
  path: (string | number)[];
  kind: 'key' | 'value';
  /** The range a completion replaces (a started string, or nothing). */
  from: number;
  to: number;
  /** Keys already present in the enclosing object. */
  present: string[];
}

const keyText = (state: EditorState, node: SyntaxNode) => {
  const raw = state.sliceDoc(node.from, node.to);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
};

/** The path from the document root to `node` (a value node). */
function pathOf(state: EditorState, node: SyntaxNode | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n = node; n && n.parent; n = n.parent) {
    const parent = n.parent;
    if (parent.name === 'Property' && n.name !== 'PropertyName') {
      const name = parent.getChild('PropertyName');
      if (name) path.unshift(keyText(state, name));
    } else if (parent.name === 'Array') {
      let index = 0;
      for (let c = parent.firstChild; c && c.from < n.from; c = c.nextSibling) if (!['[', ']', ',', '⚠'].includes(c.name)) index++;
      path.unshift(index);
    }
  }
  return path;
}

function presentKeys(state: EditorState, object: SyntaxNode): string[] {
  const out: string[] = [];
  for (let c = object.firstChild; c; c = c.nextSibling) {
    const name = c.name === 'Property' ? c.getChild('PropertyName') : null;
    if (name) out.push(keyText(state, name));
  }
  return out;
}

/** What the cursor at `pos` is typing, or undefined outside any object or array. */
export function placeAt(state: EditorState, pos: number): Place | undefined {
  const node = syntaxTree(state).resolveInner(pos, -1);
  const isValue = (n: SyntaxNode) => ['String', 'Number', 'True', 'False', 'Null', 'Object', 'Array'].includes(n.name);
  // A key being typed: a PropertyName, or a bare string where a key belongs.
  if (node.name === 'PropertyName' || (node.name === 'String' && node.parent?.name === 'Object')) {
    const object = node.parent?.name === 'Property' ? node.parent.parent : node.parent;
    if (!object) return undefined;
    return { path: pathOf(state, object), kind: 'key', from: node.from, to: node.to, present: presentKeys(state, object).filter((k) => k !== keyText(state, node)) };
  }
  if (isValue(node) && node.name !== 'Object' && node.name !== 'Array' && (node.parent?.name === 'Property' || node.parent?.name === 'Array')) {
    return { path: pathOf(state, node), kind: 'value', from: node.from, to: node.to, present: [] };
  }
  // Between tokens: inside an object a key comes next unless a ':' is waiting for its value.
  const container = node.name === 'Object' || node.name === 'Array' ? node : node.parent?.name === 'Object' || node.parent?.name === 'Array' ? node.parent : node.name === 'Property' ? node : node.parent;
  if (!container) return undefined;
  if (container.name === 'Property') {
    const before = state.sliceDoc(container.from, pos);
    if (before.includes(':')) return { path: [...pathOf(state, container.parent), keyText(state, container.getChild('PropertyName')!)], kind: 'value', from: pos, to: pos, present: [] };
    return { path: pathOf(state, container.parent), kind: 'key', from: pos, to: pos, present: container.parent ? presentKeys(state, container.parent) : [] };
  }
  if (container.name === 'Object') return { path: pathOf(state, container), kind: 'key', from: pos, to: pos, present: presentKeys(state, container) };
  if (container.name === 'Array') {
    let index = 0;
    for (let c = container.firstChild; c && c.to <= pos; c = c.nextSibling) if (c.name === ',') index++;
    return { path: [...pathOf(state, container), index], kind: 'value', from: pos, to: pos, present: [] };
  }
  return undefined;
}

/** The path of the key or value under `pos` (for hover help). */
export function keyPathAt(state: EditorState, pos: number): (string | number)[] | undefined {
  const node = syntaxTree(state).resolveInner(pos, 1);
  if (node.name !== 'PropertyName') return undefined;
  const property = node.parent;
  if (!property) return undefined;
  return [...pathOf(state, property.parent), keyText(state, node)];
}
