/**
 * Schema validation of the documents the core loads, with the core's own validator over the
 * schemas without annotations (`src/load/json-schema.ts`, `build/schemas.js`), and its errors
 * — ajv's, in ajv's words — rewritten for a billing expert. The tooling's documents (test
 * cases) are checked by an ajv validator generated at build time, with the same rewriting.
 */
import type { GeneratedValidationError } from '../../build/validators.js';
import { CORE_SCHEMAS } from '../../build/schemas.js';
import { SchemaChecker, type SchemaError, type SchemaRoot } from './json-schema';
import { factDefinitions } from './fact-schema';
import { escapePointerToken } from './json-text';

export interface SchemaProblem {
  pointer: string;
  de: string;
  en: string;
}

/**
 * All schema problems of a document of the given kind (empty when valid). Test cases have
 * their own validator module (src/tooling/test-cases-schema.ts): the core does not load them.
 */
export function schemaProblems(kind: CoreKind, value: unknown): SchemaProblem[] {
  return said(coreSchemaErrors(kind, value));
}

/** A kind of document the core loads; its schema is schemas/<kind>.schema.json. */
type CoreKind = 'ruleset' | 'catalogue' | 'practice-context' | 'contract' | 'master-catalogue';
const checkers = new Map<CoreKind, SchemaChecker>();
let roots: Map<string, SchemaRoot> | undefined;

/** The schema errors of a document of the given kind, as ajv gives them; null when it is valid. */
export function coreSchemaErrors(kind: CoreKind, value: unknown): SchemaError[] | null {
  let checker = checkers.get(kind);
  if (checker === undefined) {
    if (roots === undefined) {
      const all = (roots = new Map<string, SchemaRoot>());
      for (const [file, schema] of Object.entries(CORE_SCHEMAS)) all.set(file, { file, schema, roots: all });
      const ruleset = CORE_SCHEMAS['ruleset.schema.json'] as { definitions: Record<string, unknown> };
      ruleset.definitions = { ...ruleset.definitions, ...factDefinitions() };
    }
    checkers.set(kind, (checker = new SchemaChecker(roots.get(`${kind}.schema.json`)!)));
  }
  return checker.errors(value);
}

/** Schema errors (ajv's, or the core validator's in ajv's shape) said for a billing expert (some are said by another, some together). */
export function said(errors: readonly GeneratedValidationError[] | null): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const e of errors ?? []) {
    const known = vocabulary(e);
    const p = known === undefined ? translate(e) : known;
    if (p) out.push(p);
  }
  return out;
}

/**
 * A fact or operator the schema's generated enums do not know, and a test case that is neither
 * single nor batch, each said in one message (not as the list of every allowed name, nor once
 * per branch of an anyOf/oneOf).
 */
function vocabulary(e: GeneratedValidationError): SchemaProblem | null | undefined {
  if (e.schemaPath.includes('/operatorName/anyOf/') || e.schemaPath.includes('/cases/items/oneOf/')) return null;
  if (e.schemaPath.endsWith('/cases/items/oneOf')) {
    return { pointer: e.instancePath, de: 'Ein Fall braucht entry und expect, oder batch (eine Liste von {entry, expect}).', en: 'A case needs entry and expect, or batch (a list of {entry, expect}).' };
  }
  const value = (what: 'fact' | 'operator') => {
    const token = e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1);
    return token === what;
  };
  if (e.schemaPath.endsWith('/factName/enum') && value('fact')) {
    return { pointer: e.instancePath, de: 'Unbekannter Fakt (die Fakten: docs/facts.md, im Editor die Vervollständigung).', en: 'Unknown fact (the facts: docs/facts.md, or the completion in the editor).' };
  }
  if (e.schemaPath.endsWith('/operatorName/anyOf') && value('operator')) {
    return { pointer: e.instancePath, de: 'Unbekannter Operator (die Operatoren: docs/facts.md).', en: 'Unknown operator (the operators: docs/facts.md).' };
  }
  return undefined;
}

const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : String(v));

function translate(e: GeneratedValidationError): SchemaProblem | undefined {
  const at = e.instancePath;
  const params = e.params;
  switch (e.keyword) {
    case 'if':
    case 'allOf':
      return undefined; // the failing branch reports the real problem
    case 'required':
      return { pointer: at, de: `Pflichtangabe "${String(params['missingProperty'])}" fehlt.`, en: `Required "${String(params['missingProperty'])}" is missing.` };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      return { pointer: `${at}/${escapePointerToken(key)}`, de: `Unbekannte Angabe "${key}".`, en: `Unknown property "${key}".` };
    }
    case 'type':
      return { pointer: at, de: `Erwartet wird ${typeName(String(params['type']))}.`, en: `Expected ${String(params['type'])}.` };
    case 'enum':
      return { pointer: at, de: `Erlaubt sind: ${list(params['allowedValues'])}.`, en: `Allowed values: ${list(params['allowedValues'])}.` };
    case 'const':
      return { pointer: at, de: `Erwartet wird ${JSON.stringify(params['allowedValue'])}.`, en: `Expected ${JSON.stringify(params['allowedValue'])}.` };
    case 'pattern':
      return { pointer: at, de: `Das Format passt nicht (Muster ${String(params['pattern'])}).`, en: `Wrong format (pattern ${String(params['pattern'])}).` };
    case 'minItems':
      return { pointer: at, de: `Mindestens ${String(params['limit'])} Einträge nötig.`, en: `At least ${String(params['limit'])} items needed.` };
    case 'minLength':
      return { pointer: at, de: 'Darf nicht leer sein.', en: 'Must not be empty.' };
    case 'minimum':
      return { pointer: at, de: `Muss mindestens ${String(params['limit'])} sein.`, en: `Must be at least ${String(params['limit'])}.` };
    case 'uniqueItems':
      return { pointer: at, de: 'Einträge dürfen nicht doppelt vorkommen.', en: 'Items must be unique.' };
    case 'propertyNames':
      return { pointer: `${at}/${escapePointerToken(String(params['propertyName']))}`, de: `Ungültiger Name "${String(params['propertyName'])}".`, en: `Invalid name "${String(params['propertyName'])}".` };
    case 'not':
      return { pointer: at, de: 'Dieser Name ist reserviert.', en: 'This name is reserved.' };
    case 'anyOf':
    case 'oneOf':
      return { pointer: at, de: 'Der Wert passt zu keiner erlaubten Form.', en: 'The value matches none of the allowed forms.' };
    default:
      return { pointer: at, de: `Ungültig: ${e.message ?? e.keyword}.`, en: `Invalid: ${e.message ?? e.keyword}.` };
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = { string: 'ein Text', number: 'eine Zahl', integer: 'eine ganze Zahl', boolean: 'true oder false', object: 'ein Objekt', array: 'eine Liste', null: 'null' };
  return t
    .split(',')
    .map((x) => names[x] ?? x)
    .join(' oder ');
}
