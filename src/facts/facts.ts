/**
 * The facts rules can ask for: the vocabulary of the rule sets. Both evaluators use these
 * same definitions (the compiled one and the json-rules-engine reference), so they can only
 * differ in how conditions are evaluated, never in what a fact means.
 *
 * A fact is bound once per rule-set version and params at compile time (tables looked up,
 * indexes and prices precomputed) into a plain function of the evaluation scope.
 */
import type { CatalogueRowDoc, ConditionDoc, ParameterType, RuleSetDoc, TableDoc } from '../model';
import type { MasterCatalogues } from '../catalogues/master-catalogues';
import type { MasterFile } from '../catalogues/master-document';
import type { NormalizedCost, NormalizedEntry } from './entry';
import { priceCents } from '../money/goae-fee';
import type { CompiledContext } from '../context/context';
import { ASV_FACTS } from './asv-facts';
import { markRead, simple, unknownParams } from './define';
import { HDRG_FACTS } from './hdrg-facts';
import { CONTRACT_FACTS, type CompiledContracts } from './contract-facts';
import { BATCH_FACTS, type BatchView, type CounterSpec } from './batch-facts';
import { RECORD_FACTS } from './record-facts';
import { MASTER_FACTS } from './master-facts';

/** What one evaluation sees: the entry, and in the `cost` scope one 5011/5012 pair. */
export interface Scope {
  entry: NormalizedEntry;
  /** Index of the pair in `costs`; -1 in the entry scope. */
  costIndex: number;
  cost: NormalizedCost | null;
  /** The checker's practice context, if any. */
  context: CompiledContext | null;
  /** The day of the check (CheckerOptions.checkDate), if the host gave one. */
  checkDate: string | null;
  /** The batch being checked (`checkAll`, `batch()`, KVDT files); null for a single `check`. */
  batch: BatchView | null;
  /**
   * Per-evaluation fact cache of the compiled evaluator: slot → value, valid while the slot's
   * stamp equals `entryGen` (facts of the entry: one generation per entry) or `gen` (facts of a
   * pair and named conditions: one generation per entry or pair evaluation). Both only grow.
   */
  vals: unknown[];
  stamp: Uint32Array;
  gen: number;
  entryGen: number;
}

export type BoundFact = (scope: Scope) => unknown;

/** A GOÄ catalogue after loading. */
export interface CompiledCatalogue {
  id: string;
  pointValueCent: string;
  /** The rows of each number (several when its points changed, with periods that do not overlap). */
  rows: Map<string, CatalogueRowDoc[]>;
  /** The row of `number` valid on the service day `date`, or null. */
  row(number: string, date: string): CatalogueRowDoc | null;
  /** The value of the `goaeItem` fact for a number on `date` (a frozen object, made on first use; no undefined fields), or null. */
  item(number: string, date: string): GoaeItem | null;
}

export interface GoaeItem {
  number: string;
  points: number | null;
  section: string;
  sectionA: boolean;
  simpleRateOnly: boolean;
  label: string;
}

/** What binding needs: the rule-set version's tables and the loaded catalogues. */
export interface BindEnv {
  ruleSet: RuleSetDoc;
  catalogues: Map<string, CompiledCatalogue>;
  /** The loaded § 140a contracts. */
  contracts: CompiledContracts;
  /** Memo for expensive bindings (price tables), per rule-set version. */
  memo: Map<string, unknown>;
  /** Batch counters the rule-set version's rules use (filled while binding `batchCount`). */
  counters: CounterSpec[];
  /** What the version's rules read of `patient` and `case` as objects (filled while compiling; see EntryReads). */
  reads: { patient: Set<string> | 'all' | null; case: Set<string> | 'all' | null };
  /** The KBV master catalogues loaded with the rule sets (SDHDRG, SDOPS, SDICD, SDEBM). */
  masters: MasterCatalogues;
}

export interface BindProblem {
  /** JSON pointer relative to the fact's `params` ("" for the fact itself). */
  at: string;
  de: string;
  en: string;
}

export type BindResult = { fact: BoundFact } | { problems: BindProblem[] };

/** A param a fact takes (`"params": {...}` next to `"fact"`), for the schema's completion and docs/facts.md; bind checks it. */
export interface ParamSpec {
  type: 'string' | 'boolean';
  /** The values it may take, when they are few. */
  values?: readonly string[];
  required?: boolean;
  // What it means (de/en) lives in fact-docs.ts (FACT_PARAM_DOCS), for the schema and docs: the core does not carry it.
}

export interface FactDefinition {
  id: string;
  /** `cost` facts exist only in rules with `"scope": "cost"`. */
  scope: 'entry' | 'cost';
  // What the fact is (de/en) lives in fact-docs.ts, for the schema and docs: the core does not carry it.
  /**
   * The fact is null whenever the entry has no team number (FK 5100), is no Hybrid-DRG case,
   * the checker has no practice context, the entry names no KVDT record (`case.recordType`),
   * it is not the first service of its case (`case.serviceIndex` > 0), has no pseudo-LANR
   * (FK 5101) or no pair with FK 5074/5075; the rule index uses this to skip such rules.
   */
  nullWithout?: readonly ('teamNumber' | 'hybridDrg' | 'context' | 'record' | 'first' | 'pseudoLanr' | 'material')[];
  /**
   * The KBV master files the fact reads with these params: without a catalogue of one of them
   * for the service date the fact is null, so the rules that need it stay silent (and the
   * loader says which, once).
   */
  masters?(params: Record<string, unknown> | undefined): readonly MasterFile[];
  /**
   * The fee numbers for which condition `c` on this fact can be true, when the fact can tell
   * (e.g. from a master catalogue); null when it cannot. Keeps the rule keyed in the trigger
   * index instead of running for every entry. Must be sound: false for every other fee number.
   */
  triggerKeys?(c: ConditionDoc, env: BindEnv): Set<string> | null;
  /** The params it takes (none when absent). */
  params?: Readonly<Record<string, ParamSpec>>;
  /** Parameters of the rule set it receives when bound (see load/parameters.ts): a threshold lives in the rule set, not here. */
  parameters?: readonly { name: string; type: ParameterType }[];
  bind(params: Record<string, unknown> | undefined, env: BindEnv): BindResult;
}

/**
 * Facts that only read a field of the normalized entry or pair, numbered: the interpreter
 * reads them through {@link readField} (one switch it can inline: no call, no cache), every
 * other caller through the fact's own function. A test holds the two equal for every field
 * (and for the kvdtFields placed by a field number, see PLAIN_KVDT_FIELDS).
 */
export const FIELD_IDS: Readonly<Record<string, number>> = { date: 0, gop: 1, teamNumber: 2, lanr: 3, bsnr: 4, laterality: 5, costCount: 6, ops: 7, opsCount: 8, diagnoses: 9, patient: 10, case: 11, costIndex: 12, cost5011: 13, cost5012: 14, pseudoLanr: 15, recordType: 17 };

/** The value of field fact number `field` (see FIELD_IDS). */
export function readField(s: Scope, field: number): unknown {
  const e = s.entry;
  switch (field) {
    case 0:
      return e.date;
    case 1:
      return e.gop;
    case 2:
      return e.teamNumber;
    case 3:
      return e.lanr;
    case 4:
      return e.bsnr;
    case 5:
      return e.laterality;
    case 6:
      return e.costCount;
    case 7:
      return e.ops;
    case 8:
      return e.ops.length;
    case 9:
      return e.diagnoses;
    case 10:
      return e.patient;
    case 11:
      return e.case;
    case 12:
      return s.costIndex;
    case 13:
      return s.cost?.d5011 ?? null;
    case 14:
      return s.cost?.d5012 ?? null;
    case 15:
      return e.pseudoLanr;
    case 16:
      return e.hospitalIk;
    default:
      return e.caseFields?.recordType ?? null;
  }
}

const ENTRY_FACTS: FactDefinition[] = [
  simple('date', 'entry', (s) => s.entry.date),
  simple('gop', 'entry', (s) => s.entry.gop),
  simple('teamNumber', 'entry', (s) => s.entry.teamNumber),
  simple('lanr', 'entry', (s) => s.entry.lanr),
  simple('bsnr', 'entry', (s) => s.entry.bsnr),
  simple('pseudoLanr', 'entry', (s) => s.entry.pseudoLanr, ['pseudoLanr']),
  simple('laterality', 'entry', (s) => s.entry.laterality),
  simple('costCount', 'entry', (s) => s.entry.costCount),
  simple('ops', 'entry', (s) => s.entry.ops),
  simple('opsCount', 'entry', (s) => s.entry.ops.length),
  simple('diagnoses', 'entry', (s) => s.entry.diagnoses),
  simple('patient', 'entry', (s) => s.entry.patient),
  simple('case', 'entry', (s) => s.entry.case),
];

const COST_FACTS: FactDefinition[] = [
  simple('costIndex', 'cost', (s) => s.costIndex),
  simple('cost5011', 'cost', (s) => s.cost?.d5011 ?? null),
  simple('cost5012', 'cost', (s) => s.cost?.d5012 ?? null),
  simple('cost5074', 'cost', (s) => s.cost?.d5074 ?? null, ['material']),
  simple('cost5075', 'cost', (s) => s.cost?.d5075 ?? null, ['material']),
];

function catalogueParam(params: Record<string, unknown> | undefined, env: BindEnv): CompiledCatalogue | BindProblem {
  const id = params?.['catalogue'] ?? 'goae';
  if (typeof id !== 'string') return { at: '/catalogue', de: 'catalogue muss ein Text sein.', en: 'catalogue must be a string.' };
  if (!(env.ruleSet.catalogues ?? []).includes(id)) {
    return { at: '/catalogue', de: `Das Regelwerk nennt den Katalog "${id}" nicht unter catalogues.`, en: `The rule set does not list catalogue "${id}" under catalogues.` };
  }
  const cat = env.catalogues.get(id);
  if (!cat) return { at: '/catalogue', de: `Katalog "${id}" ist nicht geladen.`, en: `Catalogue "${id}" is not loaded.` };
  return cat;
}


const CATALOGUE: ParamSpec = { type: 'string' };

const goaeItem: FactDefinition = {
  id: 'goaeItem',
  scope: 'cost',
  params: { catalogue: CATALOGUE },
  bind(params, env) {
    const problems = unknownParams(params, ['catalogue']);
    const cat = catalogueParam(params, env);
    if ('at' in cat) problems.push(cat);
    if (problems.length || 'at' in cat) return { problems };
    return { fact: (s) => (s.cost?.d5011 != null ? cat.item(s.cost.d5011, s.entry.date) : null) };
  },
};

/**
 * GOÄ number and service day → price in cents for one catalogue and factor table, worked out
 * on first use per catalogue row and kept (loading stays fast; a practice bills few distinct
 * numbers).
 */
function priceTable(cat: CompiledCatalogue, table: TableDoc): (number: string, date: string) => string | null {
  const byNumber = new Map<string, string>();
  const bySection = new Map<string, string>();
  for (const r of table.rows) {
    for (const n of (r['numbers'] as string[] | null) ?? []) byNumber.set(n, r['factor'] as string);
    for (const sec of (r['sections'] as string[] | null) ?? []) bySection.set(sec, r['factor'] as string);
  }
  const prices = new Map<CatalogueRowDoc, string | null>();
  return (number, date) => {
    const row = cat.row(number, date);
    if (!row) return null;
    const known = prices.get(row);
    if (known !== undefined) return known;
    // A number listed in section A has the § 5 Abs. 3 fee range, whatever section prints it.
    const factor = byNumber.get(row.number) ?? (row.sectionA ? bySection.get('A') : undefined) ?? bySection.get(row.section);
    // Simple-rate-only items are not priced: whether ASV applies its factor to them is open.
    const price = factor === undefined || row.points === null || row.simpleRateOnly ? null : priceCents(row.points, cat.pointValueCent, factor);
    prices.set(row, price);
    return price;
  };
}

const goaePriceCents: FactDefinition = {
  id: 'goaePriceCents',
  scope: 'cost',
  params: {
    catalogue: CATALOGUE,
    factors: { type: 'string', required: true },
  },
  bind(params, env) {
    const problems = unknownParams(params, ['catalogue', 'factors']);
    const cat = catalogueParam(params, env);
    if ('at' in cat) problems.push(cat);
    const factors = params?.['factors'];
    const table = typeof factors === 'string' ? env.ruleSet.tables?.[factors] : undefined;
    if (!table) {
      problems.push({ at: '/factors', de: 'factors muss eine Tabelle dieses Regelwerks nennen.', en: 'factors must name a table of this rule set.' });
    } else {
      for (const [col, type] of [
        ['numbers', 'goae[]'],
        ['sections', 'string[]'],
        ['factor', 'decimal'],
      ] as const) {
        if (table.columns[col]?.type !== type) {
          problems.push({ at: '/factors', de: `Die Faktortabelle braucht die Spalte ${col} vom Typ ${type}.`, en: `The factor table needs column ${col} of type ${type}.` });
        }
      }
      const seen = new Map<string, number>();
      table.rows.forEach((r, i) => {
        for (const key of [...((r['numbers'] as string[] | null) ?? []).map((n) => `Nr. ${n}`), ...((r['sections'] as string[] | null) ?? []).map((x) => `Abschnitt ${x}`)]) {
          const before = seen.get(key);
          if (before !== undefined) {
            problems.push({ at: '/factors', de: `${key} steht in den Zeilen ${before} und ${i} der Faktortabelle.`, en: `${key} is in rows ${before} and ${i} of the factor table.` });
          }
          seen.set(key, i);
        }
      });
    }
    if (problems.length || 'at' in cat || !table) return { problems };
    const key = `price:${cat.id}:${factors as string}`;
    let prices = env.memo.get(key) as ((n: string, date: string) => string | null) | undefined;
    if (!prices) {
      prices = priceTable(cat, table);
      env.memo.set(key, prices);
    }
    const price = prices;
    return { fact: (s) => (s.cost?.d5011 != null ? price(s.cost.d5011, s.entry.date) : null) };
  },
};

const tableRow: FactDefinition = {
  id: 'tableRow',
  scope: 'entry',
  params: {
    table: { type: 'string', required: true },
    column: { type: 'string', required: true },
    equalsFact: { type: 'string', required: true },
    validOn: { type: 'string' },
  },
  bind(params, env) {
    const problems = unknownParams(params, ['table', 'column', 'equalsFact', 'validOn']);
    const tableName = params?.['table'];
    const table = typeof tableName === 'string' ? env.ruleSet.tables?.[tableName] : undefined;
    if (!table) problems.push({ at: '/table', de: 'table muss eine Tabelle dieses Regelwerks nennen.', en: 'table must name a table of this rule set.' });
    const column = params?.['column'];
    if (table && (typeof column !== 'string' || !table.columns[column])) {
      problems.push({ at: '/column', de: 'column muss eine Spalte der Tabelle nennen.', en: 'column must name a column of the table.' });
    }
    const equalsFact = params?.['equalsFact'];
    const keyFact = typeof equalsFact === 'string' ? ENTRY_FACT_MAP.get(equalsFact) : undefined;
    if (!keyFact) problems.push({ at: '/equalsFact', de: 'equalsFact muss einen Fakt der Leistung nennen (z. B. gop).', en: 'equalsFact must name an entry fact (e.g. gop).' });
    const validOn = params?.['validOn'];
    const dateFact = validOn === undefined ? undefined : typeof validOn === 'string' ? ENTRY_FACT_MAP.get(validOn) : undefined;
    if (validOn !== undefined && !dateFact) problems.push({ at: '/validOn', de: 'validOn muss einen Datumsfakt nennen (z. B. date).', en: 'validOn must name a date fact (e.g. date).' });
    if (table && validOn !== undefined && (table.columns['validFrom']?.type !== 'date' || table.columns['validUntil']?.type !== 'date')) {
      problems.push({ at: '/validOn', de: 'validOn braucht die Datumsspalten validFrom und validUntil.', en: 'validOn needs the date columns validFrom and validUntil.' });
    }
    if (problems.length || !table || !keyFact) return { problems };
    if (keyFact.id === 'patient' || keyFact.id === 'case') markRead(env, keyFact.id, undefined);
    const keyFn = (keyFact.bind(undefined, env) as { fact: BoundFact }).fact;
    const dateFn = dateFact ? (dateFact.bind(undefined, env) as { fact: BoundFact }).fact : undefined;
    const index = new Map<unknown, typeof table.rows>();
    for (const row of table.rows) {
      const k = row[column as string];
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push(row);
    }
    return {
      fact: (s) => {
        const rows = index.get(keyFn(s));
        if (!rows) return null;
        if (!dateFn) return rows[0];
        const d = dateFn(s);
        if (typeof d !== 'string') return null;
        for (const row of rows) {
          const from = row['validFrom'] as string | null;
          const until = row['validUntil'] as string | null;
          if ((from === null || from <= d) && (until === null || d <= until)) return row;
        }
        return null;
      },
    };
  },
};

/** Every fact, by id. */
export const FACTS: ReadonlyMap<string, FactDefinition> = new Map(
  [...ENTRY_FACTS, tableRow, ...COST_FACTS, goaeItem, goaePriceCents, ...ASV_FACTS, ...HDRG_FACTS, ...BATCH_FACTS, ...CONTRACT_FACTS, ...RECORD_FACTS, ...MASTER_FACTS].map((f) => [f.id, f]),
);
const ENTRY_FACT_MAP = new Map(ENTRY_FACTS.map((f) => [f.id, f]));

/** Builds the catalogue view the facts use from its rows by number, each number's in file order (the loader's walk makes it). */
export function compileCatalogue(id: string, pointValueCent: string, byNumber: Map<string, CatalogueRowDoc[]>): CompiledCatalogue {
  const row = (number: string, date: string): CatalogueRowDoc | null => {
    const list = byNumber.get(number);
    if (!list) return null;
    for (const r of list) if ((r.validFrom === undefined || r.validFrom <= date) && (r.validUntil == null || date <= r.validUntil)) return r;
    return null;
  };
  // Made on first use: loading stays fast, and a practice bills few distinct numbers.
  const items = new Map<CatalogueRowDoc, GoaeItem>();
  const item = (number: string, date: string): GoaeItem | null => {
    const r = row(number, date);
    if (!r) return null;
    let it = items.get(r);
    if (it) return it;
    it = Object.freeze({ number: r.number, points: r.points, section: r.section, sectionA: r.sectionA === true, simpleRateOnly: r.simpleRateOnly === true, label: r.label });
    items.set(r, it);
    return it;
  };
  return { id, pointValueCent, rows: byNumber, row, item };
}
