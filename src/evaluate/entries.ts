/**
 * The argument of `checkAll`, read once into a list before anything is checked: an array
 * (also a proxy of one) by index, any other iterable through its iterator. Host code (a
 * generator, a proxy) runs only here, never between the checks of the batch.
 */
import { lengthOf, readItem } from '../facts/host-data';

export interface ReadEntries {
  entries: unknown[];
  /** The iterator threw after `entries`: the entry it could not give is unreadable. */
  unreadable: boolean;
}

/**
 * The most entries one `checkAll` reads. A longer list (a sparse array or a proxy whose length
 * is 2^32 - 1, an endless generator) would fill the host's heap until V8 aborts the process;
 * it gets one error instead. A quarter's file of any size goes through `stream` or `batch`.
 */
export const MOST_ENTRIES = 10_000_000;

/** What readEntries gives for a list longer than MOST_ENTRIES: nothing of it is checked. */
export const TOO_MANY: ReadEntries = Object.freeze({ entries: [], unreadable: false });

/** The entries of `given`, TOO_MANY, or null when it is no list (nor any iterable other than a string). */
export function readEntries(given: unknown): ReadEntries | null {
  const entries: unknown[] = [];
  try {
    if (Array.isArray(given)) {
      const length = lengthOf(given);
      if (length > MOST_ENTRIES) return TOO_MANY;
      // Made at its length, not grown by push (a third of the time for 100,000 entries) — when
      // it is an array's length (new Array(2.5) throws).
      if (Number.isInteger(length) && length >= 0) {
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
    for (const e of given as Iterable<unknown>) {
      if (entries.length === MOST_ENTRIES) return TOO_MANY;
      entries.push(e);
    }
    return { entries, unreadable: false };
  } catch {
    // Also when the iterator, told to stop at MOST_ENTRIES, throws.
    return entries.length === MOST_ENTRIES ? TOO_MANY : { entries, unreadable: true };
  }
}
