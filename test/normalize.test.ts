/**
 * The char-code forms of normalization against the regular-expression forms they replaced
 * (FK 5012 cents, the team-number check): both evaluators share the normalizer, so the
 * differential test cannot see a difference here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feeNumberCode, isoDay, normalizeEntry, type InputProblem } from '../src/facts/entry';
import { asvTeamNumberStatus } from '../src/facts/team-number';
import { addDays, dateOfIndex, dayIndex, daysBetween } from '../src/facts/calendar';
import { numeric } from '../src/compile/operators';
import { FACTS, FIELD_IDS, readField, type Scope } from '../src/facts/facts';
import { PLAIN_KVDT_FIELDS } from '../src/facts/record-facts';
import { compileOperand } from '../src/compile/condition';
import { FACT_FIELD, ProgramBuilder } from '../src/compile/program';

const digitsOrNot = fc.oneof(fc.stringMatching(/^[0-9]{0,17}$/), fc.stringMatching(/^[ 0-9a\u0661]{0,12}$/), fc.string({ maxLength: 10 }));

describe('normalization by char codes', () => {
  it('FK 5012: whole cents without leading zeros, anything else (a blank too) as given', () => {
    const before = (v: string): string | null => {
      if (/^\d{1,15}$/.test(v)) return v.replace(/^0+(?=\d)/, '');
      return v === '' ? null : v;
    };
    fc.assert(
      fc.property(digitsOrNot, (cents) => {
        const n = normalizeEntry({ date: '2026-05-04', gop: '88500', costs: [{ description: '5489', cents }] }, []);
        expect(n!.costs[0]!.d5012).toBe(before(cents));
      }),
      { numRuns: 2000, seed: 5012 },
    );
  });

  it('fee number: 1–9 ASCII letters or digits, every UTF-16 code unit tried; a five-digit one with its number', () => {
    // -2: no fee number; the number of five digits; -1: any other fee number.
    const before = (v: unknown) => (typeof v !== 'string' || !/^[0-9A-Za-z]{1,9}$/.test(v) ? -2 : /^\d{5}$/.test(v) ? Number(v) : -1);
    // Each code unit alone, between valid ones and in a five-character one: a bit trick that let one through would show here.
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const v of [ch, `1${ch}`, `A${ch}z`, `12${ch}45`, `1234${ch}`]) if (feeNumberCode(v) !== before(v)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    expect(['01234', '00000', '99999', '1234A', 'A1234', '123456', '1234'].map(feeNumberCode)).toEqual([1234, 0, 99999, -1, -1, -1, -1]);
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9A-Za-z]{0,11}$/), fc.stringMatching(/^\d{4,6}$/), fc.string({ maxLength: 11 }), fc.anything()), (v) => {
        expect(feeNumberCode(v)).toBe(before(v));
      }),
      { numRuns: 3000, seed: 5001 },
    );
  });

  it('an entry copy reads the date and the fee number as isoDay and feeNumberCode do (both are written out in the copy)', () => {
    const wrong: string[] = [];
    const read = (date: unknown, gop: unknown) => {
      const problems: InputProblem[] = [];
      const n = normalizeEntry({ date, gop }, problems);
      const day = isoDay(date);
      const digits = feeNumberCode(gop);
      const codes = problems.map((p) => p.code);
      const same =
        day >= 0 && digits > -2
          ? n !== null && n.day === day && n.gopDigits === digits && codes.length === 0
          : n === null && codes.includes('INPUT-LEISTUNGSTAG') === day < 0 && codes.includes('INPUT-GNR') === digits < -1;
      if (!same) wrong.push(JSON.stringify([date, gop]));
    };
    // Each code unit at each place of a date and of a five-digit fee number (the ones around the digits and the dash, and some far off).
    const units = [...Array.from({ length: 0x180 }, (_, c) => c), 0x661, 0x966, 0xff10, 0xff19, 0xd800, 0xffff];
    for (const c of units) {
      const ch = String.fromCharCode(c);
      for (let i = 0; i < 10; i++) read(`2024-02-29`.slice(0, i) + ch + `2024-02-29`.slice(i + 1), '10001');
      for (let i = 0; i < 5; i++) read('2026-05-04', `12345`.slice(0, i) + ch + `12345`.slice(i + 1));
    }
    // Every day number of the month boundaries, leap years and not, and values of other kinds and lengths.
    for (const y of ['0000', '1900', '2000', '2023', '2024', '2100', '9999'])
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) read(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, '00000');
    for (const v of [undefined, null, 20260504, '', '2026-5-4', '2026-05-044', ' 2026-05-04', '99999', '1234', '123456', 'A1234', '1234a', 'BV001', 12345, ['12345']]) {
      read(v, '10001');
      read('2026-05-04', v);
    }
    expect(wrong).toEqual([]);
  });

  it('a date read before is taken again only for an equal text (the copy remembers real dates by month digit and day)', () => {
    const dayOf = (date: unknown) => {
      const problems: InputProblem[] = [];
      const n = normalizeEntry({ date, gop: '10001' }, problems);
      return n === null ? (problems.some((p) => p.code === 'INPUT-LEISTUNGSTAG') ? -1 : -2) : n.day;
    };
    // Each pair shares its place (the month's last digit, the day): another year, another month, a leap day in a year
    // without one, a character that is no digit or no dash anywhere, a month or day out of range, the same text (another
    // string), an unreal date twice.
    const pairs = [
      ['2026-04-05', '2025-04-05'],
      ['2026-01-05', '2026-11-05'],
      ['2024-02-29', '2023-02-29'],
      ['2024-02-29', '2100-02-29'],
      ['2026-01-31', '2026-11-31'],
      ['2026-12-31', '2026-02-31'],
      ['2026-04-05', '2O26-04-05'],
      ['2026-04-05', '2026x04-05'],
      ['2026-04-05', '2026-04x05'],
      ['2026-04-05', '2026-\u0660\u0664-05'],
      ['2026-04-05', '2026-14-05'],
      ['2026-04-05', '2026-44-05'],
      ['2026-04-05', '2026-04-45'],
      ['2026-04-05', ['2026-04-0', '5'].join('')],
      ['2026-02-30', '2026-02-30'],
    ];
    for (const [a, b] of pairs) {
      for (const [first, second] of [[a!, b!], [b!, a!]]) {
        dayOf(first);
        expect([first, second, dayOf(second)]).toEqual([first, second, isoDay(second) >= 0 ? isoDay(second) : -1]);
      }
    }
  });

  it('team number: format and check digit as in KVDT rule 059', () => {
    const before = (value: string) => {
      if (!/^00\d{7}$/.test(value)) return 'format';
      const weights = [4, 9, 4, 9, 4, 9];
      let sum = 0;
      for (let i = 0; i < 6; i++) sum += Number(value[2 + i]) * weights[i]!;
      return Number(value[8]) === (10 - (sum % 10)) % 10 ? 'ok' : 'check-digit';
    };
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^00[0-9]{7}$/), digitsOrNot), (t) => {
        expect(asvTeamNumberStatus(t)).toBe(before(t));
      }),
      { numRuns: 3000, seed: 59 },
    );
  });
});

describe('calendar arithmetic in integer days', () => {
  it('agrees with Date on every day of years 1003–9996 and 800 days around, both ways', () => {
    const day = fc.tuple(fc.integer({ min: 1003, max: 9996 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).filter(([y, m, d]) => d <= new Date(Date.UTC(y, m, 0)).getUTCDate());
    fc.assert(
      fc.property(day, fc.integer({ min: -800, max: 800 }), ([y, m, d], shift) => {
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const time = Date.UTC(y, m - 1, d);
        expect(dayIndex(iso)).toBe(time / 86_400_000);
        expect(dateOfIndex(dayIndex(iso))).toBe(iso);
        expect(addDays(iso, shift)).toBe(new Date(time + shift * 86_400_000).toISOString().slice(0, 10));
        expect(daysBetween(iso, addDays(iso, shift))).toBe(shift);
      }),
      { numRuns: 3000, seed: 1582 },
    );
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
  });
});

describe("json-rules-engine's numeric guard", () => {
  it('answers as parseFloat(x).toString() !== "NaN" for any value', () => {
    const value = fc.oneof(fc.stringMatching(/^[ \t0-9.+\-eE]{0,8}[0-9a-z ]{0,3}$/), fc.string({ maxLength: 6 }), fc.double(), fc.integer(), fc.constantFrom(null, undefined, true, [], [7], ['x'], {}, 'Infinity', '-Infinity', '١٢', '０'));
    fc.assert(
      fc.property(value, (v) => {
        expect(numeric(v)).toBe(Number.parseFloat(v as string).toString() !== 'NaN');
      }),
      { numRuns: 5000, seed: 4 },
    );
  });
});

describe('field facts read by number', () => {
  it('readField gives what each fact function gives, for every numbered field', () => {
    const entry = fc.record({
      date: fc.constantFrom('2026-05-04', '2024-02-29'),
      gop: fc.constantFrom('88500', '03000'),
      teamNumber: fc.option(fc.constantFrom('001234577')),
      lanr: fc.option(fc.constantFrom('604432405')),
      bsnr: fc.option(fc.constantFrom('198212400')),
      laterality: fc.option(fc.constantFrom('R', 'L')),
      costs: fc.array(fc.record({ description: fc.option(fc.constantFrom('5489', 'Stent')), cents: fc.option(fc.constantFrom('52458', '7')) }), { maxLength: 3 }),
      ops: fc.array(fc.constantFrom('5-530.03', '1-650.2'), { maxLength: 2 }),
      diagnoses: fc.array(fc.record({ icd: fc.constantFrom('K40.90', 'C16.0') }), { maxLength: 2 }),
      patient: fc.option(fc.record({ birthDate: fc.constantFrom('1970-01-01') })),
      case: fc.option(fc.record({ referral: fc.boolean() })),
    });
    expect(Object.keys(FIELD_IDS).sort()).toEqual([...new Set(Object.keys(FIELD_IDS))].sort());
    fc.assert(
      fc.property(entry, fc.nat(3), (raw, pick) => {
        const e = normalizeEntry(raw, [])!;
        const costIndex = e.costs.length ? pick % e.costs.length : -1;
        const scope = { entry: e, costIndex, cost: costIndex >= 0 ? e.costs[costIndex]! : null } as unknown as Scope;
        for (const [id, field] of Object.entries(FIELD_IDS)) {
          const bound = FACTS.get(id)!.bind(undefined, {} as never) as { fact: (s: Scope) => unknown };
          expect(readField(scope, field), id).toEqual(bound.fact(scope));
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it('kvdtField of a text field the entry holds as it is read plainly gives what the fact gives, whatever the host sent', () => {
    // Empty, missing, too long or not a text: the fact's typed() makes each null, so the entry must hold null too.
    const text = (...valid: string[]) => fc.option(fc.constantFrom(...valid, '', ' ', 'x'.repeat(400), 7, true, ['1']), { nil: undefined });
    const entry = fc.record(
      {
        date: fc.constant('2026-05-04'),
        gop: fc.constantFrom('88500', '03000', 'A1', '', 12, null),
        teamNumber: text('001234577'),
        lanr: text('604432405'),
        pseudoLanr: text('555555011'),
        bsnr: text('198212400'),
        hospitalIk: text('261102323'),
        laterality: text('R', 'L'),
        hybridDrg: fc.option(fc.record({ code: fc.constantFrom('G24M', '', 'x y') }), { nil: undefined }),
        case: fc.option(fc.record({ recordType: fc.option(fc.constantFrom('0101', '0102', '', 7), { nil: undefined }) }), { nil: undefined }),
      },
      { requiredKeys: ['date'] },
    );
    let checked = 0;
    fc.assert(
      fc.property(entry, (raw) => {
        const e = normalizeEntry(raw, []);
        if (e === null) return;
        checked++;
        const scope = { entry: e, costIndex: -1, cost: null } as unknown as Scope;
        for (const [fk, field] of Object.entries(PLAIN_KVDT_FIELDS)) {
          const bound = FACTS.get('kvdtField')!.bind({ fk }, {} as never) as { fact: (s: Scope) => unknown };
          expect(readField(scope, field), fk).toBe(bound.fact(scope));
        }
        const recordType = FACTS.get('recordType')!.bind(undefined, {} as never) as { fact: (s: Scope) => unknown };
        expect(readField(scope, FIELD_IDS['recordType']!)).toBe(recordType.fact(scope));
      }),
      { numRuns: 400, seed: 16 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('the interpreter reads those kvdtFields and recordType as fields, and no other kvdtField', () => {
    const program = new ProgramBuilder();
    const ctx = { program, binds: new Map(), env: { ruleSet: {}, memo: new Map(), reads: { patient: null, case: null } }, scope: 'entry', problem: () => {} } as never;
    const mode = (fact: string, params?: Record<string, unknown>) => {
      const operand = compileOperand(params ? { fact, params } : { fact }, '', ctx);
      expect(operand, fact).toBeGreaterThanOrEqual(0);
      const p = program.build();
      return p.slotMode[p.operandSlot[operand]!] === FACT_FIELD ? p.slotField[p.operandSlot[operand]!] : -1;
    };
    expect(mode('kvdtField', { fk: '5099' })).toBe(FIELD_IDS['lanr']);
    expect(mode('kvdtField', { fk: '5101' })).toBe(FIELD_IDS['pseudoLanr']);
    expect(mode('recordType')).toBe(FIELD_IDS['recordType']);
    // A date is checked by the fact (3103 may have 00 days), a case field read from the case object: both through the fact.
    for (const fk of ['5000', '3103', '4101', '0223', '4226']) expect(mode('kvdtField', { fk }), fk).toBe(-1);
  });
});
