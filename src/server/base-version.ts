/**
 * The version a rule-set version is compared with in the studio's diff. Until rule sets can
 * name the version they extend, it is the previous version of the same rule set (the latest
 * that starts before it); this is the one function to change when they can.
 */
import type { RuleSetSource } from '../../plugin-api/types';
import type { RuleSetDoc } from '../model';

export interface VersionDoc {
  file: string;
  doc: RuleSetDoc;
}

/** Every rule-set document among `sources` that parses (the others cannot be compared). */
export function ruleSetDocs(sources: readonly RuleSetSource[]): VersionDoc[] {
  const out: VersionDoc[] = [];
  for (const s of sources) {
    try {
      const doc = JSON.parse(s.text) as RuleSetDoc;
      if (doc?.kind === 'ruleset' && typeof doc.id === 'string' && typeof doc.version === 'string' && Array.isArray(doc.rules)) out.push({ file: s.name, doc });
    } catch {
      /* reported by the loader */
    }
  }
  return out;
}

export function baseVersionOf(docs: readonly VersionDoc[], of: VersionDoc): VersionDoc | undefined {
  let best: VersionDoc | undefined;
  for (const d of docs) {
    if (d.doc.id !== of.doc.id || d === of || !(String(d.doc.validFrom) < String(of.doc.validFrom))) continue;
    if (!best || String(d.doc.validFrom) > String(best.doc.validFrom)) best = d;
  }
  return best;
}
