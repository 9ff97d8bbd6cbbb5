/**
 * "KVDT-Datei prüfen": a .con file dropped (or chosen) is sent to POST /v1/kvdt/check as it
 * is; the findings arrive as JSON Lines and fill a table by line, filterable by code and
 * severity. The file is read by this page only to send it; nothing is kept.
 */
import { ApiError, streamLines } from '../api';
import { fill, h } from '../dom';
import { t, type Key } from '../i18n';
import { severityBadge } from './check';

interface Row {
  type: 'finding' | 'problem';
  line: number;
  /** `fatal`: the file could not be checked (empty, not KVDT). */
  severity: 'fatal' | 'error' | 'warning' | 'info';
  code: string;
  message: string;
  messageEn?: string;
  fields?: string[];
  fk?: string;
  gop?: string;
  date?: string;
  index?: number;
}
interface Summary {
  bytes: number;
  lines: number;
  cases: number;
  services: number;
  corrections: number;
  findings: { error: number; warning: number; info: number };
  problems: { fatal: number; error: number; warning: number };
  fatal: boolean;
}

export class KvdtPanel {
  readonly element = h('div', { class: 'panel-body kvdt-panel' });
  private rows: Row[] = [];
  private summary: Summary | null = null;
  private fileName = '';
  private busy = false;
  private error: string | null = null;
  private code = '';
  private severity = '';
  private search = '';
  private readonly input: HTMLInputElement;
  private readonly table = h('div', { class: 'kvdt-results' });

  constructor() {
    this.input = h('input', { type: 'file', id: 'kvdt-file', accept: '.con,.CON', class: 'visually-hidden', onchange: () => this.input.files?.[0] && void this.check(this.input.files[0]) });
    this.render();
  }

  async check(file: File): Promise<void> {
    this.fileName = file.name;
    this.rows = [];
    this.summary = null;
    this.error = null;
    this.busy = true;
    this.render();
    try {
      await streamLines('/v1/kvdt/check', file, (value) => {
        const v = value as { type: string; problem?: { detail: string } } & Record<string, unknown>;
        if (v.type === 'finding' || v.type === 'problem') this.rows.push(v as unknown as Row);
        else if (v.type === 'summary') this.summary = v as unknown as Summary;
        else if (v.type === 'error') this.error = v.problem?.detail ?? null;
      });
    } catch (e) {
      this.error = e instanceof ApiError ? e.problem.detail : t('connectionLost');
    }
    this.busy = false;
    this.input.value = '';
    this.render();
  }

  private filtered(): Row[] {
    const q = this.search.toLowerCase();
    return this.rows.filter(
      (r) => (!this.code || r.code === this.code) && (!this.severity || r.severity === this.severity) && (!q || `${r.message} ${r.gop ?? ''} ${r.code}`.toLowerCase().includes(q)),
    );
  }

  render(): void {
    const drop = h(
      'div',
      {
        class: 'dropzone',
        id: 'kvdt-drop',
        ondragover: (e: DragEvent) => (e.preventDefault(), drop.classList.add('over')),
        ondragleave: () => drop.classList.remove('over'),
        ondrop: (e: DragEvent) => {
          e.preventDefault();
          drop.classList.remove('over');
          const f = e.dataTransfer?.files[0];
          if (f) void this.check(f);
        },
      },
      h('div', { class: 'drop-text' }, t('dropHere')),
      h('label', { for: 'kvdt-file', class: 'button' }, t('chooseKvdt')),
      this.input,
    );
    // The label opens the file dialog by keyboard as well.
    drop.querySelector('label')!.setAttribute('tabindex', '0');
    drop.querySelector('label')!.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') {
        e.preventDefault();
        this.input.click();
      }
    });
    fill(
      this.element,
      drop,
      this.busy ? h('p', { class: 'muted', role: 'status' }, `${t('checking')} ${this.fileName} …`) : null,
      this.error ? h('p', { class: 'error-text', role: 'alert' }, this.error) : null,
      this.summary ? this.summaryView(this.summary) : null,
      this.table,
    );
    this.renderTable();
  }

  private summaryView(s: Summary): HTMLElement {
    const [lines, cases, services] = t('kvdtSummary').split(', ');
    return h(
      'div',
      { class: `summary ${s.fatal ? 'bad' : ''}`, role: 'status' },
      h('strong', { class: 'mono' }, this.fileName),
      h('div', null, `${s.lines} ${lines}, ${s.cases} ${cases}, ${s.services} ${services}`),
      h(
        'div',
        { class: 'counts' },
        s.problems.fatal ? h('span', { class: 'badge error' }, `${s.problems.fatal} ${t('fatal')}`) : null,
        (['error', 'warning', 'info'] as const).map((k) => h('span', { class: `badge ${k}` }, `${s.findings[k]} ${t(k)}`)),
        h('span', { class: 'badge neutral' }, `${s.corrections} ${t('corrections')}`),
        s.problems.error + s.problems.warning ? h('span', { class: 'badge neutral' }, `${s.problems.error + s.problems.warning} ${t('fileProblem')}`) : null,
      ),
    );
  }

  private renderTable(): void {
    if (!this.summary && !this.rows.length) {
      fill(this.table);
      return;
    }
    const codes = new Map<string, number>();
    for (const r of this.rows) codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    const rows = this.filtered();
    const select = (id: string, label: Key, value: string, options: [string, string][], set: (v: string) => void) =>
      h('div', { class: 'field inline' }, h('label', { for: id }, t(label)), h('select', { id, onchange: (e: Event) => (set((e.target as HTMLSelectElement).value), this.renderTable()) }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
    const en = document.documentElement.lang === 'en';
    fill(
      this.table,
      h(
        'div',
        { class: 'filters' },
        select('kvdt-code', 'code', this.code, [['', t('all')], ...[...codes].sort().map(([c, n]): [string, string] => [c, `${c} (${n})`])], (v) => (this.code = v)),
        select('kvdt-severity', 'severity', this.severity, [['', t('all')], ['fatal', t('fatal')], ['error', t('error')], ['warning', t('warning')], ['info', t('info')]], (v) => (this.severity = v)),
        h(
          'div',
          { class: 'field inline' },
          h('label', { for: 'kvdt-search' }, t('search')),
          h('input', { id: 'kvdt-search', type: 'search', value: this.search, oninput: (e: Event) => ((this.search = (e.target as HTMLInputElement).value), this.renderRows()) }),
        ),
        h('span', { class: 'muted count' }, `${rows.length} / ${this.rows.length} ${t('shown')}`),
      ),
      h(
        'table',
        { class: 'grid findings-table' },
        h('thead', null, h('tr', null, h('th', { class: 'num' }, t('line')), h('th', null, t('severity')), h('th', null, t('code')), h('th', null, t('message')))),
        h('tbody', { id: 'kvdt-rows' }, this.rowViews(rows, en)),
      ),
    );
  }

  private renderRows(): void {
    const body = this.table.querySelector('#kvdt-rows');
    const rows = this.filtered();
    if (body) fill(body, this.rowViews(rows, document.documentElement.lang === 'en'));
    const count = this.table.querySelector('.count');
    if (count) count.textContent = `${rows.length} / ${this.rows.length} ${t('shown')}`;
  }

  private rowViews(rows: Row[], en: boolean): HTMLElement[] {
    if (!rows.length) return [h('tr', null, h('td', { colspan: '4', class: 'muted' }, t('noRows')))];
    return rows.map((r) =>
      h(
        'tr',
        null,
        h('td', { class: 'num mono' }, r.line),
        h('td', null, severityBadge(r.severity)),
        h('td', null, h('span', { class: 'mono' }, r.type === 'problem' ? `KVDT-${r.code}` : r.code), h('div', { class: 'sub mono' }, `FK ${r.fields?.join(', ') ?? r.fk ?? ''}`)),
        h('td', null, en && r.messageEn ? r.messageEn : r.message, r.gop ? h('div', { class: 'sub' }, `GOP ${r.gop} · ${r.date ?? ''}${r.index !== undefined ? ` · ${t('pair')} ${r.index + 1}` : ''}`) : null),
      ),
    );
  }
}
