/**
 * The KBV's own rule numbers for ASV and Hybrid-DRG: the rules of the KVDT
 * Datensatzbeschreibung (DSB) 6.03 and the messages `KVDT-R<number>` of the KBV's test
 * module XPM-KVDT 2026.1.1 (MeldungenKVDT.xml), with the severity each gives. A finding that
 * corresponds to one carries its number (`kbvRule`), and by default the KBV's severity: the
 * XPM's message type, else the DSB's Prüfstatus (rules the XPM reports through a generic
 * format message have no `KVDT-R` message of their own).
 *
 * Data, not logic: one row per number, each with its label ([C] read in the KBV document,
 * [U] partly unreadable there). What each rule checks is in src/kbv/kvdt-rule-texts.ts (apart,
 * so the core does not carry texts nothing at run time reads). docs/kbv-parity.md lists every
 * row with what the project covers; test/kbv-parity-doc.test.ts holds the two equal.
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
  /** C: both severities read in the KBV documents; U: one of them unreadable or inferred (see note). */
  readonly label: 'C' | 'U';
  readonly note?: string;
}

const F: Severity = 'error';
const W: Severity = 'warning';
const I: Severity = 'info';

/** Every KBV rule number of DSB 6.03 / XPM 2026.1.1 that concerns ASV or Hybrid-DRG (the rules on the ASV fields, the whole HDRG rule table), by number. */
export const KBV_RULES: Readonly<Record<string, KbvRule>> = Object.freeze({
  '017': { dsb: F, xpm: F, label: 'C' },
  '021': { dsb: F, xpm: null, label: 'C' },
  '023': { dsb: W, xpm: W, label: 'C' },
  '024': { dsb: F, xpm: null, label: 'C' },
  '031': { dsb: F, xpm: null, label: 'C' },
  '049': { dsb: F, xpm: null, label: 'C' },
  '052': { dsb: F, xpm: null, label: 'C' },
  '053': { dsb: F, xpm: null, label: 'C' },
  '054': { dsb: F, xpm: null, label: 'C' },
  '055': { dsb: F, xpm: null, label: 'C' },
  '056': { dsb: W, xpm: W, label: 'C' },
  '058': { dsb: F, xpm: null, label: 'C' },
  '059': { dsb: I, xpm: I, label: 'C' },
  '060': { dsb: F, xpm: null, label: 'C' },
  '063': { dsb: F, xpm: F, label: 'C' },
  '064': { dsb: W, xpm: W, label: 'C' },
  '066': { dsb: F, xpm: null, label: 'C' },
  '110': { dsb: F, xpm: null, label: 'C' },
  '116': { dsb: F, xpm: null, label: 'U', note: 'The status column of the DSB text copy is garbled here; F read from its order.' },
  '142': { dsb: F, xpm: null, label: 'C' },
  '162': { dsb: F, xpm: F, label: 'C' },
  '174': { dsb: F, xpm: null, label: 'U', note: 'The status column of the DSB text copy is garbled here; F read from its order.' },
  '178': { dsb: F, xpm: null, label: 'C' },
  '201': { dsb: I, xpm: I, label: 'C' },
  '202': { dsb: I, xpm: I, label: 'C' },
  '212': { dsb: F, xpm: F, label: 'C' },
  '221': { dsb: W, xpm: W, label: 'C' },
  '223': { dsb: F, xpm: F, label: 'C' },
  '304': { dsb: F, xpm: F, label: 'C' },
  '307': { dsb: W, xpm: W, label: 'C' },
  '308': { dsb: W, xpm: W, label: 'C' },
  '314': { dsb: W, xpm: W, label: 'C' },
  '321': { dsb: W, xpm: W, label: 'C' },
  '322': { dsb: W, xpm: W, label: 'C' },
  '328': { dsb: F, xpm: F, label: 'C' },
  '364': { dsb: W, xpm: W, label: 'C' },
  '365': { dsb: W, xpm: W, label: 'C' },
  '366': { dsb: W, xpm: W, label: 'C' },
  '390': { dsb: W, xpm: W, label: 'C' },
  '431': { dsb: F, xpm: F, label: 'C' },
  '493': { dsb: W, xpm: W, label: 'C' },
  '494': { dsb: W, xpm: W, label: 'C' },
  '498': { dsb: F, xpm: F, label: 'C' },
  '499': { dsb: F, xpm: F, label: 'C' },
  '528': { dsb: F, xpm: null, label: 'U', note: 'The status cell is unreadable in the DSB text copy.' },
  '534': { dsb: F, xpm: F, label: 'C' },
  '536': { dsb: F, xpm: F, label: 'C' },
  '537': { dsb: F, xpm: F, label: 'U', note: 'The DSB status cell is unreadable in the text copy; the XPM message is a Fehler.' },
  '538': { dsb: F, xpm: F, label: 'C' },
  '539': { dsb: F, xpm: null, label: 'C' },
  '623': { dsb: F, xpm: null, label: 'C' },
  '705': { dsb: W, xpm: W, label: 'U', note: 'DSB 6.03 lists rule 705 only in the ADT tables and its status cell is unreadable in the text copy; the XPM message is a Warnung; KP8-03 of the Anforderungskatalog asks the same for Hybrid-DRG.' },
  '706': { dsb: F, xpm: F, label: 'C' },
  '710': { dsb: W, xpm: W, label: 'C' },
  '711a': { dsb: null, xpm: W, label: 'C' },
  '711b': { dsb: null, xpm: W, label: 'C' },
  '715': { dsb: F, xpm: F, label: 'C' },
  '716': { dsb: F, xpm: F, label: 'C' },
  '720': { dsb: F, xpm: F, label: 'C' },
  '720b': { dsb: null, xpm: F, label: 'C', note: 'Only in the XPM, as printed there (a BSNR compared with a team number).' },
  '721': { dsb: F, xpm: F, label: 'C' },
  '734': { dsb: W, xpm: W, label: 'C' },
  '735': { dsb: F, xpm: F, label: 'C' },
  '737': { dsb: W, xpm: W, label: 'C' },
  '764': { dsb: F, xpm: F, label: 'C' },
  '775': { dsb: F, xpm: F, label: 'C' },
  '776': { dsb: F, xpm: null, label: 'C', note: 'The XPM reports it as KVDT-R776a and KVDT-R776b (both Fehler), not as KVDT-R776.' },
  '778': { dsb: F, xpm: F, label: 'C' },
  '779': { dsb: F, xpm: F, label: 'C' },
  '780': { dsb: F, xpm: F, label: 'C' },
  '784': { dsb: F, xpm: F, label: 'C' },
  '789': { dsb: W, xpm: W, label: 'C' },
  '790': { dsb: F, xpm: F, label: 'C' },
  '818': { dsb: W, xpm: W, label: 'C' },
  '824': { dsb: W, xpm: W, label: 'C' },
  '827': { dsb: W, xpm: W, label: 'C' },
  '836': { dsb: F, xpm: F, label: 'C' },
  '837': { dsb: F, xpm: F, label: 'C' },
  '838': { dsb: I, xpm: I, label: 'C' },
  '839': { dsb: I, xpm: I, label: 'C' },
  '841': { dsb: null, xpm: F, label: 'U', note: 'Not found in the DSB 6.03 text copy.' },
  '842': { dsb: null, xpm: I, label: 'C' },
  '844': { dsb: W, xpm: W, label: 'U', note: 'The DSB status cell is unreadable in the text copy; the XPM message is a Warnung.' },
  '845': { dsb: W, xpm: W, label: 'C' },
  '857': { dsb: F, xpm: F, label: 'C' },
  '858': { dsb: F, xpm: F, label: 'C' },
  '859': { dsb: F, xpm: F, label: 'C' },
  '862': { dsb: F, xpm: F, label: 'C' },
  '876': { dsb: W, xpm: W, label: 'C' },
  '895': { dsb: W, xpm: W, label: 'C' },
  '896': { dsb: W, xpm: W, label: 'C' },
  '898': { dsb: null, xpm: null, label: 'C', note: 'A dispatch rule: its status is that of 021 or 023.' },
  '999': { dsb: null, xpm: null, label: 'C', note: 'Marked 999* in the DSB: not meant for billing software; no status.' },
} satisfies Record<string, KbvRule>);

/** The KBV's severity for rule `number`: the XPM's message type, else the DSB's Prüfstatus; null for an unknown number. */
export function kbvSeverity(number: string): Severity | null {
  const rule = Object.prototype.hasOwnProperty.call(KBV_RULES, number) ? KBV_RULES[number] : undefined;
  return rule ? (rule.xpm ?? rule.dsb) : null;
}

/** How the XPM names a rule: `KVDT-R059`. */
export const kbvRuleName = (number: string): string => `KVDT-R${number}`;
