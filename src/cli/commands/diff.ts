/**
 * `pvs-rules diff OLD.json NEW.json`: two versions of a rule set (rules and table rows added,
 * removed or changed) or two imports of a KBV master file (codes and prices added, removed or
 * changed).
 */
import { diffRuleSets, formatDiff } from '../../tooling/diff';
import { diffMasterCatalogues, formatMasterCatalogueDiff } from '../../tooling/master-catalogue-diff';
import { schemaProblems } from '../../load/schema';
import type { RuleSetDoc } from '../../model';
import type { MasterCatalogueDoc } from '../../catalogues/master-document';
import type { CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { problemAt, readJsonFile } from '../json-file';

type Compared = { kind: 'ruleset'; doc: RuleSetDoc } | { kind: 'master-catalogue'; doc: MasterCatalogueDoc };

export function diff(oldPath: string, newPath: string, format: string, lang: Lang, io: CliIo): number {
  const a = readDocument(oldPath, lang, io);
  const b = readDocument(newPath, lang, io);
  if (!a || !b) return 2;
  if (a.kind !== b.kind) {
    io.err(lang === 'en' ? `${oldPath} and ${newPath} are different kinds of document (${a.kind}, ${b.kind}).\n` : `${oldPath} und ${newPath} sind verschiedene Arten von Dokumenten (${a.kind}, ${b.kind}).\n`);
    return 2;
  }
  if (a.kind === 'master-catalogue' && b.kind === 'master-catalogue') {
    const d = diffMasterCatalogues(a.doc, b.doc);
    io.out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatMasterCatalogueDiff(d, lang));
    return 0;
  }
  const d = diffRuleSets(a.doc as RuleSetDoc, b.doc as RuleSetDoc);
  io.out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, lang));
  return 0;
}

/** A rule set or master catalogue that passes its schema (the diff reads its parts), or `undefined` after saying where it does not. */
function readDocument(path: string, lang: Lang, io: CliIo): Compared | undefined {
  const file = readJsonFile(path, lang, io);
  if (!file) return undefined;
  const doc = file.value;
  const kind = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { kind?: unknown }).kind : undefined;
  const problems =
    kind === 'ruleset' || kind === 'master-catalogue'
      ? schemaProblems(kind, doc).map((p) => problemAt(file, p.pointer, 'schema', p.de, p.en))
      : [problemAt(file, '/kind', 'kind', 'Weder Regelwerk noch Stammdatei-Katalog: "kind" muss "ruleset" oder "master-catalogue" sein.', 'Neither a rule set nor a master catalogue: "kind" must be "ruleset" or "master-catalogue".')];
  if (!problems.length) return { kind, doc } as Compared;
  io.err(formatProblems(problems, lang));
  return undefined;
}
