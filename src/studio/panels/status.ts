/** "Regelwerke": what is loaded, what the last load found wrong (each problem opens its place), rules that can never fire. */
import type { LoadProblem } from '../api';
import { fill, h } from '../dom';
import { pick, t } from '../i18n';

export interface RuleSetsState {
  status: 'ok' | 'stale' | 'none';
  folder: string | null;
  generation: number;
  loadedAt: string | null;
  lastAttempt: { at: string; ok: boolean };
  ruleSets: { key: string; title?: { de?: string; en?: string }; validFrom: string; validUntil: string | null; file: string; rules: number; active: boolean }[];
  catalogues: { id: string; file: string }[];
  contracts: { id: string; file: string }[];
  inactiveRules: { ruleSet: string; ruleId: string; reason: string; reasonEn: string; file: string; line: number; column: number }[];
  problems: LoadProblem[];
}

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—';

export class StatusPanel {
  readonly element = h('div', { class: 'panel-body status-panel' });
  private state: RuleSetsState | null = null;

  constructor(
    private readonly openAt: (file: string, line: number, column: number) => void,
    /** Only files of the rule folder can be opened (a context file may live elsewhere). */
    private readonly inFolder: (file: string) => boolean,
  ) {}

  set(state: RuleSetsState): void {
    this.state = state;
    this.render();
  }

  render(): void {
    const s = this.state;
    if (!s) return;
    const en = document.documentElement.lang === 'en';
    const where = (file: string, line: number, column: number) =>
      this.inFolder(file) ? h('button', { type: 'button', class: 'link mono', onclick: () => this.openAt(file, line, column) }, `${file}:${line}:${column}`) : h('span', { class: 'mono' }, `${file}:${line}:${column}`);
    fill(
      this.element,
      h('p', { class: `banner ${s.status}` }, s.status === 'ok' ? t('statusOk') : s.status === 'stale' ? t('statusStale') : t('statusNone'), s.generation ? ` · ${t('loadedAt')} ${time(s.loadedAt)} (${t('generation')} ${s.generation})` : ''),
      h('h4', null, t('loadProblems')),
      s.problems.length
        ? h('ul', { class: 'plain problems' }, s.problems.map((p) => h('li', { class: p.severity }, h('span', { class: `badge ${p.severity}` }, t(p.severity)), ' ', where(p.file, p.line, p.column), ` ${pick(p)} `, h('span', { class: 'sub mono' }, `[${p.code}] ${p.pointer}`))))
        : h('p', { class: 'muted' }, t('noLoadProblems')),
      h('h4', null, t('rules')),
      h(
        'table',
        { class: 'grid' },
        h('thead', null, h('tr', null, h('th', null, t('ruleSet')), h('th', null, t('validFrom')), h('th', null, t('validUntil')), h('th', { class: 'num' }, t('rules')), h('th', null, t('active')))),
        h(
          'tbody',
          null,
          s.ruleSets.map((v) =>
            h(
              'tr',
              null,
              h('td', null, h('button', { type: 'button', class: 'link mono', onclick: () => this.openAt(v.file, 1, 1) }, v.key), h('div', { class: 'sub' }, (en ? v.title?.en : v.title?.de) ?? '')),
              h('td', { class: 'mono' }, v.validFrom),
              h('td', { class: 'mono' }, v.validUntil ?? t('open')),
              h('td', { class: 'num' }, v.rules),
              h('td', null, v.active ? '✓' : ''),
            ),
          ),
        ),
      ),
      s.catalogues.length || s.contracts.length
        ? h('p', { class: 'sub' }, `${t('catalogues')}: ${s.catalogues.map((c) => c.id).join(', ') || '—'} · ${t('contracts')}: ${s.contracts.map((c) => c.id).join(', ') || '—'}`)
        : null,
      s.inactiveRules.length
        ? [h('h4', null, t('inactiveRules')), h('ul', { class: 'plain' }, s.inactiveRules.map((r) => h('li', null, h('span', { class: 'mono' }, `${r.ruleId} (${r.ruleSet})`), ' ', where(r.file, r.line, r.column), ` ${en ? r.reasonEn : r.reason}`)))]
        : null,
    );
  }
}
