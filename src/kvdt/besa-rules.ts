/**
 * The KBV's rules on the practice's besa record (Betriebsstättendaten, KVDT Container-
 * Regeltabelle) that concern ASV: a doctor (FK 0212 LANR or 0223 pseudo-LANR, rule 836) and a
 * place (FK 0201 BSNR or 0213 Krankenhaus-IK, rule 857) must be there, team numbers (0222)
 * have their format and check digit (059), pseudo-LANRs (0223) theirs (063). Checked once per
 * besa record, with the KBV's severity; no rule set is involved (the record is the file's, not
 * a service's).
 */
import type { Severity } from '../../plugin-api/types';
import { asvTeamNumberStatus } from '../facts/team-number';
import { kbvSeverity } from '../kbv/kvdt-rules';
import type { RecordView } from './reader';

export interface BesaProblem {
  line: number;
  fk: string;
  /** The KBV rule number, e.g. "836". */
  kbvRule: string;
  severity: Severity;
  de: string;
  en: string;
}

const PSEUDO_LANR = /^555555\d{3}$/;

/** The problems of one besa record. */
export function besaProblems(record: RecordView): BesaProblem[] {
  const out: BesaProblem[] = [];
  const seen = new Set<number>();
  const problem = (i: number, fk: string, kbvRule: string, de: string, en: string) => out.push({ line: record.firstLine + i, fk, kbvRule, severity: kbvSeverity(kbvRule)!, de, en });
  for (let i = 0; i < record.lines; i++) {
    const fk = record.fk(i);
    seen.add(fk);
    if (fk === 222) {
      const v = record.text(i);
      const status = asvTeamNumberStatus(v);
      if (status !== 'ok') {
        problem(
          i,
          '0222',
          '059',
          `ASV-Teamnummer ${v} (FK 0222) ${status === 'format' ? 'hat nicht das Format 00nnnnnnP' : 'hat eine falsche Prüfziffer'}.`,
          `ASV team number ${v} (FK 0222) ${status === 'format' ? 'is not in the format 00nnnnnnP' : 'has a wrong check digit'}.`,
        );
      }
    } else if (fk === 223) {
      const v = record.text(i);
      if (!PSEUDO_LANR.test(v)) problem(i, '0223', '063', `Pseudo-LANR ${v} (FK 0223) hat nicht das Format 555555nff.`, `Pseudo-LANR ${v} (FK 0223) is not in the format 555555nff.`);
    }
  }
  if (!seen.has(212) && !seen.has(223)) problem(0, '8000', '836', 'Der besa-Satz nennt keinen Arzt: mindestens eine LANR (FK 0212) oder Pseudo-LANR (FK 0223) fehlt.', 'The besa record names no doctor: at least one LANR (FK 0212) or pseudo-LANR (FK 0223) is missing.');
  if (!seen.has(201) && !seen.has(213)) problem(0, '8000', '857', 'Der besa-Satz nennt keine Betriebsstätte: mindestens eine BSNR (FK 0201) oder ein Krankenhaus-IK (FK 0213) fehlt.', 'The besa record names no practice: at least one BSNR (FK 0201) or hospital IK (FK 0213) is missing.');
  return out.sort((a, b) => a.line - b.line);
}
