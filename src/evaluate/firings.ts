/**
 * What firing a rule needs — its id and its event — per rule position of one version's entry or
 * pair rules, made on the rule's first firing and kept by the checker. Findings that differ in
 * nothing but the rule (no placeholders; code, severity, message, fields and source the same)
 * share one event: a rule set of thousands of keyed rules with a few kinds of finding then reads
 * a few events that stay in the processor's cache, instead of a rule, its event, its message
 * and its field list of its own per finding (four or five cache misses at R = 20,000).
 */
import type { CompiledCorrection, CompiledFinding, CompiledRule } from '../compile/rule-set';

export interface Firing {
  readonly id: string;
  readonly event: CompiledFinding | CompiledCorrection;
}

/** Shared events by their content, across the versions a checker fires. */
export type EventPool = Map<string, CompiledFinding>;

/** The firing of rule position `pos` of `rules`, made and kept in `table` on first use. */
export function firingOf(table: (Firing | undefined)[], rules: readonly CompiledRule[], pos: number, pool: EventPool): Firing {
  const rule = rules[pos]!;
  const ev = rule.event;
  let event: CompiledFinding | CompiledCorrection = ev;
  if (ev.type === 'finding' && ev.placeholders.length === 0) {
    // Every part of the finding but the rule's id, each a string or a list of strings.
    const key = JSON.stringify([ev.code, ev.severity, ev.kbvRule ?? null, ev.source, ev.fields, ev.message.de, ev.message.en]);
    const known = pool.get(key);
    if (known === undefined) pool.set(key, ev);
    else event = known;
  }
  const firing: Firing = { id: rule.id, event };
  table[pos] = firing;
  return firing;
}
