/**
 * Compiles one rule-set version: every rule's conditions into nodes of the version's program
 * (program.ts), its event into a finding or
 * correction template, and what each rule can fire for — fee numbers, team number, Hybrid-DRG
 * case, practice context — from which trigger-index.ts builds the lookups per date plan.
 */
import type { ConditionDoc, FactReference, FindingParams, RuleDoc, RuleSetDoc } from '../model';
import { compileCondition, compileOperand, compileValue, conditionKind, isFactReference, junction, type CompileContext, type ValueFn } from './condition';
import { ProgramBuilder, type Program } from './program';
import { escapePointerToken } from '../load/json-text';
import type { BindEnv } from '../facts/facts';
import { batchCountKey } from '../facts/batch-facts';
import { kbvSeverity } from '../kbv/kvdt-rules';
import { eachChild, exactGopKeys, isPlainGop, RuleAnalysis, throughNamed } from './rule-analysis';
import { ConditionExtents, MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, type Extent } from './condition-extent';
import { hasOwn } from '../facts/host-data';

/**
 * A message split at its placeholders: literal, placeholder index (into the finding's
 * `placeholders`), format, literal, …, literal (format: `euro` or undefined).
 */
export type MessageParts = (string | number | undefined)[];

export interface CompiledFinding {
  type: 'finding';
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** The KBV rule number (Finding.kbvRule), or undefined. */
  kbvRule: string | undefined;
  message: { de: MessageParts; en: MessageParts };
  fields: string[];
  source: string;
  /** Placeholders used in the message, with how to get their values. */
  placeholders: { name: string; value: ValueFn }[];
}

export interface CompiledCorrection {
  type: 'correction';
  field: '5011' | '5012';
  value: ValueFn;
}

export interface CompiledRule {
  id: string;
  /** Position in the rule set's `rules` array. */
  index: number;
  priority: number;
  scope: 'entry' | 'cost';
  /**
   * The program node the evaluator runs: the conditions less the fee-number tests the trigger
   * index has already decided (the rule is only ever looked up for its trigger keys). `explain`
   * walks the conditions as written (`doc`).
   */
  node: number;
  /** What firing makes. A finding that shows nothing of the entry is made when first asked (on the rule's first firing): checked at load, built only for rules that fire. */
  event: CompiledFinding | CompiledCorrection;
  /** Fee numbers for which the rule can fire, each once; null = any. */
  triggers: readonly string[] | null;
  /** What the rule can only fire with: a mask of the trigger index's HAS_… and CASE_HEAD bits. */
  needs: number;
  /** The KBV master files every way the rule can fire reads: bits of MASTER_FILES (rule-analysis.ts). */
  masters: number;
  doc: RuleDoc;
}

export interface CompiledVersion {
  /** Position in its bundle's version list (set by the bundle): checkers keep per-version state in arrays. */
  slot: number;
  /** `id@version` */
  key: string;
  id: string;
  version: string;
  validFrom: string;
  validUntil: string | null;
  /** The effective version (see load/extends.ts), parameters resolved: what both evaluators see. */
  doc: RuleSetDoc;
  /** The effective version as written, with its parameter references (for `diff` and the studio). */
  effective: RuleSetDoc;
  /** `id@version` of the version it extends, if any (set by the loader). */
  base: string | null;
  /** The conditions of all rules, compiled (see program.ts). */
  program: Program;
  /** Rules on the entry, in evaluation order (higher priority first, then file order). */
  entryRules: CompiledRule[];
  /** Rules on each 5011/5012 pair, in evaluation order. */
  costRules: CompiledRule[];
  env: BindEnv;
}

type Problem = CompileContext['problem'];

/**
 * `{name}`, or `{name:euro}` for a decimal amount shown as money in the message's language (parameters.ts fills rule-set parameters into messages by it too).
 * Global and shared: splitMessage's exec loop starts at lastIndex 0 and leaves it at 0, and `matchAll` starts at its lastIndex, so every use begins at the text's start.
 */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::(euro))?\}/g;

/**
 * A message split at its placeholders: literal, name, format, literal, …, literal. An exec loop
 * on the one regular expression: `split` and `matchAll` would construct a new one per message.
 */
function splitMessage(text: string): (string | undefined)[] {
  const parts: (string | undefined)[] = [];
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m !== null; m = PLACEHOLDER.exec(text)) {
    parts.push(text.slice(last, m.index), m[1], m[2]);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}
const RESERVED_PARAMS = new Set(['code', 'severity', 'message', 'fields', 'source', 'kbvRule', 'kbvDeviation']);

/** Compiles a validated rule-set version. Problems go to `problem`; the result is only used when there are none. */
export function compileRuleSet(doc: RuleSetDoc, env: BindEnv, problem: Problem, lineOf: (pointer: string) => number): CompiledVersion {
  const program = new ProgramBuilder();
  const binds: CompileContext['binds'] = new Map();
  const named = new Map<string, number>();
  const extents = new ConditionExtents(doc.conditions);
  const rules: CompiledRule[] = [];
  const seen = new Map<string, number>();
  const state: RuleState = { analysis: new RuleAnalysis(doc, env, extents), gopBound: false, leaves: new PlainNodes(), problems: 0, kept: [] };
  const counted: Problem = (pointer, code, de, en) => {
    state.problems++;
    problem(pointer, code, de, en);
  };
  // One context per scope: `naming` is empty between rules (every walk removes what it adds).
  const entries: CompileContext = { env, scope: 'entry', program, binds, named, naming: new Set(), problem: counted };
  const costs: CompileContext = { ...entries, scope: 'cost' };
  /** A rule as a billing expert finds it, in German and English: its id and the line of its name (looked up only for a message). */
  const ruleName = (index: number): [string, string] => {
    const id = doc.rules[index]!.name;
    const line = lineOf(`/rules/${index}/name`);
    return [`der Regel "${id}" (Zeile ${line})`, `of rule "${id}" (line ${line})`];
  };
  const list = doc.rules;
  for (let index = 0; index < list.length; index++) {
    const rule = list[index]!;
    const before = seen.get(rule.name);
    if (before !== undefined) {
      const first = lineOf(`/rules/${before}/name`);
      problem(`/rules/${index}/name`, 'duplicate-rule', `Die Regel-Id "${rule.name}" ist schon in Zeile ${first} vergeben.`, `Rule id "${rule.name}" is already used on line ${first}.`);
    }
    seen.set(rule.name, index);
    // One walk finds what the rule fires for and measures its tree (a tree that is not plain is measured again).
    const analysis = state.analysis;
    analysis.analyzeRule(rule.conditions);
    if (!withinExtent(analysis.extent() ?? extents.of(rule.conditions), index, ruleName, problem)) continue;
    try {
      rules.push(compileRule(rule, index, state, rule.scope === 'cost' ? costs : entries));
    } catch {
      // A fault of the compiler itself, not of the rule set: named, located, never thrown at the host.
      const id = rule.name;
      const line = lineOf(`/rules/${index}/name`);
      problem(
        `/rules/${index}`,
        'internal',
        `Interner Fehler beim Übersetzen der Regel "${id}" (Zeile ${line}); das Regelwerk wird nicht geladen. Bitte dem Hersteller melden.`,
        `Internal error while compiling rule "${id}" (line ${line}); the rule set is not loaded. Please report it to the vendor.`,
      );
    }
  }
  // Named conditions no rule uses are still checked, in the entry scope. One beyond the bounds
  // is reported where it is used (a rule, another named condition), else at its definition.
  const compiled = new Set([...named.keys()].map((k) => k.slice(0, k.lastIndexOf('@'))));
  // Which names anything refers to: only asked for a named condition beyond the bounds (a walk of every rule).
  let referenced: Set<string> | undefined;
  const isReferenced = (name: string) => (referenced ??= new Set([...doc.rules.map((r) => r.conditions), ...Object.values(doc.conditions ?? {})].flatMap((c) => extents.references(c)))).has(name);
  for (const [name, condition] of Object.entries(doc.conditions ?? {})) {
    const pointer = `/conditions/${escapePointerToken(name)}`;
    // json-rules-engine's setCondition refuses any other root: the reference must run every rule set.
    if (!hasBooleanRoot(condition)) {
      problem(pointer, 'condition-root', `Die Wurzel der benannten Bedingung "${name}" muss all, any, not oder condition sein.`, `The root of the named condition "${name}" must be all, any, not or condition.`);
    }
    if (compiled.has(name)) continue;
    const extent = extents.ofNamed(name);
    if (extent.depth > MAX_CONDITION_DEPTH || extent.nodes > MAX_CONDITION_NODES) {
      if (!isReferenced(name)) reportExtent(extent, pointer, [`der benannten Bedingung "${name}" (Zeile ${lineOf(pointer)})`, `of the named condition "${name}" (line ${lineOf(pointer)})`], problem);
      continue;
    }
    compileCondition({ condition: name }, pointer, entries);
  }
  restrictCounters(rules, doc, env);
  // Higher priority first, then file order, as json-rules-engine runs them (already so when no rule has a priority of its own).
  if (!inOrder(rules)) rules.sort((a, b) => b.priority - a.priority || a.index - b.index);
  // By filter, not a loop here: a loop of 20,000 rules made V8 compile this function for it (OSR), which then met code without type feedback below and was thrown away.
  const entryRules = rules.filter((r) => r.scope === 'entry');
  const costRules = rules.filter((r) => r.scope !== 'entry');
  return {
    slot: -1,
    key: `${doc.id}@${doc.version}`,
    id: doc.id,
    version: doc.version,
    validFrom: doc.validFrom,
    validUntil: doc.validUntil ?? null,
    doc,
    effective: doc,
    base: null,
    program: program.build(),
    entryRules,
    costRules,
    env,
  };
}

/** True when `rules`, compiled in file order, are in evaluation order: no rule has a higher priority than the one before. */
function inOrder(rules: readonly CompiledRule[]): boolean {
  for (let i = 1; i < rules.length; i++) if (rules[i]!.priority > rules[i - 1]!.priority) return false;
  return true;
}

/** What the compilation of one version's rules shares from rule to rule. */
interface RuleState {
  analysis: RuleAnalysis;
  /** The operand of the fee number is in the program (explain reads a decided test through it). */
  gopBound: boolean;
  /** The nodes of plain comparisons compiled without a problem. */
  leaves: PlainNodes;
  /** Problems reported so far. */
  problems: number;
  /** The nodes a root `all` keeps (see compileRoot). */
  kept: number[];
}


/**
 * Whether `c` is a plain comparison: a fact without params or path compared by an operator with
 * a text, number, boolean or null. Two plain comparisons of one scope, fact, operator and value
 * compile to one node (the program shares equal nodes): a big rule set repeats a few of them
 * thousands of times, and each is compiled once (see compileChild).
 */
function isPlainComparison(c: ConditionDoc): boolean {
  if (c.all !== undefined || c.any !== undefined || c.not !== undefined || c.condition !== undefined || c.params !== undefined || c.path !== undefined) return false;
  const v = c.value;
  const type = typeof v;
  if (typeof c.fact !== 'string' || typeof c.operator !== 'string' || !(type === 'string' || type === 'number' || type === 'boolean' || v === null)) return false;
  return hasOwn.call(c, 'fact') && hasOwn.call(c, 'operator') && hasOwn.call(c, 'value');
}

/** Nodes of plain comparisons by scope, fact, operator and value (a Map tells 1 from "1"): lookups without a key made per comparison. */
class PlainNodes {
  private readonly byScope = new Map<string, Map<string, Map<string, Map<unknown, number>>>>();

  find(scope: string, c: ConditionDoc): number | undefined {
    return this.byScope.get(scope)?.get(c.fact!)?.get(c.operator!)?.get(c.value);
  }

  keep(scope: string, c: ConditionDoc, node: number): void {
    const at = <K, V>(m: Map<K, V>, k: K, make: () => V): V => {
      let v = m.get(k);
      if (v === undefined) m.set(k, (v = make()));
      return v;
    };
    at(at(at(this.byScope, scope, () => new Map()), c.fact!, () => new Map()), c.operator!, () => new Map<unknown, number>()).set(c.value, node);
  }
}

/**
 * A compiled rule. Its event, when a finding that shows nothing of the entry, is made from the
 * rule when first asked: every part of it was checked at load, and most rules of a big rule set
 * never fire in a process.
 */
class Rule implements CompiledRule {
  constructor(
    readonly id: string,
    readonly index: number,
    readonly priority: number,
    readonly scope: 'entry' | 'cost',
    readonly node: number,
    private made: CompiledFinding | CompiledCorrection | undefined,
    readonly triggers: readonly string[] | null,
    readonly needs: number,
    readonly masters: number,
    readonly doc: RuleDoc,
  ) {}

  get event(): CompiledFinding | CompiledCorrection {
    return (this.made ??= plainFinding(this.doc.event.params as FindingParams));
  }
}

function compileRule(rule: RuleDoc, index: number, state: RuleState, ctx: CompileContext): CompiledRule {
  if (!hasBooleanRoot(rule.conditions)) {
    ctx.problem(`/rules/${index}/conditions`, 'condition-root', 'Die Wurzel von conditions muss all, any, not oder condition sein.', 'The root of conditions must be all, any, not or condition.');
  }
  // What the rule's walk found (analyzeRule, just before).
  const { keys: triggers, needs, masters } = state.analysis;
  const node = compileRoot(rule.conditions, index, triggers, state, ctx);
  const event = compileEvent(rule, index, ctx);
  return new Rule(rule.name, index, rule.priority ?? 1, ctx.scope, node, event, triggers, needs, masters, rule);
}

/**
 * False, after reporting it, when the conditions of rule `index` go deeper or grow larger than
 * the bounds (see condition-extent.ts). `ruleName` names the rule in German and English; it is
 * only asked when there is a problem (it looks up a line, which parses the document again).
 */
function withinExtent(extent: Extent, index: number, ruleName: (index: number) => [string, string], problem: Problem): boolean {
  if (extent.depth <= MAX_CONDITION_DEPTH && extent.nodes <= MAX_CONDITION_NODES) return true;
  reportExtent(extent, `/rules/${index}/conditions`, ruleName(index), problem);
  return false;
}

/** Reports conditions beyond the bounds; `what` names them in German and English. */
function reportExtent(extent: Extent, pointer: string, [whatDe, whatEn]: [string, string], problem: Problem): void {
  if (extent.depth > MAX_CONDITION_DEPTH) {
    problem(
      pointer,
      'condition-depth',
      `Die Bedingungen ${whatDe} sind mit ihren benannten Bedingungen mehr als ${MAX_CONDITION_DEPTH} Ebenen tief.`,
      `The conditions ${whatEn} are nested more than ${MAX_CONDITION_DEPTH} levels deep, named conditions included.`,
    );
  } else if (extent.nodes > MAX_CONDITION_NODES) {
    problem(
      pointer,
      'condition-size',
      `Die Bedingungen ${whatDe} haben mit ihren benannten Bedingungen mehr als ${MAX_CONDITION_NODES.toLocaleString('de-DE')} Knoten (eine benannte Bedingung wird bei jeder Verwendung mitgezählt).`,
      `The conditions ${whatEn} have more than ${MAX_CONDITION_NODES.toLocaleString('en-US')} nodes, named conditions included (each use of one counts).`,
    );
  }
}

/**
 * A rule's test: its conditions, less the children of a root `all` that are true for every fee
 * number the rule is looked up by (the index has decided them; they are not even compiled).
 * For the common rule "fee number X and …", the test is then the same for every X and shared
 * by all such rules. `explain` still shows them: it walks the conditions as written.
 */
function compileRoot(root: ConditionDoc, index: number, triggers: readonly string[] | null, state: RuleState, ctx: CompileContext): number {
  if (triggers === null || conditionKind(root) !== 'all' || !Array.isArray(root.all)) return compileCondition(root, `/rules/${index}/conditions`, ctx);
  const all = root.all;
  // One list for every rule, its first n used: junction copies them into the program (and
  // compileChild never comes back here). Not emptied by `length = 0`: V8 then drops its store,
  // and every rule allocated a new one.
  const kept = state.kept;
  let n = 0;
  for (let i = 0; i < all.length; i++) {
    if (!decided(all[i]!, triggers)) kept[n++] = compileChild(all[i]!, index, i, state, ctx);
    else if (!state.gopBound) {
      // explain reads the fee number of a decided test through the program, like any other fact (one operand for all).
      compileOperand(GOP, `/rules/${index}/conditions/all/${i}`, ctx);
      state.gopBound = true;
    }
  }
  return junction('all', kept, ctx, n);
}

/** compileCondition of child `i` of rule `index`'s root `all`; a plain comparison compiled before without a problem is not compiled again. */
function compileChild(c: ConditionDoc, index: number, i: number, state: RuleState, ctx: CompileContext): number {
  const plain = isPlainComparison(c);
  const known = plain ? state.leaves.find(ctx.scope, c) : undefined;
  if (known !== undefined) return known;
  const problems = state.problems;
  const node = compileCondition(c, `/rules/${index}/conditions/all/${i}`, ctx);
  if (plain && state.problems === problems) state.leaves.keep(ctx.scope, c, node);
  return node;
}

const GOP: FactReference = Object.freeze({ fact: 'gop' });

/** True when `c` is true for every one of `triggers` (the fee numbers a rule is looked up by): it is true for exactly the fee numbers of exactGopKeys. */
function decided(c: ConditionDoc, triggers: readonly string[]): boolean {
  // The commonest case, "fee number X" for a rule keyed on X, without a list made for it.
  if (triggers.length === 1 && c.operator === 'equal' && c.value === triggers[0]) return isPlainGop(c);
  const keys = exactGopKeys(c);
  if (keys === null || keys.length < triggers.length) return false;
  if (triggers.length === 1) return keys.includes(triggers[0]!);
  const set = new Set(keys);
  return triggers.every((k) => set.has(k));
}

function hasBooleanRoot(c: ConditionDoc): boolean {
  const has = Object.prototype.hasOwnProperty;
  return has.call(c, 'all') || has.call(c, 'any') || has.call(c, 'not') || has.call(c, 'condition');
}

/** The pointer of rule `index`'s event params, and of one of them. */
const paramsPointer = (index: number, name?: string) => (name === undefined ? `/rules/${index}/event/params` : `/rules/${index}/event/params/${escapePointerToken(name)}`);

/**
 * Rule `index`'s event, checked; undefined for a finding that shows nothing of the entry (no
 * placeholder in its message): its fact references are checked here, and the finding is made
 * when first asked (plainFinding).
 */
function compileEvent(rule: RuleDoc, index: number, ctx: CompileContext): CompiledFinding | CompiledCorrection | undefined {
  if (rule.event.type === 'correction') {
    return { type: 'correction', field: rule.event.params.field, value: compileValue(rule.event.params.value, `${paramsPointer(index)}/value`, ctx) };
  }
  const p: FindingParams = rule.event.params;
  if (p.message.de.indexOf('{') >= 0 || p.message.en.indexOf('{') >= 0) return findingWithPlaceholders(p, index, ctx);
  // Most messages show nothing of the entry: no placeholders to split at, only fact references to check.
  for (const name in p) if (!RESERVED_PARAMS.has(name) && isFactReference(p[name])) compileValue(p[name], paramsPointer(index, name), ctx);
  return undefined;
}

/** The finding of params whose messages have no placeholder (see compileEvent). */
function plainFinding(p: FindingParams): CompiledFinding {
  // A copy of the fields: each finding has a list of its own.
  return { type: 'finding', code: p.code, severity: severityOf(p), kbvRule: p.kbvRule, message: { de: [p.message.de], en: [p.message.en] }, fields: [...p.fields], source: p.source, placeholders: [] };
}

/** Without a severity of its own the finding has the KBV's (the loader refuses a number without one). */
const severityOf = (p: FindingParams): CompiledFinding['severity'] => p.severity ?? (p.kbvRule !== undefined ? kbvSeverity(p.kbvRule) : null) ?? 'error';

/** The finding of params whose messages have placeholders: each checked, its value compiled, the messages split at them. */
function findingWithPlaceholders(p: FindingParams, index: number, ctx: CompileContext): CompiledFinding {
  const pointer = paramsPointer(index);
  const placeholders: CompiledFinding['placeholders'] = [];
  /** The text of a plain placeholder whose value is a literal (a rule-set parameter, say): written into the message once here. */
  const literal = (name: string, format: string | undefined): string | undefined => {
    const v = p[name];
    return format === undefined && !RESERVED_PARAMS.has(name) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') ? String(v) : undefined;
  };
  // Each message split once, in the order written (the problems' order).
  const split: Record<string, (string | undefined)[]> = {};
  for (const [lang, text] of Object.entries(p.message)) {
    const parts = (split[lang] = splitMessage(text));
    for (let i = 1; i < parts.length; i += 3) {
      const name = parts[i]!;
      if (placeholders.some((x) => x.name === name)) continue;
      if (RESERVED_PARAMS.has(name) || !hasOwn.call(p, name)) {
        ctx.problem(`${pointer}/message/${lang}`, 'placeholder', `Der Platzhalter {${name}} hat keinen Parameter gleichen Namens.`, `Placeholder {${name}} has no parameter of that name.`);
        continue;
      }
      if (literal(name, parts[i + 1]) !== undefined) continue;
      placeholders.push({ name, value: compileValue(p[name], `${pointer}/${escapePointerToken(name)}`, ctx) });
    }
  }
  // Parameters that are fact references must be valid even when no message uses them.
  for (const [name, value] of Object.entries(p)) {
    if (!RESERVED_PARAMS.has(name) && isFactReference(value) && !placeholders.some((x) => x.name === name)) {
      compileValue(value, `${pointer}/${escapePointerToken(name)}`, ctx);
    }
  }
  // Joined here, so firing a rule only concatenates.
  const join = (parts: (string | undefined)[]): MessageParts => {
    const out: MessageParts = [parts[0]];
    for (let i = 1; i < parts.length; i += 3) {
      const text = literal(parts[i]!, parts[i + 1]);
      if (text !== undefined) out[out.length - 1] = `${out[out.length - 1] as string}${text}${parts[i + 2]!}`;
      else out.push(placeholders.findIndex((x) => x.name === parts[i]), parts[i + 1], parts[i + 2]);
    }
    return out;
  };
  return { type: 'finding', code: p.code, severity: severityOf(p), kbvRule: p.kbvRule, message: { de: join(split['de']!), en: join(split['en']!) }, fields: [...p.fields], source: p.source, placeholders };
}

/**
 * A batch counter only needs the entries its rules can fire for: when every rule that reads a
 * `batchCount` is keyed by fee number, the counter skips all other entries (a quarter of
 * ordinary services then costs the batch pass next to nothing).
 */
function restrictCounters(rules: CompiledRule[], doc: RuleSetDoc, env: BindEnv): void {
  if (env.counters.length === 0) return;
  const users = new Map<string, Set<string> | null>();
  const count = (r: ConditionDoc, rule: CompiledRule) => {
    if (r.fact !== 'batchCount') return;
    const key = batchCountKey(doc, r.params);
    const before = users.has(key) ? users.get(key)! : new Set<string>();
    if (before === null || rule.triggers === null) users.set(key, null);
    else {
      // Grown in place: a copy per rule would make many rules on one counter quadratic.
      for (const k of rule.triggers) before.add(k);
      users.set(key, before);
    }
  };
  const visit = (c: ConditionDoc, rule: CompiledRule, naming: Set<string>) => {
    eachChild(c, (child) => visit(child, rule, naming));
    if (typeof c.condition === 'string') throughNamed(c.condition, doc, naming, (t) => visit(t, rule, naming), undefined);
    count(c, rule);
    if (isFactReference(c.value)) count(c.value as ConditionDoc, rule);
  };
  for (const rule of rules) {
    visit(rule.doc.conditions, rule, new Set());
    // Event params may read the counter too; they run only when the rule fired.
  }
  for (const spec of env.counters) if (users.has(spec.key)) spec.restrictTo = users.get(spec.key)!;
}
