/**
 * Facts that read the KBV master catalogues (`pvs-rules import`: SDHDRG, SDOPS, SDICD, SDEBM)
 * for the service date. Each is null when no catalogue of its master file is loaded for that
 * day, so the rules that need it stay silent; the loader names those rules once
 * (src/compile/inactive-rules.ts). The host imports its own SDOPS, SDICD and SDEBM; the
 * package ships the 2026 SDHDRG.
 */
import type { IcdRow, MasterCatalogues } from '../catalogues/master-catalogues';
import type { MasterFile } from '../catalogues/master-document';
import type { ConditionDoc } from '../model';
import type { BindEnv, BindProblem, FactDefinition, ParamSpec, Scope } from './facts';
import { markRead, none, unknownParams } from './define';
import { outsideAgeLimits } from './age-limits';

const MASTER_FILES: readonly MasterFile[] = ['SDHDRG', 'SDOPS', 'SDICD', 'SDEBM'];

const joinOrNull = (list: string[]) => (list.length ? list.join(', ') : null);

/** An ICD-10-GM code as the SDICD keys it: upper case, without a notation mark (*, !, +, †). */
export const icdMasterKey = (icd: string): string => icd.trim().toUpperCase().replace(/[*!+†]$/, '');

/** A fact of one master file without params: null without its catalogue for the service date. */
function masterFact(id: string, file: MasterFile, fn: (s: Scope, masters: MasterCatalogues) => unknown, extra: Partial<FactDefinition> = {}): FactDefinition {
  return {
    id,
    scope: 'entry',
    masters: () => [file],
    ...extra,
    bind(params, env) {
      const p = none(id, params);
      if (p.length) return { problems: p };
      const masters = env.masters;
      return { fact: (s) => (masters.on(file, s.entry.date) === undefined ? null : fn(s, masters)) };
    },
  };
}

/**
 * The GOPs of every loaded SDEBM whose column `column` equals `value`: the fee numbers for
 * which `ebmGop` with that path can equal it (the trigger keys of such a condition).
 */
function gopsWith(env: BindEnv, column: string, value: unknown): Set<string> {
  const out = new Set<string>();
  for (const c of env.masters.all) {
    if (c.masterFile !== 'SDEBM') continue;
    const t = c.tables['gop']!;
    const at = t.columns.indexOf(column);
    if (at < 0) continue;
    for (const row of t.rows) if (row[at] === value) out.add(row[0] as string);
  }
  return out;
}

/** The five-digit fee numbers from `from` to `to` (both five digits), at most 10,000. */
function fiveDigitRange(from: string, to: string): Set<string> | null {
  const a = Number(from);
  const b = Number(to);
  if (b - a >= 10_000) return null;
  const out = new Set<string>();
  for (let n = a; n <= b; n++) out.add(String(n).padStart(5, '0'));
  return out;
}

const FIVE = /^\d{5}$/;

/** The SDICD rows of the entry's diagnoses for the service date that satisfy `test`, as their codes (as typed), comma-separated; null when none. */
function diagnosesWhere(s: Scope, masters: MasterCatalogues, test: (row: IcdRow) => boolean): string | null {
  const out: string[] = [];
  for (const d of s.entry.diagnoses) {
    const code = d.icd.trim();
    if (code === '') continue;
    const row = masters.icd(icdMasterKey(code), s.entry.date);
    if (row && test(row)) out.push(code);
  }
  return joinOrNull(out);
}

const ERROR_KIND: ParamSpec = { type: 'string', values: ['k', 'm'], required: true };

/**
 * A fact of the SDICD with the param errorKind (k or m): the diagnoses whose row has that
 * error kind (`kindOf`) and fails `conflict` for the entry; null without a loaded SDICD.
 */
function icdCheckFact(id: string, kindOf: (row: IcdRow) => string | null, conflict: (s: Scope, row: IcdRow) => boolean, reads?: (env: BindEnv) => void): FactDefinition {
  return {
    id,
    scope: 'entry',
    params: { errorKind: ERROR_KIND },
    masters: () => ['SDICD'],
    bind(params, env) {
      const problems: BindProblem[] = unknownParams(params, ['errorKind']);
      const kind = params?.['errorKind'];
      if (kind !== 'k' && kind !== 'm') problems.push({ at: '/errorKind', de: 'errorKind muss k (Kann-Fehler) oder m (Muss-Fehler) sein.', en: 'errorKind must be k (may error) or m (must error).' });
      if (problems.length) return { problems };
      reads?.(env);
      const masters = env.masters;
      return { fact: (s) => (masters.on('SDICD', s.entry.date) === undefined ? null : diagnosesWhere(s, masters, (row) => kindOf(row) === kind && conflict(s, row))) };
    },
  };
}

/** The patient's sex (FK 3110) as the SDICD writes it (m, w); null for X, D, U or none: those fit every code (KVDT rule 737). */
function sexOf(s: Scope): 'm' | 'w' | null {
  const p = s.entry.patient;
  const sex = p !== null && Object.prototype.hasOwnProperty.call(p, 'sex') ? p['sex'] : undefined;
  return sex === 'M' ? 'm' : sex === 'W' ? 'w' : null;
}

export const MASTER_FACTS: FactDefinition[] = [
  {
    id: 'masterLoaded',
    scope: 'entry',
    bind(params, env) {
      const problems = unknownParams(params, ['file']);
      const file = params?.['file'];
      if (typeof file !== 'string' || !(MASTER_FILES as readonly string[]).includes(file)) problems.push({ at: '/file', de: 'file muss SDHDRG, SDOPS, SDICD oder SDEBM sein.', en: 'file must be SDHDRG, SDOPS, SDICD or SDEBM.' });
      if (problems.length) return { problems };
      const masters = env.masters;
      return { fact: (s) => masters.on(file as MasterFile, s.entry.date) !== undefined };
    },
  },
  masterFact(
    'hybridDrgNotInMaster',
    'SDHDRG',
    (s, m) => (s.entry.hybridDrg !== null && m.hybridDrg(s.entry.hybridDrg.code, s.entry.date) === null ? s.entry.hybridDrg.code : null),
    { nullWithout: ['hybridDrg'] },
  ),
  masterFact(
    'hybridDrgMasterRow',
    'SDHDRG',
    (s, m) => (s.entry.hybridDrg === null ? null : (m.hybridDrg(s.entry.hybridDrg.code, s.entry.date) ?? null)),
    { nullWithout: ['hybridDrg'] },
  ),
  masterFact(
    'opsNotInMaster',
    'SDOPS',
    (s, m) => joinOrNull(s.entry.ops.filter((code) => m.ops(code.trim(), s.entry.date) === null)),
  ),
  masterFact(
    'diagnosesNotInMaster',
    'SDICD',
    (s, m) => joinOrNull(s.entry.diagnoses.filter((d) => d.icd.trim() !== '' && m.icd(icdMasterKey(d.icd), s.entry.date)?.billable !== true).map((d) => d.icd.trim())),
  ),
  masterFact(
    'diagnosesRare',
    'SDICD',
    (s, m) => diagnosesWhere(s, m, (row) => row.rare === true),
  ),
  masterFact(
    'diagnosesWithoutContent',
    'SDICD',
    (s, m) => diagnosesWhere(s, m, (row) => row.contentAssigned === false),
  ),
  icdCheckFact(
    'diagnosesSexConflict',
    (row) => row.sexError,
    (s, row) => {
      const sex = sexOf(s);
      return sex !== null && row.sex !== null && row.sex !== sex;
    },
    (env) => markRead(env, 'patient', ['sex']),
  ),
  icdCheckFact(
    'diagnosesOutsideAgeLimits',
    (row) => row.ageError,
    (s, row) => {
      if (row.ageMin === null && row.ageMax === null) return false;
      const h = s.entry.hybridDrg;
      return outsideAgeLimits(s.entry.birthDate, row.ageMin, row.ageMax, h?.start ?? s.entry.date, h?.end ?? s.entry.date);
    },
  ),
  {
    id: 'ebmGop',
    scope: 'entry',
    masters: () => ['SDEBM'],
    triggerKeys(c: ConditionDoc, env: BindEnv) {
      // A column of the row equal to a literal: exactly the GOPs whose row has that value.
      const column = typeof c.path === 'string' ? /^\$\.([A-Za-z]+)$/.exec(c.path)?.[1] : undefined;
      if (column === undefined || c.operator !== 'equal' || c.value === null || typeof c.value === 'object') return null;
      return gopsWith(env, column, c.value);
    },
    bind(params, env) {
      const p = none('ebmGop', params);
      if (p.length) return { problems: p };
      const masters = env.masters;
      return { fact: (s) => masters.gop(s.entry.gop, s.entry.date) ?? null };
    },
  },
  {
    id: 'gopBetween',
    scope: 'entry',
    triggerKeys(c: ConditionDoc) {
      const from = c.params?.['from'];
      const to = c.params?.['to'];
      if (c.path !== undefined || c.operator !== 'equal' || c.value !== true || typeof from !== 'string' || typeof to !== 'string' || !FIVE.test(from) || !FIVE.test(to)) return null;
      return fiveDigitRange(from, to);
    },
    bind(params) {
      const problems = unknownParams(params, ['from', 'to']);
      const from = params?.['from'];
      const to = params?.['to'];
      if (typeof from !== 'string' || !FIVE.test(from)) problems.push({ at: '/from', de: 'from muss eine fünfstellige GOP sein.', en: 'from must be a five-digit GOP.' });
      if (typeof to !== 'string' || !FIVE.test(to) || (typeof from === 'string' && to < from)) problems.push({ at: '/to', de: 'to muss eine fünfstellige GOP ab from sein.', en: 'to must be a five-digit GOP from from on.' });
      if (Number(to) - Number(from) >= 10_000) problems.push({ at: '/to', de: 'Der Bereich umfasst höchstens 10.000 GOPs.', en: 'The range holds at most 10,000 GOPs.' });
      if (problems.length) return { problems };
      const a = from as string;
      const b = to as string;
      return { fact: (s) => (FIVE.test(s.entry.gop) && a <= s.entry.gop && s.entry.gop <= b) || null };
    },
  },
];
