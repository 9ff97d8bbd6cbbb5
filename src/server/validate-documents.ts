/**
 * `POST /v1/validate`: documents in, located problems out, without touching the disk. Rule
 * sets, catalogues and contracts load as one bundle — with `folder`, together with the rule
 * folder's other documents, the given ones replacing those of the same name, so a rule set
 * being edited is checked against the catalogues and versions it lives with. Expert test
 * cases (`kind: "test-cases"`) and practice contexts are checked on their own.
 */
import { loadPracticeContext, loadRuleSets } from '../../plugin-api/index';
import type { LoadProblem, RuleSetSource } from '../../plugin-api/types';
import { locate, parseJson } from '../load/json-text';
import { schemaProblems } from '../tooling/test-cases-schema';

export interface ValidationResult {
  ok: boolean;
  /** `<id>@<version>` of the rule sets that loaded (empty when any has an error). */
  ruleSets: string[];
  problems: LoadProblem[];
}

const kindOf = (text: string) => /"kind"\s*:\s*"([a-z-]+)"/.exec(text)?.[1];

function testCaseProblems(source: RuleSetSource): LoadProblem[] {
  const parsed = parseJson(source.text);
  if (parsed.value === undefined || parsed.problems.length) return parsed.problems.map((p) => ({ file: source.name, severity: 'error', ...p }));
  return schemaProblems('test-cases', parsed.value).map((p) => ({ file: source.name, pointer: p.pointer, ...locate(parsed.positions, p.pointer), severity: 'error', code: 'schema', message: p.de, messageEn: p.en }));
}

/** Validates `documents`; `folder` are the rule folder's documents to check them with. */
export function validateDocuments(documents: readonly RuleSetSource[], folder: readonly RuleSetSource[] = []): ValidationResult {
  const problems: LoadProblem[] = [];
  const bundleDocs: RuleSetSource[] = [];
  for (const d of documents) {
    const kind = kindOf(d.text);
    if (kind === 'test-cases' || d.name.endsWith('.test.json')) problems.push(...testCaseProblems(d));
    else if (kind === 'practice-context') problems.push(...loadPracticeContext(d).problems);
    else bundleDocs.push(d);
  }
  let ruleSets: string[] = [];
  if (bundleDocs.length) {
    const given = new Set(bundleDocs.map((d) => d.name));
    const loaded = loadRuleSets([...folder.filter((f) => !given.has(f.name)), ...bundleDocs]);
    problems.push(...loaded.problems);
    if (loaded.ok) ruleSets = [...loaded.bundle.ruleSets];
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, ruleSets: ok ? ruleSets : [], problems };
}
