/**
 * Compiles json-rules-engine conditions into nodes of the version's program (see
 * `program.ts`). Everything that can be decided at load time is: unknown facts, operators and
 * named conditions, bad params and paths, cost facts outside cost rules, cycles between named
 * conditions. `explain` walks the same nodes beside the conditions as written (see
 * `src/evaluate/trace.ts`), so nothing per condition is kept for it.
 */
import type { ConditionDoc, FactReference } from '../model';
import { FACTS, FIELD_IDS, type BindEnv, type BindResult, type Scope } from '../facts/facts';
import { markRead } from '../facts/define';
import { PLAIN_KVDT_FIELDS } from '../facts/record-facts';
import { resolveOperator } from './operators';
import { compilePath, parsePath } from './path';
import { escapePointerToken } from '../load/json-text';
import { ALL, ANY, COMPARE, COMPARE_FACTS, EQUAL, FACT_FIELD, FACT_PER_ENTRY, FACT_PER_EVALUATION, FALSE, INLINE_COMPARISONS, NAMED, NOT, NOT_EQUAL, TRUE, operandValue, type Program, type ProgramBuilder } from './program';

/** A literal, or a fact reference read through the version's program (see operandValue). */
export type ValueFn = (s: Scope, p: Program) => unknown;

export interface CompileContext {
  env: BindEnv;
  scope: 'entry' | 'cost';
  /** The version's program (nodes, literals, operands, fact cache slots). */
  program: ProgramBuilder;
  /** Facts bound so far, by fact and params (`id|params`). */
  binds: Map<string, BindResult>;
  /** Named conditions compiled so far, per scope (`name@scope`): their nodes. */
  named: Map<string, number>;
  /** Names being compiled, to detect cycles. */
  naming: Set<string>;
  problem(pointer: string, code: string, de: string, en: string): void;
}

import { stableStringify } from './stable-stringify';
import { hasOwn } from '../facts/host-data';


export { stableStringify };

/** json-rules-engine treats any object with an own `fact` property as a fact reference. */
export function isFactReference(v: unknown): v is FactReference {
  return typeof v === 'object' && v !== null && hasOwn.call(v, 'fact');
}

const FAILED: ValueFn = () => undefined;

/** Compiles a fact reference (`{fact, params?, path?}`) into a value function that reads it through the program (see operandValue). */
export function compileFactReference(ref: FactReference, pointer: string, ctx: CompileContext): ValueFn {
  const operand = referenceOperand(ref, pointer, ctx);
  return operand < 0 ? FAILED : (s, p) => operandValue(p, s, operand);
}

/** compileOperand of a fact reference as written (a value, an event param), whose keys are checked too. */
function referenceOperand(ref: FactReference, pointer: string, ctx: CompileContext): number {
  for (const k of Object.keys(ref)) {
    if (k !== 'fact' && k !== 'params' && k !== 'path') ctx.problem(`${pointer}/${escapePointerToken(k)}`, 'fact-reference', `Unbekannter Schlüssel "${k}" im Faktverweis.`, `Unknown key "${k}" in a fact reference.`);
  }
  return compileOperand(ref, pointer, ctx);
}

/** `id|{}`: the fact key of a fact without params, made once per fact (a leaf's keys are then looked up with a hash already known). */
const PLAIN_KEYS = new Map<string, string>();

/** The program operand of fact reference `ref` (its fact bound, its slot and path), or -1 after reporting why there is none. */
export function compileOperand(ref: FactReference, pointer: string, ctx: CompileContext): number {
  const def = typeof ref.fact === 'string' ? FACTS.get(ref.fact) : undefined;
  if (!def) {
    ctx.problem(`${pointer}/fact`, 'unknown-fact', `Unbekannter Fakt "${String(ref.fact)}".`, `Unknown fact "${String(ref.fact)}".`);
    return -1;
  }
  if (def.scope === 'cost' && ctx.scope !== 'cost') {
    ctx.problem(
      `${pointer}/fact`,
      'fact-scope',
      `Der Fakt "${def.id}" gibt es nur in Regeln mit "scope": "cost" (je 5011/5012-Paar).`,
      `The fact "${def.id}" exists only in rules with "scope": "cost" (per 5011/5012 pair).`,
    );
    return -1;
  }
  if (ref.params !== undefined && (typeof ref.params !== 'object' || ref.params === null || Array.isArray(ref.params))) {
    ctx.problem(`${pointer}/params`, 'fact-params', 'params muss ein Objekt sein.', 'params must be an object.');
    return -1;
  }
  const factKey = factKeyOf(def.id, ref.params);
  const key = operandKey(factKey, ref.path);
  // A reference met before (same fact, params and path) was checked then: the same operand.
  const known = ctx.program.operands.get(key);
  if (known !== undefined) return known;
  // Bound once per fact and params in a version (binding can check whole tables); every
  // reference still reports a bad binding at its own place.
  let bound = ctx.binds.get(factKey);
  if (!bound) ctx.binds.set(factKey, (bound = def.bind(ref.params, ctx.env)));
  if ('problems' in bound) {
    for (const p of bound.problems) ctx.problem(`${pointer}/params${p.at}`, 'fact-params', p.de, p.en);
    return -1;
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
      return -1;
    }
    accessor = compilePath(keys);
  }
  if (def.id === 'patient' || def.id === 'case') markRead(ctx.env, def.id, ref.path === undefined ? undefined : parsePath(ref.path as string));
  const field = fieldOf(def.id, ref.params);
  const mode = field >= 0 ? FACT_FIELD : def.scope === 'entry' ? FACT_PER_ENTRY : FACT_PER_EVALUATION;
  const slot = ctx.program.slot(factKey, mode, bound.fact, field);
  return ctx.program.operand(key, slot, accessor);
}

/** The readField number of a fact that reads a field of the entry or pair as it is (see FIELD_IDS), else -1. */
function fieldOf(id: string, params: Record<string, unknown> | undefined): number {
  if (params === undefined) return hasOwn.call(FIELD_IDS, id) ? FIELD_IDS[id]! : -1;
  const fk = params['fk'];
  // Bound without problems, so its only param is a known fk.
  return id === 'kvdtField' && typeof fk === 'string' && hasOwn.call(PLAIN_KVDT_FIELDS, fk) ? PLAIN_KVDT_FIELDS[fk]! : -1;
}

/** `id|params`: a fact's key for its binding and cache slot (params in canonical JSON; `id|{}` without, made once per fact). */
function factKeyOf(id: string, params: unknown): string {
  if (params !== undefined) return `${id}|${stableStringify(params)}`;
  let key = PLAIN_KEYS.get(id);
  if (key === undefined) PLAIN_KEYS.set(id, (key = `${id}|{}`));
  return key;
}

/** `factKey|path`: an operand's key (see Program.operands). */
const operandKey = (factKey: string, path: unknown): string => (path === undefined ? factKey : `${factKey}|${String(path)}`);

/** The operand of a fact reference the program has (`explain` reads fact values through it), or -1. */
export function operandOf(p: Program, ref: FactReference): number {
  return p.operands.get(operandKey(factKeyOf(ref.fact, ref.params), ref.path)) ?? -1;
}

/** Compiles a value that is either a literal or a fact reference. */
export function compileValue(value: unknown, pointer: string, ctx: CompileContext): ValueFn {
  if (isFactReference(value)) return compileFactReference(value, pointer, ctx);
  return () => value;
}

type Kind = 'all' | 'any' | 'not' | 'condition' | 'fact';

/** Which one of all, any, not, condition or fact the node is; undefined unless exactly one. */
export function conditionKind(doc: ConditionDoc): Kind | undefined {
  // Each kind read by name first: one that is undefined is not the node's (JSON has no
  // undefined, and the loader's copies set none), and only one that is there is asked whether
  // it is the node's own (a call each; this runs for every condition, several times at load).
  let kind: Kind | undefined;
  let n = 0;
  if (owns(doc, doc.all, 'all')) (kind = 'all'), n++;
  if (owns(doc, doc.any, 'any')) (kind = 'any'), n++;
  if (owns(doc, doc.not, 'not')) (kind = 'not'), n++;
  if (owns(doc, doc.condition, 'condition')) (kind = 'condition'), n++;
  if (owns(doc, doc.fact, 'fact')) (kind = 'fact'), n++;
  return n === 1 ? kind : undefined;
}

/** Whether `doc` has `key`, of which `value` is the value read, as its own. */
const owns = (doc: object, value: unknown, key: string): boolean => value !== undefined && hasOwn.call(doc, key);

/**
 * Compiles one condition; returns the offset of its node in the version's program
 * (structurally equal conditions share one).
 */
export function compileCondition(doc: ConditionDoc, pointer: string, ctx: CompileContext): number {
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
    const children: number[] = [];
    for (let i = 0; i < list.length; i++) children.push(compileCondition(list[i]!, `${pointer}/${kind}/${i}`, ctx));
    return junction(kind, children, ctx);
  }
  if (kind === 'not') return ctx.program.node2(NOT, compileCondition(doc.not!, `${pointer}/not`, ctx));
  if (kind === 'condition') return compileNamed(doc.condition!, `${pointer}/condition`, ctx);
  // A fact comparison.
  const missing = !hasOwn.call(doc, 'operator') ? 'operator' : !hasOwn.call(doc, 'value') ? 'value' : null;
  if (missing !== null) {
    ctx.problem(pointer, 'condition-shape', `Der Bedingung fehlt "${missing}".`, `The condition lacks "${missing}".`);
    return constant(false, ctx);
  }
  const operatorName = doc.operator!;
  const opFn = typeof operatorName === 'string' ? resolveOperator(operatorName) : undefined;
  if (!opFn) {
    ctx.problem(`${pointer}/operator`, 'unknown-operator', `Unbekannter Operator "${String(operatorName)}".`, `Unknown operator "${String(operatorName)}".`);
  }
  const ref: FactReference = { fact: doc.fact! };
  if (doc.params !== undefined) ref.params = doc.params;
  if (doc.path !== undefined) ref.path = doc.path;
  const left = compileOperand(ref, pointer, ctx);
  const valueIsFact = isFactReference(doc.value);
  const right = valueIsFact ? referenceOperand(doc.value as FactReference, `${pointer}/value`, ctx) : -1;
  if (!opFn || left < 0 || (valueIsFact && right < 0)) return constant(false, ctx);
  const program = ctx.program;
  if (right >= 0) return program.node4(COMPARE_FACTS, left, program.operator(operatorName, opFn), right);
  const literal = program.literal(doc.value);
  // Strict (in)equality with a literal, the commonest leaf, needs no operator call.
  if (operatorName === 'equal') return program.node3(EQUAL, left, literal);
  if (operatorName === 'notEqual') return program.node3(NOT_EQUAL, left, literal);
  if (hasOwn.call(INLINE_COMPARISONS, operatorName)) return program.node3(INLINE_COMPARISONS[operatorName]!, left, literal);
  return program.node4(COMPARE, left, program.operator(operatorName, opFn), literal);
}

/** `all` or `any` over the first `n` compiled children (as in json-rules-engine, an empty list is true for both). */
export function junction(kind: 'all' | 'any', children: readonly number[], ctx: CompileContext, n = children.length): number {
  return ctx.program.junction(kind === 'all' ? ALL : ANY, children, n);
}

function compileNamed(name: string, pointer: string, ctx: CompileContext): number {
  const key = `${name}@${ctx.scope}`;
  const done = ctx.named.get(key);
  if (done !== undefined) return done;
  const conditions = ctx.env.ruleSet.conditions ?? {};
  if (typeof name !== 'string' || !hasOwn.call(conditions, name)) {
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
  const node = ctx.program.node3(NAMED, slot, inner);
  ctx.named.set(key, node);
  return node;
}

function constant(result: boolean, ctx: CompileContext): number {
  return ctx.program.node1(result ? TRUE : FALSE);
}
