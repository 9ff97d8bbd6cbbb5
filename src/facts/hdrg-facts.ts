/**
 * Facts about a Hybrid-DRG case (§ 115f SGB V, KVDT hdrg1) and the patient, for the checks the
 * KBV asks of billing software (KVDT-Anforderungskatalog KP8-02, KP8-03, KP8-07, KP8-08,
 * K8-06). The engine does not group: the Hybrid-DRG code is the host grouper's result.
 *
 * Belegungstage (KP8-08): the admission day and each further day count, the discharge day does
 * not; admission and discharge on the same day count as one. This is the one place that says so.
 */
import type { FactDefinition } from './facts';
import type { NormalizedEntry } from './entry';
import { isIsoDate } from './entry';
import { none, simple, tableParam, unknownParams } from './define';
import { icdMasterKey } from './master-facts';
import { daysBetween } from './calendar';


/** Belegungstage from start to end; null when a date is missing or the end lies before the start. */
export function belegungstage(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const days = daysBetween(start, end);
  return days < 0 ? null : Math.max(1, days);
}

/** The value of the `hybridDrg` fact. */
export interface HybridDrgFact {
  code: string;
  /** FK 5027 format `anna`: letter, two digits, letter (KVDT rule 066). */
  wellFormed: boolean;
  start: string | null;
  end: string | null;
  opDate: string | null;
  ventilationHours: number | null;
  /** Belegungstage start–end, see the module comment; null if unknown or end before start. */
  stayDays: number | null;
  /** true/false when both dates are given. */
  endBeforeStart: boolean | null;
  /** true/false when the OP date and both dates are given; with the end before the start, true when the OP date lies before the start. */
  opDateOutsideStay: boolean | null;
}

function hybridDrgFact(e: NormalizedEntry): HybridDrgFact | null {
  const h = e.hybridDrg;
  if (!h) return null;
  const both = h.start !== null && h.end !== null;
  return {
    code: h.code,
    wellFormed: /^[A-Z][0-9]{2}[A-Z]$/.test(h.code),
    start: h.start,
    end: h.end,
    opDate: h.opDate,
    ventilationHours: h.ventilationHours,
    stayDays: belegungstage(h.start, h.end),
    endBeforeStart: both ? h.end! < h.start! : null,
    // Also when the end lies before the start: then the end is the unreliable date, and the OP date is held against the start only.
    opDateOutsideStay: both && h.opDate !== null ? h.opDate < h.start! || (h.end! >= h.start! && h.opDate > h.end!) : null,
  };
}

/** Full years of age on `date`, or null when the birth date is not a full date. */
export function ageOn(birthDate: unknown, date: string): number | null {
  if (!isIsoDate(birthDate)) return null;
  let age = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (date.slice(5) < birthDate.slice(5)) age--;
  return age;
}

/** `list` joined by `, ` with `item` appended (null: none yet): the facts below list codes without a list per entry. */
const joined = (list: string | null, item: string): string => (list === null ? item : `${list}, ${item}`);

/** Secondary-only ICD-10-GM codes carry their mark: `*` (Stern) or `!` (Ausrufezeichen). */
const isSecondaryOnly = (icd: string) => /[*!]$/.test(icd.trim());

export const HDRG_FACTS: FactDefinition[] = [
  simple(
    'hybridDrg',
    'entry',
    (s) => hybridDrgFact(s.entry),
    ['hybridDrg'],
  ),
  simple(
    'patientAge',
    'entry',
    (s) => ageOn(s.entry.birthDate, s.entry.date),
  ),
  simple(
    'birthDateComplete',
    'entry',
    (s) => isIsoDate(s.entry.birthDate),
  ),
  simple(
    'diagnosesNotTerminal',
    'entry',
    (s) => {
      const diagnoses = s.entry.diagnoses;
      let out: string | null = null;
      for (let i = 0; i < diagnoses.length; i++) {
        const icd = diagnoses[i]!.icd.trim();
        if (icd.endsWith('-')) out = joined(out, icd);
      }
      return out;
    },
  ),
  {
    id: 'hasPrimaryDiagnosis',
    scope: 'entry',
    bind(params, env) {
      const p = none('hasPrimaryDiagnosis', params);
      if (p.length) return { problems: p };
      const masters = env.masters;
      return {
        fact: (s) => {
          const diagnoses = s.entry.diagnoses;
          for (let i = 0; i < diagnoses.length; i++) {
            const icd = diagnoses[i]!.icd;
            if (icd.trim() === '' || isSecondaryOnly(icd)) continue;
            // An unknown code counts as primary here: rule 499 reports it.
            const row = masters.icd(icdMasterKey(icd), s.entry.date);
            if (row === undefined || row === null || row.notation === null || row.notation === '+') return true;
          }
          return false;
        },
      };
    },
  },
  {
    id: 'opsMissingLaterality',
    scope: 'entry',
    params: { table: { type: 'string' } },
    bind(params, env) {
      // Without a table only the PVS's flag counts.
      let prefixes: string[] = [];
      if (params !== undefined && Object.keys(params).length > 0) {
        const table = tableParam(params, env.ruleSet.tables, { ops: 'string' });
        if (Array.isArray(table)) return { problems: table };
        prefixes = table.rows.map((r) => r['ops'] as string);
      }
      const masters = env.masters;
      const needsSide = (code: string, flagged: boolean, date: string) => flagged || masters.ops(code.trim(), date)?.sideRequired === true || prefixes.some((p) => code.startsWith(p));
      return {
        fact: (s) => {
          const ops = s.entry.opsDetail;
          let out: string | null = null;
          for (let i = 0; i < ops.length; i++) {
            const o = ops[i]!;
            if (o.laterality === null && needsSide(o.code, o.sided, s.entry.date)) out = joined(out, o.code);
          }
          return out;
        },
      };
    },
  },
  {
    id: 'opsWithLaterality',
    scope: 'entry',
    params: { value: { type: 'string', values: ['R', 'L', 'B'], required: true } },
    bind(params) {
      const value = params?.['value'];
      const problems = unknownParams(params, ['value']);
      if (typeof value !== 'string' || value === '') problems.push({ at: '/value', de: 'value muss eine Seitenangabe sein (R, L, B).', en: 'value must be a laterality (R, L, B).' });
      if (problems.length) return { problems };
      return {
        fact: (s) => {
          const ops = s.entry.opsDetail;
          let out: string | null = null;
          for (let i = 0; i < ops.length; i++) if (ops[i]!.laterality === value) out = joined(out, ops[i]!.code);
          return out;
        },
      };
    },
  },
];
