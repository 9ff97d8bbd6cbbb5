/**
 * The argument of `checkAll`, read once into a list before anything is checked: an array
 * (also a proxy of one) by index, any other iterable through its iterator. Host code (a
 * generator, a proxy) runs only here, never between the checks of the batch.
 */
import { readItem } from '../facts/host-data';

export interface ReadEntries {
  entries: unknown[];
  /** The iterator threw after `entries`: the entry it could not give is unreadable. */
  unreadable: boolean;
}

/** The entries of `given`, or null when it is no list (nor any iterable other than a string). */
export function readEntries(given: unknown): ReadEntries | null {
  const entries: unknown[] = [];
  try {
    if (Array.isArray(given)) {
      const length = given.length;
      // Made at its length, not grown by push (a third of the time for 100,000 entries) — when
      // it is an array's length: a proxy's can be anything, and new Array(x) would hold x.
      if (Number.isInteger(length) && length >= 0 && length <= 0xffffffff) {
        const list = new Array<unknown>(length);
        for (let i = 0; i < length; i++) list[i] = readItem(given, i);
        return { entries: list, unreadable: false };
      }
      for (let i = 0; i < length; i++) entries.push(readItem(given, i));
      return { entries, unreadable: false };
    }
    if (typeof given !== 'object' || given === null || typeof (given as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return null;
  } catch {
    // The list itself cannot be read (its length or an item throws): it is the one unreadable entry.
    return { entries: [], unreadable: true };
  }
  try {
    for (const e of given as Iterable<unknown>) entries.push(e);
    return { entries, unreadable: false };
  } catch {
    return { entries, unreadable: true };
  }
}
