/**
 * Facts about ASV teams, read from the practice context (see `src/context`): team-number
 * format, the practice's team numbers, the billing doctor's membership on the service date,
 * referral, the Anlage's Appendix and indication list, and whether the team's basis for ASV
 * participation has lapsed. Without a context they are null,
 * and the rules that need them stay silent.
 */
import type { FactDefinition, Scope } from './facts';
import { asvTeamNumberStatus } from './team-number';
import { none, receivedParameters, tableParam } from './define';
import type { CompiledTeam, MemberDoc } from '../context/context';
import { lapsesOf } from '../context/lapses';
import { addWorkingDays } from '../context/working-days';


/** The practice's team numbers: the context's, and those the KVDT file's besa record names (both bounded lists). */
function practiceTeamNumbers(s: Scope): readonly string[] | null {
  const file = s.entry.caseFields?.practiceTeamNumbers ?? null;
  if (!s.context) return file;
  return file === null || file.length === 0 ? [...s.context.practiceTeamNumbers] : [...new Set([...s.context.practiceTeamNumbers, ...file])];
}

export interface Membership {
  status: 'unknown-team' | 'team-not-valid' | 'not-member' | 'before-joining' | 'after-leaving' | 'member';
  role: string | null;
  specialty: string | null;
  joined: string | null;
  left: string | null;
  appendix: string | null;
  /** Where the member works, as the context says (null when it does not). */
  travelMinutes: number | null;
  immobileOrLabOnly: boolean;
  daysAtLeadSite: number | null;
}

const EMPTY: Omit<Membership, 'status'> = { role: null, specialty: null, joined: null, left: null, appendix: null, travelMinutes: null, immobileOrLabOnly: false, daysAtLeadSite: null };

function membership(s: Scope): Membership | null {
  const { teamNumber, date } = s.entry;
  if (teamNumber === null) return null;
  if (!s.context) return null;
  const team = s.context.teams.get(teamNumber);
  if (!team) return { status: 'unknown-team', ...EMPTY };
  const appendix = team.doc.appendix;
  if (date < team.doc.validFrom || (team.doc.validUntil && date > team.doc.validUntil)) return { status: 'team-not-valid', ...EMPTY, appendix };
  const lanr = s.entry.lanr ?? s.entry.pseudoLanr;
  const entries = lanr ? team.byLanr.get(lanr) : undefined;
  if (!entries) return { status: 'not-member', ...EMPTY, appendix };
  const active = entries.find((m) => m.joined <= date && (!m.left || date <= m.left));
  const pick = active ?? entries.find((m) => date < m.joined) ?? entries[entries.length - 1]!;
  return {
    status: active ? 'member' : date < pick.joined ? 'before-joining' : 'after-leaving',
    role: pick.role,
    specialty: pick.specialty,
    joined: pick.joined,
    left: pick.left ?? null,
    appendix,
    travelMinutes: pick.travelMinutes ?? null,
    immobileOrLabOnly: pick.immobileOrLabOnly === true,
    daysAtLeadSite: pick.daysAtLeadSite ?? null,
  };
}

/** The team of the entry's FK 5100 in the practice context, if any. */
const teamOf = (s: Scope): CompiledTeam | undefined => (s.entry.teamNumber !== null ? s.context?.teams.get(s.entry.teamNumber) : undefined);

/**
 * The first member of the team whose leave, on the service date, should have been reported to
 * the erweiterter Landesausschuss `days` Werktage after it and was not (yet): the deadline has
 * passed and no report is recorded on or before the service date. Hinzuzuziehende Fachärzte,
 * who may be named by institution, are not counted.
 */
function overdueLeave(team: CompiledTeam, date: string, days: number, deadlines: Map<MemberDoc, string>) {
  for (const m of team.doc.members) {
    if (!m.left || m.role === 'hinzuzuziehend') continue;
    let deadline = deadlines.get(m);
    if (deadline === undefined) deadlines.set(m, (deadline = addWorkingDays(m.left, days)));
    if (deadline < date && (!m.leaveReported || m.leaveReported > date)) {
      return { name: m.name ?? m.lanr ?? m.institution ?? null, lanr: m.lanr ?? null, role: m.role, left: m.left, deadline, reported: m.leaveReported ?? null };
    }
  }
  return null;
}

/** ICD code normalized for range comparison: upper case, without the ICD-10-GM suffix marks. */
const icdKey = (code: string) => code.trim().toUpperCase().replace(/[-!*+#]+$/, '');

/** True if `code` lies in [from, to], each bound compared at its own precision (C15 … C26, C50.0 … C50.9). */
export function icdInRange(code: string, from: string, to: string): boolean {
  const c = icdKey(code);
  return c.slice(0, from.length) >= from && c.slice(0, to.length) <= to;
}

const TEAM_BASIS = { id: 'asvTeamBasis', parameters: [{ name: 'replacementMonths', type: 'integer' }] } as const;
const LEAVE_REPORT = { id: 'asvLeaveReport', parameters: [{ name: 'leaveReportWorkingDays', type: 'integer' }] } as const;

export const ASV_FACTS: FactDefinition[] = [
  {
    id: 'asvTeamNumberStatus',
    scope: 'entry',
    nullWithout: ['teamNumber'],
    bind: (params) => {
      const p = none('asvTeamNumberStatus', params);
      return p.length ? { problems: p } : { fact: (s) => (s.entry.teamNumber === null ? null : asvTeamNumberStatus(s.entry.teamNumber)) };
    },
  },
  {
    id: 'practiceTeamNumbers',
    scope: 'entry',
    bind: (params) => {
      const p = none('practiceTeamNumbers', params);
      return p.length ? { problems: p } : { fact: practiceTeamNumbers };
    },
  },
  {
    id: 'asvMembership',
    scope: 'entry',
    nullWithout: ['teamNumber', 'context'],
    bind: (params) => {
      const p = none('asvMembership', params);
      return p.length ? { problems: p } : { fact: membership };
    },
  },
  {
    id: 'hasReferral',
    scope: 'entry',
    bind: (params) => {
      const p = none('hasReferral', params);
      return p.length
        ? { problems: p }
        : {
            fact: (s) => s.entry.caseFields?.referral === true,
          };
    },
  },
  {
    id: 'isHybridDrg',
    scope: 'entry',
    bind: (params) => {
      const p = none('isHybridDrg', params);
      return p.length ? { problems: p } : { fact: (s) => s.entry.hybridDrg !== null || s.entry.caseFields?.recordType === 'hdrg1' };
    },
  },
  {
    id: 'asvAppendixGop',
    scope: 'entry',
    params: { table: { type: 'string', required: true } },
    nullWithout: ['teamNumber', 'context'],
    bind: (params, env) => {
      const t = tableParam(params, env.ruleSet.tables, { appendix: 'string', specialty: 'string', gops: 'string[]' });
      if (Array.isArray(t)) return { problems: t };
      const index = new Map<string, Set<string>>();
      for (const r of t.rows) {
        const key = `${r['appendix'] as string}\u0000${r['specialty'] as string}`;
        const set = index.get(key) ?? new Set<string>();
        for (const g of r['gops'] as string[]) set.add(g);
        index.set(key, set);
      }
      return {
        fact: (s) => {
          const m = membership(s);
          if (!m || m.status !== 'member') return null;
          const gops = index.get(`${m.appendix!}\u0000${m.specialty!}`);
          return gops ? gops.has(s.entry.gop) : null;
        },
      };
    },
  },
  {
    id: 'asvIndication',
    scope: 'entry',
    params: { table: { type: 'string', required: true } },
    nullWithout: ['teamNumber', 'context'],
    bind: (params, env) => {
      const t = tableParam(params, env.ruleSet.tables, { appendix: 'string', icdFrom: 'string', icdTo: 'string' });
      if (Array.isArray(t)) return { problems: t };
      const ranges = new Map<string, [string, string][]>();
      for (const r of t.rows) {
        const a = r['appendix'] as string;
        ranges.set(a, [...(ranges.get(a) ?? []), [icdKey(r['icdFrom'] as string), icdKey(r['icdTo'] as string)]]);
      }
      return {
        fact: (s) => {
          const team = teamOf(s);
          const list = team ? ranges.get(team.doc.appendix) : undefined;
          if (!list) return null;
          return s.entry.diagnoses.some((d) => list.some(([from, to]) => icdInRange(d.icd, from, to)));
        },
      };
    },
  },
  {
    id: 'asvTeamBasis',
    scope: 'entry',
    nullWithout: ['teamNumber', 'context'],
    parameters: TEAM_BASIS.parameters,
    bind(params, env) {
      const received = receivedParameters(TEAM_BASIS, params, env);
      if (Array.isArray(received)) return { problems: received };
      const months = received.get('replacementMonths') as number;
      // Per team of a context, worked out on first use.
      const lapses = new WeakMap<CompiledTeam, ReturnType<typeof lapsesOf>>();
      return {
        fact: (s) => {
          const team = teamOf(s);
          if (!team) return null;
          let list = lapses.get(team);
          if (!list) lapses.set(team, (list = lapsesOf(team.doc, months)));
          const lapse = list.find((l) => l.from <= s.entry.date);
          return lapse ? { status: 'lapsed', since: lapse.from, specialty: lapse.member.specialty, role: lapse.member.role } : null;
        },
      };
    },
  },
  {
    id: 'asvLeaveReport',
    scope: 'entry',
    nullWithout: ['teamNumber', 'context'],
    parameters: LEAVE_REPORT.parameters,
    bind(params, env) {
      const received = receivedParameters(LEAVE_REPORT, params, env);
      if (Array.isArray(received)) return { problems: received };
      const days = received.get('leaveReportWorkingDays') as number;
      const deadlines = new Map<MemberDoc, string>();
      return {
        fact: (s) => {
          const team = teamOf(s);
          return team ? overdueLeave(team, s.entry.date, days, deadlines) : null;
        },
      };
    },
  },
];
