/**
 * Maps a KVDT case record to the plugin API's service entries, remembering for every entry
 * and every 5011/5012 pair which lines it came from, so findings point at line numbers and
 * corrections land in the right place.
 *
 * - `0101`–`0104`: FK 5000 (Leistungstag) carries forward to the following 5001 lines; each
 *   5001 owns its dependent fields (5002–5102, 5074–5076) up to the next 5000/5001 or a
 *   case-level field. A 5012 starts a 5011/5012 pair unless the pair before it has a 5011 but
 *   no 5012 yet; a 5011 completes the current pair or starts one.
 * - `hdrg1`: one entry per case: the Hybrid-DRG (FK 5027) as fee number, dated by the OP date
 *   (FK 5034, else the start 5028), OPS 5035/laterality 5041, diagnoses 6009/6010.
 */
import type { Diagnosis, HybridDrgCase, OpsCode, ServiceEntry } from '../../plugin-api/types';
import type { KvdtLine } from './lines';
import type { KvdtRecord, PracticeData } from './reader';

export interface PairLines {
  /** Index in the record's lines of the 5012 line, if any. */
  l5012?: number;
  /** Index in the record's lines of the 5011 line, if any. */
  l5011?: number;
  /** Index of the last line belonging to the pair (5011/5012/5074–5076). */
  last: number;
}

export interface MappedService {
  entry: ServiceEntry;
  /** Index in the record's lines of the service's first line (5001; for hdrg1 the 5027 line). */
  first: number;
  /** Index of the service's last line. */
  last: number;
  pairs: PairLines[];
}

/** Fields that belong to the 5001 before them. */
const SERVICE_FIELDS = new Set(['5002', '5003', '5005', '5006', '5008', '5009', '5010', '5011', '5012', '5013', '5015', '5016', '5017', '5018', '5019', '5020', '5021', '5023', '5024', '5025', '5026', '5034', '5035', '5036', '5037', '5038', '5040', '5041', '5042', '5043', '5044', '5050', '5051', '5052', '5053', '5070', '5071', '5072', '5073', '5074', '5075', '5076', '5077', '5078', '5079', '5080', '5081', '5090', '5098', '5099', '5100', '5101', '5102']);
const PAIR_DETAIL = new Set(['5074', '5075', '5076']);

/** KVDT date JJJJMMTT → YYYY-MM-DD (unchanged if it is not eight digits). */
export function kvdtDate(v: string): string {
  return /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v;
}

/** Maps one case record (0101–0104, hdrg1); other records give no entries. */
export function mapCase(record: KvdtRecord, practice: PracticeData): MappedService[] {
  if (record.type === 'hdrg1') return mapHybridDrg(record);
  if (!/^010[1-4]$/.test(record.type)) return [];
  const lines = record.lines;
  const patient: Record<string, string> = {};
  const referral: Record<string, string> = {};
  let insurerIk: string | undefined;
  const diagnoses: { icd: string; certainty?: string }[] = [];
  const services: MappedService[] = [];
  let date: string | undefined;
  let current: MappedService | undefined;
  let pair: PairLines | undefined;

  const close = () => {
    current = undefined;
    pair = undefined;
  };
  lines.forEach((line, i) => {
    const { fk, content } = line;
    if (fk === '5000') {
      close();
      date = kvdtDate(content);
      return;
    }
    if (fk === '5001') {
      close();
      current = { entry: { date: date ?? '', gop: content }, first: i, last: i, pairs: [] };
      services.push(current);
      return;
    }
    if (current && SERVICE_FIELDS.has(fk)) {
      current.last = i;
      addServiceField(current, line, i);
      return;
    }
    close();
    switch (fk) {
      case '3103':
        patient['birthDate'] = kvdtDate(content);
        break;
      case '3110':
        patient['sex'] = content;
        break;
      case '3000':
        patient['id'] = content;
        break;
      case '3105':
        patient['insuranceNumber'] ??= content;
        break;
      case '3119':
        // The eGK Versicherten-ID wins over the older Versichertennummer.
        patient['insuranceNumber'] = content;
        break;
      case '4111':
        insurerIk = content;
        break;
      case '6001':
        diagnoses.push({ icd: content });
        break;
      case '6003':
        if (diagnoses.length) diagnoses[diagnoses.length - 1]!.certainty = content;
        break;
      case '4217':
      case '4218':
      case '4219':
      case '4220':
      case '4225':
      case '4226':
      case '4239':
      case '4241':
      case '4242':
      case '4243':
      case '4248':
      case '4249':
        referral[fk] = content;
        break;
    }
  });

  function addServiceField(s: MappedService, line: KvdtLine, i: number) {
    const e = s.entry as ServiceEntry & Record<string, unknown>;
    switch (line.fk) {
      case '5012':
        if (pair && pair.l5012 === undefined && pair.l5011 !== undefined) pair.l5012 = i;
        else s.pairs.push((pair = { l5012: i, last: i }));
        pair.last = i;
        break;
      case '5011':
        if (pair && pair.l5011 === undefined) pair.l5011 = i;
        else s.pairs.push((pair = { l5011: i, last: i }));
        pair.last = i;
        break;
      case '5099':
        e.lanr = line.content;
        break;
      case '5098':
        e.bsnr = line.content;
        break;
      case '5101':
        e.pseudoLanr = line.content;
        break;
      case '5100':
        e.teamNumber = line.content;
        break;
      case '5035':
        ((e.ops ??= []) as OpsCode[]).push({ code: line.content });
        break;
      case '5041': {
        // FK 5041 belongs to the OPS before it.
        const last = (e.ops as OpsCode[] | undefined)?.at(-1);
        if (last) last.laterality = line.content;
        e.laterality = line.content;
        break;
      }
      default:
        if (PAIR_DETAIL.has(line.fk) && pair) pair.last = i;
    }
  }

  for (const s of services) {
    s.entry.costs = s.pairs.map((p) => {
      const c: { description?: string; cents?: string } = {};
      if (p.l5011 !== undefined) c.description = lines[p.l5011]!.content;
      if (p.l5012 !== undefined) c.cents = lines[p.l5012]!.content;
      return c;
    });
    if (!s.entry.costs.length) delete s.entry.costs;
    if (diagnoses.length) s.entry.diagnoses = diagnoses;
    if (Object.keys(patient).length) s.entry.patient = patient;
    s.entry.case = { recordType: record.type, ...(insurerIk ? { insurerIk } : {}), ...(Object.keys(referral).length ? { referral } : {}), ...(practice.besa ? { practiceTeamNumbers: practice.teamNumbers } : {}) };
  }
  return services;
}

function mapHybridDrg(record: KvdtRecord): MappedService[] {
  const lines = record.lines;
  const get = (fk: string) => lines.find((l) => l.fk === fk)?.content;
  const first = lines.findIndex((l) => l.fk === '5027');
  const code = get('5027');
  if (first < 0 || code === undefined) return [];
  const diagnoses: Diagnosis[] = [];
  const ops: OpsCode[] = [];
  const patient: Record<string, string> = {};
  for (const { fk, content } of lines) {
    if (fk === '6009') diagnoses.push({ icd: content, kind: 'main' });
    else if (fk === '6011') diagnoses.push({ icd: content, kind: 'secondary' });
    else if ((fk === '6010' || fk === '6012') && diagnoses.length) diagnoses[diagnoses.length - 1]!.laterality = content;
    else if (fk === '5035') ops.push({ code: content });
    else if (fk === '5041' && ops.length) ops[ops.length - 1]!.laterality = content;
    else if (fk === '3103') patient['birthDate'] = kvdtDate(content);
    else if (fk === '3110') patient['sex'] = content;
    else if (fk === '3000') patient['id'] = content;
    else if (fk === '3105') patient['insuranceNumber'] ??= content;
    else if (fk === '3119') patient['insuranceNumber'] = content;
  }
  const hybridDrg: HybridDrgCase = { code };
  const start = get('5028');
  const end = get('5029');
  const hours = get('5030');
  const opDate = get('5034');
  if (start !== undefined) hybridDrg.start = kvdtDate(start);
  if (end !== undefined) hybridDrg.end = kvdtDate(end);
  if (hours !== undefined) hybridDrg.ventilationHours = hours;
  if (opDate !== undefined) hybridDrg.opDate = kvdtDate(opDate);
  // The service day is the OP date, else the start (its year picks the catalogue); a malformed
  // code is left to the Hybrid-DRG rules rather than failing as a fee number.
  const entry: ServiceEntry = { date: kvdtDate(opDate ?? start ?? ''), gop: /^[A-Za-z0-9]{1,9}$/.test(code) ? code : 'HDRG', hybridDrg, diagnoses, case: { recordType: 'hdrg1' } };
  if (ops.length) entry.ops = ops;
  const lanr = get('5099');
  if (lanr !== undefined) entry.lanr = lanr;
  const bsnr = get('5098');
  if (bsnr !== undefined) entry.bsnr = bsnr;
  const team = get('5100');
  if (team !== undefined) entry.teamNumber = team;
  if (Object.keys(patient).length) entry.patient = patient;
  return [{ entry, first, last: lines.length - 1, pairs: [] }];
}
