/**
 * Facts that compare an entry with the other entries of its batch: the same patient on the
 * same day or in the same quarter. A batch's results are those of two passes (see
 * `src/evaluate/batch.ts`): the first counts, the second evaluates; `checkAll` and the stream
 * session reach them in one (`src/evaluate/stream.ts`). A single `check` has no
 * batch, and these facts are null there, so the rules that use them stay silent.
 *
 * The patient is identified by insurance number (FK 3119/3105, else the PVS patient number
 * FK 3000) together with the birth date (FK 3103): test and real files do contain two people
 * with one insurance number.
 */
import type { NormalizedEntry } from './entry';
import type { BindEnv, FactDefinition } from './facts';
import { unknownParams } from './define';

/** One counter a rule-set version's rules need: which entries it counts, grouped how. */
export interface CounterSpec {
  /** `id@version|params`: the same for every binding of the same params. */
  key: string;
  /**
   * Whether an entry of fee number `gop`, date `date` and with (`hybridDrg`) or without a
   * Hybrid-DRG case is counted: only these three decide, so that an entry can be told apart
   * before it is copied (see RouteGate).
   */
  matches(gop: string, date: string, hybridDrg: boolean): boolean;
  /**
   * True when `matches` reads `date`; false when fee number and Hybrid-DRG flag alone decide,
   * always alike (the checker then remembers the answer per fee number: see RouteGate).
   */
  dated: boolean;
  /** Entries are counted per patient and this period. */
  per: Period;
  /** ... and per fee number. */
  byGop: boolean;
  /**
   * Fee numbers the rules using this counter can fire for (from the trigger index), or null
   * for any. Set after compiling; entries with other fee numbers need not be counted.
   */
  restrictTo?: ReadonlySet<string> | null;
  /** Some rule reads the count of entries checked before (`count: "before"`): only then does the second pass count. */
  readBefore?: boolean;
}

/** Whether `spec` counts `entry`. */
export const countedBy = (spec: CounterSpec, entry: NormalizedEntry): boolean => spec.matches(entry.gop, entry.date, entry.hybridDrg !== null);

/** The counter key of a `batchCount` condition, as the fact's binding builds it. */
export function batchCountKey(ruleSet: { id: string; version: string }, params: Record<string, unknown> | undefined): string {
  return `${ruleSet.id}@${ruleSet.version}|batchCount|${String(params?.['per'])}|${String(params?.['match'])}|${String(params?.['table'] ?? '')}`;
}

/**
 * The version's counter with `spec`'s key, registering `spec` when it is the first: every
 * binding of the same counter (compiled and reference evaluator alike) then reads one count.
 */
export function shareCounter(env: BindEnv, spec: CounterSpec): CounterSpec {
  const known = env.counters.find((c) => c.key === spec.key);
  if (known) return known;
  env.counters.push(spec);
  return spec;
}

/** What the facts read from the batch being checked. */
export interface BatchView {
  /** Matching entries of the whole batch in the entry's group; with `gop`, in the group of that fee number instead of the entry's own. */
  total(spec: CounterSpec, entry: NormalizedEntry, gop?: string): number;
  /** Matching entries in the entry's group checked before this one (second pass). */
  before(spec: CounterSpec, entry: NormalizedEntry): number;
}

const trimmed = (v: string | null): string | null => (v !== null && v.trim() !== '' ? v.trim() : null);

/**
 * Who the entry's patient is across entries (with the birth date: see above), or null when
 * the entry does not say.
 */
export function patientId(entry: NormalizedEntry): string | null {
  return trimmed(entry.insuranceNumber) ?? trimmed(entry.patientNumber);
}

type Match = 'hybridDrg' | 'sameGop' | 'gopInTable' | 'ebmOperation';
const MATCHES: readonly Match[] = ['hybridDrg', 'sameGop', 'gopInTable', 'ebmOperation'];

/** EBM sections of operations (SDEBM kap_bez): 31.2 ambulante, 36.2 belegärztliche Operationen. */
const OPERATION_SECTIONS = ['31.2', '36.2'];
const isOperationPath = (path: string | null) => path !== null && OPERATION_SECTIONS.some((p) => path === p || path.startsWith(`${p}.`));
const PERIODS = ['patientDay', 'patientQuarter'] as const;
type Period = (typeof PERIODS)[number];

const batchCount: FactDefinition = {
  id: 'batchCount',
  scope: 'entry',
  masters: (params) => (params?.['match'] === 'ebmOperation' ? ['SDEBM'] : []),
  params: {
    per: { type: 'string', values: PERIODS, required: true },
    match: { type: 'string', values: MATCHES, required: true },
    table: { type: 'string' },
    count: { type: 'string', values: ['others', 'before'] },
  },
  bind(params, env) {
    const problems = unknownParams(params, ['per', 'match', 'table', 'count']);
    const per = params?.['per'];
    if (!PERIODS.includes(per as never)) problems.push({ at: '/per', de: 'per muss patientDay oder patientQuarter sein.', en: 'per must be patientDay or patientQuarter.' });
    const match = params?.['match'];
    if (!MATCHES.includes(match as never)) problems.push({ at: '/match', de: 'match muss hybridDrg, sameGop, gopInTable oder ebmOperation sein.', en: 'match must be hybridDrg, sameGop, gopInTable or ebmOperation.' });
    const count = params?.['count'] ?? 'others';
    if (count !== 'others' && count !== 'before') problems.push({ at: '/count', de: 'count muss others oder before sein.', en: 'count must be others or before.' });
    let ranges: [string, string][] = [];
    if (match === 'gopInTable') {
      const name = params?.['table'];
      const table = typeof name === 'string' ? env.ruleSet.tables?.[name] : undefined;
      if (!table || table.columns['from']?.type !== 'string' || table.columns['to']?.type !== 'string') {
        problems.push({ at: '/table', de: 'table muss eine Tabelle mit den Textspalten from und to nennen.', en: 'table must name a table with the string columns from and to.' });
      } else {
        ranges = table.rows.map((r) => [r['from'] as string, r['to'] as string]);
      }
    } else if (params?.['table'] !== undefined) {
      problems.push({ at: '/table', de: 'table gilt nur mit match: gopInTable.', en: 'table applies only with match: gopInTable.' });
    }
    if (problems.length) return { problems };

    const masters = env.masters;
    // Without an SDEBM for the day, an EBM operation cannot be told: the count is unknown (null).
    const unknown = match === 'ebmOperation' ? (e: NormalizedEntry) => masters.on('SDEBM', e.date) === undefined : () => false;
    const spec: CounterSpec = {
      restrictTo: null,
      key: batchCountKey(env.ruleSet, params),
      matches:
        match === 'hybridDrg'
          ? (_gop, _date, hybridDrg) => hybridDrg
          : match === 'sameGop'
            ? (gop) => !spec.restrictTo || spec.restrictTo.has(gop)
            : match === 'ebmOperation'
              ? (gop, date) => isOperationPath(masters.gop(gop, date)?.chapterPath ?? null)
              : (gop) => ranges.some(([from, to]) => gop.length === from.length && from <= gop && gop <= to),
      per: per as Period,
      byGop: match === 'sameGop',
      // Without any SDEBM the EBM operation is never told (no date has one): false whatever the date.
      dated: match === 'ebmOperation' && masters.all.some((c) => c.masterFile === 'SDEBM'),
    };
    const shared = shareCounter(env, spec);
    if (count === 'before') {
      shared.readBefore = true;
      return { fact: (s) => (s.batch && patientId(s.entry) !== null && !unknown(s.entry) ? s.batch.before(shared, s.entry) : null) };
    }
    return {
      fact: (s) => {
        if (!s.batch || patientId(s.entry) === null || unknown(s.entry)) return null;
        return Math.max(0, s.batch.total(shared, s.entry) - (countedBy(shared, s.entry) ? 1 : 0));
      },
    };
  },
};

export const BATCH_FACTS: FactDefinition[] = [batchCount];
