/**
 * What changed between two versions of a rule set: rules added, removed and changed (which
 * parts), parameters, table rows added, removed and changed (which columns), validity and
 * sources — in words a billing expert reads. Always between effective versions: a version
 * that extends another is compared with everything it inherits (see load/extends.ts).
 */
import type { RuleSetBundle, RuleSetSource } from '../../plugin-api/types';
import { stableStringify } from '../compile/condition';
import { internalsOf } from '../compile/bundle';
import { effectiveVersions } from '../load/effective';
import type { RuleDoc, RuleSetDoc, TableDoc, TableRow } from '../model';

export interface RuleSetDiff {
  old: string;
  new: string;
  header: { field: string; old: unknown; new: unknown }[];
  rules: { added: string[]; removed: string[]; changed: { name: string; parts: string[] }[] };
  tables: {
    added: string[];
    removed: string[];
    changed: { table: string; rowsAdded: string[]; rowsRemoved: string[]; rowsChanged: { key: string; columns: string[] }[] }[];
  };
  parameters: { added: string[]; removed: string[]; changed: { name: string; old: unknown; new: unknown }[] };
  sources: { added: string[]; removed: string[] };
}

const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

/** A row's key: its first declared column (with a counter when several rows share it). */
function keyedRows(table: TableDoc): Map<string, TableRow> {
  const first = Object.keys(table.columns)[0]!;
  const out = new Map<string, TableRow>();
  for (const row of table.rows) {
    const base = `${first}=${stableStringify(row[first])}`;
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base} (${n})`;
    out.set(key, row);
  }
  return out;
}

export function diffRuleSets(a: RuleSetDoc, b: RuleSetDoc): RuleSetDiff {
  const header = (['id', 'version', 'validFrom', 'validUntil', 'title', 'catalogues', 'conditions'] as const)
    .filter((k) => !same(a[k] ?? null, b[k] ?? null))
    .map((k) => ({ field: k, old: a[k] ?? null, new: b[k] ?? null }));
  const rulesA = new Map(a.rules.map((r) => [r.name, r]));
  const rulesB = new Map(b.rules.map((r) => [r.name, r]));
  const parts = (x: RuleDoc, y: RuleDoc) =>
    (['conditions', 'event', 'priority', 'scope', 'description'] as const).filter((k) => !same(x[k] ?? null, y[k] ?? null)).map((k) => (k === 'event' ? eventParts(x, y) : k)).flat();
  const tablesA = a.tables ?? {};
  const tablesB = b.tables ?? {};
  const changedTables: RuleSetDiff['tables']['changed'] = [];
  for (const name of Object.keys(tablesA).filter((n) => n in tablesB)) {
    const ra = keyedRows(tablesA[name]!);
    const rb = keyedRows(tablesB[name]!);
    const rowsChanged = [...ra.keys()]
      .filter((k) => rb.has(k) && !same(ra.get(k), rb.get(k)))
      .map((k) => {
        const x = ra.get(k)!;
        const y = rb.get(k)!;
        return { key: k, columns: [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((c) => !same(x[c] ?? null, y[c] ?? null)) };
      });
    const entry = { table: name, rowsAdded: [...rb.keys()].filter((k) => !ra.has(k)), rowsRemoved: [...ra.keys()].filter((k) => !rb.has(k)), rowsChanged };
    if (entry.rowsAdded.length || entry.rowsRemoved.length || rowsChanged.length || !same(tablesA[name]!.columns, tablesB[name]!.columns)) changedTables.push(entry);
  }
  const paramsA = a.parameters ?? {};
  const paramsB = b.parameters ?? {};
  const srcA = new Set(a.sources.map((s) => s.id));
  const srcB = new Set(b.sources.map((s) => s.id));
  return {
    old: `${a.id}@${a.version}`,
    new: `${b.id}@${b.version}`,
    header,
    rules: {
      added: [...rulesB.keys()].filter((n) => !rulesA.has(n)),
      removed: [...rulesA.keys()].filter((n) => !rulesB.has(n)),
      changed: [...rulesA.keys()].filter((n) => rulesB.has(n) && !same(rulesA.get(n), rulesB.get(n))).map((n) => ({ name: n, parts: parts(rulesA.get(n)!, rulesB.get(n)!) })),
    },
    tables: { added: Object.keys(tablesB).filter((n) => !(n in tablesA)), removed: Object.keys(tablesA).filter((n) => !(n in tablesB)), changed: changedTables },
    parameters: {
      added: Object.keys(paramsB).filter((n) => !(n in paramsA)),
      removed: Object.keys(paramsA).filter((n) => !(n in paramsB)),
      changed: Object.keys(paramsA)
        .filter((n) => n in paramsB && !same(paramsA[n]!.value, paramsB[n]!.value))
        .map((n) => ({ name: n, old: paramsA[n]!.value, new: paramsB[n]!.value })),
    },
    sources: { added: [...srcB].filter((s) => !srcA.has(s)), removed: [...srcA].filter((s) => !srcB.has(s)) },
  };
}

function eventParts(x: RuleDoc, y: RuleDoc): string[] {
  if (x.event.type !== y.event.type) return ['event.type'];
  const px = x.event.params as unknown as Record<string, unknown>;
  const py = y.event.params as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(px), ...Object.keys(py)])].filter((k) => !same(px[k] ?? null, py[k] ?? null)).map((k) => `event.${k}`);
}

export function formatDiff(d: RuleSetDiff, lang: 'de' | 'en'): string {
  const en = lang === 'en';
  const lines: string[] = [`${d.old} → ${d.new}`];
  for (const h of d.header) lines.push(`  ${h.field}: ${JSON.stringify(h.old)} → ${JSON.stringify(h.new)}`);
  const list = (label: string, items: string[]) => items.length && lines.push(`  ${label}: ${items.join(', ')}`);
  list(en ? 'rules added' : 'Regeln neu', d.rules.added);
  list(en ? 'rules removed' : 'Regeln entfernt', d.rules.removed);
  for (const c of d.rules.changed) lines.push(`  ${en ? 'rule changed' : 'Regel geändert'} ${c.name}: ${c.parts.join(', ')}`);
  list(en ? 'parameters added' : 'Parameter neu', d.parameters.added);
  list(en ? 'parameters removed' : 'Parameter entfernt', d.parameters.removed);
  for (const p of d.parameters.changed) lines.push(`  ${en ? 'parameter' : 'Parameter'} ${p.name}: ${JSON.stringify(p.old)} → ${JSON.stringify(p.new)}`);
  list(en ? 'tables added' : 'Tabellen neu', d.tables.added);
  list(en ? 'tables removed' : 'Tabellen entfernt', d.tables.removed);
  for (const t of d.tables.changed) {
    lines.push(`  ${en ? 'table' : 'Tabelle'} ${t.table}:`);
    for (const k of t.rowsAdded) lines.push(`    + ${k}`);
    for (const k of t.rowsRemoved) lines.push(`    - ${k}`);
    for (const r of t.rowsChanged) lines.push(`    ~ ${r.key}: ${r.columns.join(', ')}`);
  }
  list(en ? 'sources added' : 'Quellen neu', d.sources.added);
  list(en ? 'sources removed' : 'Quellen entfernt', d.sources.removed);
  if (lines.length === 1) lines.push(en ? '  no changes' : '  keine Änderungen');
  return `${lines.join('\n')}\n`;
}

/**
 * The effective difference between two versions of a loaded bundle (`id@version` each),
 * inherited parts included; undefined when either is not in the bundle.
 */
export function diffLoadedVersions(bundle: RuleSetBundle, oldKey: string, newKey: string): RuleSetDiff | undefined {
  const versions = internalsOf(bundle)?.versions ?? [];
  const a = versions.find((v) => v.key === oldKey);
  const b = versions.find((v) => v.key === newKey);
  return a && b ? diffRuleSets(a.effective, b.effective) : undefined;
}

/**
 * The effective difference between the versions written in the files `oldFile` and `newFile`
 * of `sources` (which also hold the versions they extend), or the problems that prevent it.
 */
export function diffVersionFiles(
  sources: readonly RuleSetSource[],
  oldFile: string,
  newFile: string,
): { diff: RuleSetDiff; bases: { key: string; file: string }[] } | { problems: ReturnType<typeof effectiveVersions>['problems'] } {
  const { versions, problems } = effectiveVersions(sources);
  const a = versions.find((v) => v.file === oldFile);
  const b = versions.find((v) => v.file === newFile);
  const mine = problems.filter((p) => p.severity === 'error');
  if (!a || !b) return { problems: mine.length ? mine : [] };
  // The versions the two extend, directly or further down, that neither file is.
  const byKey = new Map(versions.map((v) => [v.key, v]));
  const bases = new Map<string, { key: string; file: string }>();
  for (const start of [a, b]) {
    for (let v = start.base === null ? undefined : byKey.get(start.base); v && !bases.has(v.key); v = v.base === null ? undefined : byKey.get(v.base)) {
      if (v.file !== oldFile && v.file !== newFile) bases.set(v.key, { key: v.key, file: v.file });
    }
  }
  return { diff: diffRuleSets(a.doc, b.doc), bases: [...bases.values()] };
}
