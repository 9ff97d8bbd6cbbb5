import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { LoadResult, RuleSetSource } from '../plugin-api/types';
import { runCli } from '../src/cli/main';
import { ROOT, demoRuleSet, masterSource } from './helpers';


const master = masterSource;
const SDOPS = () => master('SDOPS', 'sdops.xml', '2026-01-01', '2026-12-31');
const SDICD = () => master('SDICD', 'sdicd.xml');
const SDEBM = () => master('SDEBM', 'sdebm.xml');
const SDHDRG = (): RuleSetSource => ({ name: 'sdhdrg.json', text: readFileSync(`${ROOT}/rules/catalogues/sdhdrg-2.0.0-2026.json`, 'utf8') });

/** A rule set with one finding rule per [name, conditions]; the message shows placeholder {v} = the first condition's fact. */
function ruleSet(rules: [string, Record<string, unknown>[], Record<string, unknown>?][]): RuleSetSource {
  const doc = demoRuleSet({
    validUntil: '2026-12-31',
    rules: rules.map(([name, all, extra]) => ({
      name,
      conditions: { all },
      event: { type: 'finding', params: { code: name.toUpperCase().replace(/[^A-Z0-9]+/g, '-'), severity: 'warning', message: { de: '{v}', en: '{v}' }, fields: ['5001'], source: 'Test', v: all[0]!.fact === undefined ? { fact: 'gop' } : { fact: all[0]!.fact, ...(all[0]!.params ? { params: all[0]!.params } : {}), ...(all[0]!.path ? { path: all[0]!.path } : {}) }, ...extra } },
    })),
  });
  return { name: 'rules/demo/2026.1/ruleset.json', text: JSON.stringify(doc, null, 2) };
}
const bundleOf = (r: LoadResult) => {
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line} ${p.pointer} ${p.messageEn}`).join('\n'));
  return r.bundle;
};
const fired = (sources: RuleSetSource[], entry: unknown) =>
  createChecker({ ruleSets: bundleOf(loadRuleSets(sources)) })
    .check(entry)
    .findings.map((f) => `${f.code}: ${f.message}`);

const OPS_RULES = ruleSet([
  ['ops.223', [{ fact: 'opsNotInMaster', operator: 'notEqual', value: null }]],
  ['ops.705', [{ fact: 'opsMissingLaterality', operator: 'notEqual', value: null }]],
]);

describe('facts from the KBV master catalogues', () => {
  it('SDOPS: OPS codes not valid on the day (223) and codes with kzseite=J without a side (705)', () => {
    const entry = { date: '2026-03-02', gop: '31101', ops: ['5-530.31', '9-984.0', '5-999.99', { code: '1-100', laterality: 'R' }] };
    expect(fired([OPS_RULES, SDOPS()], entry)).toEqual(['OPS-223: 9-984.0, 5-999.99', 'OPS-705: 5-530.31']);
    expect(fired([OPS_RULES, SDOPS()], { ...entry, ops: [{ code: '5-530.31', laterality: 'L' }] })).toEqual([]);
    // Without the SDOPS: 223 silent; the side comes from the host's flag only.
    expect(fired([OPS_RULES], entry)).toEqual([]);
    expect(fired([OPS_RULES], { ...entry, ops: [{ code: '5-530.31', sided: true }] })).toEqual(['OPS-705: 5-530.31']);
  });

  it('SDICD: codes not billable or unknown (499), primary codes by the notation mark (735), the typed marks without it', () => {
    const rules = ruleSet([
      ['icd.499', [{ fact: 'diagnosesNotInMaster', operator: 'notEqual', value: null }]],
      ['icd.735', [{ fact: 'hasPrimaryDiagnosis', operator: 'equal', value: false }]],
    ]);
    const entry = (...icd: string[]) => ({ date: '2026-05-04', gop: 'G24M', hybridDrg: { code: 'G24M' }, diagnoses: icd.map((c) => ({ icd: c })) });
    expect(fired([rules, SDICD()], entry('E11.-', 'E11.90', 'X99.9'))).toEqual(['ICD-499: E11.-, X99.9']);
    // G63.2 is a star code in the SDICD even when typed without its mark; E11.40 a dagger (primary) code.
    expect(fired([rules, SDICD()], entry('G63.2', 'U07.1'))).toEqual(['ICD-735: false']);
    expect(fired([rules, SDICD()], entry('G63.2', 'E11.40'))).toEqual([]);
    expect(fired([rules], entry('G63.2', 'U07.1'))).toEqual([]);
    expect(fired([rules], entry('G63.2*', 'U07.1!'))).toEqual(['ICD-735: false']);
  });

  it('SDICD: rare codes (494), codes without content (498), sex (737) and age limits (493) of the given error kind', () => {
    const rules = ruleSet([
      ['icd.494', [{ fact: 'diagnosesRare', operator: 'notEqual', value: null }]],
      ['icd.498', [{ fact: 'diagnosesWithoutContent', operator: 'notEqual', value: null }]],
      ['icd.737', [{ fact: 'diagnosesSexConflict', params: { errorKind: 'k' }, operator: 'notEqual', value: null }]],
      ['icd.493', [{ fact: 'diagnosesOutsideAgeLimits', params: { errorKind: 'm' }, operator: 'notEqual', value: null }]],
    ]);
    const entry = (icd: string[], sex: string | null, birthDate: string, start = '2026-05-04', end = start) => ({
      date: '2026-05-04',
      gop: 'G24M',
      hybridDrg: { code: 'G24M', start, end, opDate: start },
      diagnoses: icd.map((c) => ({ icd: c })),
      patient: { birthDate, ...(sex === null ? {} : { sex }) },
    });
    expect(fired([rules, SDICD()], entry(['A20.0', 'U06.9', 'E11.90'], 'W', '1970-01-01'))).toEqual(['ICD-494: A20.0', 'ICD-498: U06.9']);
    // N60.1 is "w" with a may error (k): said for M only, not for W, X, D or without a sex; N40 is "m" with a must error (m): not rule 737.
    expect(fired([rules, SDICD()], entry(['N60.1', 'N40'], 'M', '1970-01-01'))).toEqual(['ICD-737: N60.1']);
    for (const sex of ['W', 'X', 'D', null]) expect(fired([rules, SDICD()], entry(['N60.1', 'N40'], sex, '1970-01-01')), String(sex)).toEqual([]);
    // R54: 60 to 124 years, must error. Oldest age at the start (5028), youngest at the end (5029).
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-05-05'))).toEqual(['ICD-493: R54']);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-05-04'))).toEqual([]);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-05-05', '2026-05-04', '2026-05-05'))).toEqual([]);
    // P07.1: 0 to 28 days. Day 28 at the start is still in; day 29 is not. The minimum at the end: born after the end is no age at all.
    expect(fired([rules, SDICD()], entry(['P07.1'], 'W', '2026-04-06'))).toEqual([]);
    expect(fired([rules, SDICD()], entry(['P07.1'], 'W', '2026-04-05'))).toEqual(['ICD-493: P07.1']);
    // N40's lower limit (10 years) is a may error: not rule 493.
    expect(fired([rules, SDICD()], entry(['N40'], 'M', '2020-01-01'))).toEqual([]);
    // An incomplete birth date decides only when every day it may stand for decides (KBV Anforderungskatalog ICD-10-GM P10-480 no. 6).
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-00-00'))).toEqual([]);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1967-00-00'))).toEqual(['ICD-493: R54']);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-05-00'))).toEqual([]);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '1966-06-00'))).toEqual(['ICD-493: R54']);
    expect(fired([rules, SDICD()], entry(['R54'], 'W', '0000-00-00'))).toEqual([]);
    // Without the SDICD all four are silent.
    expect(fired([rules], entry(['A20.0', 'U06.9', 'N60.1', 'R54', 'P07.1'], 'M', '2020-01-01'))).toEqual([]);
  });

  it('SDHDRG: a Hybrid-DRG not in the catalogue of the service date (221); silent on days without one', () => {
    const rules = ruleSet([['hdrg.221', [{ fact: 'hybridDrgNotInMaster', operator: 'notEqual', value: null }]]]);
    const hdrg = (code: string, opDate: string) => ({ hybridDrg: { code, start: opDate, opDate } });
    expect(fired([rules, SDHDRG()], hdrg('N25N', '2026-03-02'))).toEqual(['HDRG-221: N25N']);
    expect(fired([rules, SDHDRG()], hdrg('N25M', '2026-03-02'))).toEqual([]);
  });

  it('SDEBM: a GOP of Bereich VII is found through the trigger index, not by running the rule for every entry', () => {
    const rules = ruleSet([['ebm.vii', [{ fact: 'ebmGop', path: '$.area', operator: 'equal', value: 'VII' }, { fact: 'teamNumber', operator: 'equal', value: null }]]]);
    const checker = createChecker({ ruleSets: bundleOf(loadRuleSets([rules, SDEBM()])) });
    expect(checker.check({ date: '2026-05-04', gop: '50100' }).findings.map((f) => f.code)).toEqual(['EBM-VII']);
    expect(checker.check({ date: '2026-05-04', gop: '50100', teamNumber: '001234566' }).findings).toEqual([]);
    expect(checker.explain({ date: '2026-05-04', gop: '01100' }).rules).toEqual([]);
    expect(checker.explain({ date: '2026-05-04', gop: '50100' }).rules.map((r) => r.ruleId)).toEqual(['ebm.vii']);
  });

  it('gopBetween keys its rule on the range', () => {
    const rules = ruleSet([['asv.range', [{ fact: 'gopBetween', params: { from: '88500', to: '88699' }, operator: 'equal', value: true }]]]);
    const checker = createChecker({ ruleSets: bundleOf(loadRuleSets([rules])) });
    expect(['88499', '88500', '88699', '88700', '8850A'].map((gop) => checker.check({ date: '2026-05-04', gop }).findings.length)).toEqual([0, 1, 1, 0, 0]);
    expect(checker.explain({ date: '2026-05-04', gop: '01100' }).rules).toEqual([]);
    const bad = loadRuleSets([ruleSet([['asv.range', [{ fact: 'gopBetween', params: { from: '88700', to: '88500' }, operator: 'equal', value: true }]]])]);
    expect(bad.ok || bad.problems.map((p) => p.pointer)).toContain('/rules/0/conditions/all/0/params/to');
  });

  it('batchCount ebmOperation: an EBM operation (sections 31.2, 36.2 of the SDEBM) the same day as a Hybrid-DRG', () => {
    const rules = ruleSet([['hdrg.ebm-op', [{ fact: 'hybridDrg', operator: 'notEqual', value: null }, { fact: 'batchCount', params: { per: 'patientDay', match: 'ebmOperation' }, operator: 'greaterThan', value: 0 }]]]);
    const patient = { insuranceNumber: 'A123456789', birthDate: '1970-01-01' };
    const batch = (gop: string) => [
      { date: '2026-05-04', gop: 'G24M', hybridDrg: { code: 'G24M', opDate: '2026-05-04' }, patient },
      { date: '2026-05-04', gop, patient },
    ];
    const check = (sources: RuleSetSource[], gop: string) => createChecker({ ruleSets: bundleOf(loadRuleSets(sources)) }).checkAll(batch(gop)).map((r) => r.findings.map((f) => f.code));
    expect(check([rules, SDEBM()], '31101')).toEqual([['HDRG-EBM-OP'], []]);
    expect(check([rules, SDEBM()], '36101')).toEqual([['HDRG-EBM-OP'], []]);
    expect(check([rules, SDEBM()], '01100')).toEqual([[], []]);
    expect(check([rules], '31101')).toEqual([[], []]);
  });

  it('rules that need a master catalogue not loaded are said once, as info, by the loader, the bundle and the checker', () => {
    const loaded = loadRuleSets([OPS_RULES]);
    const bundle = bundleOf(loaded);
    expect(loaded.problems.map((p) => [p.severity, p.code, p.pointer, p.line])).toEqual([['info', 'inactive-rules', '/rules/0', 19]]);
    expect(loaded.problems[0]!.message).toBe(
      '1 Regel bleibt stumm, weil keine OPS-Stammdatei (SDOPS) für die Gültigkeit von demo@2026.1 (2026-01-01–2026-12-31) geladen ist: ops.223. Die KBV-Datei mit "pvs-rules import sdops" einlesen und mitladen.',
    );
    expect(bundle.notices).toEqual(loaded.problems);
    expect(bundle.warnings).toEqual([]);
    expect(createChecker({ ruleSets: bundle }).notices).toEqual(bundle.notices);
    // Loaded, but for another year only: still inactive for this version.
    expect(loadRuleSets([OPS_RULES, master('SDOPS', 'sdops.xml')]).problems.map((p) => p.code)).toEqual(['inactive-rules']);
    expect(loadRuleSets([OPS_RULES, SDOPS()]).problems).toEqual([]);
  });

  it('a rule whose every branch needs the master is inactive; one with another way to fire is not', () => {
    const rules = ruleSet([
      ['any.both', [{ any: [{ fact: 'opsNotInMaster', operator: 'notEqual', value: null }, { fact: 'diagnosesNotInMaster', operator: 'notEqual', value: null }] }]],
      ['any.other', [{ any: [{ fact: 'opsNotInMaster', operator: 'notEqual', value: null }, { fact: 'gop', operator: 'equal', value: '01100' }] }]],
      ['needs.null', [{ fact: 'opsNotInMaster', operator: 'equal', value: null }]],
    ]);
    expect(loadRuleSets([rules, SDOPS()]).problems.map((p) => p.code)).toEqual([]);
    // any.both and any.other can fire without the SDOPS alone; needs.null fires when the fact is null.
    expect(loadRuleSets([rules]).problems).toEqual([]);
    // Both masters in one rule: said for each.
    const both = loadRuleSets([ruleSet([['both', [{ fact: 'opsNotInMaster', operator: 'notEqual', value: null }, { fact: 'diagnosesNotInMaster', operator: 'notEqual', value: null }]]])]);
    expect(both.problems.map((p) => p.message.replace(/ für .*/, ''))).toEqual(['1 Regel bleibt stumm, weil keine OPS-Stammdatei (SDOPS)', '1 Regel bleibt stumm, weil keine ICD-10-GM-Stammdatei (SDICD)']);
    // A side from the host's flag needs no SDOPS: the rule is active without it.
    const side = loadRuleSets([ruleSet([['side', [{ any: [{ fact: 'opsNotInMaster', operator: 'notEqual', value: null }, { fact: 'opsMissingLaterality', operator: 'notEqual', value: null }] }]]])]);
    expect(side.problems).toEqual([]);
  });

  it('pvs-rules validate prints the notice as HINWEIS and stays OK', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-'));
    writeFileSync(join(dir, 'ruleset.json'), OPS_RULES.text);
    let out = '';
    const code = await runCli(['validate', 'ruleset.json'], { out: (t) => (out += t), err: (t) => (out += t), cwd: dir });
    expect(code).toBe(0);
    expect(out).toMatch(/^ruleset\.json:19:5: HINWEIS \[inactive-rules\] 1 Regel bleibt stumm, weil keine OPS-Stammdatei \(SDOPS\) für die Gültigkeit von demo@2026\.1/);
    expect(out).toMatch(/In Ordnung: demo@2026\.1\n$/);
    rmSync(dir, { recursive: true, force: true });
  });
});
