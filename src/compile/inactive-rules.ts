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
import { kbvRuleName } from '../kbv/kvdt-rules';
import { MASTER_FILES } from './rule-analysis';
import type { CompiledRule, CompiledVersion } from './rule-set';

const NAMES: Record<MasterFile, { de: string; en: string }> = {
  SDHDRG: { de: 'Hybrid-DRG-Stammdatei', en: 'Hybrid-DRG master file' },
  SDOPS: { de: 'OPS-Stammdatei', en: 'OPS master file' },
  SDICD: { de: 'ICD-10-GM-Stammdatei', en: 'ICD-10-GM master file' },
  SDEBM: { de: 'EBM-Stammdatei', en: 'EBM master file' },
};

export interface InactiveNotice {
  /** The version whose rule the notice points at (the first concerned). */
  version: CompiledVersion;
  /** JSON pointer of the first rule concerned, in that version. */
  pointer: string;
  de: string;
  en: string;
}

/** The rules of one version that need a master file not loaded for any of its days: by master file, their indexes in `rules`. */
export interface InactiveRules {
  version: CompiledVersion;
  byFile: Map<MasterFile, number[]>;
  /** Every inactive rule's index: the loader does not also call those unreachable. */
  rules: Set<number>;
}

export function inactiveRules(version: CompiledVersion, masters: MasterCatalogues): InactiveRules {
  // The master files loaded for a day of the version, as bits of MASTER_FILES (CompiledRule.masters).
  let loaded = 0;
  MASTER_FILES.forEach((file, bit) => {
    if (masters.all.some((c) => c.masterFile === file && periodsOverlap(c.validFrom, c.validUntil, version.validFrom, version.validUntil))) loaded |= 1 << bit;
  });
  const byFile = new Map<MasterFile, number[]>();
  const rules = new Set<number>();
  // The rules that read a master file not loaded (nearly always none), in file order.
  const silent: CompiledRule[] = [];
  // Indexed loops: they run once per rule, mostly before V8 optimizes them.
  for (const list of [version.entryRules, version.costRules]) for (let i = 0; i < list.length; i++) if ((list[i]!.masters & ~loaded) !== 0) silent.push(list[i]!);
  silent.sort((a, b) => a.index - b.index);
  for (const rule of silent) {
    MASTER_FILES.forEach((file, bit) => {
      if ((rule.masters & ~loaded & (1 << bit)) === 0) return;
      const list = byFile.get(file);
      if (list) list.push(rule.index);
      else byFile.set(file, [rule.index]);
      rules.add(rule.index);
    });
  }
  return { version, byFile, rules };
}

/**
 * One notice per rule set and master file, over all its versions (a version inherits its
 * base's rules, and saying it once per version would repeat it): which rules stay silent, in
 * which versions.
 */
export function inactiveNotices(list: readonly InactiveRules[]): InactiveNotice[] {
  const groups = new Map<string, { file: MasterFile; entries: { version: CompiledVersion; indexes: number[] }[] }>();
  for (const { version, byFile } of list) {
    for (const [file, indexes] of byFile) {
      const key = `${version.id}\u0000${file}`;
      const g = groups.get(key) ?? { file, entries: [] };
      g.entries.push({ version, indexes });
      groups.set(key, g);
    }
  }
  const notices: InactiveNotice[] = [];
  for (const { file, entries } of groups.values()) {
    const first = entries[0]!;
    const names = new Set<string>();
    for (const { version, indexes } of entries) {
      for (const i of indexes) {
        const r = version.doc.rules[i]!;
        const kbv = r.event.type === 'finding' && r.event.params.kbvRule !== undefined ? ` (${kbvRuleName(r.event.params.kbvRule)})` : '';
        names.add(`${r.name}${kbv}`);
      }
    }
    const n = names.size;
    const versions = entries.map((e) => `${e.version.key} (${e.version.validFrom}–${e.version.validUntil ?? '…'})`).join(', ');
    notices.push({
      version: first.version,
      pointer: `/rules/${first.indexes[0]!}`,
      de: `${n} ${n === 1 ? 'Regel bleibt' : 'Regeln bleiben'} stumm, weil keine ${NAMES[file].de} (${file}) für die Gültigkeit von ${versions} geladen ist: ${[...names].join(', ')}. Die KBV-Datei mit "pvs-rules import ${file.toLowerCase()}" einlesen und mitladen.`,
      en: `${n} ${n === 1 ? 'rule stays' : 'rules stay'} silent because no ${NAMES[file].en} (${file}) is loaded for the validity of ${versions}: ${[...names].join(', ')}. Import the KBV file with "pvs-rules import ${file.toLowerCase()}" and load it too.`,
    });
  }
  return notices;
}
