/** The explanation trace as readable text: each rule considered, each condition with its values. */
import type { ConditionTrace, Explanation } from '../../plugin-api/types';

const v = (x: unknown) => (x === undefined ? 'undefined' : JSON.stringify(x));

function condition(t: ConditionTrace, depth: number, lang: 'de' | 'en', out: string[]): void {
  const pad = '    '.repeat(depth);
  const mark = t.result ? '✓' : '✗';
  if (t.kind === 'fact') {
    const params = t.params !== undefined ? ` ${v(t.params)}` : '';
    const path = t.path !== undefined ? ` ${t.path}` : '';
    const resolved = t.valueResolved !== undefined ? ` (= ${v(t.valueResolved)})` : '';
    out.push(`${pad}${mark} ${t.fact}${params}${path} ${t.operator} ${v(t.value)}${resolved}   ${lang === 'en' ? 'fact value' : 'Faktwert'}: ${v(t.factValue)}`);
    return;
  }
  out.push(`${pad}${mark} ${t.kind === 'condition' ? `condition "${t.name}"` : t.kind}`);
  for (const c of t.children ?? []) condition(c, depth + 1, lang, out);
}

export function formatExplanation(x: Explanation, lang: 'de' | 'en'): string {
  const en = lang === 'en';
  const out: string[] = [`${en ? 'Rule sets' : 'Regelwerke'}: ${x.ruleSets.join(', ') || '–'} · ${en ? 'candidates' : 'Kandidaten'}: ${x.rules.length} · ${en ? 'skipped by the index' : 'vom Index übersprungen'}: ${x.skipped}`];
  for (const r of x.rules) {
    out.push(`${r.fired ? (en ? 'FIRES' : 'LÖST AUS') : en ? 'no   ' : 'nein    '} ${r.ruleId} (${r.ruleSet}${r.index !== undefined ? `, ${en ? 'pair' : 'Paar'} ${r.index + 1}` : ''})`);
    condition(r.conditions, 1, lang, out);
  }
  const f = x.result.findings.map((x) => `${x.severity} ${x.code}`).join(', ') || '–';
  const c = x.result.corrections.map((x) => `${x.field}[${x.index}]=${x.value}`).join(', ') || '–';
  out.push(`${en ? 'Findings' : 'Meldungen'}: ${f} · ${en ? 'Corrections' : 'Korrekturen'}: ${c}`);
  return `${out.join('\n')}\n`;
}
