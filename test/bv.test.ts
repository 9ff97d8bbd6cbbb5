import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { CheckResult } from '../plugin-api/types';
import { runCli } from '../src/cli/main';
import { participationOn } from '../src/facts/contract-facts';
import { createReferenceChecker } from '../src/reference/reference-checker';
import { bundled, bundledSources, checker, mustLoad, readJsonFile, ROOT } from './helpers';

const codes = (r: CheckResult) => r.findings.map((f) => f.code).sort();
const CONTRACT = 'beispiel-rueckenschmerz';
const patient = { insuranceNumber: 'E543768738', birthDate: '1971-01-01' };
const service = (date: string, gop: string, extra: Record<string, unknown> = {}) => ({
  date,
  gop,
  lanr: '776299002',
  bsnr: '198212400',
  patient,
  case: { insurerIk: '108939385', participations: [{ contract: CONTRACT, declared: '2026-01-05', noticeGiven: '2026-01-05' }] },
  ...extra,
});

describe('participation and the revocation window', () => {
  it('starts at the later of declaration and notice; day 14 is inside, day 15 outside', () => {
    const p = { declared: '2026-03-02', noticeGiven: '2026-03-02' };
    expect(participationOn(p, '2026-03-16', 14)).toMatchObject({ status: 'revocation-window', windowEnds: '2026-03-16' });
    expect(participationOn(p, '2026-03-17', 14).status).toBe('active');
    const late = { declared: '2026-03-02', noticeGiven: '2026-03-20' };
    expect(participationOn(late, '2026-04-03', 14)).toMatchObject({ status: 'revocation-window', windowEnds: '2026-04-03' });
    expect(participationOn(late, '2026-04-04', 14).status).toBe('active');
    // A notice before the declaration: the declaration starts the window.
    expect(participationOn({ declared: '2026-03-10', noticeGiven: '2026-03-01' }, '2026-03-24', 14).status).toBe('revocation-window');
    expect(participationOn({ declared: '2026-03-10', noticeGiven: '2026-03-01' }, '2026-03-25', 14).status).toBe('active');
    // Across a month and a year end (Monday to Monday).
    expect(participationOn({ declared: '2026-12-21', noticeGiven: '2026-12-21' }, '2027-01-04', 14).status).toBe('revocation-window');
    expect(participationOn({ declared: '2026-12-21', noticeGiven: '2026-12-21' }, '2027-01-05', 14).status).toBe('active');
  });

  it('without notice the window stays open; revocation and end stop coverage', () => {
    expect(participationOn({ declared: '2026-03-02' }, '2027-03-02', 14)).toMatchObject({ status: 'revocation-window', windowEnds: null });
    expect(participationOn({ declared: '2026-03-02', noticeGiven: '2026-03-02', revoked: '2026-03-05' }, '2026-03-04', 14).status).toBe('revocation-window');
    expect(participationOn({ declared: '2026-03-02', noticeGiven: '2026-03-02', revoked: '2026-03-05' }, '2026-03-05', 14).status).toBe('revoked');
    expect(participationOn({ declared: '2026-03-02', noticeGiven: '2026-03-02', ended: '2026-06-30' }, '2026-06-30', 14).status).toBe('active');
    expect(participationOn({ declared: '2026-03-02', noticeGiven: '2026-03-02', ended: '2026-06-30' }, '2026-07-01', 14).status).toBe('ended');
    expect(participationOn(undefined, '2026-07-01', 14).status).toBe('none');
    expect(participationOn({ declared: 'bald' }, '2026-07-01', 14).status).toBe('none');
  });

  it('a contract whose participation starts only after the window makes it an error', () => {
    const sources = bundledSources().map((s) => {
      if (!s.name.endsWith('beispiel-rueckenschmerz.json')) return s;
      const doc = JSON.parse(s.text);
      doc.participationStarts = 'afterRevocationPeriod';
      return { name: s.name, text: JSON.stringify(doc) };
    });
    const c = createChecker({ ruleSets: mustLoad(sources) });
    expect(c.check(service('2026-01-19', 'BV002')).findings.map((f) => [f.code, f.severity])).toEqual([['BV-VOR-TEILNAHMEBEGINN', 'error']]);
    expect(codes(c.check(service('2026-01-20', 'BV002')))).toEqual([]);
    expect(checker().check(service('2026-01-19', 'BV002')).findings.map((f) => [f.code, f.severity])).toEqual([['BV-WIDERRUFSFRIST', 'warning']]);
  });
});

describe('§ 140a Abs. 4 SGB V: sending the revocation in time is enough; a window ending on a weekend or holiday runs on (§ 26 Abs. 3 SGB X, § 193 BGB)', () => {
  // Declaration and notice on Monday 2026-03-02: day 14 is Monday 2026-03-16.
  const p = (revoked?: string) => ({ declared: '2026-03-02', noticeGiven: '2026-03-02', ...(revoked ? { revoked } : {}) });
  const withRevocation = (date: string, revoked: string) => service(date, 'BV001', { case: { insurerIk: '108939385', participations: [{ contract: CONTRACT, ...p(revoked) }] } });

  it('a revocation sent on day 14 counts, whatever day it reached the insurer: services from its date on are not billable', () => {
    expect(participationOn(p('2026-03-16'), '2026-03-15', 14).status).toBe('revocation-window');
    expect(participationOn(p('2026-03-16'), '2026-03-16', 14)).toMatchObject({ status: 'revoked', revokedInTime: true });
    // Received on day 17 (not an input: the date entered is the sending date): still revoked.
    expect(participationOn(p('2026-03-16'), '2026-03-19', 14)).toMatchObject({ status: 'revoked', revokedInTime: true });
    expect(checker().check(withRevocation('2026-03-19', '2026-03-16')).findings.map((f) => [f.code, f.severity])).toEqual([['BV-WIDERRUFEN', 'error']]);
  });

  it('a revocation sent on day 15 is no revocation under § 140a Abs. 4: the participation stands, a warning says so', () => {
    expect(participationOn(p('2026-03-17'), '2026-03-17', 14)).toMatchObject({ status: 'revoked-late', revokedInTime: false, windowEnds: '2026-03-16' });
    expect(participationOn(p('2026-03-17'), '2026-03-16', 14).status).toBe('revocation-window');
    expect(participationOn({ ...p('2026-03-17'), ended: '2026-03-31' }, '2026-04-01', 14).status).toBe('ended');
    const r = checker().check(withRevocation('2026-03-20', '2026-03-17'));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['BV-WIDERRUF-NACH-FRIST', 'warning']]);
    expect(r.findings[0]!.message).toContain('Absendung');
  });

  it('without the insurer\'s notice the window has not started: any revocation is in time', () => {
    expect(participationOn({ declared: '2026-03-02', revoked: '2027-01-15' }, '2027-01-15', 14)).toMatchObject({ status: 'revoked', revokedInTime: true });
  });

  it('a window ending on a Sunday ends on the Monday; on a holiday, on the next working day', () => {
    // Sunday 2027-01-03 → Monday 2027-01-04.
    expect(participationOn({ declared: '2026-12-20', noticeGiven: '2026-12-20' }, '2027-01-04', 14)).toMatchObject({ status: 'revocation-window', windowEnds: '2027-01-04' });
    expect(participationOn({ declared: '2026-12-20', noticeGiven: '2026-12-20' }, '2027-01-05', 14).status).toBe('active');
    // Saturday 2026-03-28 → Monday 2026-03-30.
    expect(participationOn({ declared: '2026-03-14', noticeGiven: '2026-03-14' }, '2026-03-30', 14).windowEnds).toBe('2026-03-30');
    // With the bundled rule set's nationwide holidays: Friday 2026-12-25 (Christmas), 26th, Sunday → Monday 2026-12-28;
    // Good Friday 2026-04-03, Easter Monday 2026-04-06 → Tuesday 2026-04-07.
    const c = checker();
    const declared = (d: string, date: string) => service(date, 'BV001', { case: { insurerIk: '108939385', participations: [{ contract: CONTRACT, declared: d, noticeGiven: d }] } });
    expect(codes(c.check(declared('2026-12-11', '2026-12-28')))).toEqual(['BV-WIDERRUFSFRIST']);
    expect(c.check(declared('2026-12-11', '2026-12-28')).findings[0]!.message).toContain('2026-12-28');
    expect(codes(c.check(declared('2026-12-11', '2026-12-29')))).toEqual([]);
    expect(codes(c.check(declared('2026-03-20', '2026-04-07')))).toEqual(['BV-WIDERRUFSFRIST']);
    expect(codes(c.check(declared('2026-03-20', '2026-04-08')))).toEqual([]);
  });
});

describe('batch rules of the example contract', () => {
  it('per-quarter limit: BV001 once, BV002 three times per patient and quarter', () => {
    const results = checker().checkAll([
      service('2026-04-07', 'BV001'),
      service('2026-05-05', 'BV001'),
      service('2026-07-01', 'BV001'),
      service('2026-04-07', 'BV002'),
      service('2026-04-14', 'BV002'),
      service('2026-04-21', 'BV002'),
      service('2026-04-28', 'BV002'),
      service('2026-05-05', 'BV001', { patient: { insuranceNumber: 'G894698435', birthDate: '2012-10-20' } }),
    ]);
    expect(results.map(codes)).toEqual([[], ['BV-HOECHSTZAHL'], [], [], [], [], ['BV-HOECHSTZAHL'], []]);
    expect(results[1]!.findings[0]!.message).toContain('höchstens 1-mal je Patient und Quartal');
    // One entry alone has no batch.
    expect(codes(checker().check(service('2026-05-05', 'BV001')))).toEqual([]);
  });

  it('the contract service and the EBM GOP it replaces on the same day → warning', () => {
    const c = checker();
    expect(c.checkAll([service('2026-05-05', 'BV001'), service('2026-05-05', '03230')]).map(codes)).toEqual([['BV-EBM-DOPPELT'], []]);
    expect(c.checkAll([service('2026-05-05', '03230'), service('2026-05-05', 'BV001')]).map(codes)).toEqual([[], ['BV-EBM-DOPPELT']]);
    expect(c.checkAll([service('2026-05-05', 'BV001'), service('2026-05-06', '03230')]).map(codes)).toEqual([[], []]);
    expect(c.checkAll([service('2026-05-05', 'BV002'), service('2026-05-05', '03230')]).map(codes)).toEqual([[], []]);
  });

  it('json-rules-engine gives the same batch results', async () => {
    const batch = [service('2026-04-07', 'BV001'), service('2026-04-07', '03230'), service('2026-05-05', 'BV001'), service('2026-01-10', 'BV002', { lanr: '1' }), service('2026-04-07', 'BV002', { case: {} })];
    expect(checker().checkAll(batch)).toEqual(await createReferenceChecker({ ruleSets: bundled() }).checkAll(batch));
  });
});

describe('contracts are data', () => {
  it('a second contract with its own codes works without code changes', () => {
    const other = {
      kind: 'contract',
      id: 'zweiter-vertrag',
      example: true,
      title: { de: 'Zweiter Beispielvertrag', en: 'Second example contract' },
      insurers: [{ ik: '104212505' }],
      validFrom: '2026-01-01',
      validUntil: null,
      participationStarts: 'afterRevocationPeriod',
      providers: [{ lanr: '123456699', from: '2026-01-01' }],
      services: [{ code: 'ZV01', source: 'x', label: 'U' }],
      sources: [{ id: 'x', title: 'Test', date: '2026-01-01' }],
    };
    const c = createChecker({ ruleSets: mustLoad([...bundledSources(), { name: 'zweiter.json', text: JSON.stringify(other) }]) });
    const entry = { date: '2026-05-05', gop: 'ZV01', lanr: '123456699', case: { insurerIk: '108939385', participations: [{ contract: 'zweiter-vertrag', declared: '2026-05-01', noticeGiven: '2026-05-01' }] } };
    expect(codes(c.check(entry))).toEqual(['BV-KASSE-KEIN-VERTRAGSPARTNER', 'BV-VOR-TEILNAHMEBEGINN']);
  });

  it('a broken contract is rejected with located problems, all of them', () => {
    const text = `{
  "kind": "contract", "id": "kaputt",
  "title": { "de": "x", "en": "x" },
  "insurers": [{ "ik": "12345" }],
  "validFrom": "2026-05-01", "validUntil": "2026-04-30",
  "participationStarts": "onDeclaration",
  "providers": [{ "name": "niemand", "from": "2026-02-30" }],
  "services": [{ "code": "A1", "source": "s", "label": "C" }, { "code": "A1", "source": "fehlt", "label": "C", "replacesEbm": ["A1"] }],
  "sources": [{ "id": "s", "title": "t", "date": "2026-01-01" }]
}`;
    const first = loadRuleSets([...bundledSources(), { name: 'kaputt.json', text }]);
    expect(first.ok).toBe(false);
    const schema = first.problems.map((p) => [p.code, p.pointer, p.line]);
    expect(schema).toContainEqual(['schema', '/insurers/0/ik', 4]);
    const fixed = text.replace('"12345"', '"123456789"');
    const r = loadRuleSets([...bundledSources(), { name: 'kaputt.json', text: fixed }]);
    expect(r.ok).toBe(false);
    // Positions are those of the member (its key) or the array item.
    expect(r.problems.map((p) => [p.code, p.pointer, `${p.line}:${p.column}`])).toEqual([
      ['validity', '/validUntil', '5:30'],
      ['provider', '/providers/0', '7:17'],
      ['date', '/providers/0/from', '7:38'],
      ['duplicate-service', '/services/1/code', '8:65'],
      ['unknown-source', '/services/1/source', '8:79'],
      ['replaces-itself', '/services/1/replacesEbm', '8:112'],
    ]);
  });
});

describe('pvs-rules check with the example contract', () => {
  it('shows the § 140a findings for the sample entries', async () => {
    let out = '';
    const code = await runCli(['check', '--entry', 'examples/entries/bv-beispiel.json', '--format', 'json'], { out: (t) => (out += t), err: () => {}, cwd: ROOT });
    expect(code).toBe(1);
    const { entries } = readJsonFile<{ entries: { id: string }[] }>('examples/entries/bv-beispiel.json');
    const results = JSON.parse(out) as CheckResult[];
    expect(Object.fromEntries(entries.map((e, i) => [e.id, codes(results[i]!)]))).toEqual({
      aktiv: ['BV-EBM-DOPPELT'],
      'zweites-assessment-im-quartal': ['BV-HOECHSTZAHL'],
      'ebm-aequivalent-am-selben-tag': [],
      'in-der-widerrufsfrist': ['BV-WIDERRUFSFRIST'],
      'ohne-teilnahme': ['BV-KEINE-TEILNAHME'],
      'fremde-kasse': ['BV-KASSE-KEIN-VERTRAGSPARTNER'],
      'arzt-nimmt-nicht-teil': ['BV-ARZT-NICHT-TEILNEHMER'],
    });
  });
});
