import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSets } from '../plugin-api/index';
import type { RuleSetSource } from '../plugin-api/types';
import { internalsOf } from '../src/compile/bundle';
import { MASTER_TABLES, type MasterCatalogueDoc, type MasterFile } from '../src/catalogues/master-document';
import type { MasterCatalogues } from '../src/catalogues/master-catalogues';
import { catalogueText } from '../src/import/catalogue-document';
import { MasterImport } from '../src/import/master-import';
import { ROOT, bundledSources, readJsonFile } from './helpers';

const FIX = `${ROOT}/test/fixtures/masterfiles`;
const SHIPPED = 'rules/catalogues/sdhdrg-2.0.0-2026.json';

function imported(file: MasterFile, fixture: string): MasterCatalogueDoc {
  const imp = new MasterImport(file, fixture, { schemaRef: '../../schemas/master-catalogue.schema.json', importer: 'pvs-rules test' });
  imp.write(readFileSync(`${FIX}/${fixture}`));
  return imp.end();
}
const source = (doc: MasterCatalogueDoc, name: string): RuleSetSource => ({ name, text: catalogueText(doc) });
const FIXTURES: [MasterFile, string][] = [
  ['SDOPS', 'sdops.xml'],
  ['SDICD', 'sdicd.xml'],
  ['SDEBM', 'sdebm.xml'],
];
const hostSources = () => FIXTURES.map(([f, x]) => source(imported(f, x), `host/${x}.json`));

function masters(sources: RuleSetSource[]): MasterCatalogues {
  const r = loadRuleSets(sources);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.messageEn}`).join('\n'));
  return internalsOf(r.bundle)!.masterCatalogues;
}

describe('the shipped Hybrid-DRG catalogue 2026', () => {
  const shipped = readFileSync(`${ROOT}/${SHIPPED}`, 'utf8');

  it('is exactly what the importer makes of the KBV file', () => {
    expect(catalogueText({ ...imported('SDHDRG', 'sdhdrg_02.0.0_74_tf+2026q1.xml'), importer: 'pvs-rules 0.1.0' })).toBe(shipped);
  });

  it('holds the 69 codes and both prices of the hdrg 2026 rule set table, transcribed separately from the same file', () => {
    const table = readJsonFile<{ tables: { catalogue: { rows: { code: string; euro: string; euroWithAftercare: string }[] } } }>('rules/hdrg/2026.1/ruleset.json').tables.catalogue.rows;
    const doc = JSON.parse(shipped) as MasterCatalogueDoc;
    const rows = doc.tables['hybridDrg']!.rows.map((r) => ({ code: r[0], euro: r[3], euroWithAftercare: r[4] }));
    expect(rows).toHaveLength(69);
    expect([...rows].sort((a, b) => String(a.code).localeCompare(String(b.code)))).toEqual(
      table.map((r) => ({ code: r.code, euro: r.euro, euroWithAftercare: r.euroWithAftercare })).sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('lists the 904 OPS codes, first and last as in the file, with label C and the file as source', () => {
    const doc = JSON.parse(shipped) as MasterCatalogueDoc;
    const ops = doc.tables['ops']!.rows.map((r) => r[0]);
    expect([ops.length, new Set(ops).size, ops[0], ops[903]]).toEqual([904, 904, '1-265.4', '8-84d.0x']);
    expect([doc.label, doc.source.file, doc.validFrom, doc.validUntil, doc.created]).toEqual(['C', 'sdhdrg_02.0.0_74_tf+2026q1.xml', '2026-01-01', '2026-12-31', '2025-11-11']);
  });

  it('is loaded with the bundled rule sets', () => {
    expect(masters(bundledSources()).all.map((c) => c.describe())).toEqual(['SDHDRG 2.0.0, 2026-01-01–2026-12-31 (sdhdrg_02.0.0_74_tf+2026q1.xml)']);
  });
});

describe('lookups rules use', () => {
  const m = masters([...bundledSources(), ...hostSources()]);

  it('say "not loaded" (undefined), "not in the catalogue" (null) or give the row', () => {
    expect(m.hybridDrg('G24M', '2025-12-31')).toBeUndefined();
    expect(m.hybridDrg('G24X', '2026-03-01')).toBeNull();
    expect(m.hybridDrg('F49P', '2026-03-01')).toMatchObject({ euro: '2086.29', euroWithAftercare: '2166.29' });
    expect([m.hybridDrgOps('5-530.31', '2026-03-01'), m.hybridDrgOps('5-530.39', '2026-03-01'), m.hybridDrgOps('5-530.31', '2027-01-01')]).toEqual([true, false, undefined]);
  });

  it('OPS: valid on the date (per-code validity inside the file validity), side flag', () => {
    expect(m.ops('5-79a.67', '2019-05-01')).toMatchObject({ sideRequired: true, aop115b: '2' });
    expect(m.ops('9-984.0', '2019-05-01')).toBeNull(); // ended 2017-03-31
    expect(m.ops('1-20a', '2019-05-01')).toBeNull(); // not a terminal code
    expect(m.ops('1-100', '2019-01-01')).toBeUndefined(); // before the file's validity
  });

  it('ICD: terminal, primary and secondary marks', () => {
    expect(m.icd('E11.40', '2026-02-01')).toMatchObject({ billable: true, notation: '+' });
    expect(m.icd('E11.4-', '2026-02-01')).toMatchObject({ billable: false });
    expect(m.icd('G63.2', '2026-02-01')?.notation).toBe('*');
    expect(m.icd('E11.90', '2026-02-01')?.notation).toBeNull();
    expect(m.icd('E11.90', '2025-12-31')).toBeUndefined();
  });

  it('EBM: Bereich VII, the chapter of an operation, the justifying OPS codes', () => {
    expect(m.gop('50100', '2026-05-01')).toMatchObject({ area: 'VII', chapter: '50' });
    expect(m.gop('31101', '2026-05-01')).toMatchObject({ chapter: '31', section: '2', additionalFields: ['5035', '5036'] });
    expect(m.gop('01101', '2026-05-01')).toBeNull();
    expect(m.gopOps('31101', '2026-05-01')?.map((r) => `${r.ops} ${r.category}`)).toEqual(['5-640.2 A1', '5-895.20 A1']);
    expect(m.gopOps('01100', '2026-05-01')).toEqual([]);
    expect(m.gop('50100', '2026-07-01')).toBeUndefined();
  });

  it('rows are frozen objects made once', () => {
    const a = m.ops('5-79a.67', '2019-05-01');
    expect(Object.isFrozen(a)).toBe(true);
    expect(m.ops('5-79a.67', '2019-06-01')).toBe(a);
  });
});

describe('validate checks master catalogues', () => {
  const sdops = () => JSON.parse(catalogueText(imported('SDOPS', 'sdops.xml'))) as Record<string, any>;
  const problems = (sources: RuleSetSource[]) => {
    const r = loadRuleSets([...bundledSources(), ...sources]);
    expect(r.ok).toBe(false);
    return r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.code} ${p.messageEn}`);
  };

  it('a row that does not fit its columns: schema error with line:column', () => {
    const doc = sdops();
    doc.tables.ops.rows[1][3] = 'J';
    expect(problems([{ name: 'ops.json', text: catalogueText(doc as MasterCatalogueDoc) }])).toEqual(['ops.json:30:39 /tables/ops/rows/1/3 schema Expected boolean.']);
  });

  it('dates, periods and keys the schema cannot check', () => {
    const doc = sdops();
    doc.tables.ops.rows[0][1] = '2019-02-30';
    doc.tables.ops.rows[2][2] = '2001-01-01';
    doc.tables.ops.rows[4][0] = '9-984.0';
    doc.tables.ops.rows[4][1] = '2016-01-01';
    expect(problems([{ name: 'ops.json', text: catalogueText(doc as MasterCatalogueDoc) }])).toEqual([
      'ops.json:29:18 /tables/ops/rows/0/1 date 2019-02-30 is not a valid date.',
      'ops.json:31:34 /tables/ops/rows/2/2 validity The end (2001-01-01) is before the start (2005-01-01).',
      'ops.json:33:10 /tables/ops/rows/4/0 duplicate-code 9-984.0 is already in row 3 with overlapping validity.',
    ]);
  });

  it('two catalogues of one master file for the same day', () => {
    const a = sdops();
    const b = sdops();
    b.validFrom = '2019-10-01';
    b.validUntil = '2020-03-31';
    expect(problems([source(a as MasterCatalogueDoc, 'a.json'), source(b as MasterCatalogueDoc, 'b.json')])).toEqual([
      'b.json:9:3 /validFrom overlapping-validity The validity overlaps a.json (SDOPS 2019-04-01–2019-12-31); only one catalogue per master file may apply on a day.',
    ]);
    b.validFrom = '2020-01-01';
    expect(masters([...bundledSources(), source(a as MasterCatalogueDoc, 'a.json'), source(b as MasterCatalogueDoc, 'b.json')]).all).toHaveLength(3);
  });

  it('tables of another master file are a schema error', () => {
    const doc = sdops();
    doc.masterFile = 'SDICD';
    expect(problems([{ name: 'x.json', text: JSON.stringify(doc, null, 2) }])).toEqual(['x.json:25:3 /tables schema Required "icd" is missing.', 'x.json:26:5 /tables/ops schema Unknown property "ops".']);
  });
});

describe('schema', () => {
  it('names the columns of MASTER_TABLES, table by table', () => {
    const schema = readJsonFile<{ allOf: { if: { properties: { masterFile: { const: string } } }; then: { properties: { tables: { properties: Record<string, { properties: { columns: { items: { const: string }[] } } }> } } } }[] }>('schemas/master-catalogue.schema.json');
    const fromSchema = Object.fromEntries(
      schema.allOf.map((b) => [b.if.properties.masterFile.const, Object.fromEntries(Object.entries(b.then.properties.tables.properties).map(([t, s]) => [t, s.properties.columns.items.map((i) => i.const)]))]),
    );
    expect(fromSchema).toEqual(JSON.parse(JSON.stringify(MASTER_TABLES)));
  });
});
