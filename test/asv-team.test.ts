import { describe, expect, it } from 'vitest';
import { createChecker, loadPracticeContext } from '../plugin-api/index';
import { asvTeamNumberStatus } from '../src/facts/team-number';
import { icdInRange } from '../src/facts/asv-facts';
import { addMonths, addWorkingDays, isWorkingDay, nationwideHolidays } from '../src/context/working-days';
import { bundled, codes, mustLoad, readJsonFile, withAsv } from './helpers';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

type Member = Record<string, unknown>;
const TEAM = '001234577';
const LEAD = { lanr: '604432405', specialty: 'Gastroenterologie', role: 'teamleitung', joined: '2015-01-01' };
const CORE = { lanr: '633116027', specialty: 'Nuklearmedizin', role: 'kernteam', joined: '2015-01-01' };
const CONSULT = { lanr: '555555123', institution: 'Klinikum', specialty: 'Strahlentherapie', role: 'hinzuzuziehend', joined: '2015-01-01' };

function context(members: Member[], extra: Record<string, unknown> = {}) {
  const doc = { kind: 'practice-context', practiceTeamNumbers: [TEAM], teams: [{ teamNumber: TEAM, appendix: 'gyn-tumoren', validFrom: '2015-01-01', validUntil: null, members, ...extra }] };
  return loadPracticeContext({ name: 'ctx.json', text: JSON.stringify(doc, null, 2) });
}
function checkerWith(members: Member[], ruleSets = bundled()) {
  const ctx = context(members);
  if (!ctx.ok) throw new Error(JSON.stringify(ctx.problems));
  return createChecker({ ruleSets, context: ctx });
}
const service = (over: Record<string, unknown> = {}) => ({ date: '2026-05-04', gop: '01100', teamNumber: TEAM, lanr: LEAD.lanr, diagnoses: [{ icd: 'C50.4' }], ...over });

describe('ASV team number (FK 5100, 0222)', () => {
  it('checks format and check digit like KVDT rule 059', () => {
    expect(asvTeamNumberStatus('001234566')).toBe('ok'); // KBV example, sum 144 → 6
    expect(asvTeamNumberStatus('001234577')).toBe('ok'); // KBV example, sum 153 → 7
    expect(asvTeamNumberStatus('005000000')).toBe('ok'); // sum 20, already a multiple of 10 → 0
    expect(asvTeamNumberStatus('005000001')).toBe('check-digit');
    expect(asvTeamNumberStatus('001234567')).toBe('check-digit');
    expect(asvTeamNumberStatus('101234566')).toBe('format');
    expect(asvTeamNumberStatus('01234566')).toBe('format');
  });

  it('FK 5100 with a wrong check digit or format → error', () => {
    const c = createChecker({ ruleSets: bundled() });
    expect(codes(c.check({ date: '2026-05-04', gop: '01100', teamNumber: '001234567' }))).toEqual(['ASV-TEAMNR-PRUEFZIFFER']);
    expect(codes(c.check({ date: '2026-05-04', gop: '01100', teamNumber: '1234577' }))).toEqual(['ASV-TEAMNR-FORMAT']);
    expect(codes(c.check({ date: '2026-05-04', gop: '01100', teamNumber: TEAM }))).toEqual([]);
  });

  it('FK 5100 not among the practice team numbers (FK 0222, from context or besa) → warning', () => {
    const c = checkerWith([LEAD]);
    expect(codes(c.check(service({ teamNumber: '001234566' })))).toEqual(['ASV-TEAMNR-NICHT-IN-0222', 'ASV-TEAM-UNBEKANNT']);
    const noContext = createChecker({ ruleSets: bundled() });
    const fromFile = { date: '2026-05-04', gop: '01100', teamNumber: '001234566', case: { practiceTeamNumbers: [TEAM] } };
    expect(codes(noContext.check(fromFile))).toEqual(['ASV-TEAMNR-NICHT-IN-0222']);
    expect(codes(noContext.check({ ...fromFile, case: { practiceTeamNumbers: ['001234566'] } }))).toEqual([]);
  });

  it('rejects a context with a bad team number, located', () => {
    const bad = loadPracticeContext({ name: 'ctx.json', text: '{\n  "kind": "practice-context",\n  "practiceTeamNumbers": ["001234567"],\n  "teams": []\n}' });
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.code}`)).toEqual(['ctx.json:3:27 /practiceTeamNumbers/0 team-number']);
  });
});

describe('membership on the service date', () => {
  const c = checkerWith([LEAD, { ...CORE, joined: '2026-05-04', left: '2026-09-30', leaveReported: '2026-10-02' }, CONSULT]);

  it('not a member → error', () => {
    expect(codes(c.check(service({ lanr: '999999999' })))).toEqual(['ASV-ARZT-NICHT-IM-TEAM']);
  });

  it('join and leave days belong to the membership; the day before and after do not', () => {
    const at = (date: string) => codes(c.check(service({ lanr: CORE.lanr, date })));
    expect(at('2026-05-03')).toEqual(['ASV-ARZT-NICHT-IM-TEAM']);
    expect(at('2026-05-04')).toEqual([]);
    expect(at('2026-09-30')).toEqual([]);
    expect(at('2026-10-01')).toEqual(['ASV-ARZT-NICHT-IM-TEAM']);
    const r = c.check(service({ lanr: CORE.lanr, date: '2026-10-01' }));
    expect(r.findings[0]!.message).toContain('letzter Tag 2026-09-30');
  });

  it('hinzuzuziehende need a referral in the case; the core team does not', () => {
    expect(codes(c.check(service({ lanr: undefined, pseudoLanr: CONSULT.lanr })))).toEqual(['ASV-UEBERWEISUNG-FEHLT']);
    expect(codes(c.check(service({ lanr: undefined, pseudoLanr: CONSULT.lanr, case: { referral: { '4218': '604432405' } } })))).toEqual([]);
    expect(codes(c.check(service({ lanr: LEAD.lanr })))).toEqual([]);
  });

  it('says nothing about membership without a context', () => {
    expect(codes(createChecker({ ruleSets: bundled() }).check(service({ lanr: '999999999' })))).toEqual([]);
  });
});

describe('Appendix and indication', () => {
  it('GOP not in the Appendix for the doctor’s Fachgruppe → error; no Appendix row → no check (gap)', () => {
    const ruleSets = mustLoad(
      withAsv((doc) => {
        doc.tables.appendixGops.rows.push({ appendix: 'gyn-tumoren', specialty: 'Gastroenterologie', gops: ['01100', '13250'], source: 'asv-rl', label: 'U' });
      }),
    );
    const c = checkerWith([LEAD, CORE], ruleSets);
    expect(codes(c.check(service({ gop: '01100' })))).toEqual([]);
    const r = c.check(service({ gop: '13251' }));
    expect(codes(r)).toEqual(['ASV-GOP-NICHT-IM-APPENDIX']);
    expect(r.findings[0]!.message).toContain('Fachgruppe Gastroenterologie');
    // No row for Nuklearmedizin: the gap is not an error.
    expect(codes(c.check(service({ gop: '13251', lanr: CORE.lanr })))).toEqual([]);
    // Pseudo-GOPs are governed by Anlage 5, not the Appendix.
    expect(codes(c.check(service({ gop: '88500', costs: [{ description: '5489', cents: '52458' }] })))).toEqual([]);
  });

  it('no diagnosis from the Anlage’s indication list → warning; ranges compare at their precision', () => {
    const c = checkerWith([LEAD]);
    expect(codes(c.check(service({ diagnoses: [{ icd: 'C50.4' }] })))).toEqual([]);
    expect(codes(c.check(service({ diagnoses: [{ icd: 'C57.3' }, { icd: 'I10.90' }] })))).toEqual([]);
    expect(codes(c.check(service({ diagnoses: [{ icd: 'C57.5' }] })))).toEqual(['ASV-INDIKATION']);
    expect(codes(c.check(service({ diagnoses: [] })))).toEqual(['ASV-INDIKATION']);
    expect(icdInRange('C16.0', 'C15', 'C26')).toBe(true);
    expect(icdInRange('C26.9', 'C15', 'C26')).toBe(true);
    expect(icdInRange('C27', 'C15', 'C26')).toBe(false);
    expect(icdInRange('c50.41-', 'C50.0', 'C50.9')).toBe(true);
  });
});

describe('team changes', () => {
  const lead = { ...LEAD, left: '2026-01-15', leaveReported: '2026-01-16' };

  it('the lead left and nobody was named within 6 months → error from the day after the deadline', () => {
    const c = checkerWith([lead, CORE]);
    const at = (date: string) => codes(c.check(service({ lanr: CORE.lanr, date })));
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(at('2026-07-15')).toEqual([]);
    expect(at('2026-07-16')).toEqual(['ASV-TEAM-GRUNDLAGE-ENTFALLEN']);
    expect(c.check(service({ lanr: CORE.lanr, date: '2026-07-16' })).findings[0]!.message).toContain('Grundlage für die ASV-Teilnahme entfallen');
  });

  it('a new lead named on the last day keeps the basis; one day later does not', () => {
    const inTime = checkerWith([lead, CORE, { ...LEAD, lanr: '604432406', joined: '2026-07-15' }]);
    expect(codes(inTime.check(service({ lanr: CORE.lanr, date: '2026-08-01' })))).toEqual([]);
    const late = checkerWith([lead, CORE, { ...LEAD, lanr: '604432406', joined: '2026-07-16' }]);
    expect(codes(late.check(service({ lanr: CORE.lanr, date: '2026-08-01' })))).toEqual(['ASV-TEAM-GRUNDLAGE-ENTFALLEN']);
  });

  it('a core member who was not the only one of the Fachgruppe may leave', () => {
    const c = checkerWith([LEAD, { ...CORE, left: '2026-01-15', leaveReported: '2026-01-16' }, { ...CORE, lanr: '633116028' }]);
    expect(codes(c.check(service({ date: '2026-12-01' })))).toEqual([]);
    const alone = checkerWith([LEAD, { ...CORE, left: '2026-01-15', leaveReported: '2026-01-16' }]);
    expect(codes(alone.check(service({ date: '2026-12-01' })))).toEqual(['ASV-TEAM-GRUNDLAGE-ENTFALLEN']);
  });

  it('six months end at the month end when the day does not exist', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});

describe('working days and context warnings', () => {
  it('counts Monday to Saturday without nationwide holidays', () => {
    expect([...nationwideHolidays(2026)].sort()).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26']);
    expect(isWorkingDay('2026-05-09')).toBe(true); // Saturday
    expect(isWorkingDay('2026-05-10')).toBe(false); // Sunday
    // Friday + 7 working days across a weekend and Ascension Day.
    expect(addWorkingDays('2026-05-08', 7)).toBe('2026-05-18');
    // Across Easter.
    expect(addWorkingDays('2026-03-31', 7)).toBe('2026-04-10');
  });

  it('the context carries no thresholds: a leave or a distance is no warning on the context itself', () => {
    const w = (m: Member) => context([LEAD, { ...CORE, ...m }]).problems.map((p) => p.code);
    expect(w({ left: '2026-03-31' })).toEqual([]);
    expect(w({ travelMinutes: 60 })).toEqual([]);
  });

  it('a leave not reported within 7 working days → warning on services of the team after the deadline, until it is reported', () => {
    const f = (m: Member, date: string) => codes(checkerWith([LEAD, { ...CORE, ...m }]).check(service({ date })));
    // Left 2026-03-31: 7 Werktage end on 2026-04-10 (Easter).
    expect(f({ left: '2026-03-31' }, '2026-04-10')).toEqual([]);
    expect(f({ left: '2026-03-31' }, '2026-04-11')).toEqual(['ASV-AUSSCHEIDEN-NICHT-ANGEZEIGT']);
    expect(f({ left: '2026-03-31', leaveReported: '2026-04-10' }, '2026-05-04')).toEqual([]);
    // Reported late: services before the report are flagged, later ones not.
    expect(f({ left: '2026-03-31', leaveReported: '2026-04-20' }, '2026-04-15')).toEqual(['ASV-AUSSCHEIDEN-NICHT-ANGEZEIGT']);
    expect(f({ left: '2026-03-31', leaveReported: '2026-04-20' }, '2026-04-20')).toEqual([]);
    const message = checkerWith([LEAD, { ...CORE, left: '2026-03-31', name: 'Dr. Test' }]).check(service({ date: '2026-04-11' })).findings[0]!.message;
    expect(message).toBe('Das Ausscheiden von Dr. Test aus Team 001234577 am 2026-03-31 ist bis zum Leistungstag nicht beim erweiterten Landesausschuss angezeigt (Frist 7 Werktage, bis 2026-04-10).');
  });
});

describe('ASV-RL § 3 Abs. 2: where team members work (issue #14: the 30-minute rule applied to the wrong members)', () => {
  const by = (member: Member, over: Member = {}) => codes(checkerWith([LEAD, { ...member, ...over }]).check(service({ lanr: member['lanr'], case: { referral: true } })));

  it('an ordinary core-team member is not held to 30 minutes: 45 minutes away is no finding', () => {
    expect(by(CORE, { travelMinutes: 45 })).toEqual([]);
  });

  it('a hinzuzuziehender Facharzt more than 30 minutes away → warning; 30 minutes is fine', () => {
    expect(by(CONSULT, { travelMinutes: 31 })).toEqual(['ASV-ENTFERNUNG']);
    expect(by(CONSULT, { travelMinutes: 30 })).toEqual([]);
  });

  it('a core-team member exempt from the lead’s site (immobile equipment, lab) more than 30 minutes away → warning', () => {
    expect(by(CORE, { travelMinutes: 31, immobileOrLabOnly: true })).toEqual(['ASV-ENTFERNUNG']);
    expect(by(CORE, { travelMinutes: 30, immobileOrLabOnly: true })).toEqual([]);
  });

  it('an ordinary core-team member must work at the team lead’s site at least one day a week', () => {
    expect(by(CORE, { daysAtLeadSite: 0 })).toEqual(['ASV-KERNTEAM-ORT']);
    expect(by(CORE, { daysAtLeadSite: 1 })).toEqual([]);
    // Unknown: the context does not say, the rule stays silent; exempt members are not asked.
    expect(by(CORE)).toEqual([]);
    expect(by(CORE, { daysAtLeadSite: 0, immobileOrLabOnly: true })).toEqual([]);
  });
});

describe('Hybrid-DRG under an ASV team number', () => {
  it('→ error', () => {
    const c = createChecker({ ruleSets: bundled() });
    // A complete 2026 case: only the team number is wrong (plus the price information).
    const hdrgCase = {
      hybridDrg: { code: 'G09N', start: '2026-05-04', end: '2026-05-05', opDate: '2026-05-04' },
      ops: [{ code: '5-530.03', laterality: 'L' }],
      diagnoses: [{ icd: 'K40.90', kind: 'main' }],
      patient: { birthDate: '1971-01-01', sex: 'M' },
    };
    const r = c.check({ ...hdrgCase, teamNumber: TEAM });
    expect(codes(r)).toEqual(['ASV-HDRG-MIT-TEAMNR', 'HDRG-PREIS']);
    expect(codes(c.check(hdrgCase))).toEqual(['HDRG-PREIS']);
  });
});

describe('CLI with the sample practice context', () => {
  it('check --entry … --context … --format json shows the team findings', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['check', '--entry', 'examples/entries/asv-team.json', '--context', 'examples/practice-context.json', '--format', 'json'], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      cwd: ROOT,
    });
    expect(code).toBe(1);
    const results = JSON.parse(out) as { findings: { code: string }[] }[];
    const { entries } = readJsonFile<{ entries: { id: string }[] }>('examples/entries/asv-team.json');
    const byId = Object.fromEntries(entries.map((e, i) => [e.id, codes(results[i]!)]));
    expect(byId).toEqual({
      'kernteam-ok': [],
      pruefziffer: ['ASV-TEAMNR-PRUEFZIFFER', 'ASV-TEAMNR-NICHT-IN-0222'],
      'nicht-im-team': ['ASV-ARZT-NICHT-IM-TEAM'],
      'nach-ausscheiden': ['ASV-ARZT-NICHT-IM-TEAM'],
      'hinzuzuziehend-ohne-ueberweisung': ['ASV-UEBERWEISUNG-FEHLT'],
      'hinzuzuziehend-mit-ueberweisung': [],
      'indikation-passt-nicht': ['ASV-INDIKATION'],
      'fremdes-team': ['ASV-TEAMNR-NICHT-IN-0222', 'ASV-TEAM-UNBEKANNT'],
      'hybrid-drg-mit-team': ['ASV-ARZT-NICHT-IM-TEAM', 'ASV-HDRG-MIT-TEAMNR', 'HDRG-PREIS'],
    });
    expect(err).not.toContain('[distance]');
  });
});
