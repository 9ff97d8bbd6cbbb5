/**
 * BundleInternals.planOn: the versions valid on a day, held to their validity rule set by rule
 * set for days asked in any order — each day after every other kind of day, so that the plan
 * it remembers (the last interval's) is asked for the days on both sides of its edges.
 */
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../src/compile/bundle';
import { isoDay } from '../src/facts/entry';
import { demoRuleSet, mustLoad } from './helpers';

const versions = [
  { id: 'a', version: '2026.1', validFrom: '2026-01-01', validUntil: '2026-03-31' },
  { id: 'a', version: '2026.2', validFrom: '2026-04-01', validUntil: '2026-06-30' },
  { id: 'b', version: '2026.1', validFrom: '2026-02-15', validUntil: '2026-05-31' },
  { id: 'c', version: '2026.1', validFrom: '2026-03-01', validUntil: null },
];

/** The definition: `id@version` of every version whose validity holds the day, by rule-set id. */
const validOn = (day: number) =>
  versions
    .filter((v) => day >= 0 && isoDay(v.validFrom) <= day && (v.validUntil === null || day <= isoDay(v.validUntil)))
    .map((v) => `${v.id}@${v.version}`)
    .sort();

describe('planOn', () => {
  it('gives the versions valid on each day, whatever day was asked before', () => {
    const inner = internalsOf(mustLoad(versions.map((v) => ({ name: `${v.id}-${v.version}.json`, text: JSON.stringify(demoRuleSet(v)) }))))!;
    const edges = ['2025-12-31', '2026-01-01', '2026-02-14', '2026-02-15', '2026-02-28', '2026-03-01', '2026-03-31', '2026-04-01', '2026-05-31', '2026-06-01', '2026-06-30', '2026-07-01', '2099-12-31'];
    const days = [-1, 10000101, ...edges.map(isoDay)];
    for (const before of days) {
      for (const day of days) {
        inner.planOn(before);
        expect(inner.planOn(day).versions.map((v) => v.key).sort(), `${day} after ${before}`).toEqual(validOn(day));
        expect(inner.planOn(day).versions.map((v) => v.key).sort(), `${day} twice`).toEqual(validOn(day));
      }
    }
  });
});
