// The ajv validators generated at build time (build/*.js, scripts/gen-validators.ts)
// against ajv compiling the same schemas at run time: the same verdict and the same errors.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../build/validators.js';
import * as testCases from '../build/test-cases-validator.js';
import { AJV_OPTIONS, MODULES, readSchemas } from '../scripts/validators-source';
import { ROOT } from './helpers';
import { readRuleSources } from '../src/node/files';
import { readTestCaseSources } from '../src/node/test-case-files';

const generated = { ...core, ...testCases };
const modules = Object.keys(MODULES);
const code = modules.map((m) => readFileSync(`${ROOT}/build/${m}.js`, 'utf8'));
const declarations = modules.map((m) => readFileSync(`${ROOT}/build/${m}.d.ts`, 'utf8'));
const schemas = readSchemas(ROOT);
const runtime = new Ajv({ ...AJV_OPTIONS, schemas: Object.values(schemas) });

/** Shipped documents of each kind, as the loader sees them. */
function documents(): { name: string; kind: string; value: unknown }[] {
  const sources = [...readRuleSources(['rules', 'examples/practice-context.json'], ROOT), ...readTestCaseSources(['rules'], ROOT)];
  return sources.map((s) => {
    const value = JSON.parse(s.text) as { kind: string };
    return { name: s.name, kind: value.kind, value };
  });
}

const VALIDATOR = { ruleset: 'validateRuleSet', catalogue: 'validateCatalogue', 'practice-context': 'validatePracticeContext', 'test-cases': 'validateTestCases', contract: 'validateContract', 'master-catalogue': 'validateMasterCatalogue' } as const;

/** Broken copies of `doc`: an unknown key, a key dropped, a value of the wrong type, at each object down to `depth`. */
function* mutations(doc: unknown, depth = 4): Generator<unknown> {
  const objects: Record<string, unknown>[] = [];
  const walk = (v: unknown, d: number) => {
    if (d > depth || typeof v !== 'object' || v === null) return;
    if (!Array.isArray(v)) objects.push(v as Record<string, unknown>);
    for (const child of Object.values(v).slice(0, 4)) walk(child, d + 1);
  };
  walk(doc, 0);
  for (const target of objects) {
    const keys = Object.keys(target);
    for (const edit of [
      (o: Record<string, unknown>) => (o['zzUnbekannt'] = 1),
      (o: Record<string, unknown>) => keys[0] !== undefined && delete o[keys[0]],
      (o: Record<string, unknown>) => keys[keys.length - 1] !== undefined && (o[keys[keys.length - 1]!] = typeof o[keys[keys.length - 1]!] === 'string' ? 7 : ''),
    ]) {
      const saved = { ...target };
      edit(target);
      yield structuredClone(doc);
      for (const k of Object.keys(target)) delete target[k];
      Object.assign(target, saved);
    }
  }
}

const errorsOf = (errors: readonly { instancePath: string; schemaPath: string; keyword: string }[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath} ${e.schemaPath} ${e.keyword}`);

describe('generated ajv validators (build/*.js)', () => {
  it('contain no eval, no new Function and no imports', () => {
    for (const text of code) expect(text).not.toMatch(/new Function|\beval\(|require\(|^import /m);
  });

  it('are declared exactly as exported, one per schema (build/*.d.ts, generated too)', () => {
    const declaredIn = (text: string) => [...text.matchAll(/^export declare const (\w+): GeneratedValidator;$/gm)].map((m) => m[1]).sort();
    expect(declaredIn(declarations[0]!)).toEqual(Object.keys(core).sort());
    expect(declaredIn(declarations[1]!)).toEqual(Object.keys(testCases).sort());
    expect(Object.keys(generated).sort()).toEqual(Object.keys(schemas).sort());
  });

  it('give the verdict and the errors of ajv compiling the schemas at run time, on every shipped document and broken copies of it', () => {
    let compared = 0;
    let invalid = 0;
    for (const doc of documents()) {
      const name = VALIDATOR[doc.kind as keyof typeof VALIDATOR];
      expect(name, doc.name).toBeDefined();
      const ahead = generated[name];
      const now = runtime.getSchema(schemas[name].$id)!;
      for (const value of [doc.value, ...mutations(doc.value)]) {
        const verdict = ahead(value);
        expect(now(value), doc.name).toBe(verdict);
        expect(errorsOf(ahead.errors), doc.name).toEqual(errorsOf(now.errors));
        compared++;
        if (!verdict) invalid++;
      }
      expect(ahead(doc.value), doc.name).toBe(true);
    }
    expect(compared).toBeGreaterThan(300);
    expect(invalid).toBeGreaterThan(compared / 3);
  });
});
