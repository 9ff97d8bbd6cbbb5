/**
 * How an entry's own fields are read: a plain object with one load per field, as long as
 * Object.prototype has none of the fields; any other object, or a polluted prototype, field by
 * field with `in` and an own-property test. Either way an inherited field is never read.
 */
import { describe, expect, it } from 'vitest';
import { normalizeEntry, type InputProblem } from '../src/facts/entry';
import { createChecker } from '../plugin-api/index';
import { checker, codes, KBV_EXAMPLE, mustLoad } from './helpers';

const FIELDS = ['hybridDrg', 'date', 'gop', 'teamNumber', 'lanr', 'pseudoLanr', 'bsnr', 'hospitalIk', 'laterality', 'costs', 'diagnoses', 'ops', 'patient', 'case'];

describe('reading an entry', () => {
  it('a polluted Object.prototype adds no entry field, and its getters are not called', () => {
    const c = checker();
    const proto = Object.prototype as Record<string, unknown>;
    const entries = [{ date: '2026-05-04', gop: '10345' }, KBV_EXAMPLE, { ...KBV_EXAMPLE, teamNumber: undefined }, Object.assign(Object.create(null) as object, { date: '2026-05-04', gop: '88500' })];
    const before = entries.map((e) => c.check(e));
    let calls = 0;
    for (const key of FIELDS) {
      try {
        Object.defineProperty(proto, key, {
          configurable: true,
          get() {
            calls++;
            return key === 'date' ? '2026-05-04' : key === 'gop' ? '88500' : key === 'costs' ? [{ description: '1' }] : 'x';
          },
        });
        expect(entries.map((e) => c.check(e)), key).toEqual(before);
        // A value rather than a getter: not read either.
        Object.defineProperty(proto, key, { configurable: true, writable: true, value: key === 'costs' ? [{}] : '001234577' });
        expect(entries.map((e) => c.check(e)), key).toEqual(before);
      } finally {
        delete proto[key];
      }
    }
    expect(calls).toBe(0);
    // Clean again: the same results.
    expect(entries.map((e) => c.check(e))).toEqual(before);
  });

  it("a patient's fields: a polluted Object.prototype adds none, and its getters are not called", () => {
    const proto = Object.prototype as Record<string, unknown>;
    const read = (patient: object) => {
      const problems: InputProblem[] = [];
      // The fields the facts read by name (no copy of the patient as an object).
      const e = normalizeEntry({ date: '2026-05-04', gop: '88500', patient }, problems, { patient: null, case: null })!;
      return { birthDate: e.birthDate, insuranceNumber: e.insuranceNumber, patientNumber: e.patientNumber, patient: e.patient, problems };
    };
    const patients = [{ insuranceNumber: 'A1' }, Object.assign(Object.create(null) as object, { id: '7' }), {}];
    const before = patients.map(read);
    expect(before[0]!.insuranceNumber).toBe('A1');
    expect(before[1]!.patientNumber).toBe('7');
    let calls = 0;
    for (const key of ['insuranceNumber', 'id', 'birthDate']) {
      try {
        Object.defineProperty(proto, key, { configurable: true, get: () => (calls++, '1950-01-01') });
        expect(patients.map(read), key).toEqual(before);
        Object.defineProperty(proto, key, { configurable: true, writable: true, value: '1950-01-01' });
        expect(patients.map(read), key).toEqual(before);
      } finally {
        delete proto[key];
      }
    }
    expect(calls).toBe(0);
  });

  it("a case's fields: a polluted Object.prototype adds none, and its getters are not called", () => {
    const proto = Object.prototype as Record<string, unknown>;
    const read = (kase: object) => {
      const problems: InputProblem[] = [];
      // The fields the facts read by name (no copy of the case as an object).
      const e = normalizeEntry({ date: '2026-05-04', gop: '88500', case: kase }, problems, { patient: null, case: null })!;
      return { fields: e.caseFields, problems };
    };
    const cases = [{ recordType: '0102' }, Object.assign(Object.create(null) as object, { serviceIndex: 2, insurerIk: '108939385' }), {}];
    const before = cases.map(read);
    expect(before[0]!.fields!.recordType).toBe('0102');
    expect(before[1]!.fields!.serviceIndex).toBe(2);
    const values: Record<string, unknown> = { recordType: '0101', insurerIk: '109999999', referral: true, participations: [{ contract: 'x' }], practiceTeamNumbers: ['001234577'], serviceIndex: 1 };
    let calls = 0;
    for (const key of Object.keys(values)) {
      try {
        Object.defineProperty(proto, key, { configurable: true, get: () => (calls++, values[key]) });
        expect(cases.map(read), key).toEqual(before);
        Object.defineProperty(proto, key, { configurable: true, writable: true, value: values[key] });
        expect(cases.map(read), key).toEqual(before);
      } finally {
        delete proto[key];
      }
    }
    expect(calls).toBe(0);
  });

  it('copies patient and case whole although Object.prototype has a getter-only or a setter of a copied key (it threw: INPUT-UNLESBAR)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    const copy = () => {
      const problems: InputProblem[] = [];
      const e = normalizeEntry({ date: '2026-05-04', gop: '88500', patient: { note: 'a', more: { note: 'b' } }, case: { note: 'c' } }, problems, { patient: 'all', case: 'all' })!;
      return { patient: e.patient, case: e.case, problems };
    };
    const before = copy();
    expect(before.patient).toEqual({ note: 'a', more: { note: 'b' } });
    let calls = 0;
    try {
      Object.defineProperty(proto, 'note', { configurable: true, get: () => (calls++, 'polluted') });
      const getterOnly = copy();
      expect(getterOnly.problems).toEqual([]);
      expect(Object.keys(getterOnly.patient!)).toEqual(['note', 'more']);
      expect([getterOnly.patient!['note'], (getterOnly.patient!['more'] as Record<string, unknown>)['note'], getterOnly.case!['note']]).toEqual(['a', 'b', 'c']);
      Object.defineProperty(proto, 'note', { configurable: true, get: () => (calls++, 'polluted'), set: () => void calls++ });
      const withSetter = copy();
      expect(withSetter.problems).toEqual([]);
      expect([withSetter.patient!['note'], (withSetter.patient!['more'] as Record<string, unknown>)['note'], withSetter.case!['note']]).toEqual(['a', 'b', 'c']);
    } finally {
      delete proto['note'];
    }
    expect(calls).toBe(0);
    expect(copy()).toEqual(before);
  });

  it('reads the same fields from a plain object, an object without prototype and a class instance with own fields', () => {
    const fields = { date: '2026-05-04', gop: '88500', teamNumber: 1234, lanr: '633116027', costs: [{ description: '5489', cents: '52458' }], patient: { birthDate: '1970-01-01' }, case: { recordType: '0101' } };
    class Entry {
      constructor() {
        Object.assign(this, fields);
      }
    }
    const read = (e: object) => {
      const problems: InputProblem[] = [];
      return { entry: normalizeEntry(e, problems), problems };
    };
    const want = read({ ...fields });
    expect(want.problems.map((p) => p.fields)).toEqual([['5100']]);
    expect(read(Object.assign(Object.create(null) as object, fields))).toEqual(want);
    expect(read(new Entry())).toEqual(want);
    // An own getter is read once, on either path.
    let calls = 0;
    const withGetter = Object.defineProperty({ ...fields }, 'gop', { enumerable: true, get: () => (calls++, '88500') });
    expect(read(withGetter)).toEqual(want);
    expect(calls).toBe(1);
    expect(codes(checker().check(withGetter))).toEqual(codes(checker().check({ ...fields })));
    expect(calls).toBe(2);
  });
  it('a getter of an earlier field that gives the entry its gop: read alike from a plain object, one without prototype and a class instance', () => {
    // Fields are read in a fixed order (hybridDrg, date, gop, ...): what a getter of date adds is there when gop is read, on either path.
    const { gop: _gop, ...rest } = KBV_EXAMPLE;
    const read = (e: object) => {
      const problems: InputProblem[] = [];
      return { entry: normalizeEntry(e, problems), problems };
    };
    const make = (target: object) => {
      Object.assign(target, rest);
      Object.defineProperty(target, 'date', { enumerable: true, configurable: true, get: () => ((target as Record<string, unknown>)['gop'] = '88500', '2019-01-04') });
      return target;
    };
    class Entry {}
    const want = read(make({}));
    expect(want.entry?.gop).toBe('88500');
    expect(read(make(Object.create(null) as object))).toEqual(want);
    expect(read(make(new Entry()))).toEqual(want);
    expect(codes(checker().check(make(new Entry())))).toEqual(codes(checker().check(make({}))));
  });
  it('pairs only counted: a hole is no pair although Array.prototype has an item at its index, whose getter is not called', () => {
    // The one rule reads how many pairs there are, none of their fields: the pairs are only counted.
    const rule = { name: 'count.two', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '10000' }, { fact: 'costCount', operator: 'greaterThanInclusive', value: 2 }] }, event: { type: 'finding', params: { code: 'TWO', severity: 'info', message: { de: 'Zwei', en: 'Two' }, fields: ['5001'], source: 's' } } };
    const doc = { kind: 'ruleset', id: 'count', version: '2026.1', title: { de: 'Z', en: 'C' }, validFrom: '2026-01-01', validUntil: null, sources: [{ id: 's', title: 'S', date: '2026-01-01' }], rules: [rule] };
    const c = createChecker({ ruleSets: mustLoad([{ name: 'count.json', text: JSON.stringify(doc) }]) });
    const lists = () => [[{}, {}], [, {}], [{}, , {}], Object.freeze([, {}]), [{}, 'x'], Object.setPrototypeOf([, {}], null) as unknown[]];
    const check = () => lists().map((costs) => c.check({ date: '2026-05-04', gop: '10000', costs }));
    const before = check();
    expect(before.map(codes)).toEqual([['TWO'], ['INPUT-FELD'], ['INPUT-FELD', 'TWO'], ['INPUT-FELD'], ['INPUT-FELD'], ['INPUT-FELD']]);
    const proto = Array.prototype as unknown as Record<string, unknown>;
    let calls = 0;
    // With a setter that makes the item the array's own: pushing onto an array still works.
    const polluted = (key: string): PropertyDescriptor => ({ configurable: true, get: () => (calls++, {}), set(this: object, value: unknown) { Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true }); } });
    try {
      Object.defineProperty(proto, '0', polluted('0'));
      Object.defineProperty(proto, '1', polluted('1'));
      expect(check()).toEqual(before);
    } finally {
      delete proto['0'];
      delete proto['1'];
    }
    expect(calls).toBe(0);
  });
  it('pairs only counted: an item is counted only where the list has one of its own, whatever its prototype or Object.prototype has there', () => {
    const rule = { name: 'count.two', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '10000' }, { fact: 'costCount', operator: 'greaterThanInclusive', value: 2 }] }, event: { type: 'finding', params: { code: 'TWO', severity: 'info', message: { de: 'Zwei', en: 'Two' }, fields: ['5001'], source: 's' } } };
    const doc = { kind: 'ruleset', id: 'count', version: '2026.1', title: { de: 'Z', en: 'C' }, validFrom: '2026-01-01', validUntil: null, sources: [{ id: 's', title: 'S', date: '2026-01-01' }], rules: [rule] };
    const c = createChecker({ ruleSets: mustLoad([{ name: 'count.json', text: JSON.stringify(doc) }]) });
    const codesOf = (costs: unknown[]) => codes(c.check({ date: '2026-05-04', gop: '10000', costs }));
    // A list's prototype with an item where the list has a hole: a plain object, and one made from Array.prototype (an array's own would count).
    expect(codesOf(Object.setPrototypeOf([, {}], { 0: {} }) as unknown[])).toEqual(['INPUT-FELD']);
    expect(codesOf(Object.setPrototypeOf([, {}], Object.assign(Object.create(Array.prototype) as object, { 0: {} })) as unknown[])).toEqual(['INPUT-FELD']);
    expect(codesOf([{}, {}])).toEqual(['TWO']);
    const proto = Object.prototype as Record<string, unknown>;
    let calls = 0;
    try {
      // With a setter that makes the item the object's own: pushing onto an array still works.
      Object.defineProperty(proto, '0', { configurable: true, get: () => (calls++, {}), set(this: object, value: unknown) { Object.defineProperty(this, '0', { value, writable: true, enumerable: true, configurable: true }); } });
      expect([[, {}], [{}, {}], [{}, , {}]].map(codesOf)).toEqual([['INPUT-FELD'], ['TWO'], ['INPUT-FELD', 'TWO']]);
    } finally {
      delete proto['0'];
    }
    expect(calls).toBe(0);
  });
});
