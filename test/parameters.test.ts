/**
 * Parameters: the domain thresholds live in the rule sets, typed, described and sourced.
 * For each threshold that used to be a TypeScript constant, changing its value in the JSON
 * changes what the rules do — no code involved — and the messages show the value.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createChecker, loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import type { LoadProblem, RuleSetSource } from '../plugin-api/types';
import { readFileSync } from 'node:fs';
import { internalsOf } from '../src/compile/bundle';
import { writesAsWord } from '../src/load/parameters';
import { bundledSources, codes, mustLoad, ROOT } from './helpers';

/** The bundled sources with the rule set at `file` (its end) edited as JSON. */
function edited(file: string, edit: (doc: Record<string, any>) => void): RuleSetSource[] {
  return bundledSources().map((s) => {
    if (!s.name.endsWith(file)) return s;
    const doc = JSON.parse(s.text);
    edit(doc);
    return { name: s.name, text: JSON.stringify(doc, null, 2) };
  });
}
const withParameter = (file: string, name: string, value: unknown) => mustLoad(edited(file, (d) => (d['parameters'][name] = { ...d['parameters'][name], value })));

const TEAM = '001234577';
function context(members: Record<string, unknown>[]) {
  const doc = { kind: 'practice-context', practiceTeamNumbers: [TEAM], teams: [{ teamNumber: TEAM, appendix: 'gyn-tumoren', validFrom: '2015-01-01', validUntil: null, members }] };
  const ctx = loadPracticeContext({ name: 'ctx.json', text: JSON.stringify(doc) });
  if (!ctx.ok) throw new Error(JSON.stringify(ctx.problems));
  return ctx;
}
const LEAD = { lanr: '604432405', name: 'Dr. Leitung', specialty: 'Gastroenterologie', role: 'teamleitung', joined: '2015-01-01' };
const asvService = (date: string, lanr = LEAD.lanr) => ({ date, gop: '01100', teamNumber: TEAM, lanr, diagnoses: [{ icd: 'C50.4' }], case: { referral: true } });
const ASV = 'asv/2026.1/ruleset.json';

describe('each threshold moved out of TypeScript is a parameter: changing it in JSON changes the rules', () => {
  it('replacementMonths (6): the team lead left and nobody was named; the basis lapses after the parameter’s months', () => {
    const ctx = context([{ ...LEAD, left: '2026-01-31', leaveReported: '2026-02-02' }, { lanr: '633116027', specialty: 'Nuklearmedizin', role: 'kernteam', joined: '2015-01-01' }]);
    const on = (bundle: ReturnType<typeof mustLoad>, date: string) => createChecker({ ruleSets: bundle, context: ctx }).check(asvService(date, '633116027'));
    const six = mustLoad(bundledSources());
    expect(codes(on(six, '2026-07-31'))).toEqual([]);
    const lapsed = on(six, '2026-08-01');
    expect(codes(lapsed)).toEqual(['ASV-TEAM-GRUNDLAGE-ENTFALLEN']);
    expect(lapsed.findings[0]!.message).toContain('binnen 6 Monaten');
    const twelve = withParameter(ASV, 'replacementMonths', 12);
    expect(codes(on(twelve, '2026-08-01'))).toEqual([]);
    expect(on(twelve, '2027-02-01').findings[0]!.message).toContain('binnen 12 Monaten');
  });

  it('leaveReportWorkingDays (7): a leave not reported is overdue after the parameter’s Werktage', () => {
    const ctx = context([LEAD, { lanr: '633116027', specialty: 'Nuklearmedizin', role: 'kernteam', joined: '2015-01-01', left: '2026-03-31' }]);
    const on = (bundle: ReturnType<typeof mustLoad>, date: string) => createChecker({ ruleSets: bundle, context: ctx }).check(asvService(date));
    expect(codes(on(mustLoad(bundledSources()), '2026-04-11'))).toEqual(['ASV-AUSSCHEIDEN-NICHT-ANGEZEIGT']);
    const ten = withParameter(ASV, 'leaveReportWorkingDays', 10);
    // 10 Werktage after 2026-03-31 end on 2026-04-14.
    expect(codes(on(ten, '2026-04-14'))).toEqual([]);
    const r = on(ten, '2026-04-15');
    expect(codes(r)).toEqual(['ASV-AUSSCHEIDEN-NICHT-ANGEZEIGT']);
    expect(r.findings[0]!.message).toContain('(Frist 10 Werktage, bis 2026-04-14)');
  });

  it('maxTravelMinutes (30): a hinzuzuziehender Facharzt farther away than the parameter', () => {
    const ctx = context([LEAD, { lanr: '555555123', specialty: 'Strahlentherapie', role: 'hinzuzuziehend', joined: '2015-01-01', travelMinutes: 40 }]);
    const on = (bundle: ReturnType<typeof mustLoad>) => createChecker({ ruleSets: bundle, context: ctx }).check(asvService('2026-05-04', '555555123'));
    const r = on(mustLoad(bundledSources()));
    expect(codes(r)).toEqual(['ASV-ENTFERNUNG']);
    expect(r.findings[0]!.message).toContain('in der Regel höchstens 30 Minuten');
    expect(codes(on(withParameter(ASV, 'maxTravelMinutes', 45)))).toEqual([]);
  });

  it('minDaysAtLeadSite (1): an ordinary core-team member fewer days a week at the lead’s site', () => {
    const ctx = context([LEAD, { lanr: '633116027', specialty: 'Nuklearmedizin', role: 'kernteam', joined: '2015-01-01', daysAtLeadSite: 1 }]);
    const on = (bundle: ReturnType<typeof mustLoad>) => createChecker({ ruleSets: bundle, context: ctx }).check(asvService('2026-05-04', '633116027'));
    expect(codes(on(mustLoad(bundledSources())))).toEqual([]);
    const r = on(withParameter(ASV, 'minDaysAtLeadSite', 2));
    expect(codes(r)).toEqual(['ASV-KERNTEAM-ORT']);
    expect(r.findings[0]!.message).toContain('an mindestens 2 Tag(en) je Woche');
  });

  it('revocationDays (14): the § 140a revocation window of a contract that states none of its own', () => {
    const service = { date: '2026-01-20', gop: 'BV002', lanr: '776299002', bsnr: '198212400', patient: { insuranceNumber: 'E543768738', birthDate: '1971-01-01' }, case: { insurerIk: '108939385', participations: [{ contract: 'beispiel-rueckenschmerz', declared: '2026-01-05', noticeGiven: '2026-01-05' }] } };
    const inWindow = (bundle: ReturnType<typeof mustLoad>) => codes(createChecker({ ruleSets: bundle }).check(service));
    // 2026-01-05 + 14 days = 2026-01-19: the 20th is outside.
    expect(inWindow(mustLoad(bundledSources()))).toEqual([]);
    expect(inWindow(withParameter('bv/2026.1/ruleset.json', 'revocationDays', 21))).toEqual(['BV-WIDERRUFSFRIST']);
  });

  it('maxStayDays (Belegungstage: 1 in 2024 and 2025, 2 from 2026): value, description and messages follow the parameter', () => {
    const stay = (start: string, end: string) => ({ hybridDrg: { code: 'G24M', start, end, opDate: start }, ops: [{ code: '5-530.31', laterality: 'L' }], diagnoses: [{ icd: 'K40.90' }], patient: { birthDate: '1971-01-01' } });
    const find = (bundle: ReturnType<typeof mustLoad>, s: ReturnType<typeof stay>) => createChecker({ ruleSets: bundle }).check(s).findings.filter((f) => f.code === 'HDRG-BELEGUNGSTAGE');
    const shipped = mustLoad(bundledSources());
    expect(find(shipped, stay('2026-03-02', '2026-03-04'))).toEqual([]);
    expect(find(shipped, stay('2026-03-02', '2026-03-05'))[0]!.message).toContain('2026 sind höchstens 2 zulässig');
    expect(find(shipped, stay('2025-03-03', '2025-03-05'))[0]!.message).toContain('2025 sind höchstens 1 zulässig');
    const three = withParameter('hdrg/2026.1/ruleset.json', 'maxStayDays', 3);
    expect(find(three, stay('2026-03-02', '2026-03-05'))).toEqual([]);
    expect(find(three, stay('2026-03-02', '2026-03-06'))[0]!.message).toContain('höchstens 3 zulässig');
    // The finding's source and the version's description show the parameter too, not a literal 2.
    expect(find(shipped, stay('2026-03-02', '2026-03-05'))[0]!.source).toContain('höchstens 2 Belegungstage');
    expect(find(three, stay('2026-03-02', '2026-03-06'))[0]!.source).toContain('höchstens 3 Belegungstage');
    const description = (bundle: ReturnType<typeof mustLoad>) => internalsOf(bundle)!.versions.find((v) => v.key === 'hdrg@2026.1')!.doc.description!;
    expect(description(shipped).de).toContain('höchstens 2 Belegungstage');
    expect(description(three).de).toContain('höchstens 3 Belegungstage');
    expect(description(three).en).toContain('at most 3 Belegungstage');
    // Written as {maxStayDays} everywhere but in the parameter's own note (the evidence for its value).
    const { description: written, change, rules } = JSON.parse(readFileSync(`${ROOT}/rules/hdrg/2026.1/ruleset.json`, 'utf8'));
    expect(JSON.stringify([written, change, rules])).not.toMatch(/höchstens 2 Belegungstage|at most 2 Belegungstage/);
    // 2025 inherits 2024's value; changing 2024's changes 2025 unless 2025 states its own.
    const two = withParameter('hdrg/2024.1/ruleset.json', 'maxStayDays', 2);
    expect(find(two, stay('2025-03-03', '2025-03-05'))).toEqual([]);
  });

  it('adultAge (18): a Hybrid-DRG patient younger than the parameter', () => {
    const hdrg = (birthDate: string) => ({ hybridDrg: { code: 'G24M', start: '2026-03-02', end: '2026-03-02', opDate: '2026-03-02' }, ops: [{ code: '5-530.31', laterality: 'L' }], diagnoses: [{ icd: 'K40.90' }], patient: { birthDate } });
    const minor = (bundle: ReturnType<typeof mustLoad>, birthDate: string) => codes(createChecker({ ruleSets: bundle }).check(hdrg(birthDate))).filter((c) => c.includes('MINDERJ'));
    expect(minor(mustLoad(bundledSources()), '2009-01-01')).toHaveLength(1); // 17
    expect(minor(mustLoad(bundledSources()), '2008-03-02')).toEqual([]); // 18 that day
    expect(minor(withParameter('hdrg/2026.1/ruleset.json', 'adultAge', 16), '2009-01-01')).toEqual([]);
  });
});

describe('parameters are checked like everything else', () => {
  const problems = (file: string, edit: (doc: Record<string, any>) => void): LoadProblem[] => {
    const r = loadRuleSets(edited(file, edit));
    return r.problems;
  };
  const summary = (p: LoadProblem) => `${p.severity} ${p.code} ${p.pointer}`;

  it('a value of the wrong type, an unknown source, a missing type or description', () => {
    expect(problems(ASV, (d) => (d['parameters']['maxTravelMinutes'].value = '30')).map(summary)).toContain('error parameter-type /parameters/maxTravelMinutes/value');
    expect(problems(ASV, (d) => (d['parameters']['maxTravelMinutes'].source = 'nix')).map(summary)).toContain('error unknown-source /parameters/maxTravelMinutes/source');
    expect(problems(ASV, (d) => delete d['parameters']['maxTravelMinutes'].type).map(summary)).toContain('error parameter-incomplete /parameters/maxTravelMinutes');
  });

  it('a reference to an unknown parameter, located; a fact whose parameter the rule set lacks', () => {
    // hdrg.patient.minor is the first (and only) rule 2026.1 writes itself; the price and stay rules are changes.
    const unknown = problems('hdrg/2026.1/ruleset.json', (d) => (d['rules'].find((r: any) => r.name === 'hdrg.patient.minor').conditions.all[1].value = { param: 'volljaehrig' }));
    expect(unknown.map(summary)).toContain('error unknown-parameter /rules/0/conditions/all/1/value/param');
    // Deeper: below any and not, and in a named condition (a pointer is only made for a reference).
    const deep = problems('hdrg/2026.1/ruleset.json', (d) => {
      const rule = d['rules'].find((r: any) => r.name === 'hdrg.patient.minor');
      rule.conditions.all[1] = { any: [{ fact: 'gop', operator: 'equal', value: '01001' }, { not: { ...rule.conditions.all[1], value: { param: 'nix' } } }] };
    });
    expect(deep.map(summary)).toContain('error unknown-parameter /rules/0/conditions/all/1/any/1/not/value/param');
    const lacking = problems(ASV, (d) => delete d['parameters']['replacementMonths']);
    expect(lacking.filter((p) => p.code === 'fact-params')[0]!.message).toBe('Der Fakt asvTeamBasis braucht den Parameter "replacementMonths" (type integer) unter parameters des Regelwerks.');
  });

  it('validate hints (info) where a message writes a parameter’s value instead of its placeholder', () => {
    const r = loadRuleSets(
      edited(ASV, (d) => {
        const rule = d['rules'].find((x: any) => x.name === 'asv.team.basis-lapsed');
        rule.event.params.message.de = rule.event.params.message.de.replace('{replacementMonths}', '6');
      }),
    );
    expect(r.ok).toBe(true);
    const hint = r.problems.find((p) => p.code === 'parameter-literal')!;
    expect(summary(hint)).toMatch(/^info parameter-literal \/rules\/\d+\/event\/params\/message\/de$/);
    expect(hint.file).toMatch(/asv\/2026\.1\/ruleset\.json$/);
    expect(hint.message).toContain('{replacementMonths}');
    // The shipped rule sets have none.
    expect(mustLoad(bundledSources()).warnings.filter((p) => p.code === 'parameter-literal')).toEqual([]);
    expect(loadRuleSets(bundledSources()).problems.filter((p) => p.code === 'parameter-literal')).toEqual([]);
  });

  it('a version that extends another restates only value, source and label; the rest is inherited', () => {
    const r = loadRuleSets(edited('hdrg/2026.1/ruleset.json', (d) => (d['parameters']['maxStayDays'] = { value: 2, source: 'kvdt-ak', label: 'C' })));
    expect(r.ok).toBe(true);
  });
});

describe('a parameter value written as a word of a message (the literal hint)', () => {
  /** The expression the hint used per value before: the oracle. */
  const oracle = (message: string, literal: string) =>
    new RegExp(`(^|[^\\p{L}\\p{N}.,])${literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}]|[.,]\\p{N})`, 'u').test(message);
  // Letters and digits of other scripts, surrogate pairs (a letter, a digit, neither) and lone halves of one.
  const pieces = ['6', '12', '1', '0', 'a', 'Z', 'ä', 'ß', '٣', '½', '𝐀', '𝟕', '😀', '\ud835', '\udc00', '.', ',', ' ', '-', '(', '{', '\n'];
  const message = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((p) => p.join(''));
  const literal = fc.oneof(fc.integer({ min: -20, max: 200 }).map(String), fc.constantFrom('6', '1.5', '12', 'ab', 'a.b', '(x)', '𝐀', 'ä6', '\udc00', '6\ud835'));

  it('decides as the per-value expression did, on random messages and values', () => {
    fc.assert(fc.property(message, literal, (m, l) => writesAsWord(m, l) === oracle(m, l)), { numRuns: 10_000 });
  });

  it('finds the value alone, not inside a number or word', () => {
    expect(writesAsWord('binnen 6 Monaten', '6')).toBe(true);
    expect(writesAsWord('seit 2026', '6')).toBe(false);
    expect(writesAsWord('6,5 Stunden', '6')).toBe(false);
    expect(writesAsWord('Satzende 6.', '6')).toBe(true);
    expect(writesAsWord('𝐀6 und 6𝐀', '6')).toBe(false);
    expect(writesAsWord('😀6', '6')).toBe(true);
  });
});
