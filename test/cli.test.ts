import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

describe('pvs-rules check', () => {
  it('prints exactly the result object for the KBV example with --format json, 5012 = 52458, exit 1', async () => {
    const r = await run(['check', '--entry', 'examples/entries/asv-88500-kbv.json', '--format', 'json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(Object.keys(result)).toEqual(['findings', 'corrections']);
    expect(result.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
  });

  it('prints German text by default and English with --locale en', async () => {
    const de = await run(['check', '--entry', 'examples/entries/asv-88500-kbv.json']);
    expect(de.out).toContain('KORREKTUR FK 5012 (Paar 1) = 52458');
    expect(de.out).toContain('Zusammenfassung: 1 Leistung(en), 1 Fehler');
    const en = await run(['check', '--entry', 'examples/entries/asv-88500-kbv.json', '--locale', 'en']);
    expect(en.out).toContain('CORRECT FK 5012 (pair 1) = 52458');
  });

  it('exit 0 when no error finding, 1 with, 0 with --no-fail, 2 on unusable input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489', cents: '52458' }] }));
    writeFileSync(join(dir, 'broken.json'), '{"date": ');
    writeFileSync(join(dir, 'nodate.json'), '{"gop": "88500"}');
    expect((await run(['check', '--entry', 'ok.json'], dir)).code).toBe(0);
    expect((await run(['check', '--entry', join(ROOT, 'examples/entries/sample-quarter.json')], dir)).code).toBe(1);
    expect((await run(['check', '--entry', join(ROOT, 'examples/entries/sample-quarter.json'), '--no-fail'], dir)).code).toBe(0);
    const broken = await run(['check', '--entry', 'broken.json'], dir);
    expect([broken.code, broken.err]).toEqual([2, expect.stringMatching(/^broken\.json:1:\d+: FEHLER \[syntax\] JSON-Syntaxfehler/m)]);
    expect((await run(['check', '--entry', 'missing.json'], dir)).code).toBe(2);
    expect((await run(['check', '--entry', 'nodate.json'], dir)).code).toBe(2);
    expect((await run(['check'], dir)).code).toBe(2);
    expect((await run(['frobnicate'], dir)).code).toBe(2);
    expect((await run(['check', '--entry', 'ok.json', '--format', 'xml'], dir)).code).toBe(2);
  });

  it('refuses to check with broken rule sets and says where they are broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'entry.json'), JSON.stringify({ date: '2026-04-14', gop: '03000' }));
    writeFileSync(join(dir, 'bad.json'), '{\n  "kind": "ruleset",\n  "id": 7\n}');
    const r = await run(['check', '--entry', 'entry.json', '--rules', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json:3:3');
  });
});

describe('pvs-rules validate', () => {
  it('accepts the bundled rule sets, and says which rules wait for the host\'s master files', async () => {
    const r = await run(['validate']);
    const lines = r.out.trimEnd().split('\n');
    expect([r.code, lines.at(-1)]).toEqual([0, 'In Ordnung: asv@2026.1, bv@2026.1, hdrg@2024.1, hdrg@2025.1, hdrg@2026.1, kvdt@2026.1, SDHDRG 2.0.0, 2026-01-01–2026-12-31 (sdhdrg_02.0.0_74_tf+2026q1.xml), 1 Praxiskontext(e)']); // the team tests' own context, rules/asv/2026.1/tests/
    // The package ships no SDOPS, SDICD or SDEBM: the rules that need one are named once, as HINWEIS.
    expect(lines.slice(0, -1).every((l) => /^rules\/\S+:\d+:\d+: HINWEIS \[inactive-rules\] /.test(l))).toBe(true);
    expect(lines.slice(0, -1).map((l) => /\((SD[A-Z]+)\)/.exec(l)?.[1]).sort()).toEqual(['SDEBM', 'SDEBM', 'SDHDRG', 'SDICD', 'SDOPS']);
  });
});

describe('pvs-rules check FILE.con', () => {
  const SAMPLE = 'examples/kvdt/asv-beispiel.con';

  it('points findings at line numbers and summarises by severity and code', async () => {
    const r = await run(['check', SAMPLE]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${SAMPLE}:21: FEHLER ASV-5012-FEHLT [FK 5012]`);
    expect(r.out).toContain(`${SAMPLE}:27: FEHLER ASV-5012-FALSCH`);
    expect(r.out).toContain('Zusammenfassung: 56 Zeilen, 2 Fälle, 5 Leistungen; 3 Fehler, 2 Warnung(en)');
    expect(r.out).toContain('Nach Code: ASV-5012-FALSCH 1, ASV-5012-FEHLT 1');
  });

  it('refuses --fix and -o with --entry (only a KVDT file has a corrected copy), exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    for (const extra of [['--fix', '-o', join(dir, 'y.con')], ['-o', join(dir, 'y.con')], ['-o', '']]) {
      const r = await run(['check', '--entry', 'examples/entries/asv-88500-kbv.json', ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--fix und -o gelten nur für KVDT-Dateien');
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the rule sets it checked against, in the text and JSON reports (with --rules only those)', async () => {
    const all = 'asv@2026.1, bv@2026.1, hdrg@2024.1, hdrg@2025.1, hdrg@2026.1, kvdt@2026.1';
    expect((await run(['check', SAMPLE])).out.trimEnd().split('\n').at(-1)).toBe(`Regelwerke: ${all}`);
    expect((await run(['check', SAMPLE, '--locale', 'en'])).out.trimEnd().split('\n').at(-1)).toBe(`Rule sets: ${all}`);
    // Without the ASV set the ASV findings are gone: the report says why.
    const kvdtOnly = await run(['check', SAMPLE, '--rules', 'rules/kvdt', '--format', 'jsonl']);
    expect(JSON.parse(kvdtOnly.out.trimEnd().split('\n').at(-1)!).ruleSets).toEqual(['kvdt@2026.1']);
    expect(JSON.parse((await run(['check', SAMPLE, '--format', 'json'])).out).summary.ruleSets).toEqual(all.split(', '));
  });

  it('--fix -o writes a corrected copy that passes the price rules, and never the input itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    const out = join(dir, 'fixed.con');
    const before = readFileSync(join(ROOT, SAMPLE));
    const r = await run(['check', SAMPLE, '--fix', '-o', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(ROOT, SAMPLE)).equals(before)).toBe(true);
    const again = await run(['check', out, '--format', 'json']);
    const report = JSON.parse(again.out) as { results: { type: string; code?: string }[]; summary: { corrections: number } };
    expect(report.results.filter((x) => x.type === 'finding').map((f) => f.code)).toEqual(['ASV-TEAMNR-FEHLT', 'KVDT-5012-OHNE-5011', 'KVDT-710']);
    expect(report.summary.corrections).toBe(0);
    expect((await run(['check', SAMPLE, '--fix', '-o', SAMPLE])).code).toBe(2);
    expect((await run(['check', SAMPLE, '--fix'])).code).toBe(2);
  });

  it('the KBV test files check without file problems (the HDRG file has real errors: exit 1)', async () => {
    for (const [f, code] of [
      ['Z01123456699_27.01.2026_12.00.con', 0],
      ['Z30123456699_27.10.2025_12.00.con', 1],
    ] as const) {
      const r = await run(['check', `test/fixtures/kvdt/${f}`, '--format', 'json']);
      expect(r.code).toBe(code);
      const report = JSON.parse(r.out) as { results: { type: string }[]; summary: { problems: Record<string, number> } };
      expect(report.results.filter((x) => x.type === 'problem')).toEqual([]);
      expect(report.summary.problems).toEqual({ fatal: 0, error: 0, warning: 0, info: 0 });
    }
  });

  it('prints SARIF with the finding lines', async () => {
    const r = await run(['check', SAMPLE, '--format', 'sarif']);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results;
    expect(results[0]).toMatchObject({ ruleId: 'ASV-5012-FEHLT', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: SAMPLE }, region: { startLine: 21 } } }] });
  });

  it('kvdt dump prints the parsed records as JSON lines', async () => {
    const r = await run(['kvdt', 'dump', SAMPLE]);
    const records = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => x.record ?? 'practice')).toEqual(['con0', 'besa', 'adt0', '0101', '0101', 'adt9', 'con9', 'practice']);
    expect(records[3].entries[0]).toMatchObject({ date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] });
    expect(records[7].practice.teamNumbers).toEqual(['001234577']);
  });
});
