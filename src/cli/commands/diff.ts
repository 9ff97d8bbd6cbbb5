/** `pvs-rules diff OLD.json NEW.json`: rules and table rows added, removed or changed. */
import { diffRuleSets, formatDiff } from '../../tooling/diff';
import type { RuleSetDoc } from '../../model';
import type { CliIo } from '../args';
import type { Lang } from '../format';
import { readJson } from '../prepare';

export function diff(oldPath: string, newPath: string, format: string, lang: Lang, io: CliIo): number {
  const a = readJson(oldPath, 'OLD', lang, io);
  const b = readJson(newPath, 'NEW', lang, io);
  if (!a || !b) return 2;
  const d = diffRuleSets(a.value as RuleSetDoc, b.value as RuleSetDoc);
  io.out(format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d, lang));
  return 0;
}
