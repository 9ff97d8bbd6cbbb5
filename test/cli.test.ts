import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

describe('pvs-rules check', () => {
  it('prints exactly the result object for the KBV example with --format json, 5012 = 52458, exit 1', () => {
    const r = run(['check', '--entry', 'examples/entries/asv-88500-kbv.json', '--format', 'json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out);
    expect(Object.keys(result)).toEqual(['findings', 'corrections']);
    expect(result.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
  });

  it('prints German text by default and English with --locale en', () => {
    const de = run(['check', '--entry', 'examples/entries/asv-88500-kbv.json']);
    expect(de.out).toContain('KORREKTUR FK 5012 (Paar 1) = 52458');
    expect(de.out).toContain('Zusammenfassung: 1 Leistung(en), 1 Fehler');
    const en = run(['check', '--entry', 'examples/entries/asv-88500-kbv.json', '--locale', 'en']);
    expect(en.out).toContain('CORRECT FK 5012 (pair 1) = 52458');
  });

  it('exit 0 when no error finding, 1 with, 0 with --no-fail, 2 on unusable input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489', cents: '52458' }] }));
    writeFileSync(join(dir, 'broken.json'), '{"date": ');
    writeFileSync(join(dir, 'nodate.json'), '{"gop": "88500"}');
    expect(run(['check', '--entry', 'ok.json'], dir).code).toBe(0);
    expect(run(['check', '--entry', join(ROOT, 'examples/entries/sample-quarter.json')], dir).code).toBe(1);
    expect(run(['check', '--entry', join(ROOT, 'examples/entries/sample-quarter.json'), '--no-fail'], dir).code).toBe(0);
    const broken = run(['check', '--entry', 'broken.json'], dir);
    expect([broken.code, broken.err]).toEqual([2, expect.stringContaining('kein gültiges JSON')]);
    expect(run(['check', '--entry', 'missing.json'], dir).code).toBe(2);
    expect(run(['check', '--entry', 'nodate.json'], dir).code).toBe(2);
    expect(run(['check'], dir).code).toBe(2);
    expect(run(['frobnicate'], dir).code).toBe(2);
    expect(run(['check', '--entry', 'ok.json', '--format', 'xml'], dir).code).toBe(2);
  });

  it('refuses to check with broken rule sets and says where they are broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'entry.json'), JSON.stringify({ date: '2026-04-14', gop: '03000' }));
    writeFileSync(join(dir, 'bad.json'), '{\n  "kind": "ruleset",\n  "id": 7\n}');
    const r = run(['check', '--entry', 'entry.json', '--rules', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.json:3:3');
  });
});

describe('pvs-rules validate', () => {
  it('accepts the bundled rule sets', () => {
    const r = run(['validate']);
    expect([r.code, r.out]).toEqual([0, 'In Ordnung: asv@2026.1, kvdt@2026.1\n']);
  });
});
