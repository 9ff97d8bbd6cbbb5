/**
 * The public API as a PVS calls it in-process, with whatever it has at hand: null, proxies,
 * throwing getters and iterables, objects it keeps changing, getters that call the checker
 * again. Nothing throws, the host's objects are read once, and the answer is the same as for
 * the plain data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker, loadBundledRuleSets, loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import type { CheckResult } from '../plugin-api/types';
import { hostileArgument, hostObject } from './arbitraries';
import { readFileSync } from 'node:fs';
import { checkKvdtFile } from '../src/kvdt/report';
import { KBV_EXAMPLE, ROOT, bundled, bundledSources, checker, codes, withAsv } from './helpers';

const trap = (): never => {
  throw new Error('Patientin Erika Mustermann');
};
/** A proxy that throws on every operation. */
const hostile = () => new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, apply: trap });
const wellFormed = (r: CheckResult) => {
  expect(Array.isArray(r.findings) && Array.isArray(r.corrections)).toBe(true);
  for (const f of r.findings) {
    expect(typeof f.code).toBe('string');
    expect(f.message).not.toContain('Mustermann');
  }
};

describe('checkAll, replaceRuleSets, createChecker and loadPracticeContext take hostile arguments', () => {
  const c = checker();
  const kbv = c.check(KBV_EXAMPLE);

  it('checkAll: null is no list; a throwing generator and a proxy whose length throws end in INPUT-UNLESBAR', () => {
    expect(c.checkAll(null as never).map(codes)).toEqual([['INPUT-STAPEL']]);
    expect(c.checkAll(42 as never).map(codes)).toEqual([['INPUT-STAPEL']]);
    function* throwing() {
      yield KBV_EXAMPLE;
      throw new Error('Patientin Erika Mustermann');
    }
    expect(c.checkAll(throwing())).toEqual([kbv, { findings: [expect.objectContaining({ code: 'INPUT-UNLESBAR', severity: 'error' })], corrections: [] }]);
    const lengthThrows = new Proxy([KBV_EXAMPLE], { get: (t, k) => (k === 'length' ? trap() : Reflect.get(t, k)) });
    expect(c.checkAll(lengthThrows).map(codes)).toEqual([['INPUT-UNLESBAR']]);
    expect(c.checkAll(new Set([KBV_EXAMPLE, { ...KBV_EXAMPLE }]))).toEqual([kbv, kbv]);
    for (const r of c.checkAll(hostile() as never)) wellFormed(r);
  });

  it('checkAll and a stream check: a list longer than 10 million entries is one INPUT-STAPEL-GROESSE error, read no further', () => {
    // Each of these filled the host's heap until V8 aborted the process (sparse, proxy) or ran
    // for ever (the generator): new Array(2^32 - 1) items, read one by one.
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const proxy = new Proxy([KBV_EXAMPLE], { get: (t, k) => (k === 'length' ? 2 ** 32 - 1 : Reflect.get(t, k)) });
    const overByOne = new Proxy([KBV_EXAMPLE], { get: (t, k) => (k === 'length' ? 10_000_001 : Reflect.get(t, k)) });
    let yielded = 0;
    function* endless() {
      for (;;) {
        yielded++;
        yield KBV_EXAMPLE;
      }
    }
    const refused = [{ findings: [expect.objectContaining({ code: 'INPUT-STAPEL-GROESSE', severity: 'error', fields: [] })], corrections: [] }];
    for (const list of [sparse, proxy, overByOne]) {
      expect(c.checkAll(list)).toEqual(refused);
      expect(c.stream().check(list)).toEqual(refused);
    }
    expect(c.checkAll(endless())).toEqual(refused);
    // It stopped one item after the limit, and said so in German (the checker's locale).
    expect(yielded).toBe(10_000_001);
    expect(c.checkAll(sparse)[0]!.findings[0]!.message).toMatch(/^Mehr als 10 Millionen Leistungen/);
    // An iterator that throws when told to stop is refused as well, not checked up to the limit.
    const stopThrows = { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 1 }), return: trap }) };
    expect(c.checkAll(stopThrows as never)).toEqual(refused);
    // The limit is not hit below it: a real list is checked whole.
    expect(c.checkAll([KBV_EXAMPLE, KBV_EXAMPLE])).toEqual([kbv, kbv]);
  }, 30_000);

  it('a list whose length is an object answering 0 first and 2^32 - 1 after: its length is read as a number once (checkAll, costs, ops, diagnoses)', () => {
    // Each aborted the host: the bound saw 0, the loop 2^32 - 1.
    let asked = 0;
    const shifty = () => {
      asked = 0;
      return new Proxy([KBV_EXAMPLE], { get: (t, k) => (k === 'length' ? { valueOf: () => (asked++ === 0 ? 0 : 2 ** 32 - 1) } : Reflect.get(t, k)) });
    };
    expect(c.checkAll(shifty())).toEqual([]);
    expect(asked).toBe(1);
    // The same under a value the rules read from patient or case (copied as plain data): a § 140a entry's referral.
    const bv = { date: '2026-05-04', gop: 'BV001', lanr: '776299002', bsnr: '198212400', patient: { insuranceNumber: 'E543768738', birthDate: '1971-01-01' }, case: { insurerIk: '108939385', participations: [{ contract: 'beispiel-rueckenschmerz', declared: '2026-04-01' }] } };
    const bvPlain = c.checkAll([bv, bv]);
    expect(c.checkAll([bv, { ...bv, case: { ...bv.case, referral: shifty() } }])).toEqual(bvPlain);
    expect(asked).toBe(1);
    const plain = c.check({ ...KBV_EXAMPLE, costs: [] });
    for (const field of ['costs', 'ops', 'diagnoses']) {
      const r = c.check({ ...KBV_EXAMPLE, costs: [], [field]: shifty() });
      expect(asked, field).toBe(1);
      // Read as the empty list its first answer says.
      expect(r, field).toEqual(plain);
    }
  });

  it('replaceRuleSets: null, garbage and a failed load give false with the problems; an empty bundle is refused', () => {
    const d = checker();
    for (const bad of [null, undefined, 42, {}, { ok: true }, { ok: true, bundle: {} }, hostile()]) {
      expect(d.replaceRuleSets(bad as never)).toBe(false);
      expect(d.ruleSetProblems.map((p) => p.code)).toEqual(['no-rule-sets']);
    }
    const empty = loadRuleSets([]);
    expect(d.replaceRuleSets(empty)).toBe(false);
    expect(d.ruleSetProblems).toEqual(empty.problems);
    const failed = loadRuleSets(withAsv((doc) => (doc.rules[0].conditions.all[0].fact = 'noSuchFact')));
    expect(d.replaceRuleSets(failed)).toBe(false);
    expect(d.ruleSetProblems).toEqual(failed.problems);
    // The last good rule sets stay in use.
    expect(d.ruleSets).toBe(bundled());
    expect(d.check(KBV_EXAMPLE)).toEqual(kbv);
    expect(d.replaceRuleSets(loadRuleSets(bundledSources()))).toBe(true);
    expect(d.ruleSetProblems).toEqual([]);
  });

  it('createChecker: a proxy as context is a context problem; without a bundle every check says so', () => {
    const withProxy = createChecker({ ruleSets: bundled(), context: hostile() });
    expect(withProxy.contextProblems.length).toBeGreaterThan(0);
    expect(withProxy.check(KBV_EXAMPLE)).toEqual(kbv);
    const throwingOptions = Object.defineProperty({ ruleSets: bundled() }, 'context', { get: trap, enumerable: true });
    expect(createChecker(throwingOptions as never).check(KBV_EXAMPLE)).toEqual(kbv);
    for (const options of [null, undefined, {}, { ruleSets: null }, { ruleSets: {} }, { ruleSets: loadRuleSets([]) }, hostile()]) {
      const none = createChecker(options as never);
      expect(none.ruleSetProblems.map((p) => p.code)).toEqual(['no-rule-sets']);
      expect(none.check(KBV_EXAMPLE).findings.map((f) => [f.code, f.severity])).toEqual([['PRUEFUNG-OHNE-REGELWERK', 'error']]);
      expect(none.checkAll([KBV_EXAMPLE]).map(codes)).toEqual([['PRUEFUNG-OHNE-REGELWERK']]);
      expect(none.explain(KBV_EXAMPLE).result.findings.map((f) => f.code)).toEqual(['PRUEFUNG-OHNE-REGELWERK']);
      expect(none.ruleSets.ruleSets).toEqual([]);
      // A good bundle can still be swapped in.
      expect(none.replaceRuleSets(bundled())).toBe(true);
      expect(none.check(KBV_EXAMPLE)).toEqual(kbv);
    }
  });

  it('loadPracticeContext: null, proxies and throwing getters are problems', () => {
    for (const bad of [null, undefined, 42, {}, { name: 'x' }, hostile(), Object.defineProperty({ name: 'ctx.json' }, 'text', { get: trap, enumerable: true })]) {
      let r: ReturnType<typeof loadPracticeContext> | undefined;
      expect(() => (r = loadPracticeContext(bad as never))).not.toThrow();
      expect(r!.ok).toBe(false);
      expect(r!.problems.length).toBeGreaterThan(0);
      for (const p of r!.problems) expect(p.message).not.toContain('Mustermann');
    }
  });

  it('property: every public function, given hostile arguments, returns and never throws', () => {
    const bundle = bundled();
    fc.assert(
      fc.property(hostileArgument, hostileArgument, (a, b) => {
        const loaded = loadRuleSets(a as never);
        expect(typeof loaded.ok).toBe('boolean');
        expect(loadPracticeContext(a as never).ok).toBe(false);
        const d = createChecker(a as never);
        wellFormed(d.check(b));
        const e = createChecker({ ruleSets: bundle, context: a, locale: b as never });
        wellFormed(e.check(b));
        for (const r of e.checkAll(b as never)) wellFormed(r);
        const session = e.batch();
        session.add(a);
        session.add(b);
        wellFormed(session.check(a));
        wellFormed(session.check(b));
        const x = e.explain(a);
        wellFormed(x.result);
        expect(Array.isArray(x.rules)).toBe(true);
        expect(e.replaceRuleSets(a as never)).toBe(false);
        expect(e.ruleSets).toBe(bundle);
      }),
      { numRuns: 300 * Number(process.env['FUZZ_RUNS'] ?? 1), seed: 13 },
    );
  });

  // loadBundledRuleSets reads rules/ from disk and loads every shipped document with the extra
  // ones, about 20 ms a call: in the 300 runs above it was 7 s of this file's 12 s (CPU profile,
  // loaded machine). Its own part is the guard on the host's list (readEntries: a proxy, a
  // throwing iterator or length, no list at all) before the loader, which the property above
  // holds to hostile lists; 60 runs (the same first 60 arguments as the 300 above: same seed, same
  // arbitraries) include 11 lists that throw when read, 3 other iterables, 14 arrays, 30 objects
  // and 2 symbols (fc.sample with that seed). Without the guard (the host's
  // list spread as it is) this property fails on its first argument (checked).
  it('property: loadBundledRuleSets, given hostile extra documents, returns and never throws', () => {
    fc.assert(
      fc.property(hostileArgument, hostileArgument, (a, _b) => {
        expect(typeof loadBundledRuleSets(a as never).ok).toBe('boolean');
      }),
      { numRuns: 60 * Number(process.env['FUZZ_RUNS'] ?? 1), seed: 13 },
    );
  });
});

describe('one snapshot of host data', () => {
  const c = checker();

  it('never reads inherited properties: a polluted Object.prototype adds no finding', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const clean = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', costs: [{ description: '5489', cents: '52458' }], case: { recordType: '0101' } };
    const minor = { hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-04' }, patient: { insuranceNumber: 'A1' } };
    const before = [c.check(clean), c.check(minor)];
    try {
      proto['practiceTeamNumbers'] = ['001234566'];
      proto['birthDate'] = '2015-01-01';
      proto['participations'] = [{ contract: 'x', declared: '2026-01-01' }];
      proto['referral'] = true;
      expect(codes(c.check(clean))).not.toContain('ASV-TEAMNR-NICHT-IN-0222');
      expect(codes(c.check(minor))).not.toContain('HDRG-PATIENT-MINDERJAEHRIG');
      expect([c.check(clean), c.check(minor)]).toEqual(before);
    } finally {
      for (const k of ['practiceTeamNumbers', 'birthDate', 'participations', 'referral']) delete proto[k];
    }
    // An inherited getter (a class's) is not called either.
    let calls = 0;
    class Entry {
      date = '2019-01-04';
      get gop() {
        calls++;
        return '88500';
      }
    }
    expect(codes(c.check(new Entry()))).toEqual(['INPUT-GNR']);
    expect(calls).toBe(0);
  });

  it('reads each host property at most once; a getter that changes its answer gives one consistent result', () => {
    const reads = new Map<string, number>();
    const counted = <T extends object>(path: string, target: T): T =>
      new Proxy(target, {
        get(t, k, r) {
          if (typeof k === 'string') reads.set(`${path}.${k}`, (reads.get(`${path}.${k}`) ?? 0) + 1);
          const v = Reflect.get(t, k, r);
          return typeof v === 'object' && v !== null ? counted(`${path}.${String(k)}`, v) : v;
        },
      });
    const entry = { date: '2026-05-04', hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-05', opDate: '2026-05-04' }, ops: [{ code: '5-530.03', laterality: 'L' }], diagnoses: [{ icd: 'K40.90', kind: 'main' }], patient: { insuranceNumber: 'A1', birthDate: '2015-01-01' }, case: { recordType: 'hdrg1', insurerIk: '108939385' } };
    const plain = c.check(entry);
    expect(codes(plain)).toContain('HDRG-PATIENT-MINDERJAEHRIG');
    expect(c.check(counted('e', entry))).toEqual(plain);
    expect([...reads].filter(([, n]) => n > 1)).toEqual([]);
    expect(reads.get('e.patient.birthDate')).toBe(1);
    // A birth date that reads as a child, then as an adult: the check sees one of them.
    let n = 0;
    const patient = Object.defineProperty({ insuranceNumber: 'A1' }, 'birthDate', { get: () => (n++ % 2 === 0 ? '2015-01-01' : '1970-01-01'), enumerable: true });
    const flipping = c.check({ ...entry, patient });
    expect(n).toBe(1);
    expect(flipping).toEqual(plain);
  });

  it('check is re-entrant: a getter that calls the checker leaves the outer result intact', () => {
    const inner = { date: 'gestern', gop: '??' };
    const kbv = c.check(KBV_EXAMPLE);
    const nested: CheckResult[] = [];
    // Called while the entry is read …
    const whileRead = Object.defineProperty({ ...KBV_EXAMPLE }, 'lanr', {
      get: () => {
        nested.push(c.check(inner), ...c.checkAll([KBV_EXAMPLE, inner]));
        return KBV_EXAMPLE.lanr;
      },
      enumerable: true,
    });
    expect(c.check(whileRead)).toEqual(kbv);
    // … and by a getter deep inside, that a fact reads.
    const hdrg = { hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-05' }, patient: { insuranceNumber: 'A1', birthDate: '2015-01-01' } };
    const deep = {
      ...hdrg,
      patient: Object.defineProperty({ insuranceNumber: 'A1' }, 'birthDate', {
        get: () => {
          nested.push(c.check(KBV_EXAMPLE), c.explain(inner).result);
          return '2015-01-01';
        },
        enumerable: true,
      }),
    };
    expect(c.check(deep)).toEqual(c.check(hdrg));
    expect(nested.map(codes)).toEqual([codes(c.check(inner)), codes(kbv), codes(c.check(inner)), codes(kbv), codes(c.check(inner))]);
    // A getter that swaps the rule sets: the outer check finishes with the bundle it started with.
    const d = createChecker({ ruleSets: bundled() });
    const swapping = Object.defineProperty({ ...KBV_EXAMPLE }, 'lanr', {
      get: () => {
        const renamed = withAsv((doc) => (doc.rules.find((r: { name: string }) => r.name === 'asv.5012.missing').event.params.code = 'ASV-5012-ANDERS'));
        expect(d.replaceRuleSets(loadRuleSets(renamed))).toBe(true);
        return KBV_EXAMPLE.lanr;
      },
      enumerable: true,
    });
    expect(d.check(swapping)).toEqual(kbv);
    expect(codes(d.check(KBV_EXAMPLE))).toEqual(['ASV-5012-ANDERS']);
  });
});

describe('bounded cost', () => {
  const c = checker();

  it('reads only the fields the engine knows: a million unknown keys are never listed or looked at', () => {
    const looked = new Set<string>();
    let listed = 0;
    const target: Record<string, unknown> = { ...KBV_EXAMPLE };
    for (let i = 0; i < 1000; i++) target[`unknown${i}`] = i;
    const entry = new Proxy(target, {
      ownKeys: (t) => {
        listed++;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor: (t, k) => {
        looked.add(String(k));
        return Reflect.getOwnPropertyDescriptor(t, k);
      },
      has: (t, k) => {
        looked.add(String(k));
        return Reflect.has(t, k);
      },
      get: (t, k, r) => {
        looked.add(String(k));
        return Reflect.get(t, k, r);
      },
    });
    expect(c.check(entry)).toEqual(c.check(KBV_EXAMPLE));
    expect(listed).toBe(0);
    expect([...looked].filter((k) => k.startsWith('unknown'))).toEqual([]);
    expect(looked.size).toBeLessThanOrEqual(14);
  });

  it('lists beyond 1,000 items are an input problem, and not one of their items is read', () => {
    let itemReads = 0;
    const huge = (item: unknown) =>
      new Proxy([] as unknown[], {
        get: (t, k, r) => {
          if (k === 'length') return 1_000_000;
          if (typeof k === 'string' && /^\d+$/.test(k)) {
            itemReads++;
            return item;
          }
          return Reflect.get(t, k, r);
        },
        has: () => true,
        getOwnPropertyDescriptor: (t, k) => (typeof k === 'string' && /^\d+$/.test(k) ? { value: item, enumerable: true, configurable: true, writable: true } : Reflect.getOwnPropertyDescriptor(t, k)),
      });
    const cases: [string, Record<string, unknown>][] = [
      ['costs', { costs: huge({ description: '5489' }) }],
      ['diagnoses', { diagnoses: huge({ icd: 'C16.0' }) }],
      ['ops', { ops: huge('5-530.03') }],
      ['case.practiceTeamNumbers', { case: { practiceTeamNumbers: huge('001234566') } }],
      ['case.participations', { case: { participations: huge({ contract: 'beispiel-rueckenschmerz', declared: '2026-01-01' }) } }],
    ];
    for (const [field, extra] of cases) {
      const r = c.check({ ...KBV_EXAMPLE, date: '2026-05-04', ...extra });
      const problem = r.findings.find((f) => f.code === 'INPUT-FELD');
      expect([field, problem?.message]).toEqual([field, expect.stringContaining(`Feld ${field}`)]);
      expect(problem!.message).toContain('mehr als 1000 Einträge');
      expect(problem!.severity).toBe('warning');
    }
    expect(itemReads).toBe(0);
  });

  it('a KVDT besa record with more FK 0222 lines than the bound: each service says so once, the list is not searched', async () => {
    const sample = readFileSync(`${ROOT}/examples/kvdt/asv-beispiel.con`, 'latin1');
    const lines = Array.from({ length: 1500 }, (_, k) => `0180222${String(k).padStart(9, '0')}`).join('\r\n');
    const file = Buffer.from(sample.replace('0180222001234577', `0180222001234566\r\n${lines}`), 'latin1');
    const report = await checkKvdtFile([file], c);
    const services = report.services;
    const bound = report.findings.filter((f) => f.code === 'INPUT-FELD' && f.message.includes('case.practiceTeamNumbers'));
    expect(services).toBeGreaterThan(0);
    expect(bound).toHaveLength(services);
    // Unknown, so the FK 0222 rule stays silent instead of comparing against 1,501 numbers per service.
    expect(report.findings.map((f) => f.code)).not.toContain('ASV-TEAMNR-NICHT-IN-0222');
  });

  it('copies patient and case within bounds when a rule reads them whole', () => {
    const doc = JSON.parse(bundledSources().find((s) => s.name.endsWith('kvdt/2026.1/ruleset.json'))!.text);
    doc.rules.push({
      name: 'kvdt.demo.case',
      conditions: { all: [{ fact: 'case', operator: 'notEqual', value: null }] },
      event: { type: 'finding', params: { code: 'DEMO-CASE', severity: 'info', message: { de: '{c}', en: '{c}' }, fields: ['4239'], source: 'Test', c: { fact: 'case' } } },
    });
    const loaded = loadRuleSets(bundledSources().map((s) => (s.name.endsWith('kvdt/2026.1/ruleset.json') ? { ...s, text: JSON.stringify(doc) } : s)));
    expect(loaded.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    const d = createChecker({ ruleSets: (loaded as unknown as { bundle: never }).bundle });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 40; i++) deep = { deep };
    const wide: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) wide[`k${i}`] = i;
    const r = d.check({ date: '2026-05-04', gop: '03000', case: { recordType: '0101', deep, wide, fn: () => 1, sym: Symbol('x'), big: 10n, inf: Infinity } });
    const shown = r.findings.find((f) => f.code === 'DEMO-CASE')!;
    expect(JSON.parse(shown.message)).toEqual({ recordType: '0101' });
    expect(r.findings.filter((f) => f.code === 'INPUT-FELD').map((f) => f.fields)).toEqual([['4239']]);
  });
});

describe('hostile entries through every entry point (the arbitraries of npm run fuzz)', () => {
  it('check, checkAll, batch and explain agree and never throw', () => {
    const c = checker();
    fc.assert(
      fc.property(fc.array(fc.oneof(hostObject, fc.constant(KBV_EXAMPLE)), { maxLength: 4 }), (entries) => {
        const all = c.checkAll(entries);
        expect(all).toHaveLength(entries.length);
        for (const r of all) wellFormed(r);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
