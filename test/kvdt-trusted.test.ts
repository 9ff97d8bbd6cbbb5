/**
 * The KVDT reader's trusted path: entries it normalizes itself from the file's bytes go to the
 * checker without the copy a host's entries get (trustedStream in checker.ts). Held here to the
 * public copying path: the same entries, the same findings and corrections; and only checkers
 * made by createChecker offer it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { trustedStream, type TrustedStream } from '../src/evaluate/checker';
import { normalizeEntry, type InputProblem, type NormalizedEntry } from '../src/facts/entry';
import { SharedCopies } from '../src/kvdt/shared-copies';
import { checkKvdt, type KvdtEvent } from '../src/kvdt/check-file';
import { CASE_KEYS, caseValue, KvdtCase, mapCase, mapCaseFor, trustedEntry, type SharedReferrals } from '../src/kvdt/mapping';
import { normalizedCase, normalizedHybridDrgCase } from '../src/kvdt/trusted-entries';
import { createChecker } from '../plugin-api/index';
import type { Checker } from '../plugin-api/types';
import { writeQuarterFile } from '../bench/kvdt-workload';
import { bundled, bundledSources, checker, KBV_EXAMPLE, mustLoad, ROOT } from './helpers';
import { forEachRecord, HEAD, kvdt, plainCase, TAIL, tempDir } from './kvdt-helpers';

describe('trustedStream', () => {
  it('is offered for a checker made by createChecker only, not for a wrapper or a proxy of one', () => {
    const c = checker();
    expect(trustedStream(c)).not.toBeNull();
    const wrapper: Checker = Object.create(c) as Checker;
    expect(trustedStream(wrapper)).toBeNull();
    expect(trustedStream(new Proxy(c, {}))).toBeNull();
    expect(trustedStream({ stream: () => c.stream() })).toBeNull();
    expect(trustedStream(null)).toBeNull();
  });

  it('has no uncopied check without rule sets (each check says so through the copy)', () => {
    const t = trustedStream(createChecker({ ruleSets: undefined as never }));
    expect(t).not.toBeNull();
    expect(t!.checkNormalized).toBeNull();
  });

  it('says of an entry whose counting failed (a fault of the engine) that batch rules may miss it, and of that one only', () => {
    const t = trustedStream(checker())!;
    const problems: InputProblem[] = [];
    const entry = () => normalizeEntry({ date: '2026-04-14', gop: '03000', patient: { id: 'P1' }, case: { recordType: '0101' } }, problems, t.reads, null, t.routeReads)!;
    const faulty = entry();
    // Counting (before any evaluation) reads the day first; here that read throws once, as a fault inside the engine would.
    let reads = 0;
    const day = faulty.day;
    Object.defineProperty(faulty, 'day', {
      get() {
        if (reads++ === 0) throw new Error('fault');
        return day;
      },
    });
    const results = t.checkNormalized!([entry(), faulty, entry()]);
    const counting = (i: number) => results[i]!.findings.filter((f) => f.code === 'PRUEFUNG-INTERN' && f.message.includes('Zählen')).length;
    expect([counting(0), counting(1), counting(2)]).toEqual([0, 1, 0]);
  });

  it('checks normalized entries as the session checks the same entries given raw', () => {
    const entries = [
      KBV_EXAMPLE,
      { ...KBV_EXAMPLE, costs: [{ description: '5489', cents: '52459' }] },
      { ...KBV_EXAMPLE, teamNumber: undefined },
      { date: '2026-04-14', gop: '03000', patient: { id: 'P1', birthDate: '1970-01-01' }, case: { recordType: '0101', quarter: '22026' } },
      { date: '2026-04-14', gop: '03000', patient: { id: 'P1', birthDate: '1970-01-01' }, case: { recordType: '0101', quarter: '22026', serviceIndex: 1 } },
    ];
    const c = createChecker({ ruleSets: bundled() });
    const t = trustedStream(c)!;
    const problems: InputProblem[] = [];
    const normalized = entries.map((e) => normalizeEntry(e, problems, t.reads, null, t.routeReads)!);
    expect(problems).toEqual([]);
    const trusted = t.checkNormalized!(normalized);
    const copied = createChecker({ ruleSets: bundled() }).stream().check(entries);
    expect(trusted.map((r) => r.findings.map((f) => f.code))).toEqual(copied.map((r) => r.findings.map((f) => f.code)));
    expect(trusted).toEqual(copied);
    expect(trusted.some((r) => r.findings.length > 0) && trusted.some((r) => r.corrections.length > 0)).toBe(true);
  });
});

const ADT = readFileSync(`${ROOT}/test/fixtures/kvdt/Z01123456699_27.01.2026_12.00.con`);
const HDRG = readFileSync(`${ROOT}/test/fixtures/kvdt/Z30123456699_27.10.2025_12.00.con`);
const SAMPLE = readFileSync(`${ROOT}/examples/kvdt/asv-beispiel.con`);
const long = 'X'.repeat(201);
/** Cases the trusted path must leave to the public one (each would get an input problem), and some it takes. */
const ODD = kvdt(
  ...HEAD,
  ['0222', '001234577'],
  ...plainCase('A'),
  ['5099', long],
  ...plainCase('B', '20261301'),
  ...plainCase('C', '20260414', '0300-1'),
  ...plainCase('D'),
  ['5011', 'Stent'],
  ['5012', `1${'0'.repeat(200)}`],
  ...plainCase('E'),
  ['6001', long],
  ...plainCase('F', '20260414', '88500'),
  ['5011', ' 5489 '],
  ['5012', '0052458'],
  ['5074', 'Hersteller'],
  ['5075', ''],
  ['5098', '013201300'],
  ['5100', '001234577'],
  ['5000', '20260415'],
  ['5001', '31101'],
  ['5035', '5-530.03'],
  ['5041', 'L'],
  ['5035', '5-530.04'],
  ['5001', '31102'],
  ['5041', 'R'],
  ['5035', '5-530.05'],
  ['5041', ''],
  ['5101', '555555101'],
  ['5102', '260530012'],
  ['6001', 'K40.90'],
  ['6003', 'G'],
  ['3110', 'W'],
  ['4101', '22026'],
  ['4111', '104612144'],
  ['4125', '2026040120260630'],
  ['4218', '397604800'],
  ['4239', '21'],
  ...plainCase('G'),
  ['5002', ''],
  // Left at a later service (its LANR, then its day), after the ones before were taken: a price
  // the checker corrects on the first, a finding with the case on the second.
  ...plainCase('H', '20260414', '88500'),
  ['5011', '5489'],
  ['4101', '22026'],
  ['5000', '20260415'],
  ['5001', '03000'],
  ['5098', '013201300'],
  ['5099', long],
  ...plainCase('I', '20260414', '88500'),
  ['5011', '5489'],
  ['5000', '20260415'],
  ['5001', '03000'],
  ['5000', '20261399'],
  ['5001', '03000'],
  // Fee numbers other than five digits (the mapping reads five from the bytes, any other from the
  // text), an empty LANR; a service before any day, and a fee number with a byte above ASCII (public path).
  ...plainCase('J', '20260414', '0300A'),
  ['5001', '3000'],
  ['5099', ''],
  ['5001', '123456789'],
  ['5001', '1234'],
  ['5100', ''],
  ['8000', '0101'],
  ['3000', 'K'],
  ['5001', '03000'],
  ['5098', '013201300'],
  ...plainCase('L', '20260414', '03\u00e400'),
  ...TAIL,
);

/**
 * Referrals (kept by field id, the first of a field given twice) in cases whose referrals are the
 * same, differ in one value, have the same value under another field, or fewer fields: the
 * trusted path shares one referral object between the cases of the same referral only.
 */
const REFERRALS = kvdt(
  ...HEAD,
  ...[
    [['4218', '397604800'], ['4242', '123456640']],
    [['4218', '397604800'], ['4242', '123456640']],
    [['4218', '397604801'], ['4242', '123456640']],
    [['4219', '397604800'], ['4242', '123456640']],
    [['4218', '397604800']],
    [['4218', '397604800'], ['4218', '111111111'], ['4242', '123456640']],
    [['4220', 'Innere'], ['4226', '001234577']],
    [['4220', 'Inner'], ['4226', 'e001234577']],
    // Too long to be kept: an object of its own each time.
    [['4220', 'L'.repeat(600)]],
    [['4220', 'L'.repeat(600)]],
  ].flatMap((fields, i): (readonly [string, string])[] => [['8000', '0102'], ...plainCase(`R${i}`).slice(1), ['4101', '22026'], ...(fields as [string, string][])]),
  ...TAIL,
);

/** Hybrid-DRG cases with every field the reader maps (ventilation hours, admission weight, OPS and diagnoses with laterality, referral), and some the copy reports (then the public path). */
const HDRG_FIELDS = kvdt(
  ['8000', 'con0'],
  ['9103', '20251020'],
  ['9106', '4'],
  ['8000', 'hdrg0'],
  ['9117', '20251020'],
  ...[
    [['5027', 'G09N'], ['5028', '20251006'], ['5029', '20251007'], ['5030', '12'], ['5034', '20251006'], ['3111', '2400'], ['5035', '5-380.35'], ['5041', 'R'], ['5035', '5-381.0'], ['6009', 'I80.1'], ['6010', 'R'], ['6011', 'E11.9'], ['6012', 'L'], ['4218', '397604800'], ['4242', '123456640'], ['5098', '010123499'], ['5099', '123456699'], ['5100', '001234577']],
    [['5027', 'G09N'], ['5028', '20251006'], ['6009', 'I80.1']],
    [['5027', 'G09N'], ['5028', '20251006'], ['5030', 'zwölf']],
    [['5027', 'G09N'], ['5028', '20251306']],
    [['5027', 'G09N'], ['5034', '20251006'], ['3111', '-5']],
  ].flatMap((fields, i): (readonly [string, string])[] => [['8000', 'hdrg1'], ['3000', `H${i}`], ['3103', '19600404'], ['3110', 'M'], ['4101', '42025'], ...(fields as [string, string][])]),
  ['8000', 'hdrg9'],
  ['8000', 'con9'],
);

/** A generated quarter of about `mb` MB (see bench/kvdt-workload.ts). */
function generated(mb: number, everyCase: boolean): Buffer {
  const path = join(tempDir(), 'quarter.con');
  writeQuarterFile(path, mb * 1e6, { everyCase, seed: 7 });
  return readFileSync(path);
}

const TRUSTED_KEYS = Object.keys(trustedEntry('', -1, '', -1));

/**
 * `expect(actual, message).toStrictEqual(expected)`, asked only where node's deep-strict
 * comparison (which also compares prototypes and undefined members, so it passes nothing
 * toStrictEqual fails) finds a difference: called for every case, expect was most of this
 * file's time.
 */
function strictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, message).toStrictEqual(expected);
}

/**
 * Every case record of `bytes` mapped both ways: normalizeEntry of each mapped entry as the
 * checker's copy makes it (one SharedCopies per case), and normalizedCase (null: public path).
 */
function bothWays(bytes: Uint8Array, t: TrustedStream): { copied: (NormalizedEntry | null)[]; trusted: NormalizedEntry[] | null; problems: InputProblem[] }[] {
  const out: ReturnType<typeof bothWays> = [];
  // As the file check maps them: referrals shared by the file's cases.
  const referrals: SharedReferrals = new Map();
  forEachRecord(bytes, (r, practice, header) => {
    const each = mapCase(r, practice, header);
    if (each.length === 0) return;
    const first = mapCaseFor(r, practice, header, 'first', referrals);
    const scratch: InputProblem[] = [];
    const trusted = r.type === 'hdrg1' ? normalizedHybridDrgCase(first[0]!, t, scratch) : normalizedCase(first, t, scratch);
    // Per case, so vitest's expect (most of this file's time when called for every case) only
    // where the plain check fails, to report it.
    if (scratch.length) expect(scratch).toEqual([]);
    // The trusted path's entries are the mapped ones normalized in place: one object a service.
    if (trusted !== null && !trusted.every((e, k) => e === (first[k]!.entry as unknown))) expect(trusted.every((e, k) => e === (first[k]!.entry as unknown))).toBe(true);
    // Of one shape, Hybrid-DRG or not: the same keys in the same order (trustedEntry's).
    if (trusted !== null) for (const e of trusted) if (!isDeepStrictEqual(Object.keys(e), TRUSTED_KEYS)) expect(Object.keys(e)).toEqual(TRUSTED_KEYS);
    const shared = new SharedCopies();
    const problems: InputProblem[] = [];
    out.push({ copied: each.map((s) => normalizeEntry(s.entry, problems, t.reads, shared, t.routeReads)), trusted, problems });
  });
  return out;
}

/** All events of a check, output bytes joined. */
async function events(bytes: Uint8Array, c: Checker): Promise<{ events: KvdtEvent[]; output: Buffer }> {
  const list: KvdtEvent[] = [];
  const out: Uint8Array[] = [];
  for await (const e of checkKvdt([bytes], c, { output: true })) {
    if (e.type === 'output') out.push(e.bytes);
    else list.push(e);
  }
  return { events: list, output: Buffer.concat(out) };
}

describe('referrals', () => {
  it('maps the referral fields by field id, the first of a field given twice; shares one frozen object for the same referral only on the trusted path', () => {
    const each: unknown[] = [];
    const shared: unknown[] = [];
    // The file check's map of shared referrals.
    const referrals: SharedReferrals = new Map();
    forEachRecord(REFERRALS, (r, practice, header) => {
      const a = mapCase(r, practice, header);
      if (a.length === 0) return;
      each.push(a[0]!.entry.case!['referral']);
      shared.push(mapCaseFor(r, practice, header, 'first', referrals)[0]!.entry.case!['referral']);
    });
    const expected = [
      { '4218': '397604800', '4242': '123456640' },
      { '4218': '397604800', '4242': '123456640' },
      { '4218': '397604801', '4242': '123456640' },
      { '4219': '397604800', '4242': '123456640' },
      { '4218': '397604800' },
      { '4218': '397604800', '4242': '123456640' },
      { '4220': 'Innere', '4226': '001234577' },
      { '4220': 'Inner', '4226': 'e001234577' },
      { '4220': 'L'.repeat(600) },
      { '4220': 'L'.repeat(600) },
    ];
    expect(each).toStrictEqual(expected);
    expect(shared).toStrictEqual(expected);
    expect(Object.keys(each[5]!)).toEqual(['4218', '4242']);
    // The public path's are the host's own, one per case; the trusted path's the same object for the same fields.
    expect(each[0]).not.toBe(each[1]);
    expect(Object.isFrozen(each[0])).toBe(false);
    expect(new Set(shared).size).toBe(8);
    expect(shared[8]).not.toBe(shared[9]);
    expect(shared[0]).toBe(shared[1]);
    expect(shared[0]).toBe(shared[5]);
    expect(shared.every((x) => Object.isFrozen(x))).toBe(true);
  });
});

describe('the KVDT reader on the trusted path', () => {
  const t = trustedStream(checker())!;
  const files = { ADT, HDRG, HDRG_FIELDS, SAMPLE, ODD, REFERRALS, realistic: generated(1.5, false), everyCase: generated(0.5, true) };

  it('builds each entry as the checker copies the mapped entry, or leaves the case to the public path when the copy has input problems', () => {
    for (const [name, bytes] of Object.entries(files)) {
      let trustedCases = 0;
      for (const c of bothWays(bytes, t)) {
        if (c.trusted === null) {
          // Only a case with an input problem goes the public way.
          expect(c.problems.length + c.copied.filter((e) => e === null).length, name).toBeGreaterThan(0);
          continue;
        }
        if (c.problems.length) expect(c.problems, name).toEqual([]);
        strictEqual(c.trusted, c.copied, name);
        trustedCases++;
      }
      expect(trustedCases, name).toBeGreaterThan(0);
    }
  });

  it("reads the reader's case by number (caseValue) as its own keys: CASE_KEYS are all of them", () => {
    const kase = new KvdtCase('0101');
    CASE_KEYS.forEach((key, k) => ((kase as unknown as Record<string, unknown>)[key] = `v${k}`));
    expect(Object.keys(kase).sort()).toEqual([...CASE_KEYS].sort());
    expect(CASE_KEYS.map((_, k) => caseValue(kase, k))).toEqual(CASE_KEYS.map((_, k) => `v${k}`));
    expect(caseValue(kase, -1)).toBeUndefined();
    expect(caseValue(kase, CASE_KEYS.length)).toBeUndefined();
  });

  it('counts the pairs of an entry whose pairs no rule reads, as the copy does (rule sets without pair rules)', () => {
    const withoutPairRules = trustedStream(createChecker({ ruleSets: mustLoad(bundledSources().filter((s) => !/[\\/](kvdt|asv)[\\/]/.test(s.name))) }))!;
    let counted = 0;
    for (const bytes of [SAMPLE, files.ODD, files.everyCase]) {
      for (const c of bothWays(bytes, withoutPairRules)) {
        if (c.trusted === null) continue;
        strictEqual(c.trusted, c.copied);
        for (const e of c.trusted) if (e.costCount > 0 && e.costs.length === 0) counted++;
      }
    }
    expect(counted).toBeGreaterThan(0);
  });

  it('takes every case of the generated files (ADT package), and leaves the odd ones of a crafted file', () => {
    expect(bothWays(files.realistic, t).every((c) => c.trusted !== null)).toBe(true);
    expect(bothWays(files.ODD, t).map((c) => c.trusted !== null)).toEqual([false, false, false, false, false, true, true, false, false, true, false, false]);
    expect(bothWays(files.HDRG_FIELDS, t).map((c) => c.trusted !== null)).toEqual([true, true, false, false, false]);
  });

  it('gives the same events and output as the public path (a checker the reader does not trust)', async () => {
    const c = checker();
    const host: Checker = { ...c, stream: () => c.stream() } as Checker;
    expect(trustedStream(host)).toBeNull();
    for (const [name, bytes] of Object.entries(files)) {
      const a = await events(bytes, c);
      const b = await events(bytes, host);
      // As JSON: the report writes them so, key order included.
      expect(JSON.stringify(a.events), name).toEqual(JSON.stringify(b.events));
      expect(a.events.some((e) => e.type === 'correction' && e.correction.previous !== undefined) || name !== 'everyCase', name).toBe(true);
      expect(a.output.equals(b.output), name).toBe(true);
      if (name === 'ODD') expect(a.events.filter((e) => e.type === 'finding' && e.finding.code.startsWith('INPUT-')).length).toBeGreaterThan(3);
    }
  });
});
