/**
 * "Leistung prüfen": a form for the common fields of a service (or the entry as raw JSON),
 * checked with POST /v1/explain: findings, corrections, and every rule considered as an
 * expandable tree — each condition with its fact value, operator, value and result.
 */
// The answers' shapes are the plugin API's own (type-only imports: nothing of the core is bundled).
import type { CheckResult, ConditionTrace, Explanation } from '../../../plugin-api/types';
import { ApiError, call } from '../api';
import { fill, h, type Child } from '../dom';
import { t, type Key } from '../i18n';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
const mark = (ok: boolean) => h('span', { class: `mark ${ok ? 'yes' : 'no'}`, 'aria-label': ok ? t('yes') : t('no') }, ok ? '✓' : '✗');

export function severityBadge(s: 'fatal' | 'error' | 'warning' | 'info'): HTMLElement {
  return h('span', { class: `badge ${s === 'fatal' ? 'error' : s}` }, t(s));
}

/** Findings and corrections as tables (shared with the tests panel). */
export function resultView(r: CheckResult): HTMLElement {
  return h(
    'div',
    { class: 'result' },
    h('h4', null, t('findings')),
    r.findings.length
      ? h(
          'table',
          { class: 'grid' },
          h('thead', null, h('tr', null, h('th', null, t('severity')), h('th', null, t('code')), h('th', null, t('message')), h('th', null, t('fields')))),
          h(
            'tbody',
            null,
            r.findings.map((f) =>
              h(
                'tr',
                null,
                h('td', null, severityBadge(f.severity)),
                h('td', { class: 'mono' }, f.code),
                h('td', null, f.message, h('div', { class: 'sub' }, `${t('source')}: ${f.source} · ${t('rule')} ${f.ruleId} (${f.ruleSet})`)),
                h('td', { class: 'mono' }, f.fields.join(', '), f.index !== undefined ? ` · ${t('pair')} ${f.index + 1}` : ''),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('noFindings')),
    r.corrections.length
      ? [
          h('h4', null, t('corrections')),
          h(
            'ul',
            { class: 'corrections' },
            r.corrections.map((c) =>
              h('li', { class: 'correction' }, h('strong', { class: 'mono' }, `FK ${c.field} = ${c.value}`), ` (${t('pair')} ${c.index + 1}; ${t('was')}: ${c.previous ?? t('empty')}) · ${t('rule')} ${c.ruleId}`),
            ),
          ),
        ]
      : null,
  );
}

/** A value as JSON; long ones shortened, the whole in a disclosure (no hover needed to read it). */
function value(v: unknown): HTMLElement {
  const ref = v as { fact?: unknown; params?: unknown; path?: unknown } | null;
  if (ref && typeof ref === 'object' && typeof ref.fact === 'string') {
    // A fact reference, as a rule writer reads it: fact(params).path
    return h('code', { class: 'fact-ref' }, ref.fact, ref.params !== undefined ? `(${paramsText(ref.params)})` : '', typeof ref.path === 'string' ? ref.path.replace(/^\$/, '') : '');
  }
  const text = show(v);
  if (text.length <= 90) return h('code', null, text);
  return h('details', { class: 'long-value' }, h('summary', null, h('code', null, `${text.slice(0, 80)} …`)), h('code', { class: 'full' }, text));
}

/** Params as `name: value` pairs, the way a rule writer reads them. */
const paramsText = (p: unknown) =>
  typeof p === 'object' && p !== null && !Array.isArray(p) ? Object.entries(p).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ') : show(p);

function condition(c: ConditionTrace): HTMLElement {
  if (c.kind === 'fact') {
    const resolved = c.valueResolved !== undefined && JSON.stringify(c.valueResolved) !== JSON.stringify(c.value) ? [h('span', { class: 'sub' }, ' = '), value(c.valueResolved)] : null;
    return h(
      'li',
      { class: `cond fact ${c.result ? 'true' : 'false'}` },
      h(
        'div',
        { class: 'cond-line' },
        mark(c.result),
        h('code', { class: 'fact-name' }, c.fact, c.path ? c.path.replace(/^\$/, '') : ''),
        c.params !== undefined ? h('span', { class: 'params' }, `(${paramsText(c.params)})`) : null,
        h('span', { class: 'op' }, c.operator),
        value(c.value),
        resolved,
      ),
      h('div', { class: 'fact-value' }, h('span', { class: 'sub' }, `${t('factValue')}: `), value(c.factValue)),
    );
  }
  const label = c.kind === 'condition' ? `${c.name}` : c.kind;
  return h(
    'li',
    { class: `cond group ${c.result ? 'true' : 'false'}` },
    h('details', { open: true }, h('summary', null, mark(c.result), h('span', { class: c.kind === 'condition' ? 'named' : 'kw' }, label)), h('ul', null, (c.children ?? []).map(condition))),
  );
}

export function traceView(x: Explanation): HTMLElement {
  return h(
    'div',
    { class: 'trace' },
    h('h4', null, t('trace')),
    h('p', { class: 'muted' }, `${t('traceHint')} ${x.ruleSets.join(', ')} · ${x.skipped} ${t('skipped')}`),
    h(
      'ul',
      { class: 'rules' },
      x.rules.map((r) =>
        h(
          'li',
          { class: `rule ${r.fired ? 'fired' : ''}` },
          h(
            'details',
            { open: r.fired },
            h('summary', null, mark(r.fired), h('span', { class: 'mono' }, r.ruleId), h('span', { class: 'sub' }, ` ${r.ruleSet}${r.index !== undefined ? ` · ${t('pair')} ${r.index + 1}` : ''} · ${r.fired ? t('fired') : t('notFired')}`)),
            h('ul', { class: 'conds' }, condition(r.conditions)),
          ),
        ),
      ),
    ),
  );
}

export class CheckPanel {
  readonly element: HTMLElement;
  private mode: 'form' | 'json' = 'form';
  private readonly fields: Record<'date' | 'gop' | 'teamNumber' | 'lanr' | 'bsnr' | 'icd', HTMLInputElement>;
  private readonly pairs: { description: HTMLInputElement; cents: HTMLInputElement }[] = [];
  private readonly raw: HTMLTextAreaElement;
  private readonly output: HTMLElement;
  private readonly formBox: HTMLElement;

  constructor() {
    const input = (name: string, placeholder = '') => h('input', { id: `entry-${name}`, name, placeholder, autocomplete: 'off', spellcheck: 'false' });
    this.fields = { date: input('date', 'JJJJ-MM-TT'), gop: input('gop', '88500'), teamNumber: input('teamNumber', '00nnnnnnP'), lanr: input('lanr'), bsnr: input('bsnr'), icd: input('icd', 'C16.0') };
    this.fields.date.type = 'date';
    this.raw = h('textarea', { id: 'entry-json', rows: '14', spellcheck: 'false', class: 'mono', 'aria-label': 'JSON' });
    this.output = h('div', { class: 'output', 'aria-live': 'polite' });
    this.formBox = h('div');
    this.element = h('div', { class: 'panel-body check-panel' });
    this.addPair();
    this.render();
  }

  private addPair(): void {
    const n = this.pairs.length;
    this.pairs.push({ description: h('input', { id: `entry-5011-${n}`, autocomplete: 'off', placeholder: '5489' }), cents: h('input', { id: `entry-5012-${n}`, autocomplete: 'off', inputmode: 'numeric' }) });
  }

  /** The entry as the form or the JSON box says. */
  private entry(): unknown {
    if (this.mode === 'json') return JSON.parse(this.raw.value);
    const v = (k: keyof typeof this.fields) => this.fields[k].value.trim();
    const e: Record<string, unknown> = { date: v('date'), gop: v('gop') };
    for (const k of ['teamNumber', 'lanr', 'bsnr'] as const) if (v(k)) e[k] = v(k);
    const costs = this.pairs.filter((p) => p.description.value.trim() || p.cents.value.trim()).map((p) => ({ ...(p.description.value.trim() ? { description: p.description.value.trim() } : {}), ...(p.cents.value.trim() ? { cents: p.cents.value.trim() } : {}) }));
    if (costs.length) e['costs'] = costs;
    const icd = v('icd');
    if (icd) e['diagnoses'] = icd.split(',').map((c) => ({ icd: c.trim(), certainty: 'G' })).filter((d) => d.icd);
    return e;
  }

  private async run(): Promise<void> {
    let entry: unknown;
    try {
      entry = this.entry();
    } catch {
      fill(this.output, h('p', { class: 'error-text', role: 'alert' }, 'JSON: ', t('problems')));
      return;
    }
    // The form and the JSON box show the same entry.
    this.raw.value = JSON.stringify(entry, null, 2);
    fill(this.output, h('p', { class: 'muted' }, t('validating')));
    try {
      const x = await call<Explanation>('POST', '/v1/explain', entry);
      fill(this.output, resultView(x.result), traceView(x));
    } catch (e) {
      fill(this.output, h('p', { class: 'error-text', role: 'alert' }, e instanceof ApiError ? e.problem.detail : t('connectionLost')));
    }
  }

  render(): void {
    const field = (key: Key, el: HTMLInputElement): Child => h('div', { class: 'field' }, h('label', { for: el.id }, t(key)), el);
    fill(
      this.formBox,
      h(
        'div',
        { class: 'form-grid' },
        field('date', this.fields.date),
        field('gop', this.fields.gop),
        field('team', this.fields.teamNumber),
        field('lanr', this.fields.lanr),
        field('bsnr', this.fields.bsnr),
        field('icd', this.fields.icd),
      ),
      h(
        'fieldset',
        { class: 'pairs' },
        h('legend', null, t('costs')),
        this.pairs.map((p, i) =>
          h(
            'div',
            { class: 'pair' },
            h('label', { for: p.description.id }, `${t('goae')} · ${t('pair')} ${i + 1}`),
            p.description,
            h('label', { for: p.cents.id }, t('cents')),
            p.cents,
            this.pairs.length > 1 ? h('button', { type: 'button', class: 'icon', title: t('removePair'), 'aria-label': `${t('removePair')} ${i + 1}`, onclick: () => (this.pairs.splice(i, 1), this.render()) }, '×') : null,
          ),
        ),
        h('button', { type: 'button', class: 'link', onclick: () => (this.addPair(), this.render(), this.pairs.at(-1)!.description.focus()) }, `+ ${t('addPair')}`),
      ),
    );
    const modeButton = (m: 'form' | 'json', key: Key) =>
      h('button', { type: 'button', class: `seg ${this.mode === m ? 'on' : ''}`, 'aria-pressed': String(this.mode === m), onclick: () => this.switchMode(m) }, t(key));
    fill(
      this.element,
      h(
        'form',
        { class: 'entry-form', onsubmit: (e: Event) => (e.preventDefault(), void this.run()) },
        h('div', { class: 'segmented', role: 'group' }, modeButton('form', 'form'), modeButton('json', 'rawJson')),
        this.mode === 'form' ? this.formBox : this.raw,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('check')), h('button', { type: 'button', onclick: () => this.clear() }, t('reset'))),
      ),
      this.output,
    );
  }

  private switchMode(m: 'form' | 'json'): void {
    if (m === 'json' && this.mode === 'form') this.raw.value = JSON.stringify(this.entry(), null, 2);
    if (m === 'form' && this.mode === 'json') this.fillForm();
    this.mode = m;
    this.render();
  }

  /** The form from the JSON box, as far as its fields go (the JSON box keeps the rest). */
  private fillForm(): void {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(this.raw.value) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof e !== 'object' || e === null) return;
    const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
    for (const k of ['date', 'gop', 'teamNumber', 'lanr', 'bsnr'] as const) this.fields[k].value = text(e[k]);
    this.fields.icd.value = Array.isArray(e['diagnoses']) ? e['diagnoses'].map((d) => text((d as { icd?: unknown })?.icd)).filter(Boolean).join(', ') : '';
    this.pairs.length = 0;
    for (const c of Array.isArray(e['costs']) ? (e['costs'] as { description?: unknown; cents?: unknown }[]) : []) {
      this.addPair();
      this.pairs.at(-1)!.description.value = text(c?.description);
      this.pairs.at(-1)!.cents.value = text(c?.cents);
    }
    if (!this.pairs.length) this.addPair();
  }

  private clear(): void {
    for (const f of Object.values(this.fields)) f.value = '';
    this.pairs.length = 0;
    this.addPair();
    this.raw.value = '';
    fill(this.output);
    this.render();
  }
}
