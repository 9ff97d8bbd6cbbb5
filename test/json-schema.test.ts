// The core's schema validator (src/load/json-schema.ts) against ajv, with the options the
// generated validators are built with, on the schemas without annotations the core ships
// (build/schemas.js, the same without $schema and $id): the same verdict and the same errors (every field, in the same order) on
// every shipped document and many broken copies of each.
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreSchemaErrors } from '../src/load/schema';
import { AJV_OPTIONS, GENERATED_DEFINITIONS, MODULES, readSchemas, withoutAnnotations } from '../scripts/validators-source';
import { factDefinitions } from '../src/load/fact-schema';
import { ROOT } from './helpers';
import { readRuleSources } from '../src/node/files';

const FILES = MODULES.validators;
type Kind = 'ruleset' | 'catalogue' | 'practice-context' | 'contract' | 'master-catalogue';
const FILE_OF: Record<Kind, string> = {
  ruleset: FILES.validateRuleSet,
  catalogue: FILES.validateCatalogue,
  'practice-context': FILES.validatePracticeContext,
  contract: FILES.validateContract,
  'master-catalogue': FILES.validateMasterCatalogue,
};
// As the generated validators are built: the same schemas without annotations.
const schemas = Object.values(readSchemas(ROOT)).map((s) => withoutAnnotations(s) as { $id: string });
const ajv = new Ajv({ ...AJV_OPTIONS, schemas });
const reference = (kind: Kind, value: unknown) => {
  const validate = ajv.getSchema(schemas.find((s) => s.$id.endsWith(`/${FILE_OF[kind]}`))!.$id)!;
  return validate(value) ? null : validate.errors!.map((e) => ({ ...e }));
};

function documents(): { name: string; kind: Kind; value: unknown }[] {
  return readRuleSources(['rules', 'examples/practice-context.json'], ROOT, true).map((s) => {
    const value = JSON.parse(s.text) as { kind: Kind };
    return { name: s.name, kind: value.kind, value };
  });
}

/** Every object and array of `doc` down to `depth` (a few of each level's children), with its parent. */
function containers(doc: unknown, depth: number): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, d: number) => {
    if (d > depth || typeof v !== 'object' || v === null) return;
    out.push(v);
    const children = Object.values(v);
    for (const child of [...children.slice(0, 3), ...children.slice(-2)]) walk(child, d + 1);
  };
  walk(doc, 0);
  return out;
}

const WRONG = [7, 'x', '', -1, 1.5, true, null, [], {}, ['a', 'a'], { fact: 'gop' }, 99999];

/**
 * Broken copies of `doc`: at its containers, a member added, dropped, or given values of other
 * types; `count` of them, spread evenly. Each is `doc` itself, edited in place and mended when
 * the next is asked for (a copy of the whole document each time was most of this file's time):
 * use each before asking for the next.
 */
function* mutations(doc: unknown, depth: number, count: number): Generator<unknown> {
  const edits: { target: Record<string, unknown>; edit: (t: Record<string, unknown>) => void }[] = [];
  for (const target of containers(doc, depth)) {
    const t = target as Record<string, unknown>;
    const keys = Object.keys(t);
    const add = (edit: (t: Record<string, unknown>) => void) => edits.push({ target: t, edit });
    add((t) => (Array.isArray(t) ? t.push(t[0] ?? 1) : (t['zzUnknown'] = 1)));
    add((t) => (Array.isArray(t) ? t.splice(0) : (t['Bad Name!'] = {})));
    for (const k of keys) add((t) => (Array.isArray(t) ? t.splice(Number(k), 1) : delete t[k]));
    for (const k of keys) for (const w of WRONG) add((t) => (t[k] = structuredClone(w)));
  }
  const step = Math.max(1, Math.floor(edits.length / count));
  for (let i = 0; i < edits.length; i += step) {
    const { target: t, edit } = edits[i]!;
    const saved = Array.isArray(t) ? [...t] : { ...t };
    edit(t);
    yield doc;
    if (Array.isArray(t)) t.splice(0, t.length, ...(saved as unknown[]));
    else {
      for (const k of Object.keys(t)) delete t[k];
      Object.assign(t, saved);
    }
  }
}

/** Copies of `doc` with one text (a key's value, an item) made empty, given a space, or a character outside the BMP; `count` of them, spread evenly; each `doc` itself, as in `mutations`. */
function* textMutations(doc: unknown, count: number): Generator<unknown> {
  const places: { parent: Record<string, unknown>; key: string }[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, child] of Object.entries(v)) {
      if (typeof child === 'string') places.push({ parent: v as Record<string, unknown>, key: k });
      else walk(child);
    }
  };
  walk(doc);
  const edits = places.flatMap((p) => ['', ' ', `${p.parent[p.key] as string} x`, '\u{1F600}', `${(p.parent[p.key] as string).slice(0, -1)}`].map((text) => ({ ...p, text })));
  const step = Math.max(1, Math.floor(edits.length / count));
  for (let i = 0; i < edits.length; i += step) {
    const { parent, key, text } = edits[i]!;
    const saved = parent[key];
    parent[key] = text;
    yield doc;
    parent[key] = saved;
  }
}

describe('core schema validator (src/load/json-schema.ts)', () => {
  it("makes the ruleset schema's generated definitions (facts, operators, fact params) exactly as the schema file has them, order included", () => {
    const file = schemas.find((s) => s.$id.endsWith('/ruleset.schema.json')) as unknown as { definitions: Record<string, unknown> };
    const made = factDefinitions() as Record<string, unknown>;
    expect(Object.keys(made)).toEqual(GENERATED_DEFINITIONS);
    for (const name of GENERATED_DEFINITIONS) expect(JSON.stringify(made[name]), name).toBe(JSON.stringify(file.definitions[name]));
  });

  it("gives ajv's verdict and errors on every shipped document and broken copies of it", () => {
    let compared = 0;
    let invalid = 0;
    for (const doc of documents()) {
      expect(coreSchemaErrors(doc.kind, doc.value), doc.name).toBeNull();
      for (const value of mutations(doc.value, 5, JSON.stringify(doc.value).length > 100_000 ? 25 : 120)) {
        const want = reference(doc.kind, value);
        expect(coreSchemaErrors(doc.kind, value), doc.name).toEqual(want);
        compared++;
        if (want) invalid++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(compared / 2);
  });

  it("decides as ajv does on many more broken copies of every shipped document, texts that miss their pattern included (the compiled verdict, src/load/schema-verdict.ts)", () => {
    let compared = 0;
    let invalid = 0;
    for (const doc of documents()) {
      const big = JSON.stringify(doc.value).length > 20_000;
      for (const value of (function* () {
        yield* mutations(doc.value, 6, big ? 40 : 200);
        yield* textMutations(doc.value, big ? 40 : 200);
      })()) {
        const want = reference(doc.kind, value) === null;
        // Valid: null without the interpreter; invalid: the interpreter finds the errors (never an empty list).
        const got = coreSchemaErrors(doc.kind, value);
        expect(got === null, doc.name).toBe(want);
        if (got !== null) expect(got.length).toBeGreaterThan(0);
        compared++;
        if (!want) invalid++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
    expect(invalid).toBeGreaterThan(compared / 3);
  });

  it("gives ajv's errors on random documents of every kind", () => {
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.constantFrom('ruleset', 'gop', 'equal', 'de', 'all', 'x', '2026-01-01', ''), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null)),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('kind', 'id', 'rules', 'conditions', 'all', 'any', 'fact', 'operator', 'value', 'event', 'params', 'de', 'en', 'name', 'zz'), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.constantFrom<Kind>('ruleset', 'catalogue', 'practice-context', 'contract', 'master-catalogue'), json, (kind, value) => {
        expect(coreSchemaErrors(kind, value)).toEqual(reference(kind, value));
      }),
      { numRuns: 1500, seed: 18 },
    );
  });
});
