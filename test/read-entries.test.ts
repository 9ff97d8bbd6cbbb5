/**
 * readEntries, the list checkAll reads its argument into: every item of an array (or a proxy of
 * one) by index as an own property, holes and inherited items as undefined — also when the
 * length a proxy reports is no array length (then as many as `i < length` reads).
 */
import { describe, expect, it } from 'vitest';
import { readEntries } from '../src/evaluate/entries';

/** The definition: index by index while i < length, an item the list does not own as undefined. */
function definition(list: unknown[], length: unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < (length as number); i++) out.push(Object.prototype.hasOwnProperty.call(list, i) ? list[i] : undefined);
  return out;
}

describe('readEntries', () => {
  it('reads an array by index, holes as undefined', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list = [{ a: 1 }, , 'x', undefined, null];
    const read = readEntries(list)!;
    expect(read.unreadable).toBe(false);
    expect(read.entries).toEqual(definition(list, list.length));
    expect(read.entries.length).toBe(5);
    expect(readEntries([])!.entries).toEqual([]);
  });

  it('takes the length a proxy of an array reports as it is, whatever it is', () => {
    const items = [{ a: 1 }, { b: 2 }, { c: 3 }, { d: 4 }];
    for (const length of [3, 0, 2.5, -1, 'abc', '2', null, undefined, true, Number.NaN, 1e-9]) {
      const proxy = new Proxy(items, { get: (t, k) => (k === 'length' ? length : Reflect.get(t, k)) });
      const read = readEntries(proxy)!;
      expect(read.unreadable, String(length)).toBe(false);
      expect(read.entries, String(length)).toEqual(definition(items, length));
    }
  });

  it('gives the entries of any other iterable, and null for what is none', () => {
    expect(readEntries(new Set([1, 2]))!.entries).toEqual([1, 2]);
    expect(readEntries('ab')).toBeNull();
    expect(readEntries(7)).toBeNull();
  });
});
