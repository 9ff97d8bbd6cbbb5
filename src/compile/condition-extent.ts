/**
 * How deep and how large a rule's conditions are with every named condition expanded. A
 * named condition can refer to another, so a short document can describe a condition
 * thousands of levels deep (a chain) or with billions of nodes (each condition using the
 * next twice). Compiling shares named conditions, but the checks done per rule at load time,
 * `explain` and json-rules-engine walk the expansion: both are bounded here, before anything
 * walks it, and a rule beyond them is a located load problem.
 *
 * Each named condition is measured once (memoized) and iteratively, so a chain as long as
 * the document allows cannot exhaust the stack here either. A cycle is measured as if the
 * reference closing it were a leaf; compiling reports the cycle.
 */
import type { ConditionDoc } from '../model';
import { hasOwn } from '../facts/host-data';

/** Deepest nesting of all/any/not/condition references, named conditions expanded. */
export const MAX_CONDITION_DEPTH = 64;
/** Most condition nodes of one rule, named conditions expanded. */
export const MAX_CONDITION_NODES = 100_000;

export interface Extent {
  /** Levels, at most MAX_CONDITION_DEPTH + 1 (beyond the bound). */
  depth: number;
  /** Nodes, at most MAX_CONDITION_NODES + 1 (beyond the bound). */
  nodes: number;
}

/** A condition tree without its named references expanded, and where it refers to which name. */
interface Local {
  depth: number;
  nodes: number;
  refs: { name: string; level: number }[];
}

const depthCap = (n: number) => Math.min(n, MAX_CONDITION_DEPTH + 1);
const nodeCap = (n: number) => Math.min(n, MAX_CONDITION_NODES + 1);

/** Measures conditions of one rule set, named conditions expanded; see the module comment. */
export class ConditionExtents {
  private readonly locals = new Map<string, Local>();
  private readonly done = new Map<string, Extent>();

  constructor(private readonly named: Readonly<Record<string, ConditionDoc>> | undefined) {}

  /** The extent of a condition tree (a rule's `conditions`). */
  of(c: ConditionDoc): Extent {
    const l = local(c);
    for (let i = 0; i < l.refs.length; i++) if (this.exists(l.refs[i]!.name)) this.measure(l.refs[i]!.name);
    return this.resolve(l);
  }

  /** The names `c` refers to directly. */
  references(c: ConditionDoc): string[] {
    return local(c).refs.map((r) => r.name);
  }

  /** The extent of a named condition; a leaf for an unknown name. */
  ofNamed(name: string): Extent {
    if (!this.exists(name)) return { depth: 1, nodes: 1 };
    this.measure(name);
    return this.done.get(name)!;
  }

  private exists(name: string): boolean {
    return this.named !== undefined && hasOwn.call(this.named, name);
  }

  private localOf(name: string): Local {
    let l = this.locals.get(name);
    if (!l) this.locals.set(name, (l = local(this.named![name]!)));
    return l;
  }

  /** `l` with its references replaced by the extents measured for them (a name not measured yet counts as a leaf: a cycle). */
  private resolve(l: Local): Extent {
    let depth = l.depth;
    let nodes = l.nodes;
    if (l.refs.length === 0) return { depth: depthCap(depth), nodes: nodeCap(nodes) };
    for (const r of l.refs) {
      const e = this.done.get(r.name);
      if (!e) continue;
      depth = Math.max(depth, r.level + e.depth);
      nodes = nodeCap(nodes + e.nodes);
    }
    return { depth: depthCap(depth), nodes: nodeCap(nodes) };
  }

  /** Measures `root` and every named condition it reaches, depth first, with an explicit stack. */
  private measure(root: string): void {
    if (this.done.has(root)) return;
    const open = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const name = stack[stack.length - 1]!;
      if (this.done.has(name)) {
        stack.pop();
        continue;
      }
      const l = this.localOf(name);
      if (!open.has(name)) {
        // First visit: measure what it refers to first (a name already open closes a cycle).
        open.add(name);
        for (const r of l.refs) if (this.exists(r.name) && !this.done.has(r.name) && !open.has(r.name)) stack.push(r.name);
        continue;
      }
      this.done.set(name, this.resolve(l));
      open.delete(name);
      stack.pop();
    }
  }
}

/** The tree of `c` as written (recursion bounded by the document's nesting limit). */
function local(c: ConditionDoc): Local {
  const out: Local = { depth: 0, nodes: 0, refs: [] };
  visit(c, 1, out);
  return out;
}

/** Adds `node` at `level` and what is under it to `out`. Plain loops: it runs for every condition at load, mostly before V8 optimizes it. */
function visit(node: ConditionDoc, level: number, out: Local): void {
  out.nodes = nodeCap(out.nodes + 1);
  if (level > out.depth) out.depth = level;
  if (typeof node !== 'object' || node === null) return;
  const all = hasOwn.call(node, 'all') ? node.all : undefined;
  if (Array.isArray(all)) for (let i = 0; i < all.length; i++) visit(all[i]!, level + 1, out);
  const any = hasOwn.call(node, 'any') ? node.any : undefined;
  if (Array.isArray(any)) for (let i = 0; i < any.length; i++) visit(any[i]!, level + 1, out);
  if (hasOwn.call(node, 'not') && typeof node.not === 'object' && node.not !== null) visit(node.not, level + 1, out);
  if (hasOwn.call(node, 'condition') && typeof node.condition === 'string') out.refs.push({ name: node.condition, level });
}
