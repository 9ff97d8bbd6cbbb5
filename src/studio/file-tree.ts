/**
 * The rule folder as a tree (rule sets, contracts, catalogues, tests), keyboard-usable as an
 * ARIA tree: arrows move, Right/Left open and close a folder, Enter opens a file.
 */
import { h, fill } from './dom';
import { t } from './i18n';

export interface FileEntry {
  path: string;
  kind: 'ruleset' | 'catalogue' | 'master-catalogue' | 'contract' | 'test-cases' | 'practice-context' | 'other';
  bytes: number;
}

interface Folder {
  name: string;
  path: string;
  folders: Map<string, Folder>;
  files: FileEntry[];
}

const KIND_LABEL: Record<FileEntry['kind'], [string, string]> = {
  ruleset: ['Regelwerk', 'rule set'],
  catalogue: ['Katalog', 'catalogue'],
  'master-catalogue': ['Stammdatei', 'master file'],
  contract: ['Vertrag', 'contract'],
  'test-cases': ['Tests', 'tests'],
  'practice-context': ['Praxiskontext', 'practice context'],
  other: ['', ''],
};

function build(files: FileEntry[]): Folder {
  const root: Folder = { name: '', path: '', folders: new Map(), files: [] };
  for (const f of files) {
    const parts = f.path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { name: part, path: folder.path ? `${folder.path}/${part}` : part, folders: new Map(), files: [] }));
      folder = next;
    }
    folder.files.push(f);
  }
  return root;
}

export class FileTree {
  readonly element: HTMLElement;
  private files: FileEntry[] = [];
  private selected: string | null = null;
  private readonly collapsed = new Set<string>();
  private problemFiles = new Set<string>();

  constructor(private readonly onOpen: (path: string) => void) {
    this.element = h('ul', { class: 'tree', role: 'tree', 'aria-label': t('files'), onkeydown: (e: KeyboardEvent) => this.key(e) });
  }

  set(files: FileEntry[]): void {
    this.files = files;
    this.render();
  }

  select(path: string): void {
    this.selected = path;
    // Open the folders on the way to it.
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.collapsed.delete(parts.slice(0, i).join('/'));
    this.render();
  }

  /** Files with load errors are marked. */
  markProblems(files: Iterable<string>): void {
    this.problemFiles = new Set(files);
    this.render();
  }

  render(): void {
    this.element.setAttribute('aria-label', t('files'));
    const lang = document.documentElement.lang === 'en' ? 1 : 0;
    const folder = (f: Folder, depth: number): HTMLElement[] => [
      ...[...f.folders.values()].map((sub) => {
        const open = !this.collapsed.has(sub.path);
        return h(
          'li',
          { role: 'treeitem', 'aria-expanded': String(open), dataset: { folder: sub.path }, tabindex: '-1', style: `--depth:${depth}` },
          h('span', { class: 'row', onclick: () => this.toggle(sub.path) }, h('span', { class: 'twisty', 'aria-hidden': 'true' }, open ? '▾' : '▸'), h('span', { class: 'folder-name' }, sub.name)),
          open ? h('ul', { role: 'group' }, folder(sub, depth + 1)) : null,
        );
      }),
      ...f.files.map((file) => {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        const label = KIND_LABEL[file.kind][lang];
        return h(
          'li',
          { role: 'treeitem', 'aria-selected': String(file.path === this.selected), dataset: { file: file.path }, tabindex: '-1', style: `--depth:${depth}`, title: file.path },
          h(
            'span',
            { class: `row file kind-${file.kind}`, onclick: () => this.onOpen(file.path) },
            h('span', { class: 'twisty', 'aria-hidden': 'true' }),
            h('span', { class: 'file-name' }, name),
            label ? h('span', { class: 'kind' }, label) : null,
            this.problemFiles.has(file.path) ? h('span', { class: 'badge error', title: t('problems') }, '!') : null,
          ),
        );
      }),
    ];
    const focusedKey = (document.activeElement as HTMLElement | null)?.closest?.('[role=treeitem]') ? this.keyOf(document.activeElement!.closest('[role=treeitem]') as HTMLElement) : null;
    fill(this.element, folder(build(this.files), 0));
    const items = this.items();
    const current = items.find((i) => this.keyOf(i) === focusedKey) ?? items.find((i) => i.getAttribute('aria-selected') === 'true') ?? items[0];
    if (current) {
      current.tabIndex = 0;
      if (focusedKey) current.focus();
    }
  }

  private keyOf(item: HTMLElement): string {
    return item.dataset['file'] ?? `dir:${item.dataset['folder']}`;
  }

  private toggle(path: string): void {
    if (this.collapsed.has(path)) this.collapsed.delete(path);
    else this.collapsed.add(path);
    this.render();
  }

  private items(): HTMLElement[] {
    return [...this.element.querySelectorAll<HTMLElement>('[role=treeitem]')];
  }

  private key(e: KeyboardEvent): void {
    const items = this.items();
    const item = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    if (!item) return;
    const at = items.indexOf(item);
    const move = (to: HTMLElement | undefined) => {
      if (!to) return;
      for (const i of items) i.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
    };
    const folder = item.dataset['folder'];
    switch (e.key) {
      case 'ArrowDown':
        move(items[at + 1]);
        break;
      case 'ArrowUp':
        move(items[at - 1]);
        break;
      case 'Home':
        move(items[0]);
        break;
      case 'End':
        move(items[items.length - 1]);
        break;
      case 'ArrowRight':
        if (folder !== undefined && this.collapsed.has(folder)) this.toggle(folder);
        else move(items[at + 1]);
        break;
      case 'ArrowLeft':
        if (folder !== undefined && !this.collapsed.has(folder)) this.toggle(folder);
        else move(item.parentElement?.closest<HTMLElement>('[role=treeitem]') ?? undefined);
        break;
      case 'Enter':
      case ' ':
        if (folder !== undefined) this.toggle(folder);
        else if (item.dataset['file']) this.onOpen(item.dataset['file']);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
