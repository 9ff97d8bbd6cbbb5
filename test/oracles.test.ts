/**
 * Oracles that are not the implementation. The differential test holds the compiled evaluator
 * to json-rules-engine, but both share normalization, the facts and the findings; here the
 * facts are held to expectations computed independently (Date arithmetic instead of the day
 * numbers of `calendar.ts`, brute force instead of counters, a linear search instead of an
 * index), the way `goae-pricing.test.ts` prices every GOÄ number by hand. Each fact is read
 * through the public API: a probe rule set names it in a condition, `explain` shows its value
 * (or, for the batch fact, a finding of `checkAll` shows it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker, loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import type { Checker, RuleTrace } from '../plugin-api/types';
import { hostileEntry } from './arbitraries';
import { bundled, bundledSources, checker, demoRuleSet } from './helpers';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1);
const DAY = 86_400_000;
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const isoOf = (time: number) => new Date(time).toISOString().slice(0, 10);
/** A real date `YYYY-MM-DD` by Date's own calendar (not the engine's char checks). */
const realDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && isoOf(utc(s)) === s;

/** Dates around the years the rule sets cover, with the edges (month ends, leap days) likely. */
const day = fc.integer({ min: utc('2023-12-20'), max: utc('2026-12-31') }).map((t) => isoOf(Math.floor(t / DAY) * DAY));
const maybeDay = fc.oneof({ weight: 6, arbitrary: day }, { weight: 1, arbitrary: fc.constantFrom(null, '', '2026-02-30', '2026-13-01', '2026-1-1') });

/** A probe: one rule per fact, each firing always, whose explanation shows the fact's value. */
function probeChecker(facts: Record<string, { fact: string; params?: Record<string, unknown>; scope?: 'cost' }>, options: { tables?: Record<string, unknown>; context?: unknown } = {}): Checker {
  const rules = Object.entries(facts).map(([name, f]) => ({
    name,
    ...(f.scope ? { scope: f.scope } : {}),
    conditions: { all: [{ fact: f.fact, ...(f.params ? { params: f.params } : {}), operator: 'notEqual', value: '\u0000never' }] },
    event: { type: 'finding', params: { code: 'PROBE', severity: 'info', message: { de: name, en: name }, fields: [], source: 'Test' } },
  }));
  // The thresholds the facts receive from a rule set, at the values the oracles below assume.
  const parameters = Object.fromEntries(
    [
      ['revocationDays', 14],
      ['replacementMonths', 6],
      ['leaveReportWorkingDays', 7],
      ['holidayTable', 'holidays'],
    ].map(([name, value]) => [name, { type: typeof value === 'number' ? 'integer' : 'string', value, description: { de: 'Probe', en: 'Probe' }, source: 'src', label: 'U' }]),
  );
  const doc = demoRuleSet({ id: 'probe', validFrom: '2000-01-01', catalogues: ['goae'], tables: options.tables ?? {}, parameters, rules });
  const catalogueAndContracts = bundledSources().filter((s) => s.name.includes('catalogues/goae') || s.name.includes('contracts/'));
  const loaded = loadRuleSets([...catalogueAndContracts, { name: 'probe.json', text: JSON.stringify(doc) }]);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.pointer} ${p.messageEn}`).join('\n'));
  return createChecker({ ruleSets: loaded.bundle, context: options.context });
}

/** The value of each probed fact for `entry` (cost facts: per pair, in pair order). */
function probe(c: Checker, entry: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of c.explain(entry).rules as RuleTrace[]) {
    const value = r.conditions.children![0]!.factValue;
    if (r.scope === 'cost') ((out[r.ruleId] ??= []) as unknown[]).push(value);
    else out[r.ruleId] = value;
  }
  return out;
}

describe('facts against independent expectations', () => {
  it('hybridDrg: Belegungstage, end before start, OP date outside the stay, code format', () => {
    const c = probeChecker({ h: { fact: 'hybridDrg' } });
    const code = fc.oneof(fc.constantFrom('G24M', 'I09D', 'g24m', 'G24', 'GG4M', 'G2XM', ''), fc.stringMatching(/^[A-Z][0-9]{2}[A-Z]$/));
    fc.assert(
      fc.property(code, maybeDay, maybeDay, maybeDay, (code, start, end, opDate) => {
        const entry = { date: '2026-03-02', gop: 'HDRG', hybridDrg: { code, start, end, opDate } };
        const h = probe(c, entry)['h'] as Record<string, unknown>;
        const s = realDate(start) ? start : null;
        const e = realDate(end) ? end : null;
        const o = realDate(opDate) ? opDate : null;
        const days = s && e ? (utc(e) - utc(s)) / DAY : null;
        expect(h).toEqual({
          code: code.trim(),
          wellFormed: /^[A-Z]\d\d[A-Z]$/.test(code.trim()),
          start: s,
          end: e,
          opDate: o,
          ventilationHours: null,
          // Admission day and each further day count, the discharge day not; same day = 1.
          stayDays: days === null || days < 0 ? null : Math.max(1, days),
          endBeforeStart: days === null ? null : days < 0,
          // With the end before the start (issue #14) the OP date is held against the start alone.
          opDateOutsideStay: days === null || o === null ? null : utc(o) < utc(s!) || (days >= 0 && utc(o) > utc(e!)),
        });
      }),
      { numRuns: 400 * RUNS, seed: 5028 },
    );
  });

  it('patientAge and birthDateComplete: full years by the calendar, birthdays on 29 February included', () => {
    const c = probeChecker({ age: { fact: 'patientAge' }, complete: { fact: 'birthDateComplete' } });
    const birth = fc.oneof(fc.integer({ min: utc('1900-01-01'), max: utc('2026-12-31') }).map((t) => isoOf(Math.floor(t / DAY) * DAY)), fc.constantFrom('2008-02-29', '2010-00-00', '1970-01', '', '2026-02-29'));
    fc.assert(
      fc.property(birth, day, (birthDate, date) => {
        const v = probe(c, { date, gop: '01234', patient: { birthDate } });
        let age: number | null = null;
        if (realDate(birthDate)) {
          const b = new Date(utc(birthDate));
          const d = new Date(utc(date));
          const hadBirthday = d.getUTCMonth() > b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() >= b.getUTCDate());
          age = d.getUTCFullYear() - b.getUTCFullYear() - (hadBirthday ? 0 : 1);
        }
        expect([v['age'], v['complete']]).toEqual([age, realDate(birthDate)]);
      }),
      { numRuns: 400 * RUNS, seed: 3103 },
    );
    expect(probe(c, { date: '2026-02-28', gop: '01234', patient: { birthDate: '2008-02-29' } })['age']).toBe(17);
    expect(probe(c, { date: '2026-03-01', gop: '01234', patient: { birthDate: '2008-02-29' } })['age']).toBe(18);
  });

  it('contractService: where a § 140a participation stands, the revocation window 14 days after the later of declaration and notice, to the next working day, a revocation sent in it', () => {
    const col = (type: string) => ({ type, nullable: true });
    const row = (name: string, monthDay: string | null, easterOffset: number | null) => ({ name, monthDay, easterOffset, onlyYear: null, source: 'src', label: 'U' });
    const holidays = {
      description: { de: 'Probe', en: 'Probe' },
      columns: { name: { type: 'string' }, monthDay: col('string'), easterOffset: col('number'), onlyYear: col('number') },
      rows: [row('Neujahr', '01-01', null), row('Karfreitag', null, -2), row('Ostermontag', null, 1), row('1. Weihnachtstag', '12-25', null), row('2. Weihnachtstag', '12-26', null)],
    };
    // Easter Sundays of the years the windows reach, written out (not computed).
    const easter = ['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28'].map(utc);
    const holiday = new Set([...easter.flatMap((e) => [e - 2 * DAY, e + DAY]), ...[2024, 2025, 2026, 2027].flatMap((y) => [`${y}-01-01`, `${y}-12-25`, `${y}-12-26`].map(utc))]);
    const workingDay = (t: number): number => {
      while ([0, 6].includes(new Date(t).getUTCDay()) || holiday.has(t)) t += DAY;
      return t;
    };
    const c = probeChecker({ s: { fact: 'contractService' } }, { tables: { holidays } });
    fc.assert(
      fc.property(day, maybeDay, maybeDay, maybeDay, maybeDay, (date, declared, noticeGiven, revoked, ended) => {
        const entry = { date, gop: 'BV001', lanr: '776299002', bsnr: '198212400', case: { insurerIk: '108939385', participations: [{ contract: 'beispiel-rueckenschmerz', declared, noticeGiven, revoked, ended }] } };
        const s = probe(c, entry)['s'] as { participation: { status: string; windowEnds: string | null }; contractValid: boolean; insurerIsParty: boolean };
        const d = realDate(declared) ? utc(declared) : null;
        const n = realDate(noticeGiven) ? utc(noticeGiven) : null;
        const r = realDate(revoked) ? utc(revoked) : null;
        const e = realDate(ended) ? utc(ended) : null;
        const t = utc(date);
        // The day the window starts does not count (§ 187 Abs. 1 BGB): it covers start … start + 14, and on to a working day.
        const windowEnds = d === null || n === null ? null : workingDay(Math.max(d, n) + 14 * DAY);
        const inTime = r !== null && (windowEnds === null || r <= windowEnds);
        const status =
          d === null
            ? 'none'
            : t < d
              ? 'before-declaration'
              : inTime && t >= r
                ? 'revoked'
                : e !== null && t > e
                  ? 'ended'
                  : windowEnds === null || t <= windowEnds
                    ? 'revocation-window'
                    : r !== null && t >= r
                      ? 'revoked-late'
                      : 'active';
        expect(s.participation.status).toBe(status);
        expect(s.participation.windowEnds).toBe(d === null || windowEnds === null ? null : isoOf(windowEnds));
        expect(s.contractValid).toBe(date >= '2026-01-01' && date <= '2027-12-31');
        expect(s.insurerIsParty).toBe(true);
      }),
      { numRuns: 500 * RUNS, seed: 140 },
    );
  });

  it('asvMembership: the billing doctor on the service date, join and leave days inclusive, rejoining counted', () => {
    const probeBundle = probeChecker({ m: { fact: 'asvMembership' } }).ruleSets;
    const stint = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 400 }), { nil: null })).map(([joined, length]) => ({ joined, left: length === null ? null : isoOf(utc(joined) + length * DAY) }));
    fc.assert(
      fc.property(fc.array(stint, { minLength: 0, maxLength: 3 }), day, fc.constantFrom('2024-01-01', '2025-06-30'), fc.option(fc.constantFrom('2026-06-30'), { nil: null }), (stints, date, validFrom, validUntil) => {
        const members = [
          { lanr: '604432405', specialty: 'Innere Medizin', role: 'teamleitung', joined: '2015-01-01' },
          ...stints.map((m) => ({ lanr: '123456640', specialty: 'Nuklearmedizin', role: 'hinzuzuziehend', joined: m.joined, left: m.left })),
        ];
        const context = loadPracticeContext({ name: 'ctx', text: JSON.stringify({ kind: 'practice-context', practiceTeamNumbers: ['001234577'], teams: [{ teamNumber: '001234577', appendix: 'x', validFrom, validUntil, members }] }) });
        expect(context.ok).toBe(true);
        const c = createChecker({ ruleSets: probeBundle, context });
        const m = probe(c, { date, gop: '01234', teamNumber: '001234577', lanr: '123456640' })['m'] as { status: string };
        const inTeam = date >= validFrom && (validUntil === null || date <= validUntil);
        const active = stints.some((s) => s.joined <= date && (s.left === null || date <= s.left));
        const later = stints.some((s) => date < s.joined);
        const status = !inTeam ? 'team-not-valid' : stints.length === 0 ? 'not-member' : active ? 'member' : later ? 'before-joining' : 'after-leaving';
        expect(m.status).toBe(status);
        expect((probe(c, { date, gop: '01234', teamNumber: '001234566', lanr: '123456640' })['m'] as { status: string }).status).toBe('unknown-team');
      }),
      { numRuns: 150 * RUNS, seed: 5100 },
    );
  });

  it('tableRow with validOn: the first row in file order whose key matches and whose validity holds the date', () => {
    const rows = [
      { gop: '01100', validFrom: '2024-01-01', validUntil: '2024-12-31', n: 1 },
      { gop: '01100', validFrom: null, validUntil: '2025-06-30', n: 2 },
      { gop: '01100', validFrom: '2025-01-01', validUntil: null, n: 3 },
      { gop: '01200', validFrom: '2026-01-01', validUntil: '2026-01-31', n: 4 },
      { gop: '01200', validFrom: null, validUntil: null, n: 5 },
    ];
    const tables = { t: { description: { de: 'T', en: 'T' }, columns: { gop: { type: 'string' }, validFrom: { type: 'date', nullable: true }, validUntil: { type: 'date', nullable: true }, n: { type: 'number' } }, rows: rows.map((r) => ({ ...r, source: 'src', label: 'C' })) } };
    const c = probeChecker({ row: { fact: 'tableRow', params: { table: 't', column: 'gop', equalsFact: 'gop', validOn: 'date' } } }, { tables });
    fc.assert(
      fc.property(fc.constantFrom('01100', '01200', '01300'), day, (gop, date) => {
        const want = rows.find((r) => r.gop === gop && (r.validFrom === null || utc(r.validFrom) <= utc(date)) && (r.validUntil === null || utc(date) <= utc(r.validUntil)));
        const got = probe(c, { date, gop })['row'] as { n: number } | null;
        expect(got?.n ?? null).toBe(want?.n ?? null);
      }),
      { numRuns: 300 * RUNS, seed: 1 },
    );
  });

  it('diagnosesNotTerminal, hasPrimaryDiagnosis, opsMissingLaterality, opsWithLaterality: by their definitions', () => {
    const c = probeChecker({ 'not-terminal': { fact: 'diagnosesNotTerminal' }, primary: { fact: 'hasPrimaryDiagnosis' }, missing: { fact: 'opsMissingLaterality' }, 'with-b': { fact: 'opsWithLaterality', params: { value: 'B' } } });
    const icd = fc.constantFrom('K40.90', 'K40.-', ' C50.- ', 'G63.2*', 'U69.40!', 'Z01.7', '  ', 'E11.90');
    const ops = fc.record({ code: fc.constantFrom('5-530.03', '5-812.5', '1-650.2'), laterality: fc.option(fc.constantFrom('R', 'L', 'B', ''), { nil: undefined }), sided: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['code'] });
    fc.assert(
      fc.property(fc.array(icd, { maxLength: 4 }), fc.array(fc.oneof(ops, fc.constantFrom('5-530.03', '1-650.2')), { maxLength: 4 }), fc.option(fc.constantFrom('R', 'L'), { nil: undefined }), (icds, opsList, laterality) => {
        const entry = { date: '2026-03-02', gop: '01234', laterality, diagnoses: icds.map((x) => ({ icd: x })), ops: opsList };
        const v = probe(c, entry);
        const join = (xs: string[]) => (xs.length ? xs.join(', ') : null);
        const sideOf = (o: (typeof opsList)[number]) => (typeof o === 'string' ? (laterality ?? null) : o.laterality ? o.laterality : (laterality ?? null));
        const codeOf = (o: (typeof opsList)[number]) => (typeof o === 'string' ? o : o.code);
        expect(v['not-terminal']).toBe(join(icds.filter((x) => x.trim().endsWith('-')).map((x) => x.trim())));
        expect(v['primary']).toBe(icds.some((x) => x.trim() !== '' && !x.trim().endsWith('*') && !x.trim().endsWith('!')));
        expect(v['missing']).toBe(join(opsList.filter((o) => typeof o !== 'string' && o.sided === true && sideOf(o) === null).map(codeOf)));
        expect(v['with-b']).toBe(join(opsList.filter((o) => sideOf(o) === 'B').map(codeOf)));
      }),
      { numRuns: 400 * RUNS, seed: 5041 },
    );
  });

  it('practiceTeamNumbers: the context\'s and the file\'s, each once; null when neither says', () => {
    const context = loadPracticeContext({ name: 'ctx', text: JSON.stringify({ kind: 'practice-context', practiceTeamNumbers: ['001234577', '001234566'], teams: [] }) });
    const withContext = probeChecker({ p: { fact: 'practiceTeamNumbers' } }, { context });
    const without = probeChecker({ p: { fact: 'practiceTeamNumbers' } });
    fc.assert(
      fc.property(fc.option(fc.array(fc.oneof(fc.constantFrom('001234577', '001234588', '009999994'), fc.integer()), { maxLength: 4 }), { nil: undefined }), (file) => {
        const entry = { date: '2026-03-02', gop: '01234', case: file === undefined ? {} : { practiceTeamNumbers: file } };
        const fromFile = file?.filter((x) => typeof x === 'string');
        expect(probe(without, entry)['p']).toEqual(fromFile ?? null);
        expect(new Set(probe(withContext, entry)['p'] as string[])).toEqual(new Set(['001234577', '001234566', ...(fromFile ?? [])]));
      }),
      { numRuns: 200 * RUNS, seed: 222 },
    );
  });

  it('batchCount: the other entries of the batch for the same patient by day and by quarter, counted by brute force', () => {
    const per = (p: string, match: string, count?: string) => ({ fact: 'batchCount', params: { per: p, match, ...(count ? { count } : {}) } });
    const facts = { 'day-same': per('patientDay', 'sameGop'), 'quarter-same': per('patientQuarter', 'sameGop'), 'day-hdrg': per('patientDay', 'hybridDrg'), before: per('patientQuarter', 'sameGop', 'before') };
    // Batch facts show through a finding of checkAll: one probe rule per fact, the count in the message.
    const rules = Object.entries(facts).map(([name, f]) => ({
      name,
      conditions: { all: [] },
      event: { type: 'finding', params: { code: 'PROBE', severity: 'info', message: { de: `${name}={n}`, en: `${name}={n}` }, fields: [], source: 'Test', n: f } },
    }));
    const doc = demoRuleSet({ id: 'probe', validFrom: '2000-01-01', rules });
    const loaded = loadRuleSets([{ name: 'probe.json', text: JSON.stringify(doc) }]);
    expect(loaded.problems).toEqual([]);
    const c = createChecker({ ruleSets: (loaded as unknown as { bundle: never }).bundle });
    const who = fc.constantFrom({ insuranceNumber: 'A1', birthDate: '1970-01-01' }, { insuranceNumber: ' A1 ', birthDate: '1970-01-01' }, { insuranceNumber: 'A1', birthDate: '1980-01-01' }, { id: 'P7' }, { insuranceNumber: '', id: 'P7' }, {});
    const entry = fc.record({ date: fc.constantFrom('2026-03-30', '2026-03-31', '2026-04-01', '2026-06-30'), gop: fc.constantFrom('01100', '01200'), hdrg: fc.boolean(), patient: who });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), (list) => {
        const entries = list.map((e) => ({ date: e.date, gop: e.gop, patient: e.patient, ...(e.hdrg ? { hybridDrg: { code: 'G24M' } } : {}) }));
        const results = c.checkAll(entries);
        const key = (p: Record<string, string>) => {
          const id = (p['insuranceNumber'] ?? '').trim() || (p['id'] ?? '').trim();
          return id ? `${id}/${(p['birthDate'] ?? '').trim()}` : null;
        };
        const quarter = (d: string) => `${d.slice(0, 4)}-${Math.ceil(Number(d.slice(5, 7)) / 3)}`;
        list.forEach((e, i) => {
          const k = key(e.patient as Record<string, string>);
          const others = (same: (o: (typeof list)[number], j: number) => boolean) => (k === null ? '–' : String(list.filter((o, j) => j !== i && key(o.patient as Record<string, string>) === k && same(o, j)).length));
          const shown = Object.fromEntries(results[i]!.findings.filter((f) => f.code === 'PROBE').map((f) => f.message.split('=') as [string, string]));
          expect(shown).toEqual({
            'day-same': others((o) => o.date === e.date && o.gop === e.gop),
            'quarter-same': others((o) => quarter(o.date) === quarter(e.date) && o.gop === e.gop),
            'day-hdrg': others((o) => o.date === e.date && o.hdrg),
            before: others((o, j) => j < i && quarter(o.date) === quarter(e.date) && o.gop === e.gop),
          });
        });
      }),
      { numRuns: 300 * RUNS, seed: 3119 },
    );
  });
});

describe('explain reaches the same findings as check', () => {
  it('on generated and hostile entries, with and without a practice context', () => {
    const context = loadPracticeContext({ name: 'ctx', text: JSON.stringify({ kind: 'practice-context', practiceTeamNumbers: ['001234577'], teams: [{ teamNumber: '001234577', appendix: '1.1a-tg1', validFrom: '2015-01-01', validUntil: null, members: [{ lanr: '633116027', specialty: 'Nuklearmedizin', role: 'kernteam', joined: '2015-01-01' }] }] }) });
    const checkers = [checker(), createChecker({ ruleSets: bundled(), context })];
    const plausible = fc.record(
      {
        date: day,
        gop: fc.constantFrom('88500', '03000', '50200', '40120', '31102', 'BV001', 'G24M'),
        teamNumber: fc.constantFrom('001234577', '001234566', '123'),
        lanr: fc.constantFrom('633116027', '604432405', '776299002'),
        bsnr: fc.constantFrom('198212400', '013201300'),
        costs: fc.array(fc.record({ description: fc.constantFrom('5489', '5488', '9999', ''), cents: fc.constantFrom('52458', '41966', '1', 7, '') }, { requiredKeys: [] }), { maxLength: 3 }),
        ops: fc.array(fc.constantFrom('5-530.03', '1-650.2'), { maxLength: 2 }),
        diagnoses: fc.array(fc.record({ icd: fc.constantFrom('C16.0', 'K40.-', 'G63.2*') }), { maxLength: 2 }),
        hybridDrg: fc.record({ code: fc.constantFrom('G24M', 'XX'), start: day, end: day }),
        patient: fc.record({ insuranceNumber: fc.constantFrom('A1'), birthDate: fc.constantFrom('2015-01-01', '1970-01-01') }, { requiredKeys: [] }),
        case: fc.record({ insurerIk: fc.constantFrom('108939385', '1'), participations: fc.constant([{ contract: 'beispiel-rueckenschmerz', declared: '2026-01-05' }]), referral: fc.boolean() }, { requiredKeys: [] }),
      },
      { requiredKeys: ['date', 'gop'] },
    );
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: hostileEntry }), (entry) => {
        for (const c of checkers) {
          const x = c.explain(entry);
          expect(x.result).toEqual(c.check(entry));
        }
      }),
      { numRuns: 400 * RUNS, seed: 20260 },
    );
  });
});
