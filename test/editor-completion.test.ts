/**
 * What an expert gets in VS Code: its JSON language service (vscode-json-languageservice, the
 * engine of VS Code's JSON support) run on a rule set with its "$schema", as VS Code runs it.
 * Typing `"fact": "` offers every fact with its description; typing a param offers the fact's
 * params; typing `"operator": "` offers json-rules-engine's operators.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import languageService from 'vscode-json-languageservice';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../src/facts/facts';
import { ROOT } from './helpers';

const { getLanguageService, TextDocument } = languageService;
const service = getLanguageService({
  schemaRequestService: async (uri) => readFileSync(new URL(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
});

/** The completion items at the end of `before` in a rule set at rules/demo/2026.1/ruleset.json. */
async function completeAt(condition: string, cursor: string) {
  const text = `{
  "$schema": "../../../schemas/ruleset.schema.json",
  "kind": "ruleset",
  "id": "demo",
  "version": "2026.1",
  "title": { "de": "Demo", "en": "Demo" },
  "validFrom": "2026-01-01",
  "sources": [{ "id": "s", "title": "Quelle", "date": "2026-01-01" }],
  "rules": [{ "name": "demo.r", "conditions": { "all": [ ${condition} ] }, "event": { "type": "finding", "params": {} } }]
}`;
  const doc = TextDocument.create(pathToFileURL(`${ROOT}/rules/demo/2026.1/ruleset.json`).href, 'json', 1, text);
  const list = await service.doComplete(doc, doc.positionAt(text.indexOf(cursor) + cursor.length), service.parseJSONDocument(doc));
  return list?.items ?? [];
}

describe('completion in VS Code from the generated schema', () => {
  it('"fact": " offers every fact of the registry, each with its German and English description', async () => {
    const items = await completeAt('{ "fact": "" }', '"fact": "');
    expect(items.map((i) => i.label).sort()).toEqual([...FACTS.keys()].map((k) => `"${k}"`).sort());
    const tableRow = items.find((i) => i.label === '"tableRow"')!;
    expect(String(tableRow.documentation)).toContain('Erste Zeile der Tabelle table');
    expect(String(tableRow.documentation)).toContain('First row of table');
    expect(String(items.find((i) => i.label === '"asvTeamBasis"')!.documentation)).toContain('replacementMonths');
  });

  it('the params of the fact written, with what each means', async () => {
    const items = await completeAt('{ "fact": "batchCount", "params": { "" } }', '"params": { "');
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['per', 'match', 'table', 'count']));
    const values = await completeAt('{ "fact": "batchCount", "params": { "per": "" } }', '"per": "');
    expect(values.map((i) => i.label).sort()).toEqual(['"patientDay"', '"patientQuarter"']);
  });

  it('"operator": " offers json-rules-engine’s operators, decorated ones included', async () => {
    const items = await completeAt('{ "fact": "gop", "operator": "" }', '"operator": "');
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['"equal"', '"notEqual"', '"in"', '"greaterThan"', '"everyFact:notEqual"']));
    expect(String(items.find((i) => i.label === '"equal"')!.documentation)).toContain('gleich');
  });
});
