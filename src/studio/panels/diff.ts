/** "Vergleich": what a rule-set version changes against the version it builds on, in the words of `pvs-rules diff`. */
import type { RuleSetDiff } from '../../tooling/diff';
import { ApiError, call } from '../api';
import { fill, h, type Child } from '../dom';
import { t, type Key } from '../i18n';

interface DiffResult {
  ruleSet: string;
  file: string;
  base: string | null;
  baseFile: string | null;
  diff: RuleSetDiff | null;
}

const show = (v: unknown) => (typeof v === 'object' && v !== null && 'de' in v ? String((v as { de: string; en?: string })[document.documentElement.lang === 'en' ? 'en' : 'de'] ?? '') : JSON.stringify(v));

export class DiffPanel {
  readonly element = h('div', { class: 'panel-body diff-panel' });
  private versions: string[] = [];
  private chosen = '';
  private result: DiffResult | null = null;
  private error: string | null = null;

  constructor() {
    this.render();
  }

  /** The versions to choose from (`id@version`). */
  setVersions(keys: string[]): void {
    this.versions = keys;
    if (!this.chosen || !keys.includes(this.chosen)) this.chosen = keys.find((k) => !k.startsWith('kvdt')) ?? keys[0] ?? '';
    this.render();
  }

  /** Chooses a version (when its file is opened) without running the comparison. */
  choose(key: string): void {
    if (this.versions.includes(key) && key !== this.chosen) {
      this.chosen = key;
      this.result = null;
      this.render();
    }
  }

  async compare(): Promise<void> {
    const [id, version] = this.chosen.split('@');
    if (!id || !version) return;
    try {
      this.result = await call<DiffResult>('GET', `/v1/rule-sets/${encodeURIComponent(id)}/${encodeURIComponent(version)}/diff`);
      this.error = null;
    } catch (e) {
      this.error = e instanceof ApiError ? e.problem.detail : t('connectionLost');
    }
    this.render();
  }

  render(): void {
    fill(
      this.element,
      h(
        'form',
        { class: 'actions', onsubmit: (e: Event) => (e.preventDefault(), void this.compare()) },
        h('div', { class: 'field inline' }, h('label', { for: 'diff-version' }, t('version')), h('select', { id: 'diff-version', onchange: (e: Event) => ((this.chosen = (e.target as HTMLSelectElement).value), (this.result = null), this.render()) }, this.versions.map((v) => h('option', { value: v, selected: v === this.chosen }, v)))),
        h('button', { type: 'submit', class: 'primary' }, t('compare')),
      ),
      this.error ? h('p', { class: 'error-text', role: 'alert' }, this.error) : null,
      this.result ? this.view(this.result) : null,
    );
  }

  private view(r: DiffResult): Child {
    if (!r.diff) return h('p', { class: 'muted' }, `${r.ruleSet}: ${t('noBase')}`);
    const d = r.diff;
    const list = (key: Key, items: string[], cls: string) => (items.length ? h('div', { class: 'diff-block' }, h('h4', null, t(key)), h('ul', { class: `plain ${cls}` }, items.map((i) => h('li', { class: 'mono' }, i)))) : null);
    const p = d.parameters;
    const empty = [d.header, d.rules.added, d.rules.removed, d.rules.changed, p.added, p.removed, p.changed, d.tables.added, d.tables.removed, d.tables.changed, d.sources.added, d.sources.removed].every((x) => x.length === 0);
    return h(
      'div',
      { class: 'diff' },
      h('p', { class: 'diff-title' }, h('strong', null, d.new), ` ${t('against')} `, h('strong', null, d.old), h('span', { class: 'sub' }, ` (${r.file} ← ${r.baseFile})`)),
      empty ? h('p', { class: 'muted' }, t('noChanges')) : null,
      d.header.length
        ? h('div', { class: 'diff-block' }, h('h4', null, t('header')), h('table', { class: 'grid' }, h('thead', null, h('tr', null, h('th', null, ''), h('th', null, t('old')), h('th', null, t('new')))), h('tbody', null, d.header.map((x) => h('tr', null, h('td', { class: 'mono' }, x.field), h('td', { class: 'removed' }, show(x.old)), h('td', { class: 'added' }, show(x.new)))))))
        : null,
      list('rulesAdded', d.rules.added, 'added'),
      list('rulesRemoved', d.rules.removed, 'removed'),
      d.rules.changed.length ? h('div', { class: 'diff-block' }, h('h4', null, t('rulesChanged')), h('ul', { class: 'plain changed' }, d.rules.changed.map((c) => h('li', null, h('span', { class: 'mono' }, c.name), h('span', { class: 'sub' }, `: ${c.parts.join(', ')}`))))) : null,
      p.added.length || p.removed.length || p.changed.length
        ? h(
            'div',
            { class: 'diff-block diff-parameters' },
            h('h4', null, t('parameters')),
            p.added.length ? h('p', { class: 'added' }, `${t('parametersAdded')}: `, h('span', { class: 'mono' }, p.added.join(', '))) : null,
            p.removed.length ? h('p', { class: 'removed' }, `${t('parametersRemoved')}: `, h('span', { class: 'mono' }, p.removed.join(', '))) : null,
            p.changed.length
              ? h('table', { class: 'grid' }, h('thead', null, h('tr', null, h('th', null, ''), h('th', null, t('old')), h('th', null, t('new')))), h('tbody', null, p.changed.map((x) => h('tr', null, h('td', { class: 'mono' }, x.name), h('td', { class: 'removed' }, JSON.stringify(x.old)), h('td', { class: 'added' }, JSON.stringify(x.new))))))
              : null,
          )
        : null,
      list('tablesAdded', d.tables.added, 'added'),
      list('tablesRemoved', d.tables.removed, 'removed'),
      d.tables.changed.length
        ? h(
            'div',
            { class: 'diff-block' },
            h('h4', null, t('tables')),
            d.tables.changed.map((c) =>
              h(
                'div',
                { class: 'table-diff' },
                h('h5', { class: 'mono' }, c.table),
                h('ul', { class: 'plain' }, c.rowsAdded.map((k) => h('li', { class: 'added mono' }, `+ ${k}`)), c.rowsRemoved.map((k) => h('li', { class: 'removed mono' }, `− ${k}`)), c.rowsChanged.map((k) => h('li', { class: 'changed mono' }, `~ ${k.key}: ${k.columns.join(', ')}`))),
              ),
            ),
          )
        : null,
      list('sourcesAdded', d.sources.added, 'added'),
      list('sourcesRemoved', d.sources.removed, 'removed'),
    );
  }
}
