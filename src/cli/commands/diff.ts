/** `pvs-rules diff OLD.json NEW.json`: rules and table rows added, removed or changed. */
import { diffRuleSets, formatDiff } from '../../tooling/diff';
import { schemaProblems } from '../../load/schema';
import type { RuleSetDoc } from '../../model';
import type { CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { problemAt, readJsonFile } from '../json-file';

export function diff(oldPath: string, newPath: string, format: string, lang: Lang, io: CliIo): number {
  const a = readRuleSet(oldPath, lang, io);
  const b = readRuleSet(newPath, lang, io);
  if (!a || !b) return 2;
  const d = diffRuleSets(a, b);
  io.out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, lang));
  return 0;
}

/** A rule set that passes its schema (the diff reads its parts), or `undefined` after saying where it does not. */
function readRuleSet(path: string, lang: Lang, io: CliIo): RuleSetDoc | undefined {
  const file = readJsonFile(path, lang, io);
  if (!file) return undefined;
  const doc = file.value;
  const kind = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { kind?: unknown }).kind : undefined;
  const problems =
    kind === 'ruleset'
      ? schemaProblems('ruleset', doc).map((p) => problemAt(file, p.pointer, 'schema', p.de, p.en))
      : [problemAt(file, '/kind', 'kind', 'Kein Regelwerk: "kind" muss "ruleset" sein.', 'Not a rule set: "kind" must be "ruleset".')];
  if (!problems.length) return doc as RuleSetDoc;
  io.err(formatProblems(problems, lang));
  return undefined;
}
