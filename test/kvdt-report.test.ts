/** The report of `pvs-rules check FILE.con` in every format, written as the events come. */
import { writeFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';
import { tempDir } from './kvdt-helpers';

const SAMPLE = join(ROOT, 'examples/kvdt/asv-beispiel.con');

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  let drains = 0;
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd, drain: async () => void drains++ });
  return { code, out, err, drains };
}

describe('report formats', () => {
  it('JSON Lines: one object per problem, finding and correction, then the summary', async () => {
    const r = await run(['check', SAMPLE, '--format', 'jsonl']);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; code?: string; line?: number });
    expect(lines.filter((l) => l.type === 'finding').map((l) => [l.code, l.line])).toContainEqual(['ASV-5012-FEHLT', 21]);
    expect(lines.filter((l) => l.type === 'correction')).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ type: 'summary', file: SAMPLE, lines: 56, cases: 2, services: 5, findings: { error: 3, warning: 2 }, corrections: 2, fatal: false });
  });

  it('JSON: results in order and a summary; SARIF: results, then the tool with the rules seen', async () => {
    const json = JSON.parse((await run(['check', SAMPLE, '--format', 'json'])).out) as { file: string; results: { type: string }[]; summary: { services: number } };
    expect(json.file).toBe(SAMPLE);
    expect(json.results.map((x) => x.type)).toContain('correction');
    expect(json.summary.services).toBe(5);
    const sarif = JSON.parse((await run(['check', SAMPLE, '--format', 'sarif'])).out);
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('ASV-5012-FEHLT');
    expect(sarif.runs[0].results.length).toBe(5);
  });

  it('JUnit: a failed case per error, a passed one with its text per warning, one for the file', async () => {
    const r = await run(['check', SAMPLE, '--format', 'junit']);
    expect(XMLValidator.validate(r.out)).toBe(true);
    const cases = new XMLParser({ ignoreAttributes: false }).parse(r.out).testsuites.testsuite.testcase as Record<string, unknown>[];
    expect(cases.filter((c) => 'failure' in c).map((c) => c['@_name'])).toEqual(['21: ASV-5012-FEHLT', '27: ASV-5012-FALSCH', expect.any(String), 'Datei']);
    expect(cases.filter((c) => !('failure' in c))).toHaveLength(2);
    expect(cases[0]).toMatchObject({ '@_file': SAMPLE, '@_line': '21' });
  });

  it('a file that cannot be checked still gives a well-formed JSON, SARIF, JUnit or JSON Lines report, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'e.json'), '{"gop": "03000"}\n');
    for (const format of ['json', 'sarif', 'jsonl', 'junit']) {
      const r = await run(['check', 'e.json', '--format', format], dir);
      expect(r.code).toBe(2);
      expect(r.err).toBe('e.json:1: keine KVDT-Datei; für Leistungs-JSON --entry verwenden\n');
      if (format === 'jsonl') r.out.trimEnd().split('\n').forEach((l) => JSON.parse(l));
      else if (format === 'junit') expect(XMLValidator.validate(r.out)).toBe(true);
      else JSON.parse(r.out);
    }
  });

  it('English with --locale en', async () => {
    const r = await run(['check', SAMPLE, '--locale', 'en']);
    expect(r.out).toContain('Summary: 56 lines, 2 cases, 5 services; 3 error(s), 2 warning(s)');
  });

  it('a long report waits for stdout between pieces (backpressure), not once at the end', async () => {
    const dir = tempDir();
    const file = join(dir, 'many.con');
    const { kvdt, HEAD, TAIL } = await import('./kvdt-helpers');
    const cases = Array.from({ length: 3000 }, (_, i) => kvdt(['8000', '0101'], ['3000', `P${i}`], ['5000', '20260414'], ['5001', '88500'], ['5011', '5489'], ['5100', '001234577']));
    writeFileSync(file, Buffer.concat([kvdt(...HEAD), ...cases, kvdt(...TAIL)]));
    const r = await run(['check', file]);
    expect(r.out.length).toBeGreaterThan(500_000);
    expect(r.drains).toBeGreaterThan(3);
  });
});
