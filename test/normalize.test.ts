/**
 * The char-code forms of normalization against the regular-expression forms they replaced
 * (FK 5012 cents, the team-number check): both evaluators share the normalizer, so the
 * differential test cannot see a difference here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEntry } from '../src/facts/entry';
import { asvTeamNumberStatus } from '../src/facts/team-number';

const digitsOrNot = fc.oneof(fc.stringMatching(/^[0-9]{0,17}$/), fc.stringMatching(/^[ 0-9a\u0661]{0,12}$/), fc.string({ maxLength: 10 }));

describe('normalization by char codes', () => {
  it('FK 5012: whole cents without leading zeros, anything else as given', () => {
    const before = (v: string): string | null => {
      const t = v.trim();
      if (/^\d{1,15}$/.test(t)) return t.replace(/^0+(?=\d)/, '');
      return t === '' ? null : t;
    };
    fc.assert(
      fc.property(digitsOrNot, (cents) => {
        const n = normalizeEntry({ date: '2026-05-04', gop: '88500', costs: [{ description: '5489', cents }] });
        expect(n.entry!.costs[0]!.d5012).toBe(before(cents));
      }),
      { numRuns: 2000, seed: 5012 },
    );
  });

  it('team number: format and check digit as in KVDT rule 059', () => {
    const before = (value: string) => {
      if (!/^00\d{7}$/.test(value)) return 'format';
      const weights = [4, 9, 4, 9, 4, 9];
      let sum = 0;
      for (let i = 0; i < 6; i++) sum += Number(value[2 + i]) * weights[i]!;
      return Number(value[8]) === (10 - (sum % 10)) % 10 ? 'ok' : 'check-digit';
    };
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^00[0-9]{7}$/), digitsOrNot), (t) => {
        expect(asvTeamNumberStatus(t)).toBe(before(t));
      }),
      { numRuns: 3000, seed: 59 },
    );
  });
});
