/**
 * The rule studio: a page served by `pvs-rules serve --studio`, a client of the same /v1/ API
 * as every PVS. Left the rule folder, in the middle the editor with live problems, right the
 * tools (rule sets, tests, checking a service, checking a KVDT file, comparing versions).
 */
import { adoptToken, ApiError, call, fileUrl, type LoadProblem } from './api';
import { fill, h } from './dom';
import { JsonEditor, type ValidationState } from './editor';
import { FileTree, type FileEntry } from './file-tree';
import { lang, onLangChange, pick, setLang, t, type Key } from './i18n';
import { CheckPanel } from './panels/check';
import { DiffPanel } from './panels/diff';
import { KvdtPanel } from './panels/kvdt';
import { StatusPanel, type RuleSetsState } from './panels/status';
import { TestsPanel } from './panels/tests';

adoptToken();
document.documentElement.lang = lang();

let writable = false;
let folderFiles = new Set<string>();
let validation: ValidationState = { ok: null, problems: [] };
let lastState: RuleSetsState | null = null;

// ---- layout -------------------------------------------------------------------------------
const statusButton = h('button', { type: 'button', class: 'status-pill', id: 'status-pill', onclick: () => tabs.select('status') });
const langButtons = (['de', 'en'] as const).map((l) => h('button', { type: 'button', class: 'seg', 'aria-pressed': String(lang() === l), onclick: () => setLang(l) }, l.toUpperCase()));
const header = h(
  'header',
  { class: 'app-header' },
  h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '§'), h('span', { class: 'name' }, 'pvs-rules'), h('span', { class: 'title', id: 'app-title' })),
  statusButton,
  h('div', { class: 'segmented', role: 'group', id: 'lang-switch' }, langButtons),
);

const tree = new FileTree((path) => void openFile(path));
const treeTitle = h('h2', { class: 'pane-title' });
const readOnlyNote = h('p', { class: 'sub read-only-note' });
const sidebar = h('nav', { class: 'sidebar', 'aria-labelledby': 'files-title' }, treeTitle, readOnlyNote, tree.element);
treeTitle.id = 'files-title';

const pathLabel = h('span', { class: 'path mono', id: 'editor-path' });
const dirtyMark = h('span', { class: 'dirty', 'aria-live': 'polite' });
const validity = h('span', { class: 'validity', id: 'validity', 'aria-live': 'polite' });
const saveButton = h('button', { type: 'button', class: 'primary', id: 'save', onclick: () => void save() });
const saveAsButton = h('button', { type: 'button', id: 'save-as', onclick: () => openSaveAs() });
const message = h('div', { class: 'message', id: 'save-message' });
const editorHost = h('div', { class: 'editor-host' });
const editorEmpty = h('div', { class: 'editor-empty' });
const problemsBox = h('section', { class: 'problems-box', 'aria-labelledby': 'problems-title' });
const editorPane = h(
  'main',
  { class: 'editor-pane' },
  h('div', { class: 'toolbar' }, pathLabel, dirtyMark, validity, h('span', { class: 'spacer' }), saveAsButton, saveButton),
  message,
  editorHost,
  editorEmpty,
  problemsBox,
);

const editor = new JsonEditor(editorHost, {
  onSave: () => void save(),
  onChange: (dirty) => {
    dirtyMark.textContent = dirty ? `● ${t('unsaved')}` : '';
    document.title = `${dirty ? '● ' : ''}${editor.currentPath || t('title')} – pvs-rules`;
  },
  onValidated: (state) => {
    validation = state;
    renderValidation();
  },
});

const statusPanel = new StatusPanel((file, line, column) => void openFile(file, line, column), (file) => folderFiles.has(file));
const testsPanel = new TestsPanel((file, line, column) => void openFile(file, line, column));
const checkPanel = new CheckPanel();
const kvdtPanel = new KvdtPanel();
const diffPanel = new DiffPanel();

/** ARIA tabs: arrows move between them, Alt+1…5 from anywhere. */
class Tabs {
  readonly element: HTMLElement;
  private readonly list = h('div', { role: 'tablist', class: 'tabs' });
  private current: string;

  constructor(private readonly entries: { id: string; key: Key; panel: HTMLElement }[]) {
    this.current = entries[0]!.id;
    this.element = h('section', { class: 'tools' }, this.list, entries.map((e) => h('div', { role: 'tabpanel', id: `panel-${e.id}`, 'aria-labelledby': `tab-${e.id}`, tabindex: '0', hidden: true }, e.panel)));
    this.list.addEventListener('keydown', (e) => this.key(e));
    this.render();
  }

  select(id: string, focus = false): void {
    this.current = id;
    this.render();
    if (focus) document.getElementById(`tab-${id}`)?.focus();
  }

  render(): void {
    this.list.setAttribute('aria-label', t('tools'));
    fill(
      this.list,
      this.entries.map((e, i) =>
        h('button', { type: 'button', role: 'tab', id: `tab-${e.id}`, 'aria-controls': `panel-${e.id}`, 'aria-selected': String(e.id === this.current), tabindex: e.id === this.current ? '0' : '-1', title: `Alt+${i + 1}`, onclick: () => this.select(e.id) }, t(e.key)),
      ),
    );
    for (const e of this.entries) (document.getElementById(`panel-${e.id}`) ?? this.element.querySelector<HTMLElement>(`#panel-${e.id}`))!.hidden = e.id !== this.current;
  }

  private key(e: KeyboardEvent): void {
    const at = this.entries.findIndex((x) => x.id === this.current);
    const to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? this.entries.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    this.select(this.entries[(to + this.entries.length) % this.entries.length]!.id, true);
  }

  byIndex(i: number): string | undefined {
    return this.entries[i]?.id;
  }
}

const tabs = new Tabs([
  { id: 'status', key: 'tabStatus', panel: statusPanel.element },
  { id: 'tests', key: 'tabTests', panel: testsPanel.element },
  { id: 'check', key: 'tabCheck', panel: checkPanel.element },
  { id: 'kvdt', key: 'tabKvdt', panel: kvdtPanel.element },
  { id: 'diff', key: 'tabDiff', panel: diffPanel.element },
]);

const footer = h('footer', { class: 'app-footer', id: 'shortcuts' });
const saveAsInput = h('input', { id: 'save-as-path', class: 'mono', autocomplete: 'off', spellcheck: 'false', required: true });
const saveAsDialog = h(
  'dialog',
  { id: 'save-as-dialog', 'aria-labelledby': 'save-as-title' },
  h(
    'form',
    { method: 'dialog', onsubmit: (e: Event) => (e.preventDefault(), saveAsDialog.close(), void save(saveAsInput.value.trim())) },
    h('h3', { id: 'save-as-title' }),
    h('label', { for: 'save-as-path', id: 'save-as-label' }),
    saveAsInput,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-as-ok' }), h('button', { type: 'button', id: 'save-as-cancel', onclick: () => saveAsDialog.close() })),
  ),
);

document.body.append(header, h('div', { class: 'workspace' }, sidebar, editorPane, tabs.element), footer, saveAsDialog);

// ---- behaviour ----------------------------------------------------------------------------
function renderStatic(): void {
  document.getElementById('app-title')!.textContent = t('title');
  treeTitle.textContent = t('files');
  readOnlyNote.textContent = writable ? '' : t('readOnly');
  saveButton.textContent = t('save');
  saveAsButton.textContent = t('saveAs');
  saveButton.disabled = saveAsButton.disabled = !writable || !editor.currentPath;
  footer.textContent = t('shortcuts');
  document.getElementById('save-as-title')!.textContent = t('saveAs');
  document.getElementById('save-as-label')!.textContent = t('saveAsPath');
  document.getElementById('save-as-ok')!.textContent = t('save');
  document.getElementById('save-as-cancel')!.textContent = t('cancel');
  langButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((i === 0 ? 'de' : 'en') === lang())));
  document.getElementById('lang-switch')!.setAttribute('aria-label', t('language'));
  editorHost.hidden = !editor.currentPath;
  editorEmpty.hidden = !!editor.currentPath;
  fill(editorEmpty, h('p', null, t('chooseFile')));
  problemsBox.hidden = !editor.currentPath;
  renderHeaderStatus();
}

function renderHeaderStatus(): void {
  const s = lastState;
  statusButton.className = `status-pill ${s?.status ?? 'none'}`;
  fill(statusButton, h('span', { class: 'dot', 'aria-hidden': 'true' }), !s ? '…' : s.status === 'ok' ? `${t('statusOk')}: ${s.ruleSets.length}` : s.status === 'stale' ? t('statusStale') : t('statusNone'));
}

function renderValidation(): void {
  const own = validation.problems.filter((p) => p.file === editor.currentPath);
  const others = validation.problems.filter((p) => p.file !== editor.currentPath && p.severity === 'error');
  const errors = own.filter((p) => p.severity === 'error').length;
  const warnings = own.filter((p) => p.severity === 'warning').length;
  validity.className = `validity ${validation.ok === null ? 'busy' : errors || others.length ? 'bad' : 'good'}`;
  validity.textContent = validation.ok === null ? t('validating') : errors || warnings || others.length ? `${errors} ${t('errors')}${warnings ? `, ${warnings} ${t('warnings')}` : ''}${others.length ? ` · ${others.length} ${t('otherFiles')}` : ''}` : `✓ ${t('valid')}`;
  const item = (p: LoadProblem, here: boolean) =>
    h(
      'li',
      { class: p.severity },
      h(
        'button',
        { type: 'button', class: 'problem', onclick: () => (here ? editor.reveal(p.line, p.column) : void openFile(p.file, p.line, p.column)) },
        h('span', { class: `badge ${p.severity}` }, t(p.severity)),
        h('span', { class: 'loc mono' }, here ? `${p.line}:${p.column}` : `${p.file}:${p.line}:${p.column}`),
        h('span', { class: 'text' }, pick(p)),
        h('span', { class: 'ptr mono' }, p.pointer || '/'),
      ),
    );
  fill(
    problemsBox,
    h('h2', { class: 'pane-title', id: 'problems-title' }, `${t('problems')} (${own.length}${others.length ? ` + ${others.length}` : ''})`),
    own.length || others.length ? h('ul', { class: 'problem-list', id: 'problem-list' }, own.map((p) => item(p, true)), others.map((p) => item(p, false))) : h('p', { class: 'muted' }, validation.ok === null ? t('validating') : `✓ ${t('valid')}`),
  );
}

function say(kind: 'ok' | 'error' | 'warning', text: string, action?: HTMLElement): void {
  message.className = `message ${kind}`;
  message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  fill(message, h('span', null, text), action ?? null);
}

async function openFile(path: string, line?: number, column?: number): Promise<void> {
  if (path !== editor.currentPath) {
    if (editor.dirty && !confirm(t('discard'))) return;
    let file: { path: string; text: string };
    try {
      file = await call('GET', fileUrl(path));
    } catch (e) {
      say('error', e instanceof ApiError ? e.problem.detail : t('connectionLost'));
      return;
    }
    editor.open(file.path, file.text, !writable);
    tree.select(path);
    fill(message);
    message.className = 'message';
    pathLabel.textContent = path;
    renderStatic();
    const version = lastState?.ruleSets.find((v) => v.file === path);
    if (version) diffPanel.choose(version.key);
  }
  if (line) editor.reveal(line, column ?? 1);
  else editor.view.focus();
}

function openSaveAs(): void {
  saveAsInput.value = editor.currentPath;
  saveAsDialog.showModal();
  saveAsInput.select();
}

async function save(path = editor.currentPath, force = false): Promise<void> {
  if (!writable || !path) return;
  try {
    const r = await call<{ path: string; forced: boolean }>('PUT', fileUrl(path), { text: editor.text, force });
    const isNew = path !== editor.currentPath;
    editor.markSaved(path);
    pathLabel.textContent = path;
    say(r.forced ? 'warning' : 'ok', r.forced ? t('savedForced') : `${t('saved')} ${path}`);
    if (isNew) await loadFiles();
    tree.select(path);
    await refreshState();
  } catch (e) {
    if (!(e instanceof ApiError)) return say('error', t('connectionLost'));
    if (e.problem.code === 'invalid-document') {
      if (e.problem.problems) {
        validation = { ok: false, problems: e.problem.problems };
        renderValidation();
      }
      const errors = (e.problem.problems ?? []).filter((p) => p.severity === 'error').length;
      say('error', `${t('notSaved')}: ${errors} ${t('errors')}. ${t('fixOrSave')}`, h('button', { type: 'button', class: 'danger', id: 'save-anyway', onclick: () => void save(path, true) }, t('saveAnyway')));
    } else say('error', `${t('notSaved')}: ${e.problem.detail}`);
  }
}

async function loadFiles(): Promise<void> {
  const list = await call<{ writable: boolean; files: FileEntry[] }>('GET', '/v1/files');
  writable = list.writable;
  folderFiles = new Set(list.files.map((f) => f.path));
  tree.set(list.files);
  renderStatic();
}

async function refreshState(): Promise<void> {
  let s: RuleSetsState;
  try {
    s = await call<RuleSetsState>('GET', '/v1/rule-sets');
  } catch {
    statusButton.className = 'status-pill none';
    fill(statusButton, h('span', { class: 'dot' }), t('connectionLost'));
    return;
  }
  const changed = !lastState || lastState.generation !== s.generation || lastState.lastAttempt.at !== s.lastAttempt.at;
  lastState = s;
  if (!changed) return;
  renderHeaderStatus();
  statusPanel.set(s);
  diffPanel.setVersions(s.ruleSets.map((v) => v.key));
  tree.markProblems(s.problems.filter((p) => p.severity === 'error').map((p) => p.file));
}

document.addEventListener('keydown', (e) => {
  if (e.altKey && !e.ctrlKey && /^[1-5]$/.test(e.key)) {
    const id = tabs.byIndex(Number(e.key) - 1);
    if (id) {
      e.preventDefault();
      tabs.select(id, true);
    }
  } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    e.preventDefault();
    void save();
  }
});
window.addEventListener('beforeunload', (e) => {
  if (editor.dirty) e.preventDefault();
});

onLangChange(() => {
  renderStatic();
  renderValidation();
  tabs.render();
  statusPanel.render();
  testsPanel.render();
  checkPanel.render();
  kvdtPanel.render();
  diffPanel.render();
  tree.render();
});

renderStatic();
void loadFiles().then(refreshState);
// Hot reloads (the folder is watched by the server) show up within a few seconds.
setInterval(() => void refreshState(), 3000);
