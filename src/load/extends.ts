/**
 * Versions that extend versions: resolves each rule-set version as written into a plain,
 * effective version — its base's rules, named conditions, parameters, tables and sources,
 * with its own replacing by name, parts of inherited rules changed by name (`change`), table
 * rows changed by key and parts removed by name —
 * before anything checks, compiles or evaluates it. Both evaluators (compiled and
 * json-rules-engine) only ever see the effective version.
 *
 * Every part of an effective version remembers where it was written (file and JSON pointer),
 * so a problem found in an inherited part is located in the file that holds it. Each version
 * is resolved once, bases first; the work is linear in the size of the effective versions.
 */
import type { ConditionDoc, ParameterDoc, RuleChangeDoc, RuleDoc, RuleSetDoc, RuleSetSourceDoc, SourceDoc, TableDoc, TablePatchDoc, TableRow } from '../model';
import { stableStringify } from '../compile/condition';
import { escapePointerToken, locate, type Positions } from './json-text';
import { resolveCondition, resolveRule } from './named-params';

/**
 * Keys that make the loader walk every rule of a version, as parseJson's `watch`: a params
 * block used by name, a parameter referred to, a rule placed with `after`. A walk for a key
 * that no document of the version's chain may hold is skipped (see ParsedRuleSet.keys).
 */
export const WATCHED_KEYS: readonly string[] = ['namedParams', 'param', 'after'];
/** Bits of WATCHED_KEYS. */
export const NAMED_PARAMS_KEY = 1;
export const PARAM_KEY = 2;
export const AFTER_KEY = 4;

/** A rule-set document that passed its schema. */
export interface ParsedRuleSet {
  name: string;
  doc: RuleSetSourceDoc;
  positions: Positions;
  /** The WATCHED_KEYS bits the document may hold (parseJson's `keys`). */
  keys: number;
}

/** Where a part of an effective version was written. */
interface Origin {
  from: ParsedRuleSet;
  /** The part's pointer in `from`'s document. */
  pointer: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type At = (pointer: string, code: string, de: string, en: string, severity?: Severity) => void;
type Add = (file: string, positions: Positions, pointer: string, code: string, de: string, en: string, severity?: Severity) => void;

/** An effective version and how to locate a pointer into it in the files it was made of. */
export interface ResolvedVersion {
  /** The document as written. */
  source: ParsedRuleSet;
  /** The effective version: plain json-rules-engine rules, nothing inherited left to look up (its end may be set by an extension, see loader.ts). */
  doc: RuleSetDoc;
  /** The WATCHED_KEYS bits a document of its chain (it and the versions it extends) may hold. */
  keys: number;
  /** `id@version` of the version it extends, if any. */
  base: string | null;
  /** Reports a problem at a pointer into `doc`, in the file and at the place that part was written. */
  at: At;
  /** The line where the part at `pointer` of `doc` was written (for messages such as "rule x (line 12)"). */
  lineOf(pointer: string): number;
}

/** A rule of a version and where it was written; `changes`: every version's "change" entry for it along the chain, oldest first (those parts are located there). */
type RuleEntry = { rule: RuleDoc; origin: Origin; changes?: readonly { value: RuleChangeDoc; origin: Origin }[] };

interface Parts {
  /** The rules in order: the effective version's `rules`. */
  ruleDocs: readonly RuleDoc[];
  /** The rules with where each was written, made when first asked (a problem to locate, a version that extends this one). */
  rules(): RuleEntry[];
  /** The WATCHED_KEYS bits a document of the chain may hold. */
  keys: number;
  conditions: Map<string, { value: ConditionDoc; origin: Origin }>;
  namedParams: Map<string, { value: Record<string, unknown>; origin: Origin }>;
  parameters: Map<string, { value: ParameterDoc; origin: Origin }>;
  tables: Map<string, { value: TableDoc; origin: Origin; rows: Origin[] }>;
  sources: { value: SourceDoc; origin: Origin }[];
  catalogues: string[];
}

const keyOf = (doc: { id: string; version: string }) => `${doc.id}@${doc.version}`;
const has = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/**
 * Resolves every version of `sources`. Problems (a missing base, a cycle, removing what is
 * not inherited, a row key that is not unique …) go to `add`; a version that cannot be
 * resolved is left out. The result lists bases before the versions that extend them.
 */
export function resolveVersions(sources: readonly ParsedRuleSet[], add: Add): ResolvedVersion[] {
  const byKey = new Map<string, ParsedRuleSet>();
  for (const s of sources) if (!byKey.has(keyOf(s.doc))) byKey.set(keyOf(s.doc), s);
  const parts = new Map<ParsedRuleSet, Parts | null>();
  const out: ResolvedVersion[] = [];
  /** Problems reported at a version's own parts (file, pointer, code): an extending version does not repeat them. */
  const reported = new Set<string>();
  const own = (s: ParsedRuleSet): At => (pointer, code, de, en, severity) => {
    reported.add(`${s.name}\u0000${pointer}\u0000${code}`);
    add(s.name, s.positions, pointer, code, de, en, severity);
  };

  /** The versions being resolved, innermost last (a stack: each push has its pop). */
  const chain: ParsedRuleSet[] = [];
  const resolving = new Set<ParsedRuleSet>();
  const resolve = (s: ParsedRuleSet): Parts | null => {
    if (parts.has(s)) return parts.get(s)!;
    const at = own(s);
    const baseKey = s.doc.extends;
    let base: Parts | null = null;
    if (baseKey !== undefined) {
      const target = byKey.get(baseKey);
      if (!target) {
        at('/extends', 'extends-missing', `Die Version "${baseKey}", die hier erweitert wird, ist nicht geladen.`, `The version "${baseKey}" this one extends is not loaded.`);
        parts.set(s, null);
        return null;
      }
      if (resolving.has(target) || target === s) {
        const members = target === s ? [s] : [...chain.slice(chain.indexOf(target)), s];
        const cycle = [...members, target].map((x) => keyOf(x.doc)).join(' → ');
        for (const member of members) {
          own(member)('/extends', 'extends-cycle', `Die Versionen erweitern sich im Kreis: ${cycle}.`, `The versions extend each other in a cycle: ${cycle}.`);
          parts.set(member, null);
        }
        return null;
      }
      chain.push(s);
      resolving.add(s);
      base = resolve(target);
      chain.pop();
      resolving.delete(s);
      // A base that cannot be resolved has reported why; its extensions go with it.
      if (base === null || parts.get(s) === null) {
        parts.set(s, null);
        return null;
      }
    }
    const merged = merge(s, base, at);
    parts.set(s, merged);
    out.push(makeResolved(s, merged, baseKey ?? null, at, add, reported));
    return merged;
  };
  for (const s of sources) resolve(s);
  return out;
}

/** The version's parts: its base's, changed by what it writes itself. */
function merge(s: ParsedRuleSet, base: Parts | null, at: At): Parts {
  const doc = s.doc;
  const here = (pointer: string): Origin => ({ from: s, pointer });
  if (base === null) {
    if (doc.remove !== undefined) at('/remove', 'extends-needed', '"remove" gilt nur in einer Version, die eine andere erweitert ("extends").', '"remove" applies only to a version that extends another ("extends").');
    if (doc.change !== undefined) at('/change', 'extends-needed', '"change" gilt nur in einer Version, die eine andere erweitert ("extends").', '"change" applies only to a version that extends another ("extends").');
    if ((s.keys & AFTER_KEY) !== 0) doc.rules?.forEach((r, i) => {
      if (r.after !== undefined) at(`/rules/${i}/after`, 'extends-needed', '"after" gilt nur in einer Version, die eine andere erweitert ("extends").', '"after" applies only to a version that extends another ("extends").');
    });
  }
  const removing = (kind: keyof NonNullable<RuleSetSourceDoc['remove']>, known: (name: string) => boolean, what: { de: string; en: string }) => {
    const names = new Set<string>();
    if (base === null) return names;
    (doc.remove?.[kind] ?? []).forEach((name, i) => {
      if (!known(name)) at(`/remove/${kind}/${i}`, 'remove-unknown', `${what.de} "${name}" wird nicht geerbt und kann nicht entfernt werden.`, `${what.en} "${name}" is not inherited and cannot be removed.`);
      names.add(name);
    });
    return names;
  };

  // Sources: inherited, replaced by id, new ones appended.
  const sources = [...(base?.sources ?? [])];
  doc.sources?.forEach((src, i) => {
    const before = sources.findIndex((x) => x.value.id === src.id && x.origin.from !== s);
    const entry = { value: src, origin: here(`/sources/${i}`) };
    if (before >= 0) sources[before] = entry;
    else sources.push(entry);
  });
  const catalogues = [...new Set([...(base?.catalogues ?? []), ...(doc.catalogues ?? [])])];

  const named = <T>(inherited: Map<string, { value: T; origin: Origin }> | undefined, written: Record<string, T> | undefined, kind: 'conditions' | 'parameters' | 'namedParams', what: { de: string; en: string }) => {
    const map = new Map(inherited ?? []);
    const gone = removing(kind, (n) => map.has(n), what);
    for (const name of gone) map.delete(name);
    for (const [name, value] of Object.entries(written ?? {})) {
      const pointer = `/${kind}/${escapePointerToken(name)}`;
      if (gone.has(name)) at(pointer, 'remove-and-define', `${what.de} "${name}" wird zugleich entfernt und neu geschrieben.`, `${what.en} "${name}" is removed and written at once.`);
      // A parameter written again keeps what it does not restate (type, description).
      const inherited = kind === 'parameters' ? map.get(name) : undefined;
      map.set(name, { value: inherited ? { ...inherited.value, ...value } : value, origin: here(pointer) });
    }
    return map;
  };
  const conditions = named(base?.conditions, doc.conditions, 'conditions', { de: 'Die benannte Bedingung', en: 'The named condition' });
  const parameters = named(base?.parameters, doc.parameters, 'parameters', { de: 'Der Parameter', en: 'The parameter' });
  const namedParams = named(base?.namedParams, doc.namedParams, 'namedParams', { de: 'Der params-Block', en: 'The params block' });

  // Tables: replaced whole (with columns), or rows changed by key (without).
  const tables = new Map(base?.tables ?? []);
  const goneTables = removing('tables', (n) => tables.has(n), { de: 'Die Tabelle', en: 'The table' });
  for (const name of goneTables) tables.delete(name);
  for (const [name, written] of Object.entries(doc.tables ?? {})) {
    const pointer = `/tables/${escapePointerToken(name)}`;
    if (goneTables.has(name)) at(pointer, 'remove-and-define', `Die Tabelle "${name}" wird zugleich entfernt und neu geschrieben.`, `The table "${name}" is removed and written at once.`);
    if (has(written, 'columns')) {
      const table = written as TableDoc;
      tables.set(name, { value: table, origin: here(pointer), rows: table.rows.map((_, i) => here(`${pointer}/rows/${i}`)) });
      continue;
    }
    const inherited = tables.get(name);
    if (!inherited) {
      at(pointer, 'table-patch-unknown', `Die Tabelle "${name}" wird nicht geerbt: ohne "columns" ändert ein Eintrag nur Zeilen einer geerbten Tabelle.`, `The table "${name}" is not inherited: without "columns" an entry only changes rows of an inherited table.`);
      continue;
    }
    tables.set(name, patchTable(inherited, written as TablePatchDoc, pointer, here, at));
  }

  const keys = (base?.keys ?? 0) | s.keys;
  const written = doc.rules ?? [];
  if (base === null && (s.keys & AFTER_KEY) === 0) {
    // Nothing inherited and nothing placed: the rules as written, nothing made per rule.
    let entries: RuleEntry[] | undefined;
    const rules = () => (entries ??= written.map((rule, i) => ({ rule, origin: here(`/rules/${i}`) })));
    return { ruleDocs: written, rules, keys, conditions, namedParams, parameters, tables, sources, catalogues };
  }
  // Rules: inherited in order, replaced in place by name, new ones appended; `after` places one.
  // Linear: one pass over what is written, one over the result.
  type Entry = RuleEntry;
  const inherited = base?.rules() ?? [];
  const inheritedNames = new Set(inherited.map((r) => r.rule.name));
  const goneRules = removing('rules', (n) => inheritedNames.has(n), { de: 'Die Regel', en: 'The rule' });
  // The rules `after` may name: made when a rule has one (nearly none do).
  let known: Set<string> | undefined;
  const knows = (name: string) => (known ??= new Set([...[...inheritedNames].filter((n) => !goneRules.has(n)), ...written.map((r) => r.name)])).has(name);
  const replaced = new Map<string, Entry>();
  /** Inherited rules this version places elsewhere with `after`. */
  const moved = new Set<string>();
  /** Per rule: the rules placed right behind it, in the order written. */
  const behind = new Map<string, Entry[]>();
  const appended: Entry[] = [];
  written.forEach((w, i) => {
    const pointer = `/rules/${i}`;
    if (goneRules.has(w.name)) at(`${pointer}/name`, 'remove-and-define', `Die Regel "${w.name}" wird zugleich entfernt und neu geschrieben.`, `The rule "${w.name}" is removed and written at once.`);
    // Nearly every rule is placed where it is written: it is taken as it is, not copied without `after`.
    const hasAfter = has(w, 'after');
    const after = hasAfter ? w.after : undefined;
    let rule = w as RuleDoc;
    if (hasAfter) {
      const { after: _, ...rest } = w;
      rule = rest as RuleDoc;
    }
    const entry: Entry = { rule, origin: here(pointer) };
    const replacing = base !== null && inheritedNames.has(rule.name) && !goneRules.has(rule.name);
    if (after !== undefined && (!knows(after) || after === rule.name)) {
      at(`${pointer}/after`, 'after-unknown', `"after" nennt die Regel "${after}", die es in dieser Version nicht gibt.`, `"after" names the rule "${after}", which this version does not have.`);
    } else if (after !== undefined) {
      if (replacing) moved.add(rule.name);
      const list = behind.get(after) ?? [];
      list.push(entry);
      behind.set(after, list);
      return;
    }
    if (replacing) replaced.set(rule.name, entry);
    else appended.push(entry);
  });
  const rules: Entry[] = [];
  const placed = new Set<Entry>();
  const emit = (e: Entry) => {
    if (placed.has(e)) return;
    placed.add(e);
    rules.push(e);
    const next = behind.get(e.rule.name);
    if (next !== undefined) for (const x of next) emit(x);
  };
  for (const r of inherited) if (!goneRules.has(r.rule.name) && !moved.has(r.rule.name)) emit(replaced.get(r.rule.name) ?? r);
  for (const e of appended) emit(e);
  // Rules placed behind each other in a circle have no place: said, and put at the end.
  for (const [after, list] of behind) {
    for (const e of list) {
      if (placed.has(e)) continue;
      const i = written.findIndex((w) => w.name === e.rule.name);
      at(`/rules/${i}/after`, 'after-cycle', `Die Regeln stehen mit "after" im Kreis hintereinander (hier hinter "${after}").`, `The rules are placed behind each other in a circle with "after" (here behind "${after}").`);
      emit(e);
    }
  }
  changeRules(rules, doc, base !== null, new Set(written.map((w) => w.name)), goneRules, here, at);
  return { ruleDocs: rules.map((e) => e.rule), rules: () => rules, keys, conditions, namedParams, parameters, tables, sources, catalogues };
}

/**
 * `change.rules`: parts of inherited rules changed in place — description, priority, single
 * finding params (each replaced whole, or dropped with null); the conditions and everything
 * not named stay inherited.
 */
function changeRules(rules: RuleEntry[], doc: RuleSetSourceDoc, extending: boolean, written: ReadonlySet<string>, gone: ReadonlySet<string>, here: (pointer: string) => Origin, at: At): void {
  if (!extending) return;
  const index = new Map(rules.map((e, i) => [e.rule.name, i]));
  for (const [name, change] of Object.entries(doc.change?.rules ?? {})) {
    const pointer = `/change/rules/${escapePointerToken(name)}`;
    const i = index.get(name);
    const entry = i === undefined ? undefined : rules[i]!;
    if (written.has(name) || gone.has(name)) {
      at(pointer, 'change-and-define', `Die Regel "${name}" wird hier geschrieben oder entfernt und zugleich geändert; eines davon.`, `The rule "${name}" is written or removed here and changed at once; one of them.`);
      continue;
    }
    if (entry === undefined) {
      at(pointer, 'change-unknown', `Die Regel "${name}" wird nicht geerbt und kann nicht geändert werden.`, `The rule "${name}" is not inherited and cannot be changed.`);
      continue;
    }
    const rule = entry.rule;
    if (change.event !== undefined && rule.event.type !== 'finding') {
      at(`${pointer}/event`, 'change-event', `Die Regel "${name}" ist eine Korrektur; "event" ändert nur Meldungen.`, `The rule "${name}" is a correction; "event" changes findings only.`);
      continue;
    }
    const changed: RuleDoc = {
      ...rule,
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.priority !== undefined ? { priority: change.priority } : {}),
    };
    if (change.event !== undefined && rule.event.type === 'finding') {
      const params = { ...rule.event.params };
      // A param set to null is dropped (as in a JSON merge patch, RFC 7396): a placeholder the new message no longer shows.
      for (const [k, v] of Object.entries(change.event.params)) {
        if (v === null) delete params[k];
        else params[k] = v;
      }
      changed.event = { type: 'finding', params };
    }
    rules[i!] = { rule: changed, origin: entry.origin, changes: [...(entry.changes ?? []), { value: change, origin: here(pointer) }] };
  }
}

/** An inherited table with rows replaced, added and removed by their key column. */
function patchTable(
  inherited: { value: TableDoc; origin: Origin; rows: Origin[] },
  patch: TablePatchDoc,
  pointer: string,
  here: (pointer: string) => Origin,
  at: At,
): { value: TableDoc; origin: Origin; rows: Origin[] } {
  const table = inherited.value;
  const key = patch.key ?? Object.keys(table.columns)[0]!;
  if (!has(table.columns, key)) {
    at(`${pointer}/key`, 'row-key', `Die Tabelle hat keine Spalte "${key}".`, `The table has no column "${key}".`);
    return inherited;
  }
  const rows: TableRow[] = [...table.rows];
  const origins = [...inherited.rows];
  const index = new Map<string, number>();
  const ambiguous = new Set<string>();
  rows.forEach((r, i) => {
    const k = stableStringify(r[key] ?? null);
    if (index.has(k)) ambiguous.add(k);
    index.set(k, i);
  });
  const find = (value: unknown, where: string): number => {
    const k = stableStringify(value ?? null);
    if (ambiguous.has(k)) {
      at(where, 'row-key', `Mehrere geerbte Zeilen haben in "${key}" den Wert ${k}; mit "key" eine Spalte wählen, die jede Zeile eindeutig nennt.`, `Several inherited rows have ${k} in "${key}"; choose a column that names each row uniquely with "key".`);
      return -2;
    }
    return index.get(k) ?? -1;
  };
  const drop = new Set<number>();
  (patch.removeRows ?? []).forEach((value, i) => {
    const at_ = find(value, `${pointer}/removeRows/${i}`);
    if (at_ === -1) at(`${pointer}/removeRows/${i}`, 'remove-unknown', `Keine geerbte Zeile hat in "${key}" den Wert ${stableStringify(value)}.`, `No inherited row has ${stableStringify(value)} in "${key}".`);
    if (at_ >= 0) drop.add(at_);
  });
  const added: { row: TableRow; origin: Origin }[] = [];
  (patch.rows ?? []).forEach((row, i) => {
    const where = `${pointer}/rows/${i}`;
    const at_ = find(row[key], where);
    if (at_ >= 0 && !drop.has(at_)) {
      rows[at_] = row;
      origins[at_] = here(where);
    } else if (at_ !== -2) added.push({ row, origin: here(where) });
  });
  const keep = rows.map((_, i) => i).filter((i) => !drop.has(i));
  const value: TableDoc = {
    ...table,
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.gap !== undefined ? { gap: patch.gap } : {}),
    rows: [...keep.map((i) => rows[i]!), ...added.map((a) => a.row)],
  };
  return { value, origin: inherited.origin, rows: [...keep.map((i) => origins[i]!), ...added.map((a) => a.origin)] };
}

function makeResolved(s: ParsedRuleSet, p: Parts, base: string | null, own: At, add: Add, reported: Set<string>): ResolvedVersion {
  const d = s.doc;
  const doc: RuleSetDoc = {
    kind: 'ruleset',
    id: d.id,
    version: d.version,
    title: d.title,
    ...(d.description !== undefined ? { description: d.description } : {}),
    validFrom: d.validFrom,
    ...(d.validUntil !== undefined ? { validUntil: d.validUntil } : {}),
    ...(p.catalogues.length ? { catalogues: p.catalogues } : {}),
    sources: p.sources.map((x) => x.value),
    ...(p.parameters.size ? { parameters: Object.fromEntries([...p.parameters].map(([k, v]) => [k, v.value])) } : {}),
    ...(p.tables.size ? { tables: Object.fromEntries([...p.tables].map(([k, v]) => [k, v.value])) } : {}),
    ...(p.conditions.size ? { conditions: Object.fromEntries([...p.conditions].map(([k, v]) => [k, v.value])) } : {}),
    // The array as resolved (the document's own when nothing is inherited, never changed: named params below put in a copy).
    rules: p.ruleDocs as RuleDoc[],
  };
  const me: Origin = { from: s, pointer: '' };
  /** Where the part at `pointer` of the effective version was written. */
  const origin = (pointer: string): Origin => {
    const tokens = pointer.split('/');
    const [, part, name, sub, row] = tokens;
    const rest = (n: number) => tokens.slice(n).map((t) => `/${t}`).join('');
    let o: Origin | undefined;
    let depth = 0;
    if (part === 'rules' && name !== undefined) {
      const entry = p.rules()[Number(name)];
      [o, depth] = [entry?.origin, 3];
      // A part a version changed is located in its "change" entry (event/params/x, description, priority).
      const within = tokens[3] === 'event' && tokens[4] === 'params' ? tokens.slice(3, 6) : tokens.slice(3, 4);
      // The newest version that changed that part (an older change of another part stays where it was written).
      const changes = within.length ? (entry?.changes ?? []) : [];
      for (let k = changes.length - 1; k >= 0; k--) {
        const c = changes[k]!;
        if (within[0] === 'event' ? within.length === 3 && has(c.value.event?.params, unescape(within[2]!)) : has(c.value, within[0]!)) {
          [o, depth] = [{ from: c.origin.from, pointer: `${c.origin.pointer}/${within.join('/')}` }, 3 + within.length];
          break;
        }
      }
    }
    else if (part === 'sources' && name !== undefined) [o, depth] = [p.sources[Number(name)]?.origin, 3];
    else if ((part === 'conditions' || part === 'parameters' || part === 'namedParams') && name !== undefined) [o, depth] = [p[part].get(unescape(name))?.origin, 3];
    else if (part === 'tables' && name !== undefined) {
      const t = p.tables.get(unescape(name));
      if (t && sub === 'rows' && row !== undefined && t.rows[Number(row)]) [o, depth] = [t.rows[Number(row)], 5];
      else [o, depth] = [t?.origin, 3];
    }
    return o ? { from: o.from, pointer: o.pointer + rest(depth) } : { ...me, pointer };
  };
  const key = keyOf(d);
  const at: At = (pointer, code, de, en, severity) => {
    const o = origin(pointer);
    if (o.from === s) return own(o.pointer, code, de, en, severity);
    // Inherited: the base's own check has said it already, unless it arises here (a replaced table, say).
    if (reported.has(`${o.from.name}\u0000${o.pointer}\u0000${code}`)) return;
    add(o.from.name, o.from.positions, o.pointer, code, `${de} (geerbt in ${key})`, `${en} (inherited in ${key})`, severity);
  };
  // Named params blocks put in place: what follows sees plain params only (a name without a block is said).
  // Without the key in any document of the chain there is nothing to put in or to say.
  if ((p.keys & NAMED_PARAMS_KEY) !== 0) {
    doc.rules = doc.rules.map((r, i) => resolveRule(r, `/rules/${i}`, p.namedParams, at));
    for (const [k, c] of Object.entries(doc.conditions ?? {})) doc.conditions![k] = resolveCondition(c, `/conditions/${escapePointerToken(k)}`, p.namedParams, at);
  }
  return { source: s, doc, base, keys: p.keys, at, lineOf: (pointer) => { const o = origin(pointer); return locate(o.from.positions, o.pointer).line; } };
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');
