/**
 * The fact and operator enums of schemas/ruleset.schema.json and docs/facts.md are generated
 * from the fact registry (npm run gen:facts): this test fails when either is stale, so the
 * editor's completion and the reference never disagree with the code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsMarkdown, rulesetSchema } from '../scripts/facts-reference';
import { FACT_DOCS, FACT_PARAM_DOCS } from '../src/facts/fact-docs';
import { FACTS } from '../src/facts/facts';
import { ROOT } from './helpers';

const schemaText = () => readFileSync(`${ROOT}/schemas/ruleset.schema.json`, 'utf8');

describe('generated from the fact registry', () => {
  it('schemas/ruleset.schema.json holds the current enums (run npm run gen:facts when this fails)', () => {
    expect(schemaText()).toBe(rulesetSchema(schemaText()));
  });

  it('docs/facts.md is current (run npm run gen:facts when this fails)', () => {
    expect(readFileSync(`${ROOT}/docs/facts.md`, 'utf8')).toBe(factsMarkdown());
  });

  it('a condition’s fact is one of the registry’s facts, each with a description; the operator one of json-rules-engine’s', () => {
    const schema = JSON.parse(schemaText());
    const factName = schema.definitions.factName;
    expect(factName.enum).toEqual([...FACTS.keys()]);
    expect(factName.markdownEnumDescriptions).toHaveLength(FACTS.size);
    expect(schema.definitions.condition.properties.fact).toEqual({ $ref: '#/definitions/factName' });
    expect(schema.definitions.condition.properties.operator).toEqual({ $ref: '#/definitions/operatorName' });
    expect(schema.definitions.operatorName.anyOf[0].enum).toContain('everyFact:notEqual');
  });

  it('every fact has its German and English text in src/facts/fact-docs.ts, and that file names no other fact', () => {
    expect(Object.keys(FACT_DOCS).sort()).toEqual([...FACTS.keys()].sort());
    for (const doc of Object.values(FACT_DOCS)) expect([doc.de.length > 5, doc.en.length > 5]).toEqual([true, true]);
  });

  it('every param of a fact has its German and English text in src/facts/fact-docs.ts, and that file names no other', () => {
    const params = (docs: Readonly<Record<string, object | undefined>>) => Object.entries(docs).flatMap(([id, p]) => Object.keys(p ?? {}).map((name) => `${id}.${name}`)).sort();
    expect(params(FACT_PARAM_DOCS)).toEqual(params(Object.fromEntries([...FACTS.values()].map((f) => [f.id, f.params]))));
    expect(params(FACT_PARAM_DOCS).length).toBeGreaterThan(10);
    for (const p of Object.values(FACT_PARAM_DOCS)) for (const doc of Object.values(p)) expect([doc.de.length > 5, doc.en.length > 5]).toEqual([true, true]);
  });

  it('the reference names only statuses the membership fact has (the hand-written docs named "no-context")', () => {
    const doc = readFileSync(`${ROOT}/docs/facts.md`, 'utf8');
    expect(doc).not.toContain('no-context');
    for (const status of ['member', 'not-member', 'before-joining', 'after-leaving', 'unknown-team', 'team-not-valid']) expect(doc).toContain(status);
  });

  it('npm run build starts with gen:facts on a fresh clone: nothing it imports needs the generated validators in build/', () => {
    // Walks the relative imports (type-only ones are erased and skipped) from the script.
    const seen = new Set<string>();
    const needsBuild: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(type\s)?[^'"]*?from\s+'(\.[^']+)'/gm)) {
        if (m[1]) continue;
        const target = resolve(dirname(file), m[2]!);
        if (target.includes('/build/')) needsBuild.push(file);
        else for (const f of [target, `${target}.ts`, `${target}/index.ts`]) if (existsSync(f) && f.endsWith('.ts')) { visit(f); break; }
      }
    };
    visit(`${ROOT}/scripts/gen-facts.ts`);
    expect(seen.size).toBeGreaterThan(5);
    expect(needsBuild).toEqual([]);
  });
});
