/**
 * Compiles json-rules-engine conditions into synchronous closures. Everything that can be
 * decided at load time is: unknown facts, operators and named conditions, bad params and
 * paths, cost facts outside cost rules, cycles between named conditions. At run time a
 * condition is a few function calls and cached fact lookups.
 */
import type { ConditionTrace } from '../../plugin-api/types';
import type { ConditionDoc, FactReference } from '../model';
import { FACTS, type BindEnv, type BoundFact, type Scope } from '../facts/facts';
import { resolveOperator } from './operators';
import { compilePath, parsePath } from './path';
import { escapePointerToken } from '../load/json-text';

export interface CompiledCondition {
  evaluate(s: Scope): boolean;
  trace(s: Scope): ConditionTrace;
}

export type ValueFn = (s: Scope) => unknown;

export interface CompileContext {
  env: BindEnv;
  scope: 'entry' | 'cost';
  /** Fact cache slots shared by all rules of one rule-set version: key → slot index. */
  slots: Map<string, number>;
  /** Named conditions compiled so far, per scope (`name@scope`). */
  named: Map<string, CompiledCondition>;
  /** Names being compiled, to detect cycles. */
  naming: Set<string>;
  problem(pointer: string, code: string, de: string, en: string): void;
}

/** Deterministic JSON for cache keys (object keys sorted). */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}

/** json-rules-engine treats any object with an own `fact` property as a fact reference. */
export function isFactReference(v: unknown): v is FactReference {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, 'fact');
}

const FAILED: ValueFn = () => undefined;

/** Compiles a fact reference (`{fact, params?, path?}`) into a cached value function. */
export function compileFactReference(ref: FactReference, pointer: string, ctx: CompileContext): ValueFn {
  const extra = Object.keys(ref).filter((k) => k !== 'fact' && k !== 'params' && k !== 'path');
  for (const k of extra) ctx.problem(`${pointer}/${escapePointerToken(k)}`, 'fact-reference', `Unbekannter Schlüssel "${k}" im Faktverweis.`, `Unknown key "${k}" in a fact reference.`);
  const def = typeof ref.fact === 'string' ? FACTS.get(ref.fact) : undefined;
  if (!def) {
    ctx.problem(`${pointer}/fact`, 'unknown-fact', `Unbekannter Fakt "${String(ref.fact)}".`, `Unknown fact "${String(ref.fact)}".`);
    return FAILED;
  }
  if (def.scope === 'cost' && ctx.scope !== 'cost') {
    ctx.problem(
      `${pointer}/fact`,
      'fact-scope',
      `Der Fakt "${def.id}" gibt es nur in Regeln mit "scope": "cost" (je 5011/5012-Paar).`,
      `The fact "${def.id}" exists only in rules with "scope": "cost" (per 5011/5012 pair).`,
    );
    return FAILED;
  }
  if (ref.params !== undefined && (typeof ref.params !== 'object' || ref.params === null || Array.isArray(ref.params))) {
    ctx.problem(`${pointer}/params`, 'fact-params', 'params muss ein Objekt sein.', 'params must be an object.');
    return FAILED;
  }
  const bound = def.bind(ref.params, ctx.env);
  if ('problems' in bound) {
    for (const p of bound.problems) ctx.problem(`${pointer}/params${p.at}`, 'fact-params', p.de, p.en);
    return FAILED;
  }
  let accessor: ((v: unknown) => unknown) | undefined;
  if (ref.path !== undefined) {
    const keys = typeof ref.path === 'string' ? parsePath(ref.path) : undefined;
    if (!keys) {
      ctx.problem(
        `${pointer}/path`,
        'path',
        `Pfad "${String(ref.path)}" wird nicht unterstützt; erlaubt sind einfache Pfade wie $.a.b oder $.liste[0].`,
        `Path "${String(ref.path)}" is not supported; use simple paths such as $.a.b or $.list[0].`,
      );
      return FAILED;
    }
    accessor = compilePath(keys);
  }
  const key = `${def.id}|${stableStringify(ref.params ?? {})}`;
  let slot = ctx.slots.get(key);
  if (slot === undefined) ctx.slots.set(key, (slot = ctx.slots.size));
  const fact: BoundFact = bound.fact;
  const s0 = slot;
  // A fact of the entry stays valid for all of the entry's 5011/5012 pairs; a pair fact only for its pair.
  const cached: ValueFn =
    def.scope === 'entry'
      ? (s) => {
          if (s.stamp[s0] === s.entryGen) return s.vals[s0];
          const v = fact(s);
          s.vals[s0] = v;
          s.stamp[s0] = s.entryGen;
          return v;
        }
      : (s) => {
          if (s.stamp[s0] === s.gen) return s.vals[s0];
          const v = fact(s);
          s.vals[s0] = v;
          s.stamp[s0] = s.gen;
          return v;
        };
  if (!accessor) return cached;
  const acc = accessor;
  // As in json-rules-engine: a path applies only to objects; other values pass unchanged.
  return (s) => {
    const v = cached(s);
    return v !== null && typeof v === 'object' ? acc(v) : v;
  };
}

/** Compiles a value that is either a literal or a fact reference. */
export function compileValue(value: unknown, pointer: string, ctx: CompileContext): ValueFn {
  if (isFactReference(value)) return compileFactReference(value, pointer, ctx);
  return () => value;
}

const KINDS = ['all', 'any', 'not', 'condition', 'fact'] as const;

/** Compiles one condition node. */
export function compileCondition(doc: ConditionDoc, pointer: string, ctx: CompileContext): CompiledCondition {
  const present = KINDS.filter((k) => Object.prototype.hasOwnProperty.call(doc, k));
  if (present.length !== 1) {
    ctx.problem(
      pointer,
      'condition-shape',
      'Eine Bedingung braucht genau eines von: all, any, not, condition oder fact (mit operator und value).',
      'A condition needs exactly one of: all, any, not, condition or fact (with operator and value).',
    );
    return constant(false);
  }
  const kind = present[0]!;
  if (kind === 'all' || kind === 'any') {
    const list = doc[kind]!;
    const children = list.map((c, i) => compileCondition(c, `${pointer}/${kind}/${i}`, ctx));
    // As in json-rules-engine, an empty list is true for "any" as well as for "all".
    if (children.length === 0) return { evaluate: () => true, trace: () => ({ kind, result: true, children: [] }) };
    const evaluate =
      kind === 'all'
        ? (s: Scope) => {
            for (let i = 0; i < children.length; i++) if (!children[i]!.evaluate(s)) return false;
            return true;
          }
        : (s: Scope) => {
            for (let i = 0; i < children.length; i++) if (children[i]!.evaluate(s)) return true;
            return false;
          };
    return {
      evaluate,
      trace: (s) => {
        const traces = children.map((c) => c.trace(s));
        return { kind, result: kind === 'all' ? traces.every((t) => t.result) : traces.some((t) => t.result), children: traces };
      },
    };
  }
  if (kind === 'not') {
    const child = compileCondition(doc.not!, `${pointer}/not`, ctx);
    return {
      evaluate: (s) => !child.evaluate(s),
      trace: (s) => {
        const t = child.trace(s);
        return { kind: 'not', result: !t.result, children: [t] };
      },
    };
  }
  if (kind === 'condition') {
    const name = doc.condition!;
    const target = compileNamed(name, `${pointer}/condition`, ctx);
    return {
      evaluate: target.evaluate,
      trace: (s) => {
        const t = target.trace(s);
        return { kind: 'condition', name, result: t.result, children: [t] };
      },
    };
  }
  // A fact comparison.
  for (const k of ['operator', 'value'] as const) {
    if (!Object.prototype.hasOwnProperty.call(doc, k)) {
      ctx.problem(pointer, 'condition-shape', `Der Bedingung fehlt "${k}".`, `The condition lacks "${k}".`);
      return constant(false);
    }
  }
  const operatorName = doc.operator!;
  const opFn = typeof operatorName === 'string' ? resolveOperator(operatorName) : undefined;
  if (!opFn) {
    ctx.problem(`${pointer}/operator`, 'unknown-operator', `Unbekannter Operator "${String(operatorName)}".`, `Unknown operator "${String(operatorName)}".`);
  }
  const ref: FactReference = { fact: doc.fact! };
  if (doc.params !== undefined) ref.params = doc.params;
  if (doc.path !== undefined) ref.path = doc.path;
  const lhs = compileFactReference(ref, pointer, ctx);
  const rhs = compileValue(doc.value, `${pointer}/value`, ctx);
  if (!opFn) return constant(false);
  // The common shapes get a closure without the generic operator call (same semantics).
  const literal = isFactReference(doc.value) ? undefined : { value: doc.value };
  let evaluate: (s: Scope) => boolean = (s) => opFn(lhs(s), rhs(s));
  if (literal && operatorName === 'equal') {
    const v = literal.value;
    evaluate = (s) => lhs(s) === v;
  } else if (literal && operatorName === 'notEqual') {
    const v = literal.value;
    evaluate = (s) => lhs(s) !== v;
  } else if (literal) {
    const v = literal.value;
    evaluate = (s) => opFn(lhs(s), v);
  }
  return {
    evaluate,
    trace: (s) => {
      const factValue = lhs(s);
      const valueResolved = rhs(s);
      const t: ConditionTrace = { kind: 'fact', fact: doc.fact!, operator: operatorName, value: doc.value, factValue, result: opFn(factValue, valueResolved) };
      if (doc.params !== undefined) t.params = doc.params;
      if (doc.path !== undefined) t.path = doc.path;
      if (isFactReference(doc.value)) t.valueResolved = valueResolved;
      return t;
    },
  };
}

function compileNamed(name: string, pointer: string, ctx: CompileContext): CompiledCondition {
  const key = `${name}@${ctx.scope}`;
  const done = ctx.named.get(key);
  if (done) return done;
  const conditions = ctx.env.ruleSet.conditions ?? {};
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(conditions, name)) {
    ctx.problem(pointer, 'unknown-condition', `Die benannte Bedingung "${String(name)}" gibt es nicht.`, `There is no named condition "${String(name)}".`);
    return constant(false);
  }
  if (ctx.naming.has(key)) {
    ctx.problem(pointer, 'condition-cycle', `Die benannte Bedingung "${name}" verweist (über andere) auf sich selbst.`, `The named condition "${name}" refers to itself (through others).`);
    return constant(false);
  }
  ctx.naming.add(key);
  // Problems inside a named condition are reported where it is defined.
  const inner = compileCondition(conditions[name]!, `/conditions/${escapePointerToken(name)}`, ctx);
  ctx.naming.delete(key);
  // Memoized per evaluation, like a fact: rules that share a named condition evaluate it once.
  const slotKey = `condition|${key}`;
  let slot = ctx.slots.get(slotKey);
  if (slot === undefined) ctx.slots.set(slotKey, (slot = ctx.slots.size));
  const s0 = slot;
  const compiled: CompiledCondition = {
    evaluate: (s) => {
      if (s.stamp[s0] === s.gen) return s.vals[s0] as boolean;
      const v = inner.evaluate(s);
      s.vals[s0] = v;
      s.stamp[s0] = s.gen;
      return v;
    },
    trace: inner.trace,
  };
  ctx.named.set(key, compiled);
  return compiled;
}

function constant(result: boolean): CompiledCondition {
  return { evaluate: () => result, trace: () => ({ kind: 'all', result, children: [] }) };
}
