/**
 * What changed between two imports of a KBV master file: the file's validity and version,
 * and per table the codes added, removed and changed — with old and new value of each changed
 * column, so a new price or a new end of validity reads directly.
 */
import { REPEATED_KEY_TABLES, type MasterCatalogueDoc, type MasterRow } from '../catalogues/master-document';

export interface MasterCatalogueDiff {
  old: string;
  new: string;
  header: { field: string; old: unknown; new: unknown }[];
  tables: {
    table: string;
    added: string[];
    removed: string[];
    changed: { key: string; columns: { column: string; old: unknown; new: unknown }[] }[];
  }[];
}

const describe = (d: MasterCatalogueDoc) => `${d.masterFile} ${d.source.interfaceVersion}, ${d.validFrom ?? '…'}–${d.validUntil ?? '…'} (${d.source.file})`;
const json = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Rows by key: the code (first column), numbered when it repeats (one code with several
 * periods); in tables whose key repeats by design (gopOps) the whole row is the key.
 */
function keyed(table: string, rows: readonly MasterRow[]): Map<string, MasterRow> {
  const out = new Map<string, MasterRow>();
  const whole = REPEATED_KEY_TABLES.has(table);
  for (const row of rows) {
    const base = whole ? row.map((v) => (v === null ? '–' : String(v))).join(' ') : String(row[0]);
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base} (${n})`;
    out.set(key, row);
  }
  return out;
}

export function diffMasterCatalogues(a: MasterCatalogueDoc, b: MasterCatalogueDoc): MasterCatalogueDiff {
  const header: MasterCatalogueDiff['header'] = [];
  const fields: [string, (d: MasterCatalogueDoc) => unknown][] = [
    ['masterFile', (d) => d.masterFile],
    ['interfaceVersion', (d) => d.source.interfaceVersion],
    ['validFrom', (d) => d.validFrom],
    ['validUntil', (d) => d.validUntil],
    ['created', (d) => d.created],
    ['label', (d) => d.label],
  ];
  for (const [field, get] of fields) if (json(get(a)) !== json(get(b))) header.push({ field, old: get(a), new: get(b) });
  const tables: MasterCatalogueDiff['tables'] = [];
  for (const name of [...new Set([...Object.keys(a.tables), ...Object.keys(b.tables)])]) {
    const ta = a.tables[name];
    const tb = b.tables[name];
    const columns = (tb ?? ta)!.columns;
    const ra = keyed(name, ta?.rows ?? []);
    const rb = keyed(name, tb?.rows ?? []);
    const changed: MasterCatalogueDiff['tables'][number]['changed'] = [];
    for (const [key, x] of ra) {
      const y = rb.get(key);
      if (!y) continue;
      const cols = columns.map((column, i) => ({ column, old: x[i] ?? null, new: y[i] ?? null })).filter((c) => json(c.old) !== json(c.new));
      if (cols.length) changed.push({ key, columns: cols });
    }
    const added = [...rb.keys()].filter((k) => !ra.has(k));
    const removed = [...ra.keys()].filter((k) => !rb.has(k));
    if (added.length || removed.length || changed.length) tables.push({ table: name, added, removed, changed });
  }
  return { old: describe(a), new: describe(b), header, tables };
}

export function formatMasterCatalogueDiff(d: MasterCatalogueDiff, lang: 'de' | 'en'): string {
  const en = lang === 'en';
  const lines = [`${d.old} → ${d.new}`];
  for (const h of d.header) lines.push(`  ${h.field}: ${json(h.old)} → ${json(h.new)}`);
  for (const t of d.tables) {
    lines.push(
      en
        ? `  ${t.table}: ${t.added.length} added, ${t.removed.length} removed, ${t.changed.length} changed`
        : `  ${t.table}: ${t.added.length} neu, ${t.removed.length} entfernt, ${t.changed.length} geändert`,
    );
    for (const k of t.added) lines.push(`    + ${k}`);
    for (const k of t.removed) lines.push(`    - ${k}`);
    for (const c of t.changed) lines.push(`    ~ ${c.key}: ${c.columns.map((x) => `${x.column} ${json(x.old)} → ${json(x.new)}`).join(', ')}`);
  }
  if (lines.length === 1 + d.header.length && !d.tables.length) lines.push(en ? '  no changes in the rows' : '  keine Änderungen in den Zeilen');
  return `${lines.join('\n')}\n`;
}
