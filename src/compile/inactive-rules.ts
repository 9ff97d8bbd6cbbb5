/**
 * Rules that stay silent because a KBV master catalogue they need is not loaded: for each
 * rule-set version and master file, one notice (severity info) naming the rules, said once
 * when the rule sets are loaded — not with every check.
 *
 * A rule needs a master file when every way its conditions can be true goes through a fact
 * that reads it (FactDefinition.masters) compared so that the fact's null (no catalogue for
 * the day) makes the comparison false. A version "has" the master file when a loaded catalogue
 * of it covers at least one day of the version's validity; on the other days the rules are
 * silent too, without a notice.
 */
import type { MasterCatalogues } from '../catalogues/master-catalogues';
import type { MasterFile } from '../catalogues/master-document';
import { periodsOverlap } from '../catalogues/period';
import type { ConditionDoc, RuleSetDoc } from '../model';
import { FACTS } from '../facts/facts';
import { kbvRuleName } from '../kbv/kvdt-rules';
import { isFactReference } from './condition';
import type { CompiledVersion } from './rule-set';

const NAMES: Record<MasterFile, { de: string; en: string }> = {
  SDHDRG: { de: 'Hybrid-DRG-Stammdatei', en: 'Hybrid-DRG master file' },
  SDOPS: { de: 'OPS-Stammdatei', en: 'OPS master file' },
  SDICD: { de: 'ICD-10-GM-Stammdatei', en: 'ICD-10-GM master file' },
  SDEBM: { de: 'EBM-Stammdatei', en: 'EBM master file' },
};

/** Comparisons that are false when the fact is null (json-rules-engine semantics). */
function falseOnNull(c: ConditionDoc): boolean {
  switch (c.operator) {
    case 'equal':
      return c.value !== null && c.value !== undefined;
    case 'notEqual':
      return c.value === null && c.path === undefined;
    case 'in':
      return Array.isArray(c.value) && !c.value.includes(null);
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return true;
    default:
      return false;
  }
}

/** The master files every way `c` can be true goes through. */
function needed(c: ConditionDoc, doc: RuleSetDoc, naming: Set<string>): Set<MasterFile> {
  if (c.all) {
    const out = new Set<MasterFile>();
    for (const child of c.all) for (const f of needed(child, doc, naming)) out.add(f);
    return out;
  }
  if (c.any) {
    if (c.any.length === 0) return new Set();
    let acc = needed(c.any[0]!, doc, naming);
    for (const child of c.any.slice(1)) {
      const files = needed(child, doc, naming);
      acc = new Set([...acc].filter((f) => files.has(f)));
    }
    return acc;
  }
  if (typeof c.condition === 'string') {
    const target = doc.conditions?.[c.condition];
    if (!target || naming.has(c.condition)) return new Set();
    naming.add(c.condition);
    const out = needed(target, doc, naming);
    naming.delete(c.condition);
    return out;
  }
  if (typeof c.fact !== 'string' || isFactReference(c.value) || !falseOnNull(c)) return new Set();
  return new Set(FACTS.get(c.fact)?.masters?.(c.params) ?? []);
}

export interface InactiveNotice {
  /** JSON pointer of the first rule concerned. */
  pointer: string;
  de: string;
  en: string;
}

/**
 * The notices for `version`, and the indexes (in its `rules`) of the rules that are inactive:
 * the loader does not also call those unreachable.
 */
export function inactiveRules(version: CompiledVersion, masters: MasterCatalogues): { notices: InactiveNotice[]; rules: Set<number> } {
  const loaded = (file: MasterFile) => masters.all.some((c) => c.masterFile === file && periodsOverlap(c.validFrom, c.validUntil, version.validFrom, version.validUntil));
  const byFile = new Map<MasterFile, number[]>();
  const rules = new Set<number>();
  const all = [...version.entryRules, ...version.costRules].sort((a, b) => a.index - b.index);
  for (const rule of all) {
    for (const file of needed(rule.doc.conditions, version.doc, new Set())) {
      if (loaded(file)) continue;
      byFile.set(file, [...(byFile.get(file) ?? []), rule.index]);
      rules.add(rule.index);
    }
  }
  const notices: InactiveNotice[] = [];
  const period = `${version.validFrom}–${version.validUntil ?? '…'}`;
  for (const [file, indexes] of byFile) {
    const names = indexes.map((i) => {
      const r = version.doc.rules[i]!;
      const kbv = r.event.type === 'finding' && r.event.params.kbvRule !== undefined ? ` (${kbvRuleName(r.event.params.kbvRule)})` : '';
      return `${r.name}${kbv}`;
    });
    const n = indexes.length;
    notices.push({
      pointer: `/rules/${indexes[0]!}`,
      de: `${n} ${n === 1 ? 'Regel' : 'Regeln'} von ${version.key} ${n === 1 ? 'bleibt' : 'bleiben'} stumm, weil keine ${NAMES[file].de} (${file}) für ${period} geladen ist: ${names.join(', ')}. Die KBV-Datei mit "pvs-rules import ${file.toLowerCase()}" einlesen und mitladen.`,
      en: `${n} ${n === 1 ? 'rule' : 'rules'} of ${version.key} ${n === 1 ? 'stays' : 'stay'} silent because no ${NAMES[file].en} (${file}) is loaded for ${period}: ${names.join(', ')}. Import the KBV file with "pvs-rules import ${file.toLowerCase()}" and load it too.`,
    });
  }
  return { notices, rules };
}
