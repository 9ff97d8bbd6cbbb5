/**
 * Facts about selective contracts (Besondere Versorgung, § 140a SGB V): which contract a fee
 * number belongs to, whether the insurer and the provider take part, and where the patient's
 * participation stands on the service date.
 *
 * Participation and the revocation window, in one place (§ 140a Abs. 4 SGB V [C]):
 * - the patient joins by declaration (`declared`); services before it are not covered;
 * - the window for revoking starts when the insurer has given notice of the right to revoke
 *   in Textform (`noticeGiven`), at the earliest with the declaration: the later of the two;
 * - it lasts the contract's `revocationDays`, else the rule set's parameter `revocationDays`
 *   (two weeks): the start day does not count (§ 187 Abs. 1 BGB), so with a start on day D
 *   the last day is D+14; when that is a Saturday, Sunday or holiday of the rule set's
 *   holiday table, the window ends on the next working day (§ 26 Abs. 1 and 3 SGB X,
 *   § 193 BGB). Only nationwide holidays are tabled: a Land holiday is not known here;
 * - without a notice the window has not started and stays open;
 * - sending the revocation in time is enough, so `revoked` is the date the patient sent it,
 *   whenever it reached the insurer. One sent within the window revokes: a service on or
 *   after that date is not covered. One sent after the window is no revocation under
 *   § 140a Abs. 4 (`revoked-late`): the participation stands until it ends under the
 *   declaration's terms (`ended`);
 * - a service after the participation ended is not covered.
 */
import type { ContractDoc, ContractServiceDoc } from '../model';
import type { FactDefinition, Scope } from './facts';
import type { NormalizedEntry, Participation } from './entry';
import { none, receivedParameters } from './define';
import { patientId, shareCounter } from './batch-facts';
import { isIsoDate } from './entry';
import { addDays } from './calendar';
import { holidayTest, NO_HOLIDAYS, workingDayFrom, type HolidayTest } from './public-holidays';

export interface CompiledContracts {
  byCode: Map<string, { contract: ContractDoc; service: ContractServiceDoc }[]>;
  /** Every EBM fee number some contract service replaces. */
  replaced: Set<string>;
  /** Per contract fee number: the EBM fee numbers it replaces in any contract. */
  replacedBy: Map<string, string[]>;
}

export function compileContracts(docs: ContractDoc[]): CompiledContracts {
  const byCode = new Map<string, { contract: ContractDoc; service: ContractServiceDoc }[]>();
  const replaced = new Set<string>();
  for (const contract of docs) {
    for (const service of contract.services) {
      byCode.set(service.code, [...(byCode.get(service.code) ?? []), { contract, service }]);
      for (const g of service.replacesEbm ?? []) replaced.add(g);
    }
  }
  const replacedBy = new Map<string, string[]>();
  for (const [code, list] of byCode) replacedBy.set(code, [...new Set(list.flatMap((x) => x.service.replacesEbm ?? []))]);
  return { byCode, replaced, replacedBy };
}


export type ParticipationStatus = 'none' | 'before-declaration' | 'revoked' | 'ended' | 'revocation-window' | 'revoked-late' | 'active';

export interface ParticipationFact {
  status: ParticipationStatus;
  declared: string | null;
  /** Last day of the revocation window (moved past a weekend or holiday); null while no notice was given. */
  windowEnds: string | null;
  /** The date the revocation was sent. */
  revoked: string | null;
  /** The revocation was sent within the window (or before it started); null without a revocation. */
  revokedInTime: boolean | null;
  ended: string | null;
}

/** Where one participation stands on `date`; see the module comment. */
export function participationOn(p: Partial<Participation> | undefined, date: string, revocationDays: number, isHoliday: HolidayTest = NO_HOLIDAYS): ParticipationFact {
  const d = (k: 'declared' | 'noticeGiven' | 'revoked' | 'ended') => (isIsoDate(p?.[k]) ? p![k]! : null);
  const declared = d('declared');
  const notice = d('noticeGiven');
  const revoked = d('revoked');
  const ended = d('ended');
  if (!p || declared === null) return { status: 'none', declared: null, windowEnds: null, revoked, revokedInTime: null, ended };
  const windowEnds = notice === null ? null : workingDayFrom(addDays(notice > declared ? notice : declared, revocationDays), isHoliday);
  const revokedInTime = revoked === null ? null : windowEnds === null || revoked <= windowEnds;
  const base = { declared, windowEnds, revoked, revokedInTime, ended };
  if (date < declared) return { status: 'before-declaration', ...base };
  if (revokedInTime === true && date >= revoked!) return { status: 'revoked', ...base };
  if (ended !== null && date > ended) return { status: 'ended', ...base };
  if (windowEnds === null || date <= windowEnds) return { status: 'revocation-window', ...base };
  if (revokedInTime === false && date >= revoked!) return { status: 'revoked-late', ...base };
  return { status: 'active', ...base };
}

export interface ContractServiceFact {
  contract: string;
  example: boolean;
  code: string;
  cents: number | null;
  perQuarter: number | null;
  replacesEbm: string[];
  /** The service date lies in the contract's validity. */
  contractValid: boolean;
  /** The patient's insurer (case.insurerIk, FK 4111) is a party; null when unknown. */
  insurerIsParty: boolean | null;
  /** The billing provider (LANR, else BSNR) takes part on the service date; null when neither is given. */
  providerTakesPart: boolean | null;
  participation: ParticipationFact;
  startsAfterRevocationPeriod: boolean;
}

const inForce = (contract: ContractDoc, date: string) => contract.validFrom <= date && (contract.validUntil === null || date <= contract.validUntil);


function contractServiceFact(e: NormalizedEntry, contracts: CompiledContracts, revocationDays: number, isHoliday: HolidayTest): ContractServiceFact | null {
  const candidates = contracts.byCode.get(e.gop);
  if (!candidates) return null;
  const mine = e.caseFields?.participations ?? [];
  // The contract the patient joined wins; else one in force; else the first.
  const pick = candidates.find((c) => mine.some((p) => p.contract === c.contract.id)) ?? candidates.find((c) => inForce(c.contract, e.date)) ?? candidates[0]!;
  const { contract, service } = pick;
  const ik = e.caseFields?.insurerIk ?? null;
  const providers = contract.providers.filter((p) => p.from <= e.date && (!p.until || e.date <= p.until));
  const lanr = e.lanr;
  const bsnr = e.bsnr;
  const providerTakesPart =
    lanr === null && bsnr === null ? null : providers.some((p) => (p.lanr !== undefined ? p.lanr === lanr && (p.bsnr === undefined || p.bsnr === bsnr) : p.bsnr === bsnr));
  // Frozen like every value explain hands out (its replacesEbm is the loaded contract's own list, frozen at load).
  return Object.freeze({
    contract: contract.id,
    example: contract.example === true,
    code: service.code,
    cents: service.cents ?? null,
    perQuarter: service.perQuarter ?? null,
    replacesEbm: service.replacesEbm ?? [],
    contractValid: inForce(contract, e.date),
    insurerIsParty: ik === null ? null : contract.insurers.some((i) => i.ik === ik),
    providerTakesPart,
    participation: Object.freeze(
      participationOn(
        mine.find((p) => p.contract === contract.id),
        e.date,
        contract.revocationDays ?? revocationDays,
        isHoliday,
      ),
    ),
    startsAfterRevocationPeriod: contract.participationStarts === 'afterRevocationPeriod',
  });
}

const CONTRACT_SERVICE = {
  id: 'contractService',
  parameters: [
    { name: 'revocationDays', type: 'integer' },
    { name: 'holidayTable', type: 'string' },
  ],
} as const;

const contractService: FactDefinition = {
  id: 'contractService',
  scope: 'entry',
  parameters: CONTRACT_SERVICE.parameters,
  bind(params, env) {
    const received = receivedParameters(CONTRACT_SERVICE, params, env);
    if (Array.isArray(received)) return { problems: received };
    const contracts = env.contracts;
    // Days of the revocation window when the contract does not state its own.
    const revocationDays = received.get('revocationDays') as number;
    // The holidays a window's last day moves past (the table the parameter names).
    const isHoliday = holidayTest(env.ruleSet.tables?.[received.get('holidayTable') as string], '');
    if (Array.isArray(isHoliday)) return { problems: isHoliday };
    return { fact: (s: Scope) => contractServiceFact(s.entry, contracts, revocationDays, isHoliday) };
  },
};

const contractEbmDuplicates: FactDefinition = {
  id: 'contractEbmDuplicates',
  scope: 'entry',
  bind(params, env) {
    const p = none('contractEbmDuplicates', params);
    if (p.length) return { problems: p };
    const contracts = env.contracts;
    const counter = shareCounter(env, {
      key: `${env.ruleSet.id}@${env.ruleSet.version}|contractEbmDuplicates`,
      matches: (gop) => contracts.replaced.has(gop),
      per: 'patientDay',
      byGop: true,
      dated: false,
    });
    return {
      fact: (s: Scope) => {
        if (!s.batch) return null;
        const replaces = patientId(s.entry) === null ? undefined : contracts.replacedBy.get(s.entry.gop);
        if (!replaces) return null;
        const found = replaces.filter((g) => s.batch!.total(counter, s.entry, g) > 0);
        return found.length ? found.join(', ') : null;
      },
    };
  },
};

export const CONTRACT_FACTS: FactDefinition[] = [contractService, contractEbmDuplicates];
