/**
 * What the batch counters hold (issue #12: peak RSS of a 1 GB file): a few dozen bytes per
 * group of entries counted together, not a string per patient and day, and nothing for
 * entries no counter counts. Memory is measured as the live heap after full collections.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GroupCounts } from '../src/evaluate/batch-counts';
import { checker } from './helpers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const GROUPS = 100_000;
const LIMIT = 64;

/** The live heap after full collections, with the memory of typed arrays (outside the heap). */
function live(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Every session measured stays alive to the end of the file: memory freed between two
 * samples (typed arrays are freed after the collection that finds them) would distort one.
 */
const sessions: unknown[] = [];

/** Bytes the session holds per case once `make(i)` entries were checked as one case each. */
function bytesPerCase(make: (i: number) => Record<string, unknown>): number {
  const session = checker().stream();
  sessions.push(session);
  // A warm session first: the checker's own caches and code are not counted.
  for (let i = 0; i < 200; i++) session.check([make(GROUPS + i)]);
  const before = live();
  for (let i = 0; i < GROUPS; i++) session.check([make(i)]);
  const after = live();
  return (after - before) / GROUPS;
}

const day = (i: number) => `2026-0${4 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`;

describe('batch counters hold numbers, not strings', () => {
  it('the § 140a same-day counter keeps under 64 bytes per patient and day', () => {
    // 03230 is an EBM service the example contract replaces: counted per patient, day and fee number.
    const perGroup = bytesPerCase((i) => ({ date: day(i), gop: '03230', patient: { insuranceNumber: `A${String(100_000_000 + i)}`, birthDate: '1961-03-07' } }));
    expect(perGroup).toBeLessThan(LIMIT);
  });

  it('a patient known only by a long PVS number costs no more per day than by its insurance number', () => {
    // 45 days of one patient each: the number is held once, not once per day.
    const id = (i: number) => `PVS-PATIENTENNUMMER-${'0'.repeat(40)}${Math.floor(i / 45)}`;
    const perGroup = bytesPerCase((i) => ({ date: `2026-0${4 + Math.floor((i % 45) / 15)}-${String(1 + (i % 15)).padStart(2, '0')}`, gop: '03230', patient: { id: id(i) } }));
    expect(perGroup).toBeLessThan(LIMIT);
  });

  it('services no counter counts add nothing', () => {
    const perService = bytesPerCase((i) => ({ date: day(i), gop: '03000', patient: { insuranceNumber: `A${String(100_000_000 + i)}`, birthDate: '1961-03-07' } }));
    // Not 0: optimized code and inline caches made during the run land in the heap too (up to
    // about 1 byte a service, varying by run); a string key per patient and day would be ~240.
    expect(perService).toBeLessThan(8);
  });
});

describe('batch groups stay exact', () => {
  const bv = (gop: string, patient: Record<string, unknown>, date = '2026-05-05') => ({
    date,
    gop,
    lanr: '776299002',
    bsnr: '198212400',
    patient,
    case: { insurerIk: '108939385', participations: [{ contract: 'beispiel-rueckenschmerz', declared: '2026-01-05', noticeGiven: '2026-01-05' }] },
  });
  const duplicate = (first: Record<string, unknown>, second: Record<string, unknown>, date?: string) =>
    checker()
      .checkAll([bv('BV001', first), bv('03230', second, date)])[0]!
      .findings.some((f) => f.code === 'BV-EBM-DOPPELT');

  it('one patient: insurance number and birth date, packed or not, as the PVS number', () => {
    for (const birthDate of ['1971-01-01', '1960-00-00', '01.01.1971', undefined]) {
      const p = { insuranceNumber: 'E543768738', birthDate };
      expect(duplicate(p, { ...p }), String(birthDate)).toBe(true);
      expect(duplicate(p, { id: 'E543768738', birthDate }), String(birthDate)).toBe(true);
      expect(duplicate({ insuranceNumber: ' long-pvs-number 17 ', birthDate }, { id: 'long-pvs-number 17', birthDate }), String(birthDate)).toBe(true);
    }
  });

  it('two patients: another birth date, insurance number or day', () => {
    const p = { insuranceNumber: 'E543768738', birthDate: '1971-01-01' };
    expect(duplicate(p, { ...p, birthDate: '1971-01-02' })).toBe(false);
    expect(duplicate(p, { ...p, birthDate: undefined })).toBe(false);
    expect(duplicate(p, { ...p, insuranceNumber: 'E543768739' })).toBe(false);
    expect(duplicate(p, { ...p, insuranceNumber: 'e543768738' })).toBe(false);
    expect(duplicate({ id: 'P-1' }, { id: 'P-1', birthDate: '1971-01-01' })).toBe(false);
    expect(duplicate(p, p, '2026-05-06')).toBe(false);
  });
});

it('the counting table counts as a Map does, through its growth, whatever the hash seed', () => {
  for (const seed of [0, 1, 0xffffffff]) {
    const table = new GroupCounts(seed, 4);
    const oracle = new Map<string, number>();
    let x = seed;
    const next = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n) * (x % 2 ? 1 : 0x10000000 + 1);
    for (let i = 0; i < 30_000; i++) {
      const k = [next(50), next(7), next(3000), next(2)].map((v) => v >>> 0) as [number, number, number, number];
      table.add(...k);
      oracle.set(k.join(), (oracle.get(k.join()) ?? 0) + 1);
    }
    expect(table.size).toBe(oracle.size);
    // Every key's count against the Map's: the keys whose count differs (one expect, not one per key: 90,000 of them were most of this file's time).
    const differ = [...oracle].filter(([k, n]) => !Object.is(table.get(...(k.split(',').map(Number) as [number, number, number, number])), n));
    expect(differ).toEqual([]);
    expect(table.get(50, 0, 0, 0)).toBe(0);
    expect(table.get(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toBe(0);
  }
});
