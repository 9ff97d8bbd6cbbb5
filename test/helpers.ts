import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createChecker, loadRuleSets } from '../plugin-api/index';
import type { Checker, LoadResult, RuleSetBundle, RuleSetSource } from '../plugin-api/types';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import type { MasterCatalogueDoc, MasterFile } from '../src/catalogues/master-document';
import { catalogueText } from '../src/import/catalogue-document';
import { MasterImport } from '../src/import/master-import';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The bundled rule sets and catalogues as sources. */
export function bundledSources(): RuleSetSource[] {
  return readRuleSources([BUNDLED_RULES_DIR], ROOT);
}

export function readJsonFile<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(`${ROOT}/${relative}`, 'utf8')) as T;
}

export function mustLoad(sources: RuleSetSource[]): RuleSetBundle {
  const r: LoadResult = loadRuleSets(sources);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.pointer} ${p.messageEn}`).join('\n'));
  return r.bundle;
}

let cached: RuleSetBundle | undefined;
export function bundled(): RuleSetBundle {
  return (cached ??= mustLoad(bundledSources()));
}

export function checker(locale?: 'de' | 'en'): Checker {
  return createChecker({ ruleSets: bundled(), locale });
}

/** Bundled sources with the ASV rule set replaced by `edit(copy)`. */
export function withAsv(edit: (doc: Record<string, any>) => void): RuleSetSource[] {
  return bundledSources().map((s) => {
    if (!s.name.endsWith('asv/2026.1/ruleset.json')) return s;
    const doc = JSON.parse(s.text);
    edit(doc);
    return { name: s.name, text: JSON.stringify(doc, null, 2) };
  });
}

export const KBV_EXAMPLE = { date: '2019-01-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', bsnr: '013201300', costs: [{ description: '5489' }] };

export const codes = (r: { readonly findings: readonly { code: string }[] }) => r.findings.map((f) => f.code);

/** A minimal valid rule set (`demo@2026.1`, one finding rule on GOP 01234); `over` replaces top-level keys. */
export function demoRuleSet(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'ruleset',
    id: 'demo',
    version: '2026.1',
    title: { de: 'Demo', en: 'Demo' },
    validFrom: '2026-01-01',
    validUntil: null,
    sources: [{ id: 'src', title: 'Quelle', date: '2026-01-01' }],
    rules: [
      {
        name: 'demo.rule',
        conditions: { all: [{ fact: 'gop', operator: 'equal', value: '01234' }] },
        event: { type: 'finding', params: { code: 'DEMO', severity: 'info', message: { de: 'D {gop}', en: 'E {gop}' }, fields: ['5001'], source: 'Test', gop: { fact: 'gop' } } },
      },
    ],
    ...over,
  };
}

/**
 * A master-file fixture of test/fixtures/masterfiles imported as the host would (pvs-rules
 * import), its validity moved to `from`–`until` when given (the fixtures' own: SDOPS 2019,
 * SDEBM Q2/2026, SDICD 2026).
 */
export function masterSource(file: MasterFile, fixture: string, from?: string, until?: string | null): RuleSetSource {
  const imp = new MasterImport(file, fixture, { schemaRef: '../../schemas/master-catalogue.schema.json', importer: 'pvs-rules test' });
  imp.write(readFileSync(`${ROOT}/test/fixtures/masterfiles/${fixture}`));
  const doc: MasterCatalogueDoc = imp.end();
  if (from !== undefined) Object.assign(doc, { validFrom: from, validUntil: until ?? null });
  return { name: `host/${fixture}.json`, text: catalogueText(doc) };
}

/** The bundled sources with a host's EBM master file that knows the operations the batch tests bill (31102, 36200). */
export function withEbmOperations(sources: RuleSetSource[] = bundledSources()): RuleSetSource[] {
  return [...sources, masterSource('SDEBM', 'sdebm-operationen.xml')];
}
