/**
 * The KBV's own rule numbers for ASV and Hybrid-DRG: the rules of the KVDT
 * Datensatzbeschreibung (DSB) 6.03 and the messages `KVDT-R<number>` of the KBV's test
 * module XPM-KVDT 2026.1.1 (MeldungenKVDT.xml), with the severity each gives. A finding that
 * corresponds to one carries its number (`kbvRule`), and by default the KBV's severity: the
 * XPM's message type, else the DSB's Prüfstatus (rules the XPM reports through a generic
 * format message have no `KVDT-R` message of their own).
 *
 * Data, not logic: one row per number, each with its label ([C] read in the KBV document,
 * [U] partly unreadable there). docs/kbv-parity.md lists every row with what the project
 * covers; test/kbv-parity-doc.test.ts holds the two equal.
 *
 * Sources: KBV, Datensatzbeschreibung KVDT 6.03 (09.03.2026), rule tables of the container
 * (2.3.2), ADT (3.5.2) and Hybrid-DRG (6.5.5) records; KBV, XPM-KVDT Praxis 2026.1.1,
 * Doku/MeldungenKVDT.xml; both read via the mirrors johannesbremer/kbv-mirror and
 * johannesbremer/kbv-ita-mirror.
 */
import type { Severity } from '../../plugin-api/types';

export interface KbvRule {
  /** Prüfstatus in the DSB 6.03 rule table; null: the DSB has no rule of that number (XPM only). */
  readonly dsb: Severity | null;
  /** Type of the XPM message KVDT-R<number>; null: the XPM has no message of that number. */
  readonly xpm: Severity | null;
  /** Where the rule applies: ASV (ADT records 0101–0104 and besa), HDRG (hdrg0/hdrg1), or both. */
  readonly area: 'ASV' | 'HDRG' | 'ASV+HDRG';
  /** The condition, short. */
  readonly de: string;
  readonly en: string;
  /** C: both severities read in the KBV documents; U: one of them unreadable or inferred (see note). */
  readonly label: 'C' | 'U';
  readonly note?: string;
}

const F: Severity = 'error';
const W: Severity = 'warning';
const I: Severity = 'info';

/** Every KBV rule number of DSB 6.03 / XPM 2026.1.1 that concerns ASV or Hybrid-DRG (the rules on the ASV fields, the whole HDRG rule table), by number. */
export const KBV_RULES: Readonly<Record<string, KbvRule>> = Object.freeze({
  '017': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4104 im Format nnmmm mit bekannter KV-Kennung', en: 'FK 4104 in format nnmmm with a known KV code', label: 'C' },
  '021': { dsb: F, xpm: null, area: 'ASV+HDRG', de: 'FK 3103 im Format JJJJMMTT (auch JJJJMM00, JJJJ0000, 00000000)', en: 'FK 3103 in format YYYYMMDD (also YYYYMM00, YYYY0000, 00000000)', label: 'C' },
  '023': { dsb: W, xpm: W, area: 'HDRG', de: 'hdrg1: FK 3103 vollständig JJJJMMTT, wenn FK 4109 fehlt (über Regel 898)', en: 'hdrg1: FK 3103 a full YYYYMMDD when FK 4109 is absent (via rule 898)', label: 'C' },
  '024': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 6009/6011 im Format ann, ann.n oder ann.nn (ohne "-")', en: 'FK 6009/6011 in format ann, ann.n or ann.nn (no "-")', label: 'C' },
  '031': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 9212 im Format [a]aaaMMJJ.nn', en: 'FK 9212 in format [a]aaaMMJJ.nn', label: 'C' },
  '049': { dsb: F, xpm: null, area: 'HDRG', de: 'BSNR (FK 4218, 5098) im Format kknnnnnmm', en: 'BSNR (FK 4218, 5098) in format kknnnnnmm', label: 'C' },
  '052': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 0105 (KBV-Prüfnummer) im vorgegebenen Format', en: 'FK 0105 (KBV test number) in the given format', label: 'C' },
  '053': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3105 (Versichertennummer) numerisch, 6–12 Stellen', en: 'FK 3105 (insurance number) numeric, 6–12 digits', label: 'C' },
  '054': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3119 (Versicherten-ID) im Format annnnnnnnP mit Prüfziffer', en: 'FK 3119 (insured ID) in format annnnnnnnP with check digit', label: 'C' },
  '055': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3006 (CDM-Version) im Format n.n.n', en: 'FK 3006 (CDM version) in format n.n.n', label: 'C' },
  '056': { dsb: W, xpm: W, area: 'HDRG', de: 'LANR (FK 4242, 5099) im Format nnnnnnmff mit Prüfziffer', en: 'LANR (FK 4242, 5099) in format nnnnnnmff with check digit', label: 'C' },
  '058': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 4125 im Format JJJJMMTTJJJJMMTT', en: 'FK 4125 in format YYYYMMDDYYYYMMDD', label: 'C' },
  '059': { dsb: I, xpm: I, area: 'ASV', de: 'ASV-Teamnummer (FK 0222, 4225, 4226, 5100) im Format 00nnnnnnP mit Prüfziffer', en: 'ASV team number (FK 0222, 4225, 4226, 5100) in format 00nnnnnnP with check digit', label: 'C' },
  '060': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3010 im Format JJJJMMTThhmmss', en: 'FK 3010 in format YYYYMMDDhhmmss', label: 'C' },
  '063': { dsb: F, xpm: F, area: 'ASV', de: 'Pseudo-LANR (FK 0223, 5101) im Format 555555nff', en: 'Pseudo-LANR (FK 0223, 5101) in format 555555nff', label: 'C' },
  '064': { dsb: W, xpm: W, area: 'ASV', de: 'Pseudo-LANR (FK 4248, 4249) im Format 555555nff', en: 'Pseudo-LANR (FK 4248, 4249) in format 555555nff', label: 'C' },
  '066': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 5027 im Format anna (z. B. G24M)', en: 'FK 5027 in format anna (e.g. G24M)', label: 'C' },
  '110': { dsb: F, xpm: null, area: 'ASV+HDRG', de: 'Seitenlokalisation R, L oder B', en: 'laterality R, L or B', label: 'C' },
  '116': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3108 (Versichertenart) 1, 3 oder 5', en: 'FK 3108 (insured type) 1, 3 or 5', label: 'U', note: 'The status column of the DSB text copy is garbled here; F read from its order.' },
  '142': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 4112 (eEB vorhanden) = 1', en: 'FK 4112 (eEB given) = 1', label: 'C' },
  '162': { dsb: F, xpm: F, area: 'HDRG', de: 'die ersten beiden Stellen sind eine KV-Kennung', en: 'the first two digits are a KV code', label: 'C' },
  '174': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 4106 (Kostenträger-Abrechnungsbereich) 00–09', en: 'FK 4106 (insurer billing area) 00–09', label: 'U', note: 'The status column of the DSB text copy is garbled here; F read from its order.' },
  '178': { dsb: F, xpm: null, area: 'ASV+HDRG', de: 'Seitenlokalisation R oder L', en: 'laterality R or L', label: 'C' },
  '201': { dsb: I, xpm: I, area: 'HDRG', de: 'FK 4104 steht in der Kostenträgerstammdatei', en: 'FK 4104 is in the insurer master file', label: 'C' },
  '202': { dsb: I, xpm: I, area: 'HDRG', de: 'FK 4111 (IK) steht in der Kostenträgerstammdatei', en: 'FK 4111 (IK) is in the insurer master file', label: 'C' },
  '212': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4104 nicht 74799', en: 'FK 4104 not 74799', label: 'C' },
  '221': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 5027 steht in der Hybrid-DRG-Stammdatei SDHDRG', en: 'FK 5027 is in the Hybrid-DRG master file SDHDRG', label: 'C' },
  '223': { dsb: F, xpm: F, area: 'ASV+HDRG', de: 'FK 5035 steht in der OPS-Stammdatei SDOPS', en: 'FK 5035 is in the OPS master file SDOPS', label: 'C' },
  '304': { dsb: F, xpm: F, area: 'ASV+HDRG', de: 'Datum ≤ Maschinendatum (ADT: FK 3103, 5000; hdrg1: nur FK 3103)', en: 'date ≤ the checking computer\'s date (ADT: FK 3103, 5000; hdrg1: FK 3103 only)', label: 'C' },
  '307': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 4109 und 3119 verlangen FK 3006', en: 'FK 4109 and 3119 need FK 3006', label: 'C' },
  '308': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 3006 mindestens 5.2.0', en: 'FK 3006 at least 5.2.0', label: 'C' },
  '314': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 3103 ≤ FK 5034', en: 'FK 3103 ≤ FK 5034', label: 'C' },
  '321': { dsb: W, xpm: W, area: 'HDRG', de: 'wenn FK 4110: FK 5034 ≤ FK 4110', en: 'if FK 4110: FK 5034 ≤ FK 4110', label: 'C' },
  '322': { dsb: W, xpm: W, area: 'HDRG', de: 'wenn FK 4133: FK 5034 ≥ FK 4133', en: 'if FK 4133: FK 5034 ≥ FK 4133', label: 'C' },
  '328': { dsb: F, xpm: F, area: 'ASV', de: 'Satzart 0102: genau eines von FK 4218, 4219, 4226', en: 'record 0102: exactly one of FK 4218, 4219, 4226', label: 'C' },
  '364': { dsb: W, xpm: W, area: 'HDRG', de: 'wenn FK 4125: FK 5034 im Zeitraum', en: 'if FK 4125: FK 5034 within the period', label: 'C' },
  '365': { dsb: W, xpm: W, area: 'HDRG', de: 'wenn FK 4125: FK 5028 im Zeitraum', en: 'if FK 4125: FK 5028 within the period', label: 'C' },
  '366': { dsb: W, xpm: W, area: 'HDRG', de: 'wenn FK 4125: FK 5029 im Zeitraum', en: 'if FK 4125: FK 5029 within the period', label: 'C' },
  '390': { dsb: W, xpm: W, area: 'HDRG', de: 'Alter (FK 5028 − FK 3103) ≤ 1 Jahr: FK 3111 Aufnahmegewicht muss vorhanden sein', en: 'age (FK 5028 − FK 3103) ≤ 1 year: FK 3111 admission weight must be given', label: 'C' },
  '431': { dsb: F, xpm: F, area: 'ASV', de: 'FK 4217 oder 4225 nur bei FK 4239 = 27, dann nicht beide', en: 'FK 4217 or 4225 only with FK 4239 = 27, and then not both', label: 'C' },
  '493': { dsb: W, xpm: W, area: 'HDRG', de: 'ICD-Altersgrenzen der SDICD (Muss-Fehler)', en: 'ICD age limits of the SDICD (must errors)', label: 'C' },
  '494': { dsb: W, xpm: W, area: 'HDRG', de: 'ICD in Mitteleuropa sehr selten (SDICD)', en: 'ICD very rare in Central Europe (SDICD)', label: 'C' },
  '498': { dsb: F, xpm: F, area: 'HDRG', de: 'ICD-Schlüsselnummer ohne Inhalt (SDICD) nicht übertragen', en: 'ICD code without content (SDICD) must not be sent', label: 'C' },
  '499': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 6009/6011 in der SDICD und abrechenbar (endständig)', en: 'FK 6009/6011 in the SDICD and billable (terminal)', label: 'C' },
  '528': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 3011 (Ergebnis der Onlineprüfung) 1–6', en: 'FK 3011 (online check result) 1–6', label: 'U', note: 'The status cell is unreadable in the DSB text copy.' },
  '534': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4131 (Besondere Personengruppe) zulässiger Wert', en: 'FK 4131 (special person group) allowed value', label: 'C' },
  '536': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4132 (DMP-Kennzeichnung) zulässiger Wert', en: 'FK 4132 (DMP marker) allowed value', label: 'C' },
  '537': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 3119 nicht T555558879 (Testversicherter)', en: 'FK 3119 not T555558879 (test insured)', label: 'U', note: 'The DSB status cell is unreadable in the text copy; the XPM message is a Fehler.' },
  '538': { dsb: F, xpm: F, area: 'HDRG', de: 'hdrg1: FK 3110 ∈ {M, W, X, D}', en: 'hdrg1: FK 3110 ∈ {M, W, X, D}', label: 'C' },
  '539': { dsb: F, xpm: null, area: 'HDRG', de: 'Werte 00, 04, 06, 07, 09 (in DSB 6.02 gestrichen, in der Tabelle noch gedruckt)', en: 'values 00, 04, 06, 07, 09 (deleted in DSB 6.02, still printed in the table)', label: 'C' },
  '623': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 8000 hdrg0, hdrg1 oder hdrg9', en: 'FK 8000 hdrg0, hdrg1 or hdrg9', label: 'C' },
  '705': { dsb: W, xpm: W, area: 'ASV+HDRG', de: 'OPS mit kzseite=J in der SDOPS verlangt FK 5041', en: 'an OPS with kzseite=J in the SDOPS needs FK 5041', label: 'U', note: 'DSB 6.03 lists rule 705 only in the ADT tables and its status cell is unreadable in the text copy; the XPM message is a Warnung; KP8-03 of the Anforderungskatalog asks the same for Hybrid-DRG.' },
  '706': { dsb: F, xpm: F, area: 'ASV+HDRG', de: 'ab Q1/2026 (hdrg1: FK 5028 ≥ 20260101; ADT: FK 4101 ≥ 12026) FK 5041 nur R oder L', en: 'from Q1/2026 (hdrg1: FK 5028 ≥ 20260101; ADT: FK 4101 ≥ 12026) FK 5041 only R or L', label: 'C' },
  '710': { dsb: W, xpm: W, area: 'ASV', de: 'FK 5012 ≤ 999999 Cent', en: 'FK 5012 ≤ 999999 cents', label: 'C' },
  '711a': { dsb: null, xpm: W, area: 'ASV', de: 'Scheinquartal < 1/2020: ASV-Sachkosten mit FK 5074 und 5075 (Pseudo-GNR 88500–88699 ausgenommen)', en: 'case quarter < 1/2020: ASV material costs with FK 5074 and 5075 (pseudo fee numbers 88500–88699 exempt)', label: 'C' },
  '711b': { dsb: null, xpm: W, area: 'ASV', de: 'Scheinquartal ≥ 1/2020: FK 5074/5075 nur bei ASV-Behandlung', en: 'case quarter ≥ 1/2020: FK 5074/5075 only in ASV treatment', label: 'C' },
  '715': { dsb: F, xpm: F, area: 'ASV', de: 'FK 5099 ist eine LANR des besa (außer SUG 28)', en: 'FK 5099 is a LANR of the besa record (except SUG 28)', label: 'C' },
  '716': { dsb: F, xpm: F, area: 'ASV', de: 'FK 5098 ist eine BSNR des besa (außer SUG 28, kein Vorquartalsfall)', en: 'FK 5098 is a BSNR of the besa record (except SUG 28, no earlier-quarter case)', label: 'C' },
  '720': { dsb: F, xpm: F, area: 'ASV', de: 'SUG 28 und FK 4218: FK 4218 = FK 5098', en: 'SUG 28 and FK 4218: FK 4218 = FK 5098', label: 'C' },
  '720b': { dsb: null, xpm: F, area: 'ASV', de: 'SUG 28: FK 4218 = ASV-Teamnummer FK 5100', en: 'SUG 28: FK 4218 = ASV team number FK 5100', label: 'C', note: 'Only in the XPM, as printed there (a BSNR compared with a team number).' },
  '721': { dsb: F, xpm: F, area: 'ASV', de: 'SUG 28 und FK 4242: FK 4242 = FK 5099', en: 'SUG 28 and FK 4242: FK 4242 = FK 5099', label: 'C' },
  '734': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 4124 im Format TTMMJJannnnn beim SKT Bundeswehr', en: 'FK 4124 in format DDMMYYannnnn for the Bundeswehr insurer', label: 'C' },
  '735': { dsb: F, xpm: F, area: 'HDRG', de: 'bei Sekundärkodes (* oder !) mindestens ein Primärkode in FK 6009/6011', en: 'with secondary codes (* or !) at least one primary code in FK 6009/6011', label: 'C' },
  '737': { dsb: W, xpm: W, area: 'HDRG', de: 'Geschlechtsbezug der SDICD (Kann-Fehler)', en: 'sex restriction of the SDICD (may errors)', label: 'C' },
  '764': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4242 und 5099 nicht 888888800', en: 'FK 4242 and 5099 not 888888800', label: 'C' },
  '775': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4109 und 3006 verlangen FK 4133', en: 'FK 4109 and 3006 need FK 4133', label: 'C' },
  '776': { dsb: F, xpm: null, area: 'HDRG', de: 'FK 4109: VKNR unter 800 verlangt FK 3119, sonst FK 3105 oder 3119', en: 'FK 4109: a VKNR below 800 needs FK 3119, else FK 3105 or 3119', label: 'C', note: 'The XPM reports it as KVDT-R776a and KVDT-R776b (both Fehler), not as KVDT-R776.' },
  '778': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4131 07/08 verlangt FK 4106 01 oder 09', en: 'FK 4131 07/08 needs FK 4106 01 or 09', label: 'C' },
  '779': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4131 06 verlangt FK 4106 02 oder 09', en: 'FK 4131 06 needs FK 4106 02 or 09', label: 'C' },
  '780': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4131 04 verlangt FK 4106 00 oder 09', en: 'FK 4131 04 needs FK 4106 00 or 09', label: 'C' },
  '784': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4109 und 3006 verlangen FK 3114 und/oder 3124', en: 'FK 4109 and 3006 need FK 3114 and/or 3124', label: 'C' },
  '789': { dsb: W, xpm: W, area: 'ASV', de: 'FK 5100 ist eine Teamnummer des besa (FK 0222), wenn FK 4101 = FK 9204', en: 'FK 5100 is a team number of the besa record (FK 0222) when FK 4101 = FK 9204', label: 'C' },
  '790': { dsb: F, xpm: F, area: 'HDRG', de: 'FK 4109 ohne FK 3006 verlangt eine VKNR ab 800', en: 'FK 4109 without FK 3006 needs a VKNR from 800', label: 'C' },
  '818': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 4131 09: FK 4106 soll 00 oder 09 sein', en: 'FK 4131 09: FK 4106 should be 00 or 09', label: 'C' },
  '824': { dsb: W, xpm: W, area: 'HDRG', de: 'hdrg0: FK 9212 = aktuelle Version (HDRG0126.01)', en: 'hdrg0: FK 9212 = current version (HDRG0126.01)', label: 'C' },
  '827': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 4109 und FK 4131 00: FK 4106 00 oder 09', en: 'FK 4109 and FK 4131 00: FK 4106 00 or 09', label: 'C' },
  '836': { dsb: F, xpm: F, area: 'ASV', de: 'besa: mindestens eine FK 0212 oder 0223', en: 'besa: at least one FK 0212 or 0223', label: 'C' },
  '837': { dsb: F, xpm: F, area: 'ASV', de: 'Satzarten 0101, 0102, 0104: entweder FK 5099 oder 5101 je GNR', en: 'records 0101, 0102, 0104: either FK 5099 or 5101 per fee number', label: 'C' },
  '838': { dsb: I, xpm: I, area: 'ASV', de: 'SUG 28 und FK 4226: FK 4226 = FK 5100', en: 'SUG 28 and FK 4226: FK 4226 = FK 5100', label: 'C' },
  '839': { dsb: I, xpm: I, area: 'ASV', de: 'FK 5101 ist eine Pseudo-LANR des besa (FK 0223), wenn FK 4101 = FK 9204', en: 'FK 5101 is a pseudo-LANR of the besa record (FK 0223) when FK 4101 = FK 9204', label: 'C' },
  '841': { dsb: null, xpm: F, area: 'ASV', de: 'FK 4218 vorhanden: FK 4242 vorhanden', en: 'FK 4218 given: FK 4242 given', label: 'U', note: 'Not found in the DSB 6.03 text copy.' },
  '842': { dsb: null, xpm: I, area: 'ASV', de: 'SUG 28 und FK 4249: FK 4249 = FK 5101', en: 'SUG 28 and FK 4249: FK 4249 = FK 5101', label: 'C' },
  '844': { dsb: W, xpm: W, area: 'ASV', de: 'FK 4225 vorhanden: FK 4241 oder 4248 vorhanden', en: 'FK 4225 given: FK 4241 or 4248 given', label: 'U', note: 'The DSB status cell is unreadable in the text copy; the XPM message is a Warnung.' },
  '845': { dsb: W, xpm: W, area: 'ASV', de: 'FK 4226 vorhanden: SUG ≠ 28 → FK 4242 oder 4249; SUG 28 → FK 4242, nicht 4249', en: 'FK 4226 given: SUG ≠ 28 → FK 4242 or 4249; SUG 28 → FK 4242, not 4249', label: 'C' },
  '857': { dsb: F, xpm: F, area: 'ASV', de: 'besa: mindestens eine FK 0201 oder 0213', en: 'besa: at least one FK 0201 or 0213', label: 'C' },
  '858': { dsb: F, xpm: F, area: 'ASV', de: 'besa: jeder Wert der FK 0225 genau einmal je BSNR oder Krankenhaus-IK', en: 'besa: each FK 0225 value exactly once per BSNR or hospital IK', label: 'C' },
  '859': { dsb: F, xpm: F, area: 'ASV', de: 'Satzarten 0101, 0102, 0104: entweder FK 5098 oder 5102 je GNR', en: 'records 0101, 0102, 0104: either FK 5098 or 5102 per fee number', label: 'C' },
  '862': { dsb: F, xpm: F, area: 'ASV', de: 'besa: jeder Wert der FK 0225 höchstens einmal je BSNR oder Krankenhaus-IK', en: 'besa: each FK 0225 value at most once per BSNR or hospital IK', label: 'C' },
  '876': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 3010 verlangt FK 4109', en: 'FK 3010 needs FK 4109', label: 'C' },
  '895': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 4112 schließt FK 4109, 3010 und 3006 aus', en: 'FK 4112 excludes FK 4109, 3010 and 3006', label: 'C' },
  '896': { dsb: W, xpm: W, area: 'HDRG', de: 'FK 5030 nicht größer als 0', en: 'FK 5030 not greater than 0', label: 'C' },
  '898': { dsb: null, xpm: null, area: 'HDRG', de: 'FK 3103 nach Regel 021, wenn FK 4109 vorhanden, sonst nach Regel 023', en: 'FK 3103 by rule 021 when FK 4109 is given, else by rule 023', label: 'C', note: 'A dispatch rule: its status is that of 021 or 023.' },
  '999': { dsb: null, xpm: null, area: 'HDRG', de: 'Systeminterner Parameter (FK 9901), nur für die Fallaufbereitung der KVen', en: 'system parameter (FK 9901), for case processing at the KVs only', label: 'C', note: 'Marked 999* in the DSB: not meant for billing software; no status.' },
} satisfies Record<string, KbvRule>);

/** The KBV's severity for rule `number`: the XPM's message type, else the DSB's Prüfstatus; null for an unknown number. */
export function kbvSeverity(number: string): Severity | null {
  const rule = Object.prototype.hasOwnProperty.call(KBV_RULES, number) ? KBV_RULES[number] : undefined;
  return rule ? (rule.xpm ?? rule.dsb) : null;
}

/** How the XPM names a rule: `KVDT-R059`. */
export const kbvRuleName = (number: string): string => `KVDT-R${number}`;
