import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker, loadRuleSets, type ConditionTrace, type Explanation } from '../plugin-api/index';
import { KBV_EXAMPLE, bundled, bundledSources, checker, codes, demoRuleSet, mustLoad } from './helpers';
import { hostileEntry } from './arbitraries';

describe('checker robustness', () => {
  const c = checker();

  it('never throws: random and adversarial entries give results or located input errors', () => {
    fc.assert(
      fc.property(hostileEntry, (e) => {
        const r = c.check(e);
        expect(Array.isArray(r.findings) && Array.isArray(r.corrections)).toBe(true);
        for (const f of r.findings) expect(typeof f.message).toBe('string');
      }),
      // CI budget; `npm run fuzz` runs 1,000,000 entries.
      { numRuns: 3000 * Number(process.env['FUZZ_RUNS'] ?? 1), seed: 1 },
    );
    const proto = JSON.parse('{"date":"2019-01-04","gop":"88500","teamNumber":"001234577","__proto__":{"costs":[{"description":"5489"}]},"costs":[{"description":"5489","__proto__":{"cents":"1"}}]}');
    expect(c.check(proto).corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
    expect(({} as Record<string, unknown>)['costs']).toBeUndefined();
  });

  it('a price (FK 5012) with a blank is wrong, not the right price: the KBV check refuses a blank in a numeric field, so the correction writes the digits', () => {
    const priced = (cents: unknown) => c.check({ ...KBV_EXAMPLE, costs: [{ description: '5489', cents }] });
    for (const cents of [' 52458', '52458 ', '52458\n', '\t52458', '  ']) {
      const r = priced(cents);
      expect(codes(r), JSON.stringify(cents)).toEqual(['ASV-5012-FALSCH']);
      expect(r.corrections).toEqual([{ field: '5012', index: 0, value: '52458', previous: cents, ruleId: 'asv.5012.set-price' }]);
    }
    // Digits, leading zeros and a number are the price.
    for (const cents of ['52458', '0052458', 52458]) expect(priced(cents).corrections, String(cents)).toEqual([]);
  });

  it('turns a host object that throws when read into one input error, in every entry point', () => {
    const trap = () => {
      throw new Error('Patient Erika Mustermann');
    };
    const entries: unknown[] = [
      // A proxy over a plain object: its fields are read (`get`); over any other, asked with `in` first (`has`).
      new Proxy({}, { ownKeys: trap, has: trap, get: trap, getOwnPropertyDescriptor: trap }),
      new Proxy(Object.create({}) as object, { ownKeys: trap, has: trap, get: trap, getOwnPropertyDescriptor: trap }),
      Object.defineProperty({ gop: '88500' }, 'date', { get: trap, enumerable: true }),
      { hybridDrg: { code: 'G24M', start: '2026-05-04', end: '2026-05-04' }, patient: Object.defineProperty({}, 'birthDate', { get: trap, enumerable: true }) },
      { date: '2026-05-04', gop: '40120', costs: [Object.defineProperty({ cents: '1' }, 'description', { get: trap, enumerable: true })] },
    ];
    const unreadable = { findings: [{ code: 'INPUT-UNLESBAR', severity: 'error', ruleId: 'input' }], corrections: [] };
    for (const e of entries) {
      const r = c.check(e);
      expect(r).toMatchObject(unreadable);
      expect(r.findings).toHaveLength(1);
      // Nothing of the object (or its error) reaches the message.
      expect(r.findings[0]!.message).not.toContain('Mustermann');
      expect(c.explain(e).result).toEqual(r);
    }
    // A proxy whose `get` answers nothing for each field is read as one without fields: no other trap runs but
    // `has` once, for gop (asked before the prototype, see readEntry), and a throwing one makes the entry unreadable.
    const asked: unknown[] = [];
    const has = (_: object, key: string | symbol) => (asked.push(key), false);
    expect(c.check(new Proxy({}, { ownKeys: trap, has, get: () => undefined, getOwnPropertyDescriptor: trap })).findings.map((f) => f.code)).toEqual(['INPUT-LEISTUNGSTAG', 'INPUT-GNR']);
    expect(asked).toEqual(['gop']);
    expect(c.check(new Proxy({}, { ownKeys: trap, has: trap, get: () => undefined, getOwnPropertyDescriptor: trap })).findings.map((f) => f.code)).toEqual(['INPUT-UNLESBAR']);
    // Over an object of another prototype, one that says it has no field (`in`) is read as one without fields: its other traps never run.
    expect(c.check(new Proxy(Object.create({}) as object, { ownKeys: trap, get: trap, getOwnPropertyDescriptor: trap })).findings.map((f) => f.code)).toEqual(['INPUT-LEISTUNGSTAG', 'INPUT-GNR']);
    const all = c.checkAll([KBV_EXAMPLE, ...entries, KBV_EXAMPLE]);
    expect(all.map((r) => r.findings[0]!.code)).toEqual(['ASV-5012-FEHLT', 'INPUT-UNLESBAR', 'INPUT-UNLESBAR', 'INPUT-UNLESBAR', 'INPUT-UNLESBAR', 'INPUT-UNLESBAR', 'ASV-5012-FEHLT']);
    expect(c.check(KBV_EXAMPLE)).toEqual(all[0]);
  });

  it('reads only an entry\'s own fields, whatever its shape or key order', () => {
    // Inherited values (a prototype, a class getter) are no fields of the entry.
    const inherited = Object.create({ date: '2019-01-04', gop: '88500' }) as object;
    expect(c.check(inherited).findings.map((f) => f.code)).toEqual(['INPUT-LEISTUNGSTAG', 'INPUT-GNR']);
    class Entry {
      get gop() {
        return '88500';
      }
      date = '2019-01-04';
    }
    expect(c.check(new Entry()).findings.map((f) => f.code)).toEqual(['INPUT-GNR']);
    // Key order changes nothing, not even the order of the input problems.
    const a = { date: '2019-01-04', gop: '88500', teamNumber: 7, lanr: 1, costs: [{ description: '5489' }], patient: 'x' };
    const b = { patient: 'x', costs: [{ description: '5489' }], lanr: 1, teamNumber: 7, gop: '88500', date: '2019-01-04' };
    expect(JSON.stringify(c.check(b))).toBe(JSON.stringify(c.check(a)));
    expect(c.check(a).findings.filter((f) => f.ruleId === 'input').map((f) => f.fields[0])).toEqual(['5100', '5099', '3103']);
  });

  it('accepts exactly the calendar dates YYYY-MM-DD', () => {
    const regexVersion = (v: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const [y, m, d] = v.split('-').map(Number) as [number, number, number];
      return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
    };
    for (const v of ['2024-02-29', '2000-02-29', '1900-02-29', '2026-02-29', '2026-04-31', '2026-12-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '2026/01/01', '２０２６-01-01', '2026-01-01 ', '']) {
      expect(c.check({ date: v, gop: '03000' }).findings.some((f) => f.code === 'INPUT-LEISTUNGSTAG'), v).toBe(!regexVersion(v));
    }
  });

  it('stops with a clear input error when the date or fee number is unusable', () => {
    expect(c.check(null).findings.map((f) => [f.code, f.severity])).toEqual([['INPUT-LEISTUNG', 'error']]);
    expect(c.check({ date: '2019-02-29', gop: '88500' }).findings.map((f) => [f.code, f.fields])).toEqual([['INPUT-LEISTUNGSTAG', ['5000']]]);
    expect(c.check({ date: '2019-01-04', gop: 88500 }).findings.map((f) => [f.code, f.fields])).toEqual([['INPUT-GNR', ['5001']]]);
    expect(c.check({ date: '2020-02-29', gop: '03000' })).toEqual({ findings: [], corrections: [] });
  });

  it('reports a wrong-typed optional field and checks the rest', () => {
    const r = c.check({ ...KBV_EXAMPLE, teamNumber: 1234577 });
    expect(codes(r)).toEqual(['INPUT-FELD', 'ASV-TEAMNR-FEHLT', 'ASV-5012-FEHLT']);
    expect(r.findings[0]).toMatchObject({ severity: 'warning', fields: ['5100'], ruleId: 'input' });
  });

  it('is deterministic: same input, byte-identical JSON', () => {
    const entries = [KBV_EXAMPLE, { date: '2026-04-14', gop: '88500', costs: [{ description: '5488', cents: 1 }, { cents: 2_000_000 }] }];
    const a = JSON.stringify(checker().checkAll(entries));
    const b = JSON.stringify(checker().checkAll([...entries].reverse().reverse()));
    expect(a).toBe(b);
    expect(JSON.stringify(c.checkAll(entries))).toBe(a);
  });
});

describe('explain', () => {
  const c = checker();

  it('shows the candidate rules, each condition with fact value, operator, value and result', () => {
    const x = c.explain(KBV_EXAMPLE);
    expect(x.result).toEqual(c.check(KBV_EXAMPLE));
    expect(x.ruleSets).toEqual(['asv@2026.1', 'bv@2026.1']);
    // 88500 is no contract service: the index keeps every § 140a rule away.
    expect(x.rules.filter((r) => r.ruleSet === 'bv@2026.1')).toEqual([]);
    const fired = x.rules.filter((r) => r.fired).map((r) => `${r.ruleId}#${r.index ?? '-'}`);
    expect(fired).toEqual(['asv.5012.missing#0', 'asv.5012.set-price#0']);
    const team = x.rules.find((r) => r.ruleId === 'asv.pseudo-gop.team-number-missing')!;
    expect(team.fired).toBe(false);
    const leaf = team.conditions.children![1]!;
    expect(leaf).toMatchObject({ kind: 'fact', fact: 'teamNumber', operator: 'equal', value: null, factValue: '001234577', result: false });
    const wrong = x.rules.find((r) => r.ruleId === 'asv.5012.wrong')!;
    const price = wrong.conditions.children![2]!;
    expect(price).toMatchObject({ fact: 'cost5012', operator: 'notEqual', value: { fact: 'goaePriceCents' }, factValue: null, valueResolved: '52458' });
  });

  it('takes an empty any as true, as check and json-rules-engine do', () => {
    const finding = { type: 'finding', params: { code: 'DEMO-X', severity: 'info', message: { de: 'x', en: 'x' }, fields: ['5001'], source: 'src' } };
    const rules = [
      { name: 'empty-any', conditions: { any: [] } },
      { name: 'not-empty-any', conditions: { not: { any: [] } } },
      { name: 'all-of-empty-any', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }, { any: [] }] } },
    ].map((r) => ({ ...r, event: finding }));
    const x = createChecker({ ruleSets: mustLoad([{ name: 'demo.json', text: JSON.stringify(demoRuleSet({ rules })) }]) });
    const e = { date: '2026-04-14', gop: '01234' };
    expect(x.check(e).findings.map((f) => f.ruleId)).toEqual(['empty-any', 'all-of-empty-any']);
    const explained = x.explain(e);
    expect(explained.rules.map((r) => [r.ruleId, r.fired, r.conditions.result])).toEqual([
      ['empty-any', true, true],
      ['not-empty-any', false, false],
      ['all-of-empty-any', true, true],
    ]);
    expect(explained.result).toEqual(x.check(e));
  });

  it('an ordinary EBM service without team number meets only the KVDT field rules (trigger index)', () => {
    const x = c.explain({ date: '2026-04-14', gop: '03000', costs: [{ description: 'Verband', cents: '120' }] });
    // Anlage 5 rules are keyed on the table's fee numbers; team rules need a team number.
    expect(x.rules.map((r) => r.ruleId)).toEqual(['kvdt.5012.without-5011', 'kvdt.5012.over-limit']);
    expect(x.rules.every((r) => !r.fired)).toBe(true);
    const withTeam = c.explain({ date: '2026-04-14', gop: '03000', teamNumber: '001234577' });
    const ids = withTeam.rules.map((r) => r.ruleId);
    expect(ids).toContain('asv.team-number.check-digit');
    expect(ids.filter((id) => /^asv\.(5011|5012|pseudo-gop|goae)\./.test(id))).toEqual([]);
  });
});

describe('what explain hands out of the rule sets', () => {
  /** The objects of a trace that come from the rule sets or from facts: values, params, fact values. */
  const handedOut = (x: Explanation): object[] => {
    const out: object[] = [];
    const collect = (t: ConditionTrace) => {
      for (const v of [t.value, t.params, t.factValue, t.valueResolved]) if (typeof v === 'object' && v !== null) out.push(v);
      t.children?.forEach(collect);
    };
    for (const r of x.rules) collect(r.conditions);
    return out;
  };
  const deepFrozen = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(deepFrozen));

  it('is frozen, all of it, from the first explain on: a caller cannot change what the engine evaluates', () => {
    const doc = demoRuleSet({
      conditions: { other: { all: [{ fact: 'gop', operator: 'notIn', value: ['99999'] }] } },
      tables: { t: { description: { de: 'T', en: 'T' }, columns: { code: { type: 'string' }, list: { type: 'string[]' } }, rows: [{ code: '01234', list: ['a', 'b'], source: 'src', label: 'S' }] } },
      rules: [
        {
          name: 'demo.frozen',
          conditions: {
            all: [
              { fact: 'gop', operator: 'in', value: ['01234', '01235'] },
              { fact: 'tableRow', params: { table: 't', column: 'code', equalsFact: 'gop' }, operator: 'notEqual', value: null },
              { fact: 'tableRow', params: { table: 't', column: 'code', equalsFact: 'gop' }, path: '$.list', operator: 'contains', value: 'a' },
              { condition: 'other' },
            ],
          },
          event: { type: 'finding', params: { code: 'FROZEN', severity: 'info', message: { de: 'D', en: 'E' }, fields: ['5001'], source: 'src' } },
        },
      ],
    });
    const c = createChecker({ ruleSets: mustLoad([{ name: 'frozen.json', text: JSON.stringify(doc) }]) });
    const entry = { date: '2026-04-14', gop: '01234' };
    expect(codes(c.check(entry))).toEqual(['FROZEN']);
    const x = c.explain(entry);
    const handed = handedOut(x);
    // The lists of in and notIn, the params, the table's row and its list.
    expect(handed.length).toBe(6);
    expect(handed.filter((v) => !deepFrozen(v))).toEqual([]);
    const list = x.rules[0]!.conditions.children![0]!.value as string[];
    expect(() => list.push('01236')).toThrow(TypeError);
    expect(() => ((x.rules[0]!.conditions.children![2]!.factValue as string[])[0] = 'z')).toThrow(TypeError);
    expect(codes(c.check(entry))).toEqual(['FROZEN']);
    expect(codes(c.check({ date: '2026-04-14', gop: '01236' }))).toEqual([]);
  });

  it('is frozen for the bundled rule sets', () => {
    const c = checker();
    const entries = [KBV_EXAMPLE, { date: '2026-04-14', gop: '03000', teamNumber: '001234577' }, { date: '2026-04-14', gop: '88500', costs: [{ description: '5488', cents: 1 }] }, { date: '2026-03-02', gop: '36200', hybridDrg: 'G24N', costs: [{ description: 'x' }] }, { date: '2026-04-14', gop: 'BV001' }];
    let handed = 0;
    for (const e of entries) {
      const objects = handedOut(c.explain(e));
      handed += objects.length;
      expect(objects.filter((v) => !deepFrozen(v))).toEqual([]);
    }
    expect(handed).toBeGreaterThan(10);
  });

  it('is frozen for a § 140a contract too: the replacesEbm list of its service cannot be changed by the host', () => {
    const c = checker();
    const entry = { date: '2026-04-14', gop: 'BV001' };
    const service = handedOut(c.explain(entry)).find((v) => 'replacesEbm' in v) as { replacesEbm: string[] } | undefined;
    expect(service?.replacesEbm).toEqual(['03230']);
    expect(() => service!.replacesEbm.push('99999')).toThrow(TypeError);
    const again = handedOut(checker().explain(entry)).find((v) => 'replacesEbm' in v) as { replacesEbm: string[] };
    expect(again.replacesEbm).toEqual(['03230']);
  });
});

describe('the problems of a loaded bundle', () => {
  it('are frozen: a host that edits one it got from the load cannot change what every checker of the bundle reports', () => {
    const loaded = loadRuleSets(bundledSources());
    if (!loaded.ok) throw new Error('bundled rule sets do not load');
    const notice = loaded.problems.find((p) => p.severity === 'info')!;
    expect(loaded.bundle.notices).toContain(notice);
    const message = notice.message;
    expect(() => {
      (notice as { message: string }).message = 'vom Host überschrieben';
    }).toThrow(TypeError);
    expect(createChecker({ ruleSets: loaded.bundle }).notices.find((p) => p.code === notice.code)!.message).toBe(message);
  });
});

describe('a checker a host wraps', () => {
  // Found by review (3 Dec 2026): with its state in ES private fields (#inner), every method
  // threw on a checker behind a Proxy (a UI framework's reactive state, a logging wrapper) or
  // made from it with Object.create. Such a checker must answer as the checker itself.
  it('answers behind a Proxy and as an object made from it, every method and property', () => {
    const c = checker();
    const entries = [{ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] }, { date: '2026-10-01', gop: '01234' }];
    const want = c.checkAll(entries);
    for (const wrapped of [new Proxy(c, {}), Object.create(c) as typeof c]) {
      expect(entries.map((e) => wrapped.check(e))).toEqual(want);
      expect(wrapped.checkAll(entries)).toEqual(want);
      expect(wrapped.explain(entries[0]).result).toEqual(want[0]);
      const b = wrapped.batch();
      for (const e of entries) b.add(e);
      expect(entries.map((e) => b.check(e))).toEqual(want);
      expect(wrapped.stream().check([entries[0]!])).toEqual([want[0]]);
      expect(wrapped.ruleSets).toBe(c.ruleSets);
      expect(wrapped.notices).toBe(c.notices);
      expect(wrapped.replaceRuleSets(c.ruleSets)).toBe(true);
    }
  });
});

describe('trigger index', () => {
  it('finds the rules keyed on each five-digit fee number, at the edges of its bit words too, and none for the numbers between', () => {
    // Keyed numbers on both sides of 32-bit word boundaries (bit 0 and bit 31 of a word), the first and the last, a letter code.
    const keyedOn = ['00000', '00031', '00032', '00063', '00064', '00095', '12345', '12346', '65535', '65536', '99968', '99999', 'BV001'];
    const rules = keyedOn.map((gop, i) => ({
      name: `t.r${i}`,
      conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }] },
      event: { type: 'finding', params: { code: `T${i}`, severity: 'info', message: { de: 'T', en: 'T' }, fields: ['5001'], source: 'src' } },
    }));
    const c = createChecker({ ruleSets: mustLoad([{ name: 'keyed.json', text: JSON.stringify(demoRuleSet({ id: 'keyed', rules })) }]) });
    const asked = new Set<string>(keyedOn);
    for (const gop of keyedOn) for (const d of [-1, 1]) if (/^\d{5}$/.test(gop) && Number(gop) + d >= 0 && Number(gop) + d <= 99999) asked.add(String(Number(gop) + d).padStart(5, '0'));
    for (const gop of asked) {
      const i = keyedOn.indexOf(gop);
      expect(codes(c.check({ date: '2026-04-14', gop })), gop).toEqual(i < 0 ? [] : [`T${i}`]);
    }
  });

  it('finds the rule of every bit of densely keyed words (the route is counted by the bits before it)', () => {
    // A full word (00128–00159) and one of every other number (00160–00190): every bit position below a keyed one is counted.
    const keyedOn = Array.from({ length: 32 }, (_, i) => String(128 + i).padStart(5, '0')).concat(Array.from({ length: 16 }, (_, i) => String(160 + 2 * i).padStart(5, '0')));
    const rules = keyedOn.map((gop, i) => ({
      name: `d.r${i}`,
      conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }] },
      event: { type: 'finding', params: { code: `D${i}`, severity: 'info', message: { de: 'D', en: 'D' }, fields: ['5001'], source: 'src' } },
    }));
    const c = createChecker({ ruleSets: mustLoad([{ name: 'dense.json', text: JSON.stringify(demoRuleSet({ id: 'dense', rules })) }]) });
    for (let n = 120; n < 200; n++) {
      const gop = String(n).padStart(5, '0');
      const i = keyedOn.indexOf(gop);
      expect(codes(c.check({ date: '2026-04-14', gop })), gop).toEqual(i < 0 ? [] : [`D${i}`]);
    }
  });
});

describe('results', () => {
  it('where nothing was found share frozen empty lists; a list with items is the result\'s own', () => {
    const c = checker();
    const a = c.check({ date: '2026-04-14', gop: '03000' });
    const b = c.check({ date: '2026-04-15', gop: '03000' });
    expect(a).toEqual({ findings: [], corrections: [] });
    expect(Object.isFrozen(a.findings) && Object.isFrozen(a.corrections)).toBe(true);
    expect(() => (a.findings as unknown[]).push(a.findings[0])).toThrow(TypeError);
    expect(b.findings).toEqual([]);
    const found = c.check({ ...KBV_EXAMPLE, costs: [{ description: '5489', cents: '1' }] });
    expect(found.findings.length).toBeGreaterThan(0);
    expect(found.corrections).toHaveLength(1);
    expect(Object.isFrozen(found.findings) || Object.isFrozen(found.corrections)).toBe(false);
    expect(c.checkAll([{ date: '2026-04-14', gop: '03000' }, KBV_EXAMPLE]).map((r) => Object.isFrozen(r.findings))).toEqual([true, false]);
  });
});

describe('patient data no rule reads', () => {
  it('is not copied, nor reported, for an entry whose fee number meets no rule reading it', () => {
    const rules = [
      {
        name: 'p.sex',
        conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }, { fact: 'patient', path: '$.sex', operator: 'equal', value: 'W' }] },
        event: { type: 'finding', params: { code: 'WEIBLICH', severity: 'info', message: { de: 'W', en: 'W' }, fields: ['5001'], source: 'src' } },
      },
    ];
    const c = createChecker({ ruleSets: mustLoad([{ name: 'patient.json', text: JSON.stringify(demoRuleSet({ id: 'patient', rules })) }]) });
    // Beyond the copy limits: reported, and left out, where a rule reads it.
    const patient = { sex: Array.from({ length: 1001 }, () => 'W') };
    expect(codes(c.check({ date: '2026-04-14', gop: '01234', patient }))).toEqual(['INPUT-FELD']);
    expect(codes(c.check({ date: '2026-04-14', gop: '01234', patient: { sex: 'W' } }))).toEqual(['WEIBLICH']);
    expect(codes(c.check({ date: '2026-04-14', gop: '01235', patient }))).toEqual([]);
  });

  it('is not copied for an entry that lacks what the rules reading it need (a Hybrid-DRG case here)', () => {
    // The rule reads the patient, runs for every fee number, and only for Hybrid-DRG cases.
    const rules = [
      {
        name: 'p.hdrg-sex',
        conditions: { all: [{ fact: 'hybridDrg', operator: 'notEqual', value: null }, { fact: 'patient', path: '$.sex', operator: 'equal', value: 'W' }] },
        event: { type: 'finding', params: { code: 'WEIBLICH', severity: 'info', message: { de: 'W', en: 'W' }, fields: ['5001'], source: 'src' } },
      },
    ];
    const c = createChecker({ ruleSets: mustLoad([{ name: 'patient.json', text: JSON.stringify(demoRuleSet({ id: 'patient', rules })) }]) });
    const patient = { sex: Array.from({ length: 1001 }, () => 'W') };
    const hdrg = { hybridDrg: { code: 'G24M', start: '2026-04-14', end: '2026-04-14', opDate: '2026-04-14' } };
    expect(codes(c.check({ ...hdrg, patient }))).toEqual(['INPUT-FELD']);
    expect(codes(c.check({ ...hdrg, patient: { sex: 'W' } }))).toEqual(['WEIBLICH']);
    expect(codes(c.check({ date: '2026-04-14', gop: '01235', patient }))).toEqual([]);
  });
});

describe('findings of rules with the same finding', () => {
  it('name their own rule, and each has a field list of its own', () => {
    const event = { type: 'finding', params: { code: 'GLEICH', severity: 'info', message: { de: 'G', en: 'G' }, fields: ['5001'], source: 'src' } };
    const rules = ['01234', '01235'].map((gop, i) => ({ name: `same.r${i}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: gop }] }, event }));
    const c = createChecker({ ruleSets: mustLoad([{ name: 'same.json', text: JSON.stringify(demoRuleSet({ id: 'same', rules })) }]) });
    const a = c.check({ date: '2026-04-14', gop: '01234' }).findings;
    a[0]!.fields.push('5000');
    const b = c.check({ date: '2026-04-14', gop: '01235' }).findings;
    expect(b).toEqual([{ code: 'GLEICH', severity: 'info', message: 'G', fields: ['5001'], ruleId: 'same.r1', ruleSet: 'same@2026.1', source: 'src' }]);
    expect(c.check({ date: '2026-04-14', gop: '01234' }).findings).toEqual([{ ...b[0]!, ruleId: 'same.r0' }]);
  });

  it('each has a field list of its own when it names several fields', () => {
    const event = { type: 'finding', params: { code: 'ZWEI', severity: 'info', message: { de: 'Z', en: 'Z' }, fields: ['5011', '5012'], source: 'src' } };
    const rules = [{ name: 'two.r0', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }] }, event }];
    const c = createChecker({ ruleSets: mustLoad([{ name: 'two.json', text: JSON.stringify(demoRuleSet({ id: 'two', rules })) }]) });
    const a = c.check({ date: '2026-04-14', gop: '01234' }).findings;
    a[0]!.fields.push('5000');
    a[0]!.fields[0] = 'x';
    expect(c.check({ date: '2026-04-14', gop: '01234' }).findings[0]!.fields).toEqual(['5011', '5012']);
  });
});

describe('pairs no rule reads', () => {
  // An entry rule counts the pairs of 01234; a pair rule reads FK 5012 of 05678's pairs only.
  const rules = [
    {
      name: 'p.count',
      conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }, { fact: 'costCount', operator: 'greaterThanInclusive', value: 2 }] },
      event: { type: 'finding', params: { code: 'ZWEI', severity: 'info', message: { de: 'Z', en: 'Z' }, fields: ['5001'], source: 'src' } },
    },
    {
      name: 'p.cents',
      scope: 'cost',
      conditions: { all: [{ fact: 'gop', operator: 'equal', value: '05678' }, { fact: 'cost5012', operator: 'equal', value: null }] },
      event: { type: 'finding', params: { code: 'OHNE', severity: 'info', message: { de: 'O', en: 'O' }, fields: ['5012'], source: 'src' } },
    },
  ];
  const c = createChecker({ ruleSets: mustLoad([{ name: 'pairs.json', text: JSON.stringify(demoRuleSet({ id: 'pairs', rules })) }]) });
  const trap = () => {
    throw new Error('read');
  };
  const costs = () => [{ description: 5489, cents: 'x'.repeat(500) }, Object.defineProperty({}, 'cents', { get: trap, enumerable: true }), 'kein Paar'];

  it('are counted, neither read nor reported, when no pair rule can meet the fee number', () => {
    const r = c.check({ date: '2026-04-14', gop: '01234', costs: costs() });
    // The item that is no object is no pair: it is reported and not counted, as before.
    expect(codes(r)).toEqual(['INPUT-FELD', 'ZWEI']);
    expect(r.findings[0]!.message).toContain('costs[2]');
    expect(c.explain({ date: '2026-04-14', gop: '01234', costs: costs() }).result).toEqual(r);
  });

  it('are read and reported, a getter that throws included, where a pair rule can meet the fee number', () => {
    expect(codes(c.check({ date: '2026-04-14', gop: '05678', costs: costs() }))).toEqual(['INPUT-UNLESBAR']);
    expect(codes(c.check({ date: '2026-04-14', gop: '05678', costs: [{ description: 5489 }, {}] }))).toEqual(['INPUT-FELD', 'OHNE', 'OHNE']);
  });
});

describe('bundle', () => {
  it('exposes rule-set keys and is shared, immutable', () => {
    const b = bundled();
    expect(Object.isFrozen(b)).toBe(true);
    expect(() => (b.ruleSets as string[]).push('x')).toThrow();
  });
});
