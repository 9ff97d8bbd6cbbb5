import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChecker } from '../plugin-api/index';
import Ajv2020 from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { diffRuleSets } from '../src/tooling/diff';
import { runTestCases } from '../src/tooling/test-runner';
import { bundled, mustLoad, readJsonFile, ROOT, withEbmOperations } from './helpers';
import { BUNDLED_RULES_DIR } from '../src/node/files';
import { readTestCaseSources } from '../src/node/test-case-files';
import type { RuleSetDoc } from '../src/model';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: ROOT });
  return { code, out, err };
}

const sarifSchema = JSON.parse(readFileSync(`${ROOT}/test/fixtures/sarif/sarif-2.1.0.json`, 'utf8'));
const validateSarif = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(sarifSchema);

describe('pvs-rules test', () => {
  it('runs the bundled case files: all pass (text and JUnit)', async () => {
    const files = readTestCaseSources([BUNDLED_RULES_DIR], ROOT);
    // A batch case gives one result per entry.
    const total = files.reduce((n, f) => n + (JSON.parse(f.text) as { cases: { batch?: unknown[] }[] }).cases.reduce((k, c) => k + (c.batch?.length ?? 1), 0), 0);
    expect(total).toBeGreaterThanOrEqual(51);
    const text = await run(['test']);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(new RegExp(`^${total} bestanden, 0 fehlgeschlagen$`, 'm'));
    const junit = await run(['test', 'rules', '--format', 'junit']);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(junit.out);
    expect(doc.testsuites['@_tests']).toBe(String(total));
    expect(doc.testsuites['@_failures']).toBe('0');
    expect(doc.testsuites.testsuite).toHaveLength(files.length);
  });

  it('a failing case shows expected vs actual and the explanation trace', () => {
    const source = {
      name: 'wrong.test.json',
      text: JSON.stringify({
        kind: 'test-cases',
        cases: [{ name: 'wrong price expected', entry: { date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] }, expect: { corrections: [{ field: '5012', value: '52459' }] } }],
      }),
    };
    const report = runTestCases([source], bundled(), () => undefined);
    const [c] = report.cases;
    expect(c!.passed).toBe(false);
    expect(c!.differences.map((d) => d.en)).toEqual([
      'unexpected finding: ASV-5012-FEHLT (error): Preis (FK 5012) zu GOÄ-Nr. 5489 fehlt; richtig sind 52458 Cent.',
      'expected correction missing: 5012 = 52459',
      'unexpected correction: 5012[0] = 52458',
    ]);
    expect(c!.explanation!.rules.find((r) => r.ruleId === 'asv.5012.set-price')!.fired).toBe(true);
  });

  it('a batch case checks its entries together and expects findings per entry; every report covers each entry at its line', async () => {
    const who = { insuranceNumber: 'A123456789', birthDate: '1971-01-01' };
    const hdrg = { date: '2026-03-10', hybridDrg: { code: 'G24M', start: '2026-03-10', end: '2026-03-10', opDate: '2026-03-10' }, ops: [{ code: '5-530.31', laterality: 'L' }], diagnoses: [{ icd: 'K40.90' }], patient: who };
    const ebm = { date: '2026-03-10', gop: '31102', patient: who };
    const doc = {
      kind: 'test-cases',
      cases: [
        {
          name: 'EBM-OP am selben Tag',
          batch: [
            { entry: hdrg, expect: { findings: [{ code: 'HDRG-PREIS' }, { code: 'HDRG-EBM-OP-SELBER-TAG', severity: 'warning' }] } },
            // Wrong on purpose: the EBM entry itself gets no finding.
            { entry: ebm, expect: { findings: [{ code: 'HDRG-EBM-OP-SELBER-TAG' }] } },
          ],
        },
      ],
    };
    const text = JSON.stringify(doc, null, 2);
    // 31102 is an EBM operation by the host's EBM master file (a test one).
    const sources = withEbmOperations();
    const report = runTestCases([{ name: 'stapel.test.json', text }], mustLoad(sources), () => undefined);
    expect(report.cases.map((c) => [c.name, c.passed, c.line, c.batch])).toEqual([
      ['EBM-OP am selben Tag (1/2)', true, text.split('\n').findIndex((l) => l.includes('"entry"')), { case: 'EBM-OP am selben Tag', entry: 1, of: 2 }],
      ['EBM-OP am selben Tag (2/2)', false, expect.any(Number), { case: 'EBM-OP am selben Tag', entry: 2, of: 2 }],
    ]);
    expect(report.cases[1]!.differences.map((d) => d.de)).toEqual(['erwartete Meldung fehlt: HDRG-EBM-OP-SELBER-TAG']);
    // Checked alone, the Hybrid-DRG entry has no batch: the same-day rule stays silent.
    expect(createChecker({ ruleSets: bundled() }).check(hdrg).findings.map((f) => f.code)).toEqual(['HDRG-PREIS']);

    const dir = mkdtempSync(join(tmpdir(), 'pvs-batch-'));
    writeFileSync(join(dir, 'stapel.test.json'), text);
    writeFileSync(join(dir, 'sdebm.json'), sources.at(-1)!.text);
    const junit = await run(['test', dir, '--rules', 'rules', '--rules', join(dir, 'sdebm.json'), '--format', 'junit']);
    const cases = new XMLParser({ ignoreAttributes: false }).parse(junit.out).testsuites.testsuite.testcase;
    expect(cases.map((c: Record<string, unknown>) => [c['@_name'], c['@_line'], 'failure' in c])).toEqual([
      ['EBM-OP am selben Tag (1/2)', String(report.cases[0]!.line), false],
      ['EBM-OP am selben Tag (2/2)', String(report.cases[1]!.line), true],
    ]);
    const sarif = JSON.parse((await run(['test', dir, '--rules', 'rules', '--rules', join(dir, 'sdebm.json'), '--format', 'sarif'])).out);
    expect(validateSarif(sarif)).toBe(true);
    const results = sarif.runs[0].results;
    expect(results).toHaveLength(1);
    expect(results[0].message.text).toContain('EBM-OP am selben Tag (2/2)');
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(report.cases[1]!.line);
  });

  it('reports a broken case file with its location', () => {
    const report = runTestCases([{ name: 'bad.test.json', text: '{\n  "kind": "test-cases",\n  "cases": [{ "name": "x" }]\n}' }], bundled(), () => undefined);
    expect(report.problems.map((p) => `${p.file}:${p.line} ${p.pointer} ${p.messageEn}`)).toEqual(['bad.test.json:3 /cases/0 A case needs entry and expect, or batch (a list of {entry, expect}).']);
  });

  it('JUnit output of a failure parses and names the failure', async () => {
    const report = runTestCases(
      [{ name: 'f.test.json', text: JSON.stringify({ kind: 'test-cases', cases: [{ name: 'a & b', entry: { date: '2026-04-14', gop: '03000' }, expect: { findings: [{ code: 'X' }] } }] }) }],
      bundled(),
      () => undefined,
    );
    const { toJUnit } = await import('../src/tooling/test-runner');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(toJUnit(report, 'en'));
    expect(doc.testsuites.testsuite.testcase['@_name']).toBe('a & b');
    expect(doc.testsuites.testsuite.testcase.failure['@_message']).toBe('expected finding missing: X');
  });
});

describe('SARIF output validates against the SARIF 2.1.0 schema', () => {
  it.each([
    ['validate with problems', ['validate', 'test/fixtures/rulesets/broken']],
    ['check a KVDT file', ['check', 'examples/kvdt/asv-beispiel.con', '--format', 'sarif']],
    ['check entries', ['check', '--entry', 'examples/entries/sample-quarter.json', '--format', 'sarif']],
    ['test', ['test', '--format', 'sarif']],
  ])('%s', async (_label, args) => {
    const r = await run(args[0] === 'validate' ? [...args, '--format', 'sarif'] : args);
    const sarif = JSON.parse(r.out);
    const ok = validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    if (args[0] === 'validate') {
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });
});

describe('pvs-rules diff', () => {
  const asv = readJsonFile<RuleSetDoc>('rules/asv/2026.1/ruleset.json');
  it('lists rules and table rows added, removed and changed', () => {
    const next: RuleSetDoc = JSON.parse(JSON.stringify(asv));
    next.version = '2026.2';
    next.rules = next.rules.filter((r) => r.name !== 'asv.goae.simple-rate-only');
    (next.rules.find((r) => r.name === 'asv.5012.wrong')!.event.params as { severity: string }).severity = 'warning';
    next.rules.push({ ...next.rules[0]!, name: 'asv.new-rule' });
    next.tables!['pseudoGops']!.rows.push({ ...next.tables!['pseudoGops']!.rows[0]!, gop: '88501' });
    next.tables!['pseudoGops']!.rows[0]!['validUntil'] = '2026-12-31';
    const d = diffRuleSets(asv, next);
    expect(d.header).toEqual([{ field: 'version', old: '2026.1', new: '2026.2' }]);
    expect(d.rules).toEqual({ added: ['asv.new-rule'], removed: ['asv.goae.simple-rate-only'], changed: [{ name: 'asv.5012.wrong', parts: ['event.severity'] }] });
    expect(d.tables.changed).toEqual([{ table: 'pseudoGops', rowsAdded: ['gop="88501"'], rowsRemoved: [], rowsChanged: [{ key: 'gop="88500"', columns: ['validUntil'] }] }]);
  });

  it('prints a readable diff and JSON', async () => {
    const same = await run(['diff', 'rules/asv/2026.1/ruleset.json', 'rules/asv/2026.1/ruleset.json']);
    expect(same.out).toBe('asv@2026.1 → asv@2026.1\n  keine Änderungen\n');
    const json = await run(['diff', 'rules/asv/2026.1/ruleset.json', 'rules/kvdt/2026.1/ruleset.json', '--format', 'json']);
    expect(JSON.parse(json.out).rules.added).toEqual(['kvdt.5012.without-5011', 'kvdt.5012.over-limit']);
  });
});

describe('pvs-rules explain', () => {
  it('shows candidates, each condition with fact value, operator and expected value', async () => {
    const r = await run(['explain', '--entry', 'examples/entries/asv-88500-kbv.json']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('LÖST AUS asv.5012.set-price (asv@2026.1, Paar 1)');
    expect(r.out).toContain('✗ teamNumber equal null   Faktwert: "001234577"');
    expect(r.out).toContain('✓ cost5012 notEqual {"fact":"goaePriceCents","params":{"factors":"asvFactors"}} (= "52458")   Faktwert: null');
    expect(r.out).toContain('Korrekturen: 5012[0]=52458');
  });
});

describe('every JSON file the project ships names its schema', () => {
  it('rule sets, catalogue, contexts and case files', async () => {
    const { readRuleSources } = await import('../src/node/files');
    const files = [...readRuleSources(['rules', 'examples/practice-context.json'], ROOT), ...readTestCaseSources(['rules'], ROOT)];
    for (const f of files) expect(JSON.parse(f.text).$schema, f.name).toMatch(/schemas\/[a-z-]+\.schema\.json$/);
  });

  it('sample entries name their schema and validate against it', () => {
    const schema = readJsonFile<object>('schemas/service-entries.schema.json');
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile({ ...schema, $schema: undefined });
    for (const name of ['asv-88500-kbv.json', 'asv-team.json', 'bv-beispiel.json', 'sample-quarter.json']) {
      const doc = readJsonFile<{ $schema: string }>(`examples/entries/${name}`);
      expect(doc.$schema, name).toBe('../../schemas/service-entries.schema.json');
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ entries: [{ date: 20260101 }] })).toBe(false);
  });
});
