/**
 * What the loader checks about the KBV rule numbers of a rule set (`kbvRule` in a finding's
 * params): the number is known or the severity is written out, and a severity that differs
 * from the KBV's says why (`kbvDeviation`), so every deliberate difference is visible next to
 * its rule and in docs/kbv-parity.md.
 */
import type { RuleSetDoc } from '../model';
import { KBV_RULES, kbvRuleName, kbvSeverity } from './kvdt-rules';

export interface KbvProblem {
  pointer: string;
  code: 'kbv-rule' | 'kbv-severity';
  severity: 'error' | 'warning';
  de: string;
  en: string;
}

const WORD = {
  de: { error: 'Fehler', warning: 'Warnung', info: 'Hinweis' },
  en: { error: 'error', warning: 'warning', info: 'info' },
} as const;

/** The problems of the KBV rule numbers in `doc`'s findings. */
export function kbvProblems(doc: RuleSetDoc): KbvProblem[] {
  const out: KbvProblem[] = [];
  doc.rules.forEach((rule, i) => {
    if (rule.event.type !== 'finding') return;
    const p = rule.event.params;
    const number = p.kbvRule;
    if (number === undefined) return;
    const at = `/rules/${i}/event/params`;
    const kbv = kbvSeverity(number);
    if (kbv === null) {
      if (p.severity === undefined) {
        const known = Object.prototype.hasOwnProperty.call(KBV_RULES, number);
        out.push({
          pointer: `${at}/kbvRule`,
          code: 'kbv-rule',
          severity: 'error',
          de: known
            ? `${kbvRuleName(number)} hat keinen eigenen Schweregrad bei der KBV; severity angeben.`
            : `${kbvRuleName(number)} ist keine hier verzeichnete KBV-Regel zu ASV oder Hybrid-DRG; severity angeben.`,
          en: known ? `${kbvRuleName(number)} has no severity of its own at the KBV; give severity.` : `${kbvRuleName(number)} is no KBV rule on ASV or Hybrid-DRG listed here; give severity.`,
        });
      }
      return;
    }
    if (p.severity !== undefined && p.severity !== kbv && p.kbvDeviation === undefined) {
      out.push({
        pointer: `${at}/severity`,
        code: 'kbv-severity',
        severity: 'warning',
        de: `Die KBV meldet ${kbvRuleName(number)} als ${WORD.de[kbv]}, die Regel "${rule.name}" als ${WORD.de[p.severity]}: den Grund in kbvDeviation nennen oder severity weglassen.`,
        en: `The KBV reports ${kbvRuleName(number)} as ${WORD.en[kbv]}, rule "${rule.name}" as ${WORD.en[p.severity]}: give the reason in kbvDeviation or leave severity out.`,
      });
    }
  });
  return out;
}
