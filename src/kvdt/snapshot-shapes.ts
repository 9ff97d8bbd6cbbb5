/**
 * Snapshots of the reader's patient and case for the trusted path (trusted-entries.ts), made
 * as the copy makes them — the keys the rules read, in their order, only those with a value —
 * but from a template of those keys instead of key by key: adding a key named by a variable to
 * a fresh object goes through the runtime each time (about 1 µs for a case's eleven), while a
 * copy of a template and a store to a key it has does not. A template is kept per set of keys
 * present; a file's cases have few.
 */
import { setOwn } from '../facts/host-data';

/** Keys beyond this many (a bit each in a mask) are snapshot key by key. */
const MAX_KEYS = 30;
/** Templates kept per list of keys (then made anew for each snapshot). */
const MAX_TEMPLATES = 256;

/** The keys read, in their order, and the templates made for them. */
export class SnapshotShape {
  /** The keys to copy (never `__proto__`, which the copy skips). */
  readonly keys: readonly string[];
  /** The value of each key for the snapshot being made (undefined: absent), filled by the caller. */
  readonly values: unknown[];
  /** For a caller that reads its objects' keys by number (see caseSnapshot): each key's number, made by it on first use. */
  keyNumbers: Int8Array | null = null;
  private readonly templates = new Map<number, Record<string, unknown>>();
  /** The template taken last, and its mask: a file's cases mostly have the same keys. */
  private lastMask = -1;
  private lastTemplate: Record<string, unknown> = {};

  constructor(reads: ReadonlySet<string>) {
    this.keys = [...reads].filter((k) => k !== '__proto__');
    this.values = new Array<unknown>(this.keys.length).fill(undefined);
  }

  /** A new object with the keys whose `values` are set, in the keys' order; `values` are cleared. */
  take(): Record<string, unknown> {
    const keys = this.keys;
    const values = this.values;
    if (keys.length > MAX_KEYS) return this.keyByKey();
    let mask = 0;
    for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) mask |= 1 << i;
    const out: Record<string, unknown> = { ...this.template(mask) };
    for (let i = 0; i < keys.length; i++) {
      if (values[i] === undefined) continue;
      out[keys[i]!] = values[i];
      values[i] = undefined;
    }
    return out;
  }

  /** True when the keys are few enough for templates (take's and template's way); else take makes the object key by key. */
  get templated(): boolean {
    return this.keys.length <= MAX_KEYS;
  }

  /**
   * The template of the keys whose bits are set in `mask` (bit i: keys[i]), in the keys' order,
   * each with the value null: a copy of it (`{ ...template }`) takes a store to each of its keys
   * without a new property. Only when `templated`.
   */
  template(mask: number): Record<string, unknown> {
    if (mask === this.lastMask) return this.lastTemplate;
    let template = this.templates.get(mask);
    if (template === undefined) {
      template = {};
      for (let i = 0; i < this.keys.length; i++) if ((mask & (1 << i)) !== 0) setOwn(template, this.keys[i]!, null);
      if (this.templates.size < MAX_TEMPLATES) this.templates.set(mask, template);
    }
    this.lastMask = mask;
    this.lastTemplate = template;
    return template;
  }

  private keyByKey(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < this.keys.length; i++) {
      if (this.values[i] === undefined) continue;
      setOwn(out, this.keys[i]!, this.values[i]);
      this.values[i] = undefined;
    }
    return out;
  }

  /** Clears `values` (a snapshot given up half made). */
  clear(): void {
    this.values.fill(undefined);
  }
}

const SHAPES = new WeakMap<ReadonlySet<string>, SnapshotShape>();

/** The shape for a checker's set of keys read (one per set, made on first use). */
export function snapshotShape(reads: ReadonlySet<string>): SnapshotShape {
  let shape = SHAPES.get(reads);
  if (shape === undefined) SHAPES.set(reads, (shape = new SnapshotShape(reads)));
  return shape;
}
