import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { RuleSetSource } from '../plugin-api/types';
import { KBV_RULES, kbvSeverity } from '../src/kbv/kvdt-rules';
import { KBV_RULE_TEXTS } from '../src/kbv/kvdt-rule-texts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { demoRuleSet } from './helpers';

/** A rule set whose one rule fires for GOP 01234 with the given finding params. */
function ruleSet(params: Record<string, unknown>): RuleSetSource {
  const rule = {
    name: 'demo.rule',
    conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }] },
    event: { type: 'finding', params: { code: 'DEMO', message: { de: 'D', en: 'E' }, fields: ['5001'], source: 'Test', ...params } },
  };
  return { name: 'rules/demo/2026.1/ruleset.json', text: JSON.stringify(demoRuleSet({ rules: [rule] }), null, 2) };
}

const ENTRY = { date: '2026-02-02', gop: '01234' };

describe('KBV rule numbers on findings', () => {
  it('carries the number, with the KBV severity when the rule set gives none', () => {
    for (const [number, severity] of [
      ['059', 'info'],
      ['789', 'warning'],
      ['706', 'error'],
      ['066', 'error'],
    ] as const) {
      const loaded = loadRuleSets([ruleSet({ kbvRule: number })]);
      expect(loaded.ok && loaded.problems).toEqual([]);
      const [finding] = createChecker({ ruleSets: loaded.ok ? loaded.bundle : (undefined as never) }).check(ENTRY).findings;
      expect(finding).toMatchObject({ code: 'DEMO', kbvRule: number, severity });
    }
  });

  it('the default is the XPM message type, else the DSB status (rules reported through generic format messages)', () => {
    for (const [number, rule] of Object.entries(KBV_RULES)) expect(kbvSeverity(number)).toBe(rule.xpm ?? rule.dsb);
    expect(KBV_RULES['066']!.xpm).toBeNull();
    expect(kbvSeverity('066')).toBe('error');
    expect(kbvSeverity('999')).toBeNull();
  });

  it('every number has its text and every text its number (src/kbv/kvdt-rule-texts.ts)', () => {
    expect(Object.keys(KBV_RULE_TEXTS)).toEqual(Object.keys(KBV_RULES));
    for (const text of Object.values(KBV_RULE_TEXTS)) expect(text.de && text.en).toBeTruthy();
  });

  it('a finding without a number has no kbvRule key at all', () => {
    const loaded = loadRuleSets([ruleSet({ severity: 'warning' })]);
    const [finding] = createChecker({ ruleSets: loaded.ok ? loaded.bundle : (undefined as never) }).check(ENTRY).findings;
    expect(finding).toBeDefined();
    expect(Object.keys(finding!)).not.toContain('kbvRule');
  });

  it('a severity that differs from the KBV is a warning unless kbvDeviation says why', () => {
    const differs = loadRuleSets([ruleSet({ kbvRule: '059', severity: 'error' })]);
    expect(differs.ok).toBe(true);
    expect(differs.problems.map((p) => [p.severity, p.code, p.pointer, p.line])).toEqual([['warning', 'kbv-severity', '/rules/0/event/params/severity', 43]]);
    expect(differs.problems[0]!.message).toContain('KVDT-R059 als Hinweis');
    const reasoned = loadRuleSets([ruleSet({ kbvRule: '059', severity: 'error', kbvDeviation: { de: 'Bei der Erfassung strenger.', en: 'Stricter at entry time.' } })]);
    expect(reasoned.ok && reasoned.problems).toEqual([]);
    const [finding] = createChecker({ ruleSets: reasoned.ok ? reasoned.bundle : (undefined as never) }).check(ENTRY).findings;
    expect(finding).toMatchObject({ severity: 'error', kbvRule: '059' });
  });

  it('an unknown number needs its severity; a malformed one, or a reason without a number, is a schema error', () => {
    const unknown = loadRuleSets([ruleSet({ kbvRule: '313' })]);
    expect(unknown.ok).toBe(false);
    expect(unknown.problems.map((p) => [p.code, p.pointer])).toEqual([['kbv-rule', '/rules/0/event/params/kbvRule']]);
    expect(loadRuleSets([ruleSet({ kbvRule: '313', severity: 'error' })]).ok).toBe(true);
    const dispatch = loadRuleSets([ruleSet({ kbvRule: '898' })]);
    expect(dispatch.ok || dispatch.problems[0]!.message).toContain('keinen eigenen Schweregrad');
    for (const bad of [{ kbvRule: '59' }, { kbvRule: 'R059' }, { severity: 'info', kbvDeviation: { de: 'x', en: 'y' } }, {}]) {
      const r = loadRuleSets([ruleSet(bad)]);
      expect(r.ok).toBe(false);
      expect(r.problems.every((p) => p.code === 'schema')).toBe(true);
    }
  });

  it('shows the number as KVDT-R… in the text and SARIF output of the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'ruleset.json'), ruleSet({ kbvRule: '789' }).text);
    writeFileSync(join(dir, 'entry.json'), JSON.stringify(ENTRY));
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), cwd: dir };
    await runCli(['check', '--entry', 'entry.json', '--rules', 'ruleset.json', '--no-fail'], io);
    expect(out).toContain('WARNUNG DEMO KVDT-R789 [FK 5001]');
    out = '';
    await runCli(['check', '--entry', 'entry.json', '--rules', 'ruleset.json', '--format', 'sarif', '--no-fail'], io);
    const sarif = JSON.parse(out) as { runs: { results: { properties?: { kbvRule: string } }[] }[] };
    expect(sarif.runs[0]!.results[0]!.properties).toEqual({ kbvRule: 'KVDT-R789' });
    rmSync(dir, { recursive: true, force: true });
  });
});
