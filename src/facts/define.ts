/**
 * Helpers every fact module uses to define facts and check their params. Kept apart from
 * `facts.ts` (which gathers all facts) so the fact modules can use them while it loads.
 */
import type { TableDoc } from '../model';
import type { BindEnv, BindProblem, BoundFact, FactDefinition } from './facts';

/** No problems when a fact that takes no params got none; else one. */
export const none = (id: string, params: Record<string, unknown> | undefined): BindProblem[] =>
  params && Object.keys(params).length ? [{ at: '', de: `Der Fakt ${id} hat keine Parameter.`, en: `The fact ${id} takes no params.` }] : [];

/** A problem for each param not in `allowed`. */
export function unknownParams(params: Record<string, unknown> | undefined, allowed: readonly string[]): BindProblem[] {
  return Object.keys(params ?? {})
    .filter((k) => !allowed.includes(k))
    .map((k) => ({ at: `/${k}`, de: `Unbekannter Parameter "${k}".`, en: `Unknown parameter "${k}".` }));
}

/** A fact without params. */
export function simple(id: string, scope: 'entry' | 'cost', fn: BoundFact, nullWithout?: FactDefinition['nullWithout']): FactDefinition {
  return {
    id,
    scope,
    ...(nullWithout ? { nullWithout } : {}),
    bind: (params) => {
      const p = none(id, params);
      return p.length ? { problems: p } : { fact: fn };
    },
  };
}

/** The table named by param `table`, with the columns and types a fact needs; else the problems. */
export function tableParam(params: Record<string, unknown> | undefined, tables: Record<string, TableDoc> | undefined, columns: Record<string, string>): TableDoc | BindProblem[] {
  const name = params?.['table'];
  const problems = unknownParams(params, ['table']);
  const table = typeof name === 'string' ? tables?.[name] : undefined;
  if (!table) return [...problems, { at: '/table', de: 'table muss eine Tabelle dieses Regelwerks nennen.', en: 'table must name a table of this rule set.' }];
  for (const [col, type] of Object.entries(columns)) {
    if (table.columns[col]?.type !== type) problems.push({ at: '/table', de: `Die Tabelle braucht die Spalte ${col} vom Typ ${type}.`, en: `The table needs column ${col} of type ${type}.` });
  }
  return problems.length ? problems : table;
}

/** Records that a rule reads `patient` or `case` as an object: through `path` (its first key), or whole. */
export function markRead(env: BindEnv, fact: 'patient' | 'case', path: readonly (string | number)[] | undefined): void {
  const first = path?.[0];
  const before = env.reads[fact];
  if (before === 'all') return;
  if (typeof first !== 'string') env.reads[fact] = 'all';
  else (env.reads[fact] = before ?? new Set()).add(first);
}

/**
 * For a fact that takes no params: the values of the rule-set parameters it receives
 * (FactDefinition.parameters), by name; or the problems when it got params, or the rule set
 * lacks one of them or has it with another type.
 */
export function receivedParameters(def: Pick<FactDefinition, 'id' | 'parameters'>, params: Record<string, unknown> | undefined, env: BindEnv): Map<string, unknown> | BindProblem[] {
  const out = new Map<string, unknown>();
  const problems: BindProblem[] = none(def.id, params);
  for (const { name, type } of def.parameters ?? []) {
    const p = env.ruleSet.parameters?.[name];
    if (p === undefined || p.type !== type) {
      problems.push({
        at: '',
        de: `Der Fakt ${def.id} braucht den Parameter "${name}" (type ${type}) unter parameters des Regelwerks.`,
        en: `The fact ${def.id} needs the parameter "${name}" (type ${type}) under the rule set's parameters.`,
      });
    } else out.set(name, p.value);
  }
  return problems.length ? problems : out;
}
