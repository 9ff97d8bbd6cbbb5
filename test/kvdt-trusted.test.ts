/**
 * The KVDT reader's trusted path: entries it normalizes itself from the file's bytes go to the
 * checker without the copy a host's entries get (trustedStream in checker.ts). Held here to the
 * public copying path: the same entries, the same findings and corrections; and only checkers
 * made by createChecker offer it.
 */
import { describe, expect, it } from 'vitest';
import { trustedStream } from '../src/evaluate/checker';
import { normalizeEntry, type InputProblem } from '../src/facts/entry';
import { createChecker } from '../plugin-api/index';
import type { Checker } from '../plugin-api/types';
import { bundled, checker, KBV_EXAMPLE } from './helpers';

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
