/** "Tests ausführen": the expert test cases of the rule folder, green or red; a failure shows what was expected and what came. */
import type { CheckResult, LoadProblem } from '../../../plugin-api/types';
import { ApiError, call } from '../api';
import { fill, h } from '../dom';
import { pick, t } from '../i18n';
import { resultView } from './check';

/** One case of POST /v1/test (src/tooling/test-runner.ts CaseResult, without the trace). */
interface CaseResult {
  name: string;
  file: string;
  line: number;
  passed: boolean;
  differences: { de: string; en: string }[];
  expected: { findings: { code: string; severity?: string; index?: number }[]; corrections: { field: string; index?: number; value: string }[] };
  actual: CheckResult;
}
interface Report {
  stale: boolean;
  passed: number;
  failed: number;
  cases: CaseResult[];
  problems: LoadProblem[];
}

export class TestsPanel {
  readonly element = h('div', { class: 'panel-body tests-panel' });
  private report: Report | null = null;
  private error: string | null = null;
  private onlyFailed = false;
  private running = false;

  constructor(private readonly openAt: (file: string, line: number, column: number) => void) {
    this.render();
  }

  async run(): Promise<void> {
    this.running = true;
    this.render();
    try {
      this.report = await call<Report>('POST', '/v1/test');
      this.error = null;
    } catch (e) {
      this.error = e instanceof ApiError ? e.problem.detail : t('connectionLost');
    }
    this.running = false;
    this.render();
    this.element.querySelector<HTMLElement>('.summary')?.focus();
  }

  render(): void {
    const r = this.report;
    const expected = (c: CaseResult) =>
      h(
        'ul',
        { class: 'plain' },
        c.expected.findings.map((f) => h('li', { class: 'mono' }, `${f.code}${f.severity ? ` (${t(f.severity as 'error')})` : ''}${f.index !== undefined ? ` · ${t('pair')} ${f.index + 1}` : ''}`)),
        c.expected.corrections.map((k) => h('li', { class: 'mono' }, `FK ${k.field} = ${k.value}${k.index !== undefined ? ` (${t('pair')} ${k.index + 1})` : ''}`)),
        !c.expected.findings.length && !c.expected.corrections.length ? h('li', { class: 'muted' }, t('noFindings')) : null,
      );
    const caseRow = (c: CaseResult) =>
      h(
        'li',
        { class: `case ${c.passed ? 'pass' : 'fail'}` },
        h(
          'details',
          { open: !c.passed },
          h(
            'summary',
            null,
            h('span', { class: `mark ${c.passed ? 'yes' : 'no'}`, 'aria-label': c.passed ? t('passed') : t('failed') }, c.passed ? '✓' : '✗'),
            h('span', { class: 'case-name' }, c.name),
            h('button', { type: 'button', class: 'link loc', 'aria-label': `${c.file}:${c.line}`, onclick: (e: Event) => (e.preventDefault(), this.openAt(c.file, c.line, 1)) }, `${t('line')} ${c.line}`),
          ),
          c.passed
            ? null
            : h(
                'div',
                { class: 'failure' },
                h('h4', null, t('differences')),
                h('ul', { class: 'plain differences' }, c.differences.map((d) => h('li', null, document.documentElement.lang === 'en' ? d.en : d.de))),
                h('div', { class: 'compare' }, h('div', null, h('h4', null, t('expected')), expected(c)), h('div', null, h('h4', null, t('actual')), resultView(c.actual))),
              ),
        ),
      );
    const byFile = new Map<string, CaseResult[]>();
    for (const c of r?.cases ?? []) if (!this.onlyFailed || !c.passed) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
    fill(
      this.element,
      h('p', { class: 'muted' }, t('testsHint')),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'run-tests', disabled: this.running, onclick: () => void this.run() }, this.running ? `${t('validating')}` : t('runTests')),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: this.onlyFailed, onchange: (e: Event) => ((this.onlyFailed = (e.target as HTMLInputElement).checked), this.render()) }), t('onlyFailed')),
      ),
      this.error ? h('p', { class: 'error-text', role: 'alert' }, this.error) : null,
      r
        ? [
            h(
              'div',
              { class: `summary ${r.failed || r.problems.length ? 'bad' : 'good'}`, tabindex: '-1', role: 'status' },
              h('strong', null, `${r.passed} ${t('passed')}`),
              ', ',
              h('strong', null, `${r.failed} ${t('failed')}`),
              h('div', { class: 'bar' }, h('span', { style: `width:${r.cases.length ? (100 * r.passed) / r.cases.length : 0}%` })),
            ),
            r.stale ? h('p', { class: 'warning-text' }, t('staleTests')) : null,
            r.problems.map((p) => h('p', { class: 'error-text' }, h('button', { type: 'button', class: 'link', onclick: () => this.openAt(p.file, p.line, p.column) }, `${p.file}:${p.line}:${p.column}`), ` ${pick(p)}`)),
            [...byFile].map(([file, cases]) => h('section', { class: 'case-file' }, h('h4', { class: 'mono' }, file), h('ul', { class: 'cases' }, cases.map(caseRow)))),
          ]
        : null,
    );
  }
}
