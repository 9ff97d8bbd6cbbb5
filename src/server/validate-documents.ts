/**
 * `POST /v1/validate`: documents in, located problems out, without touching the disk. Rule
 * sets, catalogues and contracts load as one bundle — with `folder`, together with the rule
 * folder's other documents, the given ones replacing those of the same name, so a rule set
 * being edited is checked against the catalogues and versions it lives with. Expert test
 * cases (`kind: "test-cases"`) and practice contexts are checked on their own.
 */
import { loadPracticeContext, loadRuleSets } from '../../plugin-api/index';
import type { LoadProblem, RuleSetSource } from '../../plugin-api/types';
import { locate, MAX_JSON_LENGTH, parseJson, Positions } from '../load/json-text';
import { schemaProblems } from '../tooling/test-cases-schema';
import { firstSyntaxProblem } from './json-scan';

export interface ValidationResult {
  ok: boolean;
  /** `<id>@<version>` of the rule sets that loaded (empty when any has an error). */
  ruleSets: string[];
  problems: LoadProblem[];
}

const kindOf = (text: string) => /"kind"\s*:\s*"([a-z-]+)"/.exec(text)?.[1];

function testCaseProblems(source: RuleSetSource): LoadProblem[] {
  const broken = scannedSyntaxProblem(source);
  if (broken) return [broken];
  const parsed = parseJson(source.text);
  if (parsed.value === undefined || parsed.problems.length) return parsed.problems.map((p) => ({ file: source.name, severity: 'error', ...p }));
  return schemaProblems('test-cases', parsed.value).map((p) => ({ file: source.name, pointer: p.pointer, ...locate(parsed.positions, p.pointer), severity: 'error', code: 'schema', message: p.de, messageEn: p.en }));
}

/**
 * Documents larger than this are scanned for a syntax error (json-scan.ts) before they are
 * loaded: the loader reads a document with JSON.parse first, which costs about 0.4 µs an
 * object or list (30 MB of "[" took it 10 s). A smaller document is loaded as it is.
 */
export const SCAN_FIRST_CHARS = 256 * 1024;

/**
 * The syntax error of a large document, as the loader reports it, found by the scan; undefined
 * for a small or well-formed one. Unlike the loader, it does not report a duplicate key (or the
 * like) before the syntax error: that shows once the syntax is fixed.
 */
export function scannedSyntaxProblem(source: RuleSetSource): LoadProblem | undefined {
  if (source.text.length <= SCAN_FIRST_CHARS || source.text.length > MAX_JSON_LENGTH) return undefined;
  const p = firstSyntaxProblem(source.text);
  if (p === undefined) return undefined;
  const { line, column } = new Positions(source.text).positionOf(p.at);
  return { file: source.name, severity: 'error', pointer: '', line, column, code: 'syntax', message: `JSON-Syntaxfehler: ${p.de}`, messageEn: `JSON syntax error: ${p.en}` };
}

/**
 * loadRuleSets, with the syntax errors of large documents found by the scan (see
 * scannedSyntaxProblem) and those documents left out of the load; `ok` is false when there is one.
 */
export function loadScanned(sources: readonly RuleSetSource[]): ReturnType<typeof loadRuleSets> {
  const broken: LoadProblem[] = [];
  const rest = sources.filter((s) => {
    const p = scannedSyntaxProblem(s);
    if (p) broken.push(p);
    return p === undefined;
  });
  const loaded = loadRuleSets(rest);
  if (broken.length === 0) return loaded;
  // With the broken document in it, the load had an error: it would not say "no rule sets".
  return { ok: false, problems: [...broken, ...loaded.problems.filter((p) => p.code !== 'no-rule-sets')] };
}

/** Validates `documents`; `folder` are the rule folder's documents to check them with. */
export function validateDocuments(documents: readonly RuleSetSource[], folder: readonly RuleSetSource[] = []): ValidationResult {
  const problems: LoadProblem[] = [];
  const bundleDocs: RuleSetSource[] = [];
  for (const d of documents) {
    const kind = kindOf(d.text);
    if (kind === 'test-cases' || d.name.endsWith('.test.json')) problems.push(...testCaseProblems(d));
    else if (kind === 'practice-context') {
      const broken = scannedSyntaxProblem(d);
      problems.push(...(broken ? [broken] : loadPracticeContext(d).problems));
    }
    else bundleDocs.push(d);
  }
  let ruleSets: string[] = [];
  if (bundleDocs.length) {
    const given = new Set(bundleDocs.map((d) => d.name));
    const loaded = loadScanned([...folder.filter((f) => !given.has(f.name)), ...bundleDocs]);
    problems.push(...loaded.problems);
    if (loaded.ok) ruleSets = [...loaded.bundle.ruleSets];
  }
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, ruleSets: ok ? ruleSets : [], problems };
}
