/**
 * Compiles json-rules-engine conditions into nodes of the version's program (see
 * `program.ts`), and into trace closures for `explain`. Everything that can be decided at
 * load time is: unknown facts, operators and named conditions, bad params and paths, cost
 * facts outside cost rules, cycles between named conditions.
 */
import type { ConditionTrace } from '../../plugin-api/types';
import type { ConditionDoc, FactReference } from '../model';
import { FACTS, FIELD_IDS, type BindEnv, type BindResult, type Scope } from '../facts/facts';
import { markRead } from '../facts/define';
import { resolveOperator } from './operators';
import { compilePath, parsePath } from './path';
import { escapePointerToken } from '../load/json-text';
import { ALL, ANY, COMPARE, COMPARE_FACTS, EQUAL, FACT_FIELD, FACT_PER_ENTRY, FACT_PER_EVALUATION, FALSE, INLINE_COMPARISONS, NAMED, NOT, NOT_EQUAL, TRUE, operandValue, type Program, type ProgramBuilder } from './program';

export interface CompiledCondition {
  /** Offset of the condition's node in the version's program; structurally equal conditions share one. */
  node: number;
  /** For `explain`: the condition as written, with each fact value (read from the version's program `p`). */
  trace(s: Scope, p: Program): ConditionTrace;
}

/** A literal, or a fact reference read through the version's program (see operandValue). */
export type ValueFn = (s: Scope, p: Program) => unknown;

export interface CompileContext {
  env: BindEnv;
  scope: 'entry' | 'cost';
  /** The version's program (nodes, literals, operands, fact cache slots). */
  program: ProgramBuilder;
  /** Facts bound so far, by fact and params (`id|params`). */
  binds: Map<string, BindResult>;
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

/** A compiled fact reference: its program operand and its value function. */
interface Operand {
  operand: number;
  value: ValueFn;
}

/** Compiles a fact reference (`{fact, params?, path?}`) into a value function that reads it through the program (see operandValue). */
export function compileFactReference(ref: FactReference, pointer: string, ctx: CompileContext): ValueFn {
  return factOperand(ref, pointer, ctx)?.value ?? FAILED;
}

function factOperand(ref: FactReference, pointer: string, ctx: CompileContext): Operand | undefined {
  const extra = Object.keys(ref).filter((k) => k !== 'fact' && k !== 'params' && k !== 'path');
  for (const k of extra) ctx.problem(`${pointer}/${escapePointerToken(k)}`, 'fact-reference', `Unbekannter Schlüssel "${k}" im Faktverweis.`, `Unknown key "${k}" in a fact reference.`);
  const def = typeof ref.fact === 'string' ? FACTS.get(ref.fact) : undefined;
  if (!def) {
    ctx.problem(`${pointer}/fact`, 'unknown-fact', `Unbekannter Fakt "${String(ref.fact)}".`, `Unknown fact "${String(ref.fact)}".`);
    return undefined;
  }
  if (def.scope === 'cost' && ctx.scope !== 'cost') {
    ctx.problem(
      `${pointer}/fact`,
      'fact-scope',
      `Der Fakt "${def.id}" gibt es nur in Regeln mit "scope": "cost" (je 5011/5012-Paar).`,
      `The fact "${def.id}" exists only in rules with "scope": "cost" (per 5011/5012 pair).`,
    );
    return undefined;
  }
  if (ref.params !== undefined && (typeof ref.params !== 'object' || ref.params === null || Array.isArray(ref.params))) {
    ctx.problem(`${pointer}/params`, 'fact-params', 'params muss ein Objekt sein.', 'params must be an object.');
    return undefined;
  }
  const factKey = `${def.id}|${stableStringify(ref.params ?? {})}`;
  // Bound once per fact and params in a version (binding can check whole tables); every
  // reference still reports a bad binding at its own place.
  let bound = ctx.binds.get(factKey);
  if (!bound) ctx.binds.set(factKey, (bound = def.bind(ref.params, ctx.env)));
  if ('problems' in bound) {
    for (const p of bound.problems) ctx.problem(`${pointer}/params${p.at}`, 'fact-params', p.de, p.en);
    return undefined;
  }
  let accessor: ((v: unknown) => unknown) | null = null;
  if (ref.path !== undefined) {
    const keys = typeof ref.path === 'string' ? parsePath(ref.path) : undefined;
    if (!keys) {
      ctx.problem(
        `${pointer}/path`,
        'path',
        `Pfad "${String(ref.path)}" wird nicht unterstützt; erlaubt sind einfache Pfade wie $.a.b oder $.liste[0].`,
        `Path "${String(ref.path)}" is not supported; use simple paths such as $.a.b or $.list[0].`,
      );
      return undefined;
    }
    accessor = compilePath(keys);
  }
  if (def.id === 'patient' || def.id === 'case') markRead(ctx.env, def.id, ref.path === undefined ? undefined : parsePath(ref.path as string));
  const field = ref.params === undefined && Object.prototype.hasOwnProperty.call(FIELD_IDS, def.id) ? FIELD_IDS[def.id]! : -1;
  const mode = field >= 0 ? FACT_FIELD : def.scope === 'entry' ? FACT_PER_ENTRY : FACT_PER_EVALUATION;
  const slot = ctx.program.slot(factKey, mode, bound.fact, field);
  const key = ref.path === undefined ? factKey : `${factKey}|${ref.path as string}`;
  const operand = ctx.program.operand(key, slot, accessor);
  return { operand, value: (s, p) => operandValue(p, s, operand) };
}

/** Compiles a value that is either a literal or a fact reference. */
export function compileValue(value: unknown, pointer: string, ctx: CompileContext): ValueFn {
  if (isFactReference(value)) return compileFactReference(value, pointer, ctx);
  return () => value;
}

const KINDS = ['all', 'any', 'not', 'condition', 'fact'] as const;

/** Which one of all, any, not, condition or fact the node is; undefined unless exactly one. */
export function conditionKind(doc: ConditionDoc): (typeof KINDS)[number] | undefined {
  const present = KINDS.filter((k) => Object.prototype.hasOwnProperty.call(doc, k));
  return present.length === 1 ? present[0] : undefined;
}

/** Compiles one condition node. */
export function compileCondition(doc: ConditionDoc, pointer: string, ctx: CompileContext): CompiledCondition {
  const kind = conditionKind(doc);
  if (kind === undefined) {
    ctx.problem(
      pointer,
      'condition-shape',
      'Eine Bedingung braucht genau eines von: all, any, not, condition oder fact (mit operator und value).',
      'A condition needs exactly one of: all, any, not, condition or fact (with operator and value).',
    );
    return constant(false, ctx);
  }
  if (kind === 'all' || kind === 'any') {
    const list = doc[kind]!;
    const children = list.map((c, i) => compileCondition(c, `${pointer}/${kind}/${i}`, ctx));
    return junction(kind, children, ctx);
  }
  if (kind === 'not') {
    const child = compileCondition(doc.not!, `${pointer}/not`, ctx);
    return {
      node: ctx.program.node([NOT, child.node]),
      trace: (s, p) => {
        const t = child.trace(s, p);
        return { kind: 'not', result: !t.result, children: [t] };
      },
    };
  }
  if (kind === 'condition') {
    const name = doc.condition!;
    const target = compileNamed(name, `${pointer}/condition`, ctx);
    return {
      node: target.node,
      trace: (s, p) => {
        const t = target.trace(s, p);
        return { kind: 'condition', name, result: t.result, children: [t] };
      },
    };
  }
  // A fact comparison.
  for (const k of ['operator', 'value'] as const) {
    if (!Object.prototype.hasOwnProperty.call(doc, k)) {
      ctx.problem(pointer, 'condition-shape', `Der Bedingung fehlt "${k}".`, `The condition lacks "${k}".`);
      return constant(false, ctx);
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
  const left = factOperand(ref, pointer, ctx);
  const valueIsFact = isFactReference(doc.value);
  const right = valueIsFact ? factOperand(doc.value as FactReference, `${pointer}/value`, ctx) : undefined;
  if (!opFn || !left || (valueIsFact && !right)) return constant(false, ctx);
  const lhs = left.value;
  const rhs = right ? right.value : () => doc.value;
  const program = ctx.program;
  let node: number;
  if (right) {
    node = program.node([COMPARE_FACTS, left.operand, program.operator(operatorName, opFn), right.operand]);
  } else {
    const literal = program.literal(stableStringify(doc.value), doc.value);
    // Strict (in)equality with a literal, the commonest leaf, needs no operator call.
    if (operatorName === 'equal') node = program.node([EQUAL, left.operand, literal]);
    else if (operatorName === 'notEqual') node = program.node([NOT_EQUAL, left.operand, literal]);
    else if (Object.prototype.hasOwnProperty.call(INLINE_COMPARISONS, operatorName)) node = program.node([INLINE_COMPARISONS[operatorName]!, left.operand, literal]);
    else node = program.node([COMPARE, left.operand, program.operator(operatorName, opFn), literal]);
  }
  return {
    node,
    trace: (s, p) => {
      const factValue = lhs(s, p);
      const valueResolved = rhs(s, p);
      const t: ConditionTrace = { kind: 'fact', fact: doc.fact!, operator: operatorName, value: doc.value, factValue, result: opFn(factValue, valueResolved) };
      if (doc.params !== undefined) t.params = doc.params;
      if (doc.path !== undefined) t.path = doc.path;
      if (valueIsFact) t.valueResolved = valueResolved;
      return t;
    },
  };
}

/** `all` or `any` over compiled children (as in json-rules-engine, an empty list is true for both). */
export function junction(kind: 'all' | 'any', children: CompiledCondition[], ctx: CompileContext): CompiledCondition {
  // A junction of one is its child: one node less to run.
  const node = children.length === 1 ? children[0]!.node : ctx.program.node([kind === 'all' ? ALL : ANY, children.length, ...children.map((c) => c.node)]);
  return {
    node,
    trace: (s, p) => {
      const traces = children.map((c) => c.trace(s, p));
      return { kind, result: kind === 'all' ? traces.every((t) => t.result) : traces.some((t) => t.result), children: traces };
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
    return constant(false, ctx);
  }
  if (ctx.naming.has(key)) {
    ctx.problem(pointer, 'condition-cycle', `Die benannte Bedingung "${name}" verweist (über andere) auf sich selbst.`, `The named condition "${name}" refers to itself (through others).`);
    return constant(false, ctx);
  }
  ctx.naming.add(key);
  // Problems inside a named condition are reported where it is defined.
  const inner = compileCondition(conditions[name]!, `/conditions/${escapePointerToken(name)}`, ctx);
  ctx.naming.delete(key);
  // Memoized per evaluation, like a fact: rules that share a named condition evaluate it once.
  const slot = ctx.program.slot(`condition|${key}`, FACT_PER_EVALUATION, null);
  const compiled: CompiledCondition = { node: ctx.program.node([NAMED, slot, inner.node]), trace: inner.trace };
  ctx.named.set(key, compiled);
  return compiled;
}

function constant(result: boolean, ctx: CompileContext): CompiledCondition {
  return { node: ctx.program.node([result ? TRUE : FALSE]), trace: () => ({ kind: 'all', result, children: [] }) };
}
