/**
 * `pvs-rules diff OLD.json NEW.json [--rules DIR]`: two versions of a rule set — their
 * effective difference: rules, parameters and table rows added, removed or changed, inherited
 * parts included (the versions they extend are taken from the two files and from --rules,
 * default the bundled rule sets, and then each one so taken is named) — or two imports of a KBV master file (codes and prices
 * added, removed or changed).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffVersionFiles, formatDiff } from '../../tooling/diff';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../node/files';
import { diffMasterCatalogues, formatMasterCatalogueDiff } from '../../tooling/master-catalogue-diff';
import { schemaProblems } from '../../load/schema';
import type { RuleSetDoc } from '../../model';
import type { RuleSetDiff } from '../../tooling/diff';
import type { MasterCatalogueDoc } from '../../catalogues/master-document';
import type { CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { reportUnreadable } from '../prepare';
import { problemAt, readJsonFile } from '../json-file';

type Compared = { kind: 'ruleset'; doc: RuleSetDoc } | { kind: 'master-catalogue'; doc: MasterCatalogueDoc };

export function diff(oldPath: string, newPath: string, format: string, lang: Lang, io: CliIo, rules?: string[]): number {
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
  const d = diffEffective(a.doc as RuleSetDoc, b.doc as RuleSetDoc, [oldPath, newPath], lang, io, rules);
  if (!d) return 2;
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

/** The effective difference of two rule-set files, their bases read from `rules`; undefined after reporting why there is none. */
function diffEffective(a: RuleSetDoc, b: RuleSetDoc, paths: [string, string], lang: Lang, io: CliIo, rules: string[] | undefined): RuleSetDiff | undefined {
  const given = paths.map((path) => ({ name: path, text: readFileSync(resolve(io.cwd, path), 'utf8') }));
  const keys = new Set([a, b].map((x) => `${x.id}@${x.version}`));
  let others: { name: string; text: string }[] = [];
  if ('extends' in a || 'extends' in b) {
    try {
      // The versions they extend; the two files win over a version of the same key there.
      others = readRuleSources(rules ?? [BUNDLED_RULES_DIR], io.cwd).filter((s) => !/"kind"\s*:\s*"ruleset"/.test(s.text) || !keys.has(keyOfText(s.text)));
    } catch (e) {
      reportUnreadable(e, rules ?? [BUNDLED_RULES_DIR], lang, io);
      return undefined;
    }
  }
  const result = diffVersionFiles([...given, ...others], paths[0], paths[1]);
  if ('diff' in result) {
    // Without --rules a base neither file is comes from the package: said, so nobody takes it for their own.
    if (!rules) {
      for (const b of result.bases) {
        io.err(
          lang === 'en'
            ? `Note: ${b.key} is not among the two files; it was taken from the bundled rule sets (${b.file}). Give your own with --rules DIR.\n`
            : `Hinweis: ${b.key} ist keine der beiden Dateien; die Version stammt aus den mitgelieferten Regelwerken (${b.file}). Eigene mit --rules ORDNER angeben.\n`,
        );
      }
    }
    return result.diff;
  }
  io.err(formatProblems(result.problems, lang));
  return undefined;
}

/** `id@version` of a rule-set text ('' when it does not parse). */
function keyOfText(text: string): string {
  try {
    const doc = JSON.parse(text) as { id?: unknown; version?: unknown };
    return `${String(doc.id)}@${String(doc.version)}`;
  } catch {
    return '';
  }
}
