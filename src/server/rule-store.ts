/**
 * The rule sets the server checks with, and their hot reload. A snapshot (bundle + checkers)
 * is immutable: a request takes the current one when it starts and keeps it to the end, so a
 * reload never changes the rules under a request in flight. A reload that fails keeps the last
 * good snapshot and reports its problems.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createChecker, loadPracticeContext } from '../../plugin-api/index';
import type { Checker, LoadProblem, RuleSetBundle, RuleSetSource } from '../../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../node/files';
import { internalsOf } from '../compile/bundle';
import { fingerprint, FolderWatcher } from './folder-watcher';
import { isInside } from './safe-path';
import { loadScanned, scannedSyntaxProblem } from './validate-documents';
import type { Lang } from './locale';

/** One rule-set version as the files describe it. */
export interface VersionInfo {
  key: string;
  id: string;
  version: string;
  title?: { de?: string; en?: string };
  validFrom: string;
  validUntil: string | null;
  file: string;
  rules: number;
  /** Valid today (the server's date); informational, a check uses the service date. */
  active: boolean;
}

/**
 * Load problems that say rules stay silent: `unreachable-rule` (no fee number meets the rule,
 * a warning) and `inactive-rules` (a master catalogue the rules need is not loaded, an info).
 */
const INACTIVE = new Set(['unreachable-rule', 'inactive-rules']);

/** A rule that stays silent, and why (see INACTIVE); `ruleId` is empty when the problem names several. */
export interface InactiveRule {
  ruleSet: string;
  ruleId: string;
  reason: string;
  reasonEn: string;
  file: string;
  pointer: string;
  line: number;
  column: number;
}

/** What one load produced; immutable once made. */
export interface Snapshot {
  generation: number;
  loadedAt: string;
  bundle: RuleSetBundle;
  checkers: Record<Lang, Checker>;
  versions: VersionInfo[];
  catalogues: { id: string; file: string }[];
  contracts: { id: string; file: string }[];
  warnings: LoadProblem[];
  inactiveRules: InactiveRule[];
}

/** The last attempt to load, good or bad. */
export interface Attempt {
  at: string;
  ok: boolean;
  problems: LoadProblem[];
  /** The documents as read, with names relative to the folder (`asv/2026.1/ruleset.json`). */
  sources: RuleSetSource[];
}

export interface RuleStoreOptions {
  /** The rule folder; absent = the bundled rule sets (read-only, not watched). */
  rulesDir?: string;
  /** The practice context file. */
  contextFile?: string;
  /**
   * Called after every reload attempt (for the console) with the snapshot in use after it: the
   * new one, or after a failure the last good one (null when none has loaded yet).
   */
  onReload?: (attempt: Attempt, snapshot: Snapshot | null) => void;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export class RuleStore {
  /** The folder the documents come from (the bundled one without `--rules`). */
  readonly dir: string;
  readonly writable: boolean;
  private snapshot: Snapshot | null = null;
  private attempt: Attempt = { at: new Date().toISOString(), ok: false, problems: [], sources: [] };
  private generation = 0;
  private watcher: FolderWatcher | null = null;
  /** The folder as it was just before the last read (writable folders only). */
  private seen = '';

  constructor(private readonly options: RuleStoreOptions) {
    this.dir = options.rulesDir ?? BUNDLED_RULES_DIR;
    this.writable = options.rulesDir !== undefined;
  }

  /** The last good snapshot, or null when nothing has loaded yet. */
  get current(): Snapshot | null {
    return this.snapshot;
  }

  get lastAttempt(): Attempt {
    return this.attempt;
  }

  /** Reads and loads everything again; on success the new snapshot replaces the old one. */
  reload(): Attempt {
    const at = new Date().toISOString();
    if (this.writable) {
      this.seen = fingerprint(this.dir, this.options.contextFile);
      this.watcher?.seen(this.seen);
    }
    let sources: RuleSetSource[];
    const outside: LoadProblem[] = [];
    try {
      const realDir = realpathSync(this.dir);
      sources = readRuleSources([this.dir], this.dir)
        .map((s) => ({ name: s.name.split('\\').join('/'), text: s.text }))
        .filter((s) => {
          // A symbolic link that leads out of the folder is not read: the folder is the boundary.
          if (isInside(realDir, realpathSync(join(this.dir, s.name)))) return true;
          outside.push({ file: s.name, pointer: '', line: 1, column: 1, severity: 'warning', code: 'outside-folder', message: 'Verweist aus dem Regelordner hinaus; nicht geladen.', messageEn: 'Leads out of the rule folder; not loaded.' });
          return false;
        });
    } catch (e) {
      return this.finish({ at, ok: false, sources: [], problems: [readProblem(this.dir, e)] }, null);
    }
    let context: ReturnType<typeof loadPracticeContext> | undefined;
    if (this.options.contextFile) {
      let text: string;
      try {
        text = readFileSync(this.options.contextFile, 'utf8');
      } catch (e) {
        return this.finish({ at, ok: false, sources, problems: [readProblem(this.options.contextFile, e)] }, null);
      }
      const broken = scannedSyntaxProblem({ name: this.options.contextFile, text });
      if (broken) return this.finish({ at, ok: false, sources, problems: [broken] }, null);
      context = loadPracticeContext({ name: this.options.contextFile, text });
      if (!context.ok) return this.finish({ at, ok: false, sources, problems: context.problems }, null);
    }
    // A large document with a syntax error is found by a scan, not by the loader's slow fallback.
    const loaded = loadScanned(sources);
    const problems = [...outside, ...loaded.problems, ...(context?.problems ?? [])];
    if (!loaded.ok) return this.finish({ at, ok: false, sources, problems }, null);
    const checkers = {
      de: createChecker({ ruleSets: loaded.bundle, context, locale: 'de' }),
      en: createChecker({ ruleSets: loaded.bundle, context, locale: 'en' }),
    };
    const snapshot: Snapshot = { generation: ++this.generation, loadedAt: at, bundle: loaded.bundle, checkers, warnings: loaded.problems, ...describe(sources, loaded.problems, effectiveRuleCounts(loaded.bundle)) };
    return this.finish({ at, ok: true, sources, problems }, snapshot);
  }

  private finish(attempt: Attempt, snapshot: Snapshot | null): Attempt {
    this.attempt = attempt;
    if (snapshot) this.snapshot = snapshot;
    this.options.onReload?.(attempt, this.snapshot);
    return attempt;
  }

  /** Reloads whenever a rule document or the context file changes (polled, see FolderWatcher). */
  watch(intervalMs: number): void {
    if (!this.writable || this.watcher) return;
    this.watcher = new FolderWatcher(this.dir, this.options.contextFile, this.seen, intervalMs, () => this.reload());
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}

/** Rules per version (`id@version`) as the evaluators see them, inherited ones included. */
function effectiveRuleCounts(bundle: RuleSetBundle): Map<string, number> {
  return new Map((internalsOf(bundle)?.versions ?? []).map((v) => [v.key, v.doc.rules.length]));
}

function readProblem(file: string, e: unknown): LoadProblem {
  const reason = (e as NodeJS.ErrnoException).code ?? 'error';
  return { file, pointer: '', line: 1, column: 1, severity: 'error', code: 'read', message: `Nicht lesbar (${reason}).`, messageEn: `Cannot be read (${reason}).` };
}

/** Versions, catalogues, contracts and rules that can never fire, from the documents of a good load. */
function describe(sources: RuleSetSource[], warnings: LoadProblem[], ruleCounts: ReadonlyMap<string, number>): Pick<Snapshot, 'versions' | 'catalogues' | 'contracts' | 'inactiveRules'> {
  const now = today();
  const versions: VersionInfo[] = [];
  const catalogues: { id: string; file: string }[] = [];
  const contracts: { id: string; file: string }[] = [];
  const docs = new Map<string, { id: string; version: string; rules?: { name: string }[] }>();
  for (const s of sources) {
    const doc = JSON.parse(s.text) as { kind: string; id: string; version: string; title?: { de?: string; en?: string }; validFrom: string; validUntil?: string | null; rules?: { name: string }[] };
    if (doc.kind === 'catalogue') catalogues.push({ id: doc.id, file: s.name });
    else if (doc.kind === 'master-catalogue') {
      const m = doc as unknown as { masterFile: string; validFrom: string | null; validUntil: string | null };
      catalogues.push({ id: `${m.masterFile} ${m.validFrom ?? '…'}–${m.validUntil ?? '…'}`, file: s.name });
    }
    else if (doc.kind === 'contract') contracts.push({ id: doc.id, file: s.name });
    else if (doc.kind === 'ruleset') {
      docs.set(s.name, doc);
      const validUntil = doc.validUntil ?? null;
      versions.push({
        key: `${doc.id}@${doc.version}`,
        id: doc.id,
        version: doc.version,
        ...(doc.title ? { title: doc.title } : {}),
        validFrom: doc.validFrom,
        validUntil,
        file: s.name,
        // The effective count: an extending version writes only what changes.
        rules: ruleCounts.get(`${doc.id}@${doc.version}`) ?? doc.rules?.length ?? 0,
        active: doc.validFrom <= now && (validUntil === null || now <= validUntil),
      });
    }
  }
  versions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.validFrom < b.validFrom ? -1 : 1));
  const inactiveRules: InactiveRule[] = [];
  for (const w of warnings) {
    const index = /^\/rules\/(\d+)\//.exec(w.pointer);
    const doc = docs.get(w.file);
    if (!INACTIVE.has(w.code) || !doc) continue;
    const ruleId = index ? (doc.rules?.[Number(index[1])]?.name ?? '') : '';
    inactiveRules.push({ ruleSet: `${doc.id}@${doc.version}`, ruleId, reason: w.message, reasonEn: w.messageEn, file: w.file, pointer: w.pointer, line: w.line, column: w.column });
  }
  return { versions, catalogues, contracts, inactiveRules };
}
