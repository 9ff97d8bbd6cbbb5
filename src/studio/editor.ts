/**
 * The JSON editor: CodeMirror 6 with the project's schemas for completion and hover help, and
 * problems from POST /v1/validate as you type (with the rest of the rule folder, so a rule set
 * is checked against its catalogues and other versions). Tab moves focus on, as everywhere on
 * the page; Ctrl+S saves.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { lintGutter, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { call, type LoadProblem } from './api';
import { h } from './dom';
import { lang, pick } from './i18n';
import { describe, documentSchema, keyPathAt, keysOf, placeAt, schemasAt, valuesOf } from './schema-help';

export interface ValidationState {
  /** null while a check runs. */
  ok: boolean | null;
  problems: LoadProblem[];
}

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#1d4e89' },
  { tag: tags.string, color: '#2f6b3a' },
  { tag: tags.number, color: '#8a4b08' },
  { tag: [tags.bool, tags.null], color: '#7a2e8c' },
  { tag: tags.invalid, color: '#b42318' },
]);

export class JsonEditor {
  readonly view: EditorView;
  private path = '';
  private readonly readOnly = new Compartment();
  private savedText = '';

  constructor(
    parent: HTMLElement,
    private readonly hooks: { onSave: () => void; onChange: (dirty: boolean) => void; onValidated: (state: ValidationState) => void },
  ) {
    this.view = new EditorView({ parent, state: this.state('', false) });
  }

  private extensions(readOnly: boolean): Extension[] {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      lintGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(highlight),
      json(),
      autocompletion({ override: [(c) => this.complete(c)], icons: false }),
      hoverTooltip((view, pos) => this.hover(view, pos)),
      linter((view) => this.validate(view), { delay: 400 }),
      keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (this.hooks.onSave(), true) }, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) this.hooks.onChange(this.dirty);
      }),
      EditorView.contentAttributes.of({ 'aria-label': lang() === 'de' ? 'JSON-Editor' : 'JSON editor' }),
      this.readOnly.of(EditorState.readOnly.of(readOnly)),
      // The theme's style element carries the page's nonce: the server's CSP refuses inline styles without it.
      EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? ''),
    ];
  }

  private state(text: string, readOnly: boolean): EditorState {
    return EditorState.create({ doc: text, extensions: this.extensions(readOnly) });
  }

  /** Shows a document (a new undo history). */
  open(path: string, text: string, readOnly: boolean): void {
    this.path = path;
    this.savedText = text;
    this.view.setState(this.state(text, readOnly));
    this.hooks.onChange(false);
  }

  get currentPath(): string {
    return this.path;
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  get dirty(): boolean {
    return this.text !== this.savedText;
  }

  markSaved(path: string): void {
    this.path = path;
    this.savedText = this.text;
    this.hooks.onChange(false);
  }

  /** Puts the cursor at a problem's line and column and focuses the editor. */
  reveal(line: number, column: number): void {
    const doc = this.view.state.doc;
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const pos = Math.min(l.from + Math.max(column - 1, 0), l.to);
    this.view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    this.view.focus();
  }

  private async validate(view: EditorView): Promise<Diagnostic[]> {
    if (!this.path) return [];
    const path = this.path;
    this.hooks.onValidated({ ok: null, problems: [] });
    let result: { ok: boolean; problems: LoadProblem[] };
    try {
      result = await call('POST', '/v1/validate', { documents: [{ name: path, text: view.state.doc.toString() }], folder: true });
    } catch {
      return [];
    }
    if (path !== this.path) return [];
    this.hooks.onValidated(result);
    const doc = view.state.doc;
    return result.problems
      .filter((p) => p.file === path)
      .map((p) => {
        const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
        // The whole member or value the problem is about, else one character.
        let node = syntaxTree(view.state).resolveInner(from, 1);
        if (node.name === 'PropertyName' && node.parent) node = node.parent;
        const to = node.from === from && node.to > from ? node.to : Math.min(from + 1, doc.length);
        return { from, to, severity: p.severity, message: `${pick(p)} [${p.code}]`, source: p.pointer || '/' };
      });
  }

  private complete(context: CompletionContext): CompletionResult | null {
    const root = documentSchema(this.path, context.state.doc.toString());
    const place = placeAt(context.state, context.pos);
    if (!root || !place) return null;
    if (!context.explicit && place.from === place.to && !context.matchBefore(/["\w]/)) return null;
    const schemas = schemasAt(root, place.path);
    if (place.kind === 'key') {
      const options = keysOf(schemas)
        .filter((k) => !place.present.includes(k.key))
        .map((k) => ({ label: JSON.stringify(k.key), apply: `${JSON.stringify(k.key)}: `, detail: k.type, info: k.info, boost: k.required ? 1 : 0, type: 'property' }));
      return options.length ? { from: place.from, to: place.to, options, validFor: /^"?[\w$-]*"?$/ } : null;
    }
    const options = valuesOf(schemas).map((v) => ({ label: JSON.stringify(v), type: 'constant' }));
    return options.length ? { from: place.from, to: place.to, options } : null;
  }

  private hover(view: EditorView, pos: number) {
    const root = documentSchema(this.path, view.state.doc.toString());
    const path = keyPathAt(view.state, pos);
    if (!root || !path) return null;
    const info = schemasAt(root, path).map((s) => describe(s.schema)).find(Boolean);
    if (!info) return null;
    const node = syntaxTree(view.state).resolveInner(pos, 1);
    return { pos: node.from, end: node.to, above: true, create: () => ({ dom: h('div', { class: 'schema-help' }, info) }) };
  }
}
