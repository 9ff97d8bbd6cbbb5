/**
 * Checker.stream(): one pass, case by case, with pending checks settled at the end, gives
 * exactly what checkAll (two passes over the whole batch) gives — the oracle here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult, StreamResult } from '../plugin-api/types';
import { createChecker } from '../plugin-api/index';
import { mustLoad, withEbmOperations } from './helpers';

/** The bundled rule sets with a host EBM master file that knows the operation 31102 the batches bill. */
const bundle = mustLoad(withEbmOperations());
const checker = () => createChecker({ ruleSets: bundle });

const patients = [
  { insuranceNumber: 'A123456789', birthDate: '1971-01-01', sex: 'M' },
  { insuranceNumber: 'E543768738', birthDate: '1971-01-01' },
];
const days = ['2026-05-05', '2026-05-06'];
const participation = { contract: 'beispiel-rueckenschmerz', declared: '2026-01-05', noticeGiven: '2026-01-05' };
const entry = fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom('hdrg', 'op', 'BV001', 'BV002', '03230', '03000')).map(([p, d, kind]) => {
  const patient = patients[p];
  const day = days[d]!;
  if (kind === 'hdrg') return { hybridDrg: { code: 'G24M', start: day, end: day, opDate: day }, ops: [{ code: '5-530.03', laterality: 'L' }], diagnoses: [{ icd: 'K40.90', kind: 'main' }], patient };
  if (kind === 'op') return { date: day, gop: '31102', patient };
  return { date: day, gop: kind, lanr: '776299002', bsnr: '198212400', patient, case: { insurerIk: '108939385', participations: [participation] } };
});

/** Checks `groups` one by one and settles the pending checks: the results in order. */
function streamed(groups: unknown[][]): CheckResult[] {
  const session = checker().stream();
  const out: StreamResult[] = groups.flatMap((g) => session.check(g));
  return out.map(({ pending, ...result }) => (pending ? (session.settle(pending) ?? result) : result));
}

describe('Checker.stream', () => {
  it('equals checkAll on random batches cut into random cases', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }), (groups) => {
        expect(streamed(groups)).toEqual(checker().checkAll(groups.flat()));
      }),
      { numRuns: 300, seed: 1212 },
    );
  });

  it('an EBM operation after the Hybrid-DRG case: pending, then settled to the warning', () => {
    const op = { date: '2026-05-05', gop: '31102', patient: patients[0] };
    const session = checker().stream();
    const hdrgCase = { hybridDrg: { code: 'G24M', start: '2026-05-05', end: '2026-05-05', opDate: '2026-05-05' }, ops: [{ code: '5-530.03', laterality: 'L' }], diagnoses: [{ icd: 'K40.90', kind: 'main' }], patient: patients[0] };
    const [first] = session.check([hdrgCase]);
    expect(first!.pending?.reads.length).toBeGreaterThan(0);
    expect(first!.findings.map((f) => f.code)).toEqual(['HDRG-PREIS']);
    session.check([op]);
    expect(session.settle(first!.pending!)!.findings.map((f) => f.code).sort()).toEqual(['HDRG-EBM-OP-SELBER-TAG', 'HDRG-PREIS'].sort());
    // The operation before the case: counted already, the pending check stands.
    const again = checker().stream();
    again.check([op]);
    const [second] = again.check([hdrgCase]);
    expect(second!.findings.map((f) => f.code).sort()).toEqual(['HDRG-EBM-OP-SELBER-TAG', 'HDRG-PREIS'].sort());
    expect(again.settle(second!.pending!)).toBeUndefined();
  });

  it('an entry that reads no whole-batch count is not pending', () => {
    const session = checker().stream();
    expect(session.needed).toBe(true);
    expect(session.check([{ date: '2026-04-14', gop: '03000' }])).toEqual([checker().check({ date: '2026-04-14', gop: '03000' })]);
  });
});

/** A service of a patient in the § 140a contract (BV001: its check reads the day's EBM services, a whole-batch count). */
const contractService = (patient: object, date = '2026-05-24', gop = 'BV001') => ({
  date,
  gop,
  lanr: '776299002',
  bsnr: '198212400',
  patient,
  case: { insurerIk: '108939385', participations: [participation] },
});

describe('a pending check as the host gets it', () => {
  // Found by review (session 9): the pending object was the engine's own, with the entry's copy
  // (insurance number, birth date) as own fields: a host logging its stream results wrote them.
  it('shows only its reads: no copy of the patient entry in its keys or its JSON', () => {
    const [r] = checker().stream().check([contractService({ insuranceNumber: 'X14208', birthDate: '1970-01-01' })]);
    expect(r!.pending).toBeDefined();
    expect(Object.keys(r!.pending!)).toEqual(['reads']);
    expect(JSON.stringify(r)).not.toContain('X14208');
  });

  it('still settles to what checkAll gives', () => {
    const entries = days.map((day) => contractService(patients[0]!, day));
    const session = checker().stream();
    const results = session.check(entries);
    const settled = results.map((r) => (r.pending ? (session.settle(r.pending) ?? r) : r));
    expect(settled.map((r) => ({ findings: r.findings, corrections: r.corrections }))).toEqual(checker().checkAll(entries).map((r) => ({ findings: r.findings, corrections: r.corrections })));
  });
});

describe('settle, whatever the host hands back', () => {
  // Found by review (session 9, F3): a pending check the host wrapped (a Proxy, as a UI
  // framework's reactive state makes, or an object made with Object.create) threw on settle
  // once its parts were private; it must give the pending check's own result.
  const entry = contractService({ insuranceNumber: 'X1', birthDate: '1970-01-01' });
  const pendingWithChange = () => {
    const s = checker().stream();
    const [r] = s.check([entry]);
    // The EBM service the contract service replaces, later the same day: the pending check's count changes.
    s.check([{ ...entry, gop: '03230' }]);
    return { s, pending: r!.pending! };
  };

  it('settles a wrapped or derived pending check as the check itself', () => {
    const { s, pending } = pendingWithChange();
    const want = s.settle(pending);
    expect(want?.findings.map((f) => f.code)).toContain('BV-EBM-DOPPELT');
    expect(s.settle(new Proxy(pending, {}))).toEqual(want);
    expect(s.settle(Object.create(pending) as typeof pending)).toEqual(want);
  });

  it('gives undefined, never throws, for anything else', () => {
    const { s, pending } = pendingWithChange();
    const throwing = new Proxy(pending, {
      get() {
        throw new Error('host trap');
      },
    });
    for (const other of [null, undefined, 5, 'x', {}, { reads: [] }, { ...pending }, throwing]) expect(s.settle(other as never)).toBeUndefined();
  });

  it('hands out its reads frozen', () => {
    const { pending } = pendingWithChange();
    expect(Object.isFrozen(pending.reads)).toBe(true);
    expect(pending.reads.every((r) => Object.isFrozen(r))).toBe(true);
  });

  it('gives nothing of the compiled rules to a host that looks behind its keys (its counters are every checker\'s)', () => {
    // Found by review (3 Dec 2026): the hidden key held the parts, whose counts were keyed by the
    // bundle's compiled counters; a host that changed one changed every checker's findings.
    const { pending } = pendingWithChange();
    const reachable = new Set<unknown>();
    const walk = (v: unknown): void => {
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null || reachable.has(v)) return;
      reachable.add(v);
      for (const key of Reflect.ownKeys(v)) walk(Reflect.getOwnPropertyDescriptor(v, key)!.value);
      if (v instanceof Map || v instanceof Set) for (const item of v) walk(item);
    };
    walk(pending);
    // The pending check, its reads (frozen, each frozen) and the token under the hidden key.
    for (const v of reachable) expect(Object.isFrozen(v)).toBe(true);
    expect([...reachable].some((v) => v instanceof Map || v instanceof Set || typeof v === 'function')).toBe(false);
  });
});
