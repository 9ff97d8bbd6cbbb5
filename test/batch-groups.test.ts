/**
 * The group numbers of batch-groups.ts: the patient of an entry is found once and reused while
 * the same entry is asked again (for the next counter, a read, the count after its check), and
 * a read of a patient never counted is not remembered, so that counting that entry next still
 * numbers the patient.
 */
import { describe, expect, it } from 'vitest';
import { GroupKeys } from '../src/evaluate/batch-groups';
import type { CounterSpec } from '../src/facts/batch-facts';
import type { NormalizedEntry } from '../src/facts/entry';

const spec = (per: CounterSpec['per'], byGop: boolean): CounterSpec => ({ key: `${per}|${byGop}`, matches: () => true, dated: false, per, byGop });
const DAY = spec('patientDay', false);
const QUARTER_GOP = spec('patientQuarter', true);

function entry(fields: Partial<NormalizedEntry>): NormalizedEntry {
  return { day: 20260415, gop: '03000', birthDate: null, insuranceNumber: null, patientNumber: null, ...fields } as NormalizedEntry;
}

const groupOf = (k: GroupKeys) => [k.a, k.b, k.c, k.d];

describe('GroupKeys', () => {
  it('numbers a PVS patient number first when counting, also for an entry read before', () => {
    const k = new GroupKeys();
    const e = entry({ patientNumber: 'P-77', birthDate: '1970-01-01' });
    // A read first (the entry's rules read a count before it is counted): nothing known, nothing remembered.
    expect(k.of(DAY, e, e.gop, false)).toBe(false);
    expect(k.of(DAY, e, e.gop, true)).toBe(true);
    const counted = groupOf(k);
    expect(k.of(DAY, e, e.gop, false)).toBe(true);
    expect(groupOf(k)).toEqual(counted);
    // Another entry of the same patient reads the same group.
    const other = entry({ patientNumber: 'P-77', birthDate: '1970-01-01' });
    expect(k.of(DAY, other, other.gop, false)).toBe(true);
    expect(groupOf(k)).toEqual(counted);
  });

  it('gives each counter its own period and fee number for the same entry', () => {
    const k = new GroupKeys();
    const e = entry({ insuranceNumber: 'A123456789', birthDate: '1970-01-01', gop: '88500' });
    expect(k.of(DAY, e, e.gop, true)).toBe(true);
    const day = groupOf(k);
    expect(k.of(QUARTER_GOP, e, e.gop, true)).toBe(true);
    const quarter = groupOf(k);
    expect(quarter.slice(0, 2)).toEqual(day.slice(0, 2));
    expect(day[2]).toBe(20260415);
    expect(quarter[2]).toBe(2026 * 4 + 1);
    expect(quarter[3]).toBeGreaterThan(0);
    expect(day[3]).toBe(0);
    // A fee number never counted is no group to read.
    expect(k.of(QUARTER_GOP, e, '99999', false)).toBe(false);
  });

  it('tells patients apart by birth date and says no for an entry without one', () => {
    const k = new GroupKeys();
    const a = entry({ insuranceNumber: 'A123456789', birthDate: '1970-01-01' });
    const b = entry({ insuranceNumber: 'A123456789', birthDate: '1971-01-01' });
    expect(k.of(DAY, a, a.gop, true)).toBe(true);
    const ga = groupOf(k);
    expect(k.of(DAY, b, b.gop, true)).toBe(true);
    expect(groupOf(k)).not.toEqual(ga);
    expect(k.of(DAY, a, a.gop, true)).toBe(true);
    expect(groupOf(k)).toEqual(ga);
    const none = entry({});
    expect(k.of(DAY, none, none.gop, true)).toBe(false);
    expect(k.of(DAY, entry({ insuranceNumber: 'A123456789', day: -1 }), '03000', true)).toBe(false);
  });
});
