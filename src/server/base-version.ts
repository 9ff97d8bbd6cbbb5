/**
 * The version a rule-set version is compared with in the studio's diff: the version it
 * extends (`extends`), else the previous version of the same rule set (the latest that starts
 * before it). Both are effective versions, inherited parts included (see load/effective.ts).
 */
import type { RuleSetSource } from '../../plugin-api/types';
import type { RuleSetDoc } from '../model';
import { effectiveVersions } from '../load/effective';

export interface VersionDoc {
  file: string;
  /** `id@version` of the version it extends, if any. */
  base: string | null;
  doc: RuleSetDoc;
}

/** Every rule-set version among `sources` that loads as an effective version (the others cannot be compared). */
export function ruleSetDocs(sources: readonly RuleSetSource[]): VersionDoc[] {
  return effectiveVersions(sources).versions.map((v) => ({ file: v.file, base: v.base, doc: v.doc }));
}

export function baseVersionOf(docs: readonly VersionDoc[], of: VersionDoc): VersionDoc | undefined {
  if (of.base !== null) return docs.find((d) => `${d.doc.id}@${d.doc.version}` === of.base);
  let best: VersionDoc | undefined;
  for (const d of docs) {
    if (d.doc.id !== of.doc.id || d === of || !(String(d.doc.validFrom) < String(of.doc.validFrom))) continue;
    if (!best || String(d.doc.validFrom) > String(best.doc.validFrom)) best = d;
  }
  return best;
}
