/**
 * Facts that read a service entry as the KVDT record it comes from: a field by its field
 * identifier (FK), as the KBV's rule tables name them ("FK 5034 ≤ FK 4110"), the record type,
 * whether the entry is the first service of its case (so a check of the case runs once per
 * case, not once per service), the day of the check, and the patient's age on a date field.
 *
 * Fields of the case (Scheindaten) come from `case` under fixed names (plugin-api/FIELDS.md);
 * only the names a loaded rule reads are copied from the host's object.
 */
import { readField, type BindEnv, type BoundFact, type FactDefinition, type Scope } from './facts';
import { isIsoDate } from './entry';
import { markRead, none, unknownParams } from './define';
import { ageOn } from './hdrg-facts';
import { asvTeamNumberStatus } from './team-number';

type Kind = 'date' | 'text' | 'number' | 'period' | 'list';

/**
 * Where a field is: on the entry; a text the normalized entry holds as this fact gives it (a
 * non-empty string or null), by its readField number, which the interpreter then reads as a plain
 * field (see PLAIN_KVDT_FIELDS); or under a key of `patient` or `case` (then copied only when read).
 */
type Place = { read: (s: Scope) => unknown } | { field: number } | { object: 'patient' | 'case'; key: string; sub?: string };

/** The KVDT fields the fact knows, by FK: where the entry holds it and what it is. */
const FIELDS: Readonly<Record<string, { kind: Kind; at: Place }>> = {
  // The practice's pseudo-LANRs of hospital doctors in ASV (besa, FK 0223), as the KVDT mapping passes them.
  '0223': { kind: 'list', at: { object: 'case', key: 'practicePseudoLanrs' } },
  '3103': { kind: 'date', at: { read: (s) => s.entry.birthDate } },
  '3110': { kind: 'text', at: { object: 'patient', key: 'sex' } },
  '3111': { kind: 'number', at: { read: (s) => s.entry.hybridDrg?.admissionWeight ?? null } },
  '4101': { kind: 'text', at: { object: 'case', key: 'quarter' } },
  '4109': { kind: 'date', at: { object: 'case', key: 'cardRead' } },
  '4110': { kind: 'date', at: { object: 'case', key: 'insuranceEnd' } },
  '4125': { kind: 'period', at: { object: 'case', key: 'validity' } },
  '4133': { kind: 'date', at: { object: 'case', key: 'insuranceStart' } },
  '4239': { kind: 'text', at: { object: 'case', key: 'subgroup' } },
  '5000': { kind: 'date', at: { read: (s) => s.entry.date } },
  '5001': { kind: 'text', at: { field: 1 } },
  '5027': { kind: 'text', at: { read: (s) => s.entry.hybridDrg?.code ?? null } },
  '5028': { kind: 'date', at: { read: (s) => s.entry.hybridDrg?.start ?? null } },
  '5029': { kind: 'date', at: { read: (s) => s.entry.hybridDrg?.end ?? null } },
  '5030': { kind: 'number', at: { read: (s) => s.entry.hybridDrg?.ventilationHours ?? null } },
  '5034': { kind: 'date', at: { read: (s) => s.entry.hybridDrg?.opDate ?? null } },
  '5041': { kind: 'text', at: { field: 5 } },
  '5098': { kind: 'text', at: { field: 4 } },
  '5099': { kind: 'text', at: { field: 3 } },
  '5100': { kind: 'text', at: { field: 2 } },
  '5101': { kind: 'text', at: { field: 15 } },
  '5102': { kind: 'text', at: { field: 16 } },
  '9103': { kind: 'date', at: { object: 'case', key: 'fileCreated' } },
  '9204': { kind: 'text', at: { object: 'case', key: 'billingQuarter' } },
  // Referral fields of the Überweisungsschein (0102) and the hdrg1 record, as the KVDT mapping keeps them.
  ...Object.fromEntries(['4217', '4218', '4219', '4220', '4225', '4226', '4241', '4242', '4243', '4248', '4249'].map((fk) => [fk, { kind: 'text' as Kind, at: { object: 'case' as const, key: 'referral', sub: fk } }])),
};

/**
 * The fields of FIELDS placed by a readField number (normalizeEntry's optionalString, the KVDT
 * reader's trusted entries likewise; the fee number always a non-empty string), by FK: the
 * interpreter reads them as plain fields. A test holds the two reads equal.
 */
export const PLAIN_KVDT_FIELDS: Readonly<Record<string, number>> = Object.fromEntries(Object.entries(FIELDS).flatMap(([fk, { at }]) => ('field' in at ? [[fk, at.field]] : [])));

/** A date as KVDT rules compare it: YYYY-MM-DD; a birth date may have 00 for an unknown month or day (KVDT rule 021). */
const DATE_WITH_ZEROS = /^\d{4}-\d{2}-\d{2}$/;

function typed(kind: Kind, fk: string, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  switch (kind) {
    case 'date':
      return fk === '3103' ? (typeof v === 'string' && DATE_WITH_ZEROS.test(v) ? v : null) : isIsoDate(v) ? v : null;
    case 'text':
      return typeof v === 'string' ? v : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'list':
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
    case 'period': {
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      const { from, until } = v as { from?: unknown; until?: unknown };
      return isIsoDate(from) && isIsoDate(until) ? { from, until } : null;
    }
  }
}

/** The bound reader of field `fk` (a known FK), registering what it reads of patient/case. */
function fieldReader(fk: string, env: BindEnv): BoundFact {
  const { kind, at } = FIELDS[fk]!;
  if ('read' in at) return (s) => typed(kind, fk, at.read(s));
  if ('field' in at) return (s) => typed(kind, fk, readField(s, at.field));
  markRead(env, at.object, [at.key]);
  const { object, key, sub } = at;
  return (s) => {
    const holder = object === 'case' ? s.entry.case : s.entry.patient;
    let v = holder !== null && Object.prototype.hasOwnProperty.call(holder, key) ? holder[key] : undefined;
    if (sub !== undefined) v = typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, sub) ? (v as Record<string, unknown>)[sub] : undefined;
    return typed(kind, fk, v);
  };
}

const KNOWN = Object.keys(FIELDS).sort().join(', ');

/** The `fk` param: a field the fact knows (or, with `kind`, one of that kind); else a problem. */
function fkParam(params: Record<string, unknown> | undefined, allowed: readonly string[], kind?: Kind) {
  const problems = unknownParams(params, allowed);
  const fk = params?.['fk'];
  const known = typeof fk === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, fk) && (kind === undefined || FIELDS[fk]!.kind === kind);
  if (!known) {
    const which = kind === undefined ? KNOWN : Object.keys(FIELDS).filter((k) => FIELDS[k]!.kind === kind).sort().join(', ');
    problems.push({ at: '/fk', de: `fk muss eines dieser Felder nennen: ${which}.`, en: `fk must name one of these fields: ${which}.` });
  }
  return { fk: fk as string, problems };
}

/** The day of the check: the checker's checkDate, else the billing file's creation date (case.fileCreated). */
function checkDateReader(env: BindEnv): BoundFact {
  const created = fieldReader('9103', env);
  return (s) => s.checkDate ?? created(s);
}

/** The number formats of KVDT rules 059 (ASV team number 00nnnnnnP) and 063/064 (pseudo-LANR 555555nff), by field. */
const FORMATS: Readonly<Record<string, 'team' | 'pseudo'>> = { '5100': 'team', '4225': 'team', '4226': 'team', '5101': 'pseudo', '4248': 'pseudo', '4249': 'pseudo' };

/**
 * Pseudo-LANR `555555nff`: n the serial digit, ff the Fachgruppe (KVDT rule 063). Whether ff is
 * a Fachgruppe of the KBV Arztnummern-Richtlinie is not checked: that list is not in the rule set.
 */
const PSEUDO_LANR = /^555555\d{3}$/;

export const RECORD_FACTS: FactDefinition[] = [
  {
    id: 'kvdtField',
    scope: 'entry',
    bind(params, env) {
      const { fk, problems } = fkParam(params, ['fk']);
      return problems.length ? { problems } : { fact: fieldReader(fk, env) };
    },
  },
  {
    id: 'kvdtFieldFormat',
    scope: 'entry',
    bind(params, env) {
      const problems = unknownParams(params, ['fk']);
      const fk = params?.['fk'];
      if (typeof fk !== 'string' || !Object.prototype.hasOwnProperty.call(FORMATS, fk)) {
        problems.push({ at: '/fk', de: `fk muss eines dieser Felder nennen: ${Object.keys(FORMATS).join(', ')}.`, en: `fk must name one of these fields: ${Object.keys(FORMATS).join(', ')}.` });
        return { problems };
      }
      if (problems.length) return { problems };
      const read = fieldReader(fk, env);
      const team = FORMATS[fk] === 'team';
      return {
        fact: (s) => {
          const v = read(s);
          if (typeof v !== 'string') return null;
          return team ? asvTeamNumberStatus(v) : PSEUDO_LANR.test(v) ? 'ok' : 'format';
        },
      };
    },
  },
  {
    id: 'recordType',
    scope: 'entry',
    nullWithout: ['record'],
    bind(params) {
      const p = none('recordType', params);
      return p.length ? { problems: p } : { fact: (s) => s.entry.caseFields?.recordType ?? null };
    },
  },
  {
    id: 'caseHead',
    scope: 'entry',
    nullWithout: ['first'],
    bind(params) {
      const p = none('caseHead', params);
      return p.length ? { problems: p } : { fact: (s) => (s.entry.caseFields?.serviceIndex ?? 0) === 0 || null };
    },
  },
  {
    id: 'checkDate',
    scope: 'entry',
    bind(params, env) {
      const p = none('checkDate', params);
      return p.length ? { problems: p } : { fact: checkDateReader(env) };
    },
  },
  {
    id: 'patientAgeAt',
    scope: 'entry',
    bind(params, env) {
      const { fk, problems } = fkParam(params, ['fk'], 'date');
      if (problems.length) return { problems };
      const date = fieldReader(fk, env);
      return {
        fact: (s) => {
          const d = date(s);
          const age = typeof d === 'string' && isIsoDate(d) ? ageOn(s.entry.birthDate, d) : null;
          // Born after that date: no age (the dates contradict each other; KVDT rule 314 says so).
          return age !== null && age >= 0 ? age : null;
        },
      };
    },
  },
];
