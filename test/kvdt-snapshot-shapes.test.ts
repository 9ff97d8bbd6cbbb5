/**
 * The trusted path's snapshots from templates (src/kvdt/snapshot-shapes.ts) held to the copy's
 * way of making them key by key (snapshot in facts/entry.ts): the same keys in the same order,
 * the same values, and nothing of a case kept once a snapshot is made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setOwn } from '../src/facts/host-data';
import { SnapshotShape } from '../src/kvdt/snapshot-shapes';

const keyByKey = (keys: readonly string[], values: readonly unknown[]) => {
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => {
    if (k !== '__proto__' && values[i] !== undefined) setOwn(out, k, values[i]);
  });
  return out;
};

describe('SnapshotShape', () => {
  it('makes the object the copy makes key by key (order included), for any keys read and values present', () => {
    const key = fc.oneof(fc.constantFrom('quarter', 'referral', 'constructor', 'toString', '__proto__', '4218', '0', 'sex'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 34 }), fc.array(fc.array(fc.oneof(fc.constant(undefined), fc.string(), fc.integer()), { maxLength: 34 }), { minLength: 1, maxLength: 6 }), (keys, cases) => {
        const shape = new SnapshotShape(new Set(keys));
        const kept = keys.filter((k) => k !== '__proto__');
        for (const given of cases) {
          const values = kept.map((_, i) => given[i]);
          values.forEach((v, i) => (shape.values[i] = v));
          const made = shape.take();
          const expected = keyByKey(kept, values);
          expect(Object.keys(made)).toEqual(Object.keys(expected));
          expect(made).toStrictEqual(expected);
          expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
          // Nothing of the case is held for the next one.
          expect(shape.values.every((v) => v === undefined)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
