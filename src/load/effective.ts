/**
 * The effective rule-set versions of a set of documents, without compiling them: each version
 * with everything it inherits (see extends.ts). For tools that read versions rather than run
 * them — `diff`, the studio — so they see what the evaluators see.
 */
import type { LoadProblem, RuleSetSource } from '../../plugin-api/types';
import type { RuleSetDoc, RuleSetSourceDoc } from '../model';
import { locate, parseJson } from './json-text';
import { schemaProblems } from './schema';
import { resolveVersions, WATCHED_KEYS, type ParsedRuleSet } from './extends';

export interface EffectiveVersion {
  /** The file the version is written in. */
  file: string;
  /** `id@version` */
  key: string;
  /** `id@version` of the version it extends, if any. */
  base: string | null;
  doc: RuleSetDoc;
}

/**
 * Every rule-set version among `sources` that parses, passes its schema and resolves, with
 * the problems of those that do not. Other kinds of documents are passed over.
 */
export function effectiveVersions(sources: readonly RuleSetSource[]): { versions: EffectiveVersion[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const parsed: ParsedRuleSet[] = [];
  for (const { name, text } of sources) {
    const p = parseJson(text, WATCHED_KEYS);
    const doc = p.value as { kind?: unknown } | undefined;
    if (p.problems.length || typeof doc !== 'object' || doc === null || doc.kind !== 'ruleset') {
      for (const x of p.problems) problems.push({ file: name, severity: 'error', ...x });
      continue;
    }
    const schema = schemaProblems('ruleset', doc);
    for (const x of schema) problems.push({ file: name, pointer: x.pointer, ...locate(p.positions, x.pointer), severity: 'error', code: 'schema', message: x.de, messageEn: x.en });
    if (!schema.length) parsed.push({ name, doc: doc as RuleSetSourceDoc, positions: p.positions, keys: p.keys });
  }
  const resolved = resolveVersions(parsed, (file, positions, pointer, code, de, en, severity = 'error') =>
    problems.push({ file, pointer, ...locate(positions, pointer), severity, code, message: de, messageEn: en }),
  );
  return { versions: resolved.map((r) => ({ file: r.source.name, key: `${r.doc.id}@${r.doc.version}`, base: r.base, doc: r.doc })), problems };
}
