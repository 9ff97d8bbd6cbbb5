/**
 * check and checkAll write into one reused sink: a result where nothing was found is one shared
 * frozen object, any other a new one, and nothing of one entry reaches the next.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../plugin-api/types';
import { checker, codes, KBV_EXAMPLE } from './helpers';

const ORDINARY = { date: '2026-05-04', gop: '10345' };
const WRONG_PRICE = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489', cents: '100' }] };

describe('check results', () => {
  it('nothing found or corrected: one shared frozen result, from check and checkAll', () => {
    const c = checker();
    const a = c.check(ORDINARY);
    expect(a).toEqual({ findings: [], corrections: [] });
    expect(Object.isFrozen(a)).toBe(true);
    expect(c.check({ ...ORDINARY, gop: '10346' })).toBe(a);
    const all = c.checkAll([ORDINARY, WRONG_PRICE, ORDINARY]);
    expect(all[0]).toBe(a);
    expect(all[2]).toBe(a);
    expect(() => {
      'use strict';
      (a as { findings: unknown }).findings = [];
    }).toThrow(TypeError);
  });

  it('a result is not changed by the checks after it, nor does it carry into them', () => {
    const c = checker();
    const first = c.check(WRONG_PRICE);
    const snapshot = JSON.stringify(first);
    expect(codes(first)).toContain('ASV-5012-FALSCH');
    expect(first.corrections).toHaveLength(1);
    const second = c.check(KBV_EXAMPLE);
    const third = c.check(ORDINARY);
    const fourth = c.check(WRONG_PRICE);
    expect(JSON.stringify(first)).toBe(snapshot);
    expect(codes(second)).not.toContain('ASV-5012-FALSCH');
    expect(third).toEqual({ findings: [], corrections: [] });
    expect(fourth).toEqual(first);
    expect(fourth).not.toBe(first);
    expect(fourth.findings).not.toBe(first.findings);
    // checkAll after check, and the other way round: each entry's own result.
    const entries = [WRONG_PRICE, ORDINARY, KBV_EXAMPLE, ORDINARY, WRONG_PRICE];
    const one = entries.map((e) => c.check(e));
    const batch: CheckResult[] = c.checkAll(entries);
    expect(batch).toEqual(one);
    expect(entries.map((e) => c.check(e))).toEqual(one);
    expect(JSON.stringify(first)).toBe(snapshot);
  });

  it('checkAll leaves the host\'s list as it was (its results are a list of their own)', () => {
    const c = checker();
    const entries = [WRONG_PRICE, ORDINARY, KBV_EXAMPLE];
    const given = [...entries];
    const results = c.checkAll(given);
    expect(given).toEqual(entries);
    for (let i = 0; i < entries.length; i++) expect(given[i]).toBe(entries[i]);
    expect(results).not.toBe(given);
    expect(results).toEqual(entries.map((e) => c.check(e)));
    // A generator's entries too: each result at its entry's place.
    function* gen() {
      yield* entries;
    }
    expect(c.checkAll(gen())).toEqual(results);
  });

  it('an entry changed by the host after its check does not change the result', () => {
    const c = checker();
    const entry = { date: '2026-05-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489', cents: '100' }] };
    const r = c.check(entry);
    const before = JSON.stringify(r);
    entry.costs[0]!.cents = '52458';
    entry.gop = '10345';
    entry.teamNumber = 'x';
    expect(JSON.stringify(r)).toBe(before);
    expect(c.check(entry)).not.toEqual(r);
  });
});
