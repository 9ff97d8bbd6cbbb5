import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

const FIX = join(ROOT, 'test/fixtures/masterfiles');

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'pvs-rules-import-'));
/** A fixture with `from` replaced by `to`, written (ISO-8859-15 kept byte for byte) into `dir`. */
function editedFixture(dir: string, name: string, from: string, to: string): string {
  const text = readFileSync(join(FIX, name), 'latin1');
  if (!text.includes(from)) throw new Error(`${from} not in ${name}`);
  const path = join(dir, name);
  writeFileSync(path, text.replace(from, to), 'latin1');
  return path;
}

describe('pvs-rules import', () => {
  it('writes the catalogue with $schema pointing at the package schema, says what it read, exit 0', async () => {
    const dir = tmp();
    const r = await run(['import', 'sdhdrg', join(FIX, 'sdhdrg_02.0.0_74_tf+2026q1.xml'), '-o', 'hdrg.json'], dir);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^SDHDRG 2\.0\.0, 2026-01-01–2026-12-31: 69 hybridDrg, 904 ops → hdrg\.json\n  Bei F49P liegt mit_postoperativ nicht 30,00 € über/);
    const written = JSON.parse(readFileSync(join(dir, 'hdrg.json'), 'utf8'));
    const shipped = JSON.parse(readFileSync(join(ROOT, 'rules/catalogues/sdhdrg-2.0.0-2026.json'), 'utf8'));
    expect(existsSync(join(dir, written.$schema))).toBe(true);
    expect({ ...written, $schema: null, importer: null }).toEqual({ ...shipped, $schema: null, importer: null });
    expect((await run(['validate', join(ROOT, 'rules'), join(dir, 'hdrg.json')], dir)).code).toBe(1); // the same catalogue twice: overlapping
  });

  it('refuses an existing output without --force, replaces it with --force', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ops.json'), 'old');
    const r = await run(['import', 'sdops', join(FIX, 'sdops.xml'), '-o', 'ops.json'], dir);
    expect([r.code, r.err]).toEqual([2, 'ops.json: Die Ausgabedatei gibt es schon; sie wird nur mit --force ersetzt.\n']);
    expect(readFileSync(join(dir, 'ops.json'), 'utf8')).toBe('old');
    expect((await run(['import', 'sdops', join(FIX, 'sdops.xml'), '-o', 'ops.json', '--force'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'ops.json'), 'utf8')).masterFile).toBe('SDOPS');
  });

  it('malformed XML or an unknown version: located error, exit 2, nothing written and no temp file left', async () => {
    const dir = tmp();
    const broken = editedFixture(dir, 'sdicd.xml', '</gruppen_liste>', '</gruppen_list>');
    writeFileSync(join(dir, 'icd.json'), 'previous');
    const r = await run(['import', 'sdicd', broken, '-o', 'icd.json', '--force', '--locale', 'en'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${broken}:74:36: The file is not well-formed XML: unexpected close tag.\nNothing was written.\n`);
    const unknown = editedFixture(dir, 'sdebm.xml', '<version V="01.61"/>', '<version V="02.00"/>');
    const u = await run(['import', 'sdebm', unknown, '-o', 'ebm.json'], dir);
    expect([u.code, u.err]).toEqual([2, `${unknown}:28:13: Unbekannte Schnittstellenversion "02.00" der SDEBM; eingelesen werden: 01.20, 01.30, 01.40, 01.50, 01.60, 01.61, 01.62.\nEs wurde nichts geschrieben.\n`]);
    expect(readdirSync(dir).sort()).toEqual(['icd.json', 'sdebm.xml', 'sdicd.xml']);
    expect(readFileSync(join(dir, 'icd.json'), 'utf8')).toBe('previous');
  });

  it('never writes over its input', async () => {
    const dir = tmp();
    const input = editedFixture(dir, 'sdops.xml', 'X', 'X');
    const r = await run(['import', 'sdops', input, '-o', input, '--force'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Die Ausgabe ist die Eingabedatei');
  });

  it('usage: an unknown master file, a missing output or input', async () => {
    const dir = tmp();
    expect((await run(['import', 'sdxyz', join(FIX, 'sdops.xml'), '-o', 'x.json'], dir)).err).toMatch(/^Aufruf: pvs-rules import sdhdrg\|sdops\|sdicd\|sdebm/);
    expect((await run(['import', 'sdops', join(FIX, 'sdops.xml')], dir)).code).toBe(2);
    const missing = await run(['import', 'sdops', 'none.xml', '-o', 'x.json', '--locale', 'en'], dir);
    expect([missing.code, missing.err]).toEqual([2, 'none.xml: cannot read (ENOENT)\n']);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('pvs-rules diff of two imports', () => {
  it('shows codes and prices added, removed and changed, and the new validity', async () => {
    const dir = tmp();
    let xml = readFileSync(join(FIX, 'sdhdrg.xml'), 'latin1');
    xml = xml
      .replace('<service_tmr V="2026-01-01..2026-12-31"/>', '<service_tmr V="2027-01-01..2027-12-31"/>')
      .replace('<mit_postoperativ V="3743.46"', '<mit_postoperativ V="3801.20"')
      .replace('<ohne_postoperativ V="3713.46"', '<ohne_postoperativ V="3771.20"')
      .replace('<hybrid_drg V="M05M">', '<hybrid_drg V="M05N">')
      .replace('<ops V="1-447"/>', '<ops V="1-448"/>');
    writeFileSync(join(dir, 'next.xml'), xml, 'latin1');
    expect((await run(['import', 'sdhdrg', join(FIX, 'sdhdrg.xml'), '-o', 'a.json'], dir)).code).toBe(0);
    expect((await run(['import', 'sdhdrg', 'next.xml', '-o', 'b.json'], dir)).code).toBe(0);
    const r = await run(['diff', 'a.json', 'b.json', '--locale', 'en'], dir);
    expect([r.code, r.out]).toEqual([
      0,
      [
        'SDHDRG 2.0.0, 2026-01-01–2026-12-31 (sdhdrg.xml) → SDHDRG 2.0.0, 2027-01-01–2027-12-31 (next.xml)',
        '  validFrom: "2026-01-01" → "2027-01-01"',
        '  validUntil: "2026-12-31" → "2027-12-31"',
        '  hybridDrg: 1 added, 1 removed, 1 changed',
        '    + M05N',
        '    - M05M',
        '    ~ G24M: euro "3713.46" → "3771.20", euroWithAftercare "3743.46" → "3801.20"',
        '  ops: 1 added, 1 removed, 0 changed',
        '    + 1-448',
        '    - 1-447',
        '',
      ].join('\n'),
    ]);
    const json = JSON.parse((await run(['diff', 'a.json', 'b.json', '--format', 'json'], dir)).out);
    expect(json.tables[0].changed[0]).toEqual({ key: 'G24M', columns: [{ column: 'euro', old: '3713.46', new: '3771.20' }, { column: 'euroWithAftercare', old: '3743.46', new: '3801.20' }] });
  });

  it('a rule set against a catalogue: exit 2', async () => {
    const r = await run(['diff', 'rules/hdrg/2026.1/ruleset.json', 'rules/catalogues/sdhdrg-2.0.0-2026.json', '--locale', 'en'], ROOT);
    expect([r.code, r.err]).toEqual([2, 'rules/hdrg/2026.1/ruleset.json and rules/catalogues/sdhdrg-2.0.0-2026.json are different kinds of document (ruleset, master-catalogue).\n']);
  });
});
