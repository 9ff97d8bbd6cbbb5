/**
 * The KBV's own rule numbers for ASV and Hybrid-DRG: the rules of the KVDT
 * Datensatzbeschreibung (DSB) 6.03 and the messages `KVDT-R<number>` of the KBV's test
 * module XPM-KVDT 2026.1.1 (MeldungenKVDT.xml), with the severity each gives. A finding that
 * corresponds to one carries its number (`kbvRule`), and by default the KBV's severity: the
 * XPM's message type, else the DSB's Prüfstatus (rules the XPM reports through a generic
 * format message have no `KVDT-R` message of their own).
 *
 * Data, not logic: one row per number with the two severities. What each rule checks and each
 * row's label ([C] read in the KBV document, [U] partly unreadable there) with its note are in
 * src/kbv/kvdt-rule-texts.ts (apart, so the core does not carry texts nothing at run time reads). docs/kbv-parity.md lists every
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
}

const F: Severity = 'error';
const W: Severity = 'warning';
const I: Severity = 'info';

/** Every KBV rule number of DSB 6.03 / XPM 2026.1.1 that concerns ASV or Hybrid-DRG (the rules on the ASV fields, the whole HDRG rule table), by number. */
export const KBV_RULES: Readonly<Record<string, KbvRule>> = Object.freeze({
  '017': { dsb: F, xpm: F },
  '021': { dsb: F, xpm: null },
  '023': { dsb: W, xpm: W },
  '024': { dsb: F, xpm: null },
  '031': { dsb: F, xpm: null },
  '049': { dsb: F, xpm: null },
  '052': { dsb: F, xpm: null },
  '053': { dsb: F, xpm: null },
  '054': { dsb: F, xpm: null },
  '055': { dsb: F, xpm: null },
  '056': { dsb: W, xpm: W },
  '058': { dsb: F, xpm: null },
  '059': { dsb: I, xpm: I },
  '060': { dsb: F, xpm: null },
  '063': { dsb: F, xpm: F },
  '064': { dsb: W, xpm: W },
  '066': { dsb: F, xpm: null },
  '110': { dsb: F, xpm: null },
  '116': { dsb: F, xpm: null },
  '142': { dsb: F, xpm: null },
  '162': { dsb: F, xpm: F },
  '174': { dsb: F, xpm: null },
  '178': { dsb: F, xpm: null },
  '201': { dsb: I, xpm: I },
  '202': { dsb: I, xpm: I },
  '212': { dsb: F, xpm: F },
  '221': { dsb: W, xpm: W },
  '223': { dsb: F, xpm: F },
  '304': { dsb: F, xpm: F },
  '307': { dsb: W, xpm: W },
  '308': { dsb: W, xpm: W },
  '314': { dsb: W, xpm: W },
  '321': { dsb: W, xpm: W },
  '322': { dsb: W, xpm: W },
  '328': { dsb: F, xpm: F },
  '364': { dsb: W, xpm: W },
  '365': { dsb: W, xpm: W },
  '366': { dsb: W, xpm: W },
  '390': { dsb: W, xpm: W },
  '431': { dsb: F, xpm: F },
  '493': { dsb: W, xpm: W },
  '494': { dsb: W, xpm: W },
  '498': { dsb: F, xpm: F },
  '499': { dsb: F, xpm: F },
  '528': { dsb: F, xpm: null },
  '534': { dsb: F, xpm: F },
  '536': { dsb: F, xpm: F },
  '537': { dsb: F, xpm: F },
  '538': { dsb: F, xpm: F },
  '539': { dsb: F, xpm: null },
  '623': { dsb: F, xpm: null },
  '705': { dsb: W, xpm: W },
  '706': { dsb: F, xpm: F },
  '710': { dsb: W, xpm: W },
  '711a': { dsb: null, xpm: W },
  '711b': { dsb: null, xpm: W },
  '715': { dsb: F, xpm: F },
  '716': { dsb: F, xpm: F },
  '720': { dsb: F, xpm: F },
  '720b': { dsb: null, xpm: F },
  '721': { dsb: F, xpm: F },
  '734': { dsb: W, xpm: W },
  '735': { dsb: F, xpm: F },
  '737': { dsb: W, xpm: W },
  '764': { dsb: F, xpm: F },
  '775': { dsb: F, xpm: F },
  '776': { dsb: F, xpm: null },
  '778': { dsb: F, xpm: F },
  '779': { dsb: F, xpm: F },
  '780': { dsb: F, xpm: F },
  '784': { dsb: F, xpm: F },
  '789': { dsb: W, xpm: W },
  '790': { dsb: F, xpm: F },
  '818': { dsb: W, xpm: W },
  '824': { dsb: W, xpm: W },
  '827': { dsb: W, xpm: W },
  '836': { dsb: F, xpm: F },
  '837': { dsb: F, xpm: F },
  '838': { dsb: I, xpm: I },
  '839': { dsb: I, xpm: I },
  '841': { dsb: null, xpm: F },
  '842': { dsb: null, xpm: I },
  '844': { dsb: W, xpm: W },
  '845': { dsb: W, xpm: W },
  '857': { dsb: F, xpm: F },
  '858': { dsb: F, xpm: F },
  '859': { dsb: F, xpm: F },
  '862': { dsb: F, xpm: F },
  '876': { dsb: W, xpm: W },
  '895': { dsb: W, xpm: W },
  '896': { dsb: W, xpm: W },
  '898': { dsb: null, xpm: null },
  '999': { dsb: null, xpm: null },
} satisfies Record<string, KbvRule>);

/** The KBV's severity for rule `number`: the XPM's message type, else the DSB's Prüfstatus; null for an unknown number. */
export function kbvSeverity(number: string): Severity | null {
  const rule = Object.prototype.hasOwnProperty.call(KBV_RULES, number) ? KBV_RULES[number] : undefined;
  return rule ? (rule.xpm ?? rule.dsb) : null;
}

/** How the XPM names a rule: `KVDT-R059`. */
export const kbvRuleName = (number: string): string => `KVDT-R${number}`;
