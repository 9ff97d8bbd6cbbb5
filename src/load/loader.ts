/**
 * Load → validate → compile. Parses every document with positions, validates it against
 * its JSON Schema (ajv, generated ahead of time) and the semantic rules no schema can say,
 * compiles the rule sets, and returns either a bundle or every problem found, each with
 * file, JSON pointer and line:column. Nothing is half-loaded: one error, no bundle.
 */
import type { LoadProblem, LoadResult, RuleSetSource } from '../../plugin-api/types';
import type { CatalogueDoc, CatalogueRowDoc, ContractDoc, RuleSetDoc, RuleSetSourceDoc, TableDoc } from '../model';
import { compileContracts } from '../facts/contract-facts';
import { deepFreeze, escapePointerToken, locate, parseJson, pollutedPrototype, Positions } from './json-text';
import { schemaProblems } from './schema';
import { FACTS, compileCatalogue, type BindEnv, type CompiledCatalogue } from '../facts/facts';
import { isIsoDate } from '../facts/entry';
import { addDays } from '../facts/calendar';
import { compileRuleSet, type CompiledVersion } from '../compile/rule-set';
import { BundleInternals, makeBundle } from '../compile/bundle';
import type { MasterCatalogueDoc } from '../catalogues/master-document';
import { loadMasterCatalogues, type ParsedMasterCatalogue } from './master-catalogue';
import { kbvProblems } from '../kbv/kbv-checks';
import { checkRowPeriods } from '../catalogues/row-periods';
import { plainRows } from '../catalogues/plain-rows';
import { inactiveNotices, inactiveRules, type InactiveRules } from '../compile/inactive-rules';
import { PARAM_KEY, resolveVersions, WATCHED_KEYS, type ResolvedVersion } from './extends';
import { applyParameters, checkParameters, hintLiteralParameters } from './parameters';

interface Parsed<T> {
  name: string;
  doc: T;
  positions: Positions;
  /** The WATCHED_KEYS bits the document may hold (see extends.ts). */
  keys: number;
}

/** Most documents a bundle may have; more is a mistake, not a use case. */
const MAX_DOCUMENTS = 1000;

type Add = (file: string, positions: Positions, pointer: string, code: string, de: string, en: string, severity?: LoadProblem['severity']) => void;

/**
 * Loads, validates and compiles rule sets and catalogues. Never throws: bad input, hostile
 * arguments (a proxy, a throwing getter) and a fault of the loader itself all come back as
 * located problems.
 */
export function loadRuleSets(sources: readonly RuleSetSource[]): LoadResult {
  const problems: LoadProblem[] = [];
  const add: Add = (file, positions, pointer, code, de, en, severity = 'error') => {
    problems.push({ file, pointer, ...locate(positions, pointer), severity, code, message: de, messageEn: en });
  };
  const documents = readSources(sources, add);
  // The document being loaded, for the last-resort guard.
  const where = { file: '', positions: new Positions() };
  try {
    return loadDocuments(documents, problems, add, where);
  } catch {
    // A fault of the loader itself (every known way bad input can fail is a problem above),
    // unless the host's Object.prototype was changed under it.
    const doc = where.file ? `${where.file}` : 'den Regelwerken';
    const polluted = pollutedPrototype();
    if (polluted) add(where.file, where.positions, '', 'polluted-prototype', ...polluted);
    else
      add(
        where.file,
        where.positions,
        '',
        'internal',
        `Interner Fehler beim Laden von ${doc}; nichts wurde geladen. Bitte dem Hersteller melden.`,
        `Internal error while loading ${where.file || 'the rule sets'}; nothing was loaded. Please report it to the vendor.`,
      );
    return { ok: false, problems: dedupe(problems) };
  }
}

/**
 * The documents as name and text, each property read once. Anything that is no list of
 * `{name, text}`, or throws while it is read, is a problem; the readable documents go on.
 */
function readSources(sources: unknown, add: Add): RuleSetSource[] {
  const none = new Positions();
  const out: RuleSetSource[] = [];
  let length: number;
  try {
    if (!Array.isArray(sources)) {
      add('', none, '', 'sources', 'Erwartet wird eine Liste von Dokumenten ({name, text}).', 'Expected a list of documents ({name, text}).');
      return out;
    }
    length = sources.length;
  } catch {
    add('', none, '', 'sources', 'Die Liste der Dokumente kann nicht gelesen werden.', 'The list of documents cannot be read.');
    return out;
  }
  if (length > MAX_DOCUMENTS) {
    add('', none, '', 'too-many', `Zu viele Dokumente (${length}, höchstens ${MAX_DOCUMENTS}).`, `Too many documents (${length}, at most ${MAX_DOCUMENTS}).`);
    return out;
  }
  for (let i = 0; i < length; i++) {
    let name = `(Dokument ${i + 1})`;
    try {
      const item: unknown = (sources as unknown[])[i];
      if (typeof item !== 'object' || item === null) {
        add(name, none, '', 'source', 'Das Dokument ist kein Objekt {name, text}.', 'The document is no object {name, text}.');
        continue;
      }
      const given: unknown = (item as { name?: unknown }).name;
      if (typeof given === 'string') name = given;
      const text: unknown = (item as { text?: unknown }).text;
      if (typeof text !== 'string') {
        add(name, none, '', 'source', 'Das Dokument hat keinen Text.', 'The document has no text.');
        continue;
      }
      out.push({ name, text });
    } catch {
      add(name, none, '', 'source', 'Das Dokument kann nicht gelesen werden (ein Feld löst beim Lesen einen Fehler aus).', 'The document cannot be read (a field raises an error when read).');
    }
  }
  return out;
}

function loadDocuments(sources: readonly RuleSetSource[], problems: LoadProblem[], add: Add, where: { file: string; positions: Positions }): LoadResult {
  const ruleSets: Parsed<RuleSetSourceDoc>[] = [];
  const catalogues: Parsed<CatalogueDoc>[] = [];
  const contracts: Parsed<ContractDoc>[] = [];
  const masters: ParsedMasterCatalogue[] = [];
  for (const { name, text } of sources) {
    where.file = name;
    where.positions = new Positions();
    const parsed = parseJson(text, WATCHED_KEYS, plainRows);
    where.positions = parsed.positions;
    for (const p of parsed.problems) problems.push({ file: name, severity: 'error', ...p });
    if (parsed.value === undefined || parsed.problems.length) continue;
    const doc = parsed.value as { kind?: unknown };
    const kind = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? doc.kind : undefined;
    if (kind !== 'ruleset' && kind !== 'catalogue' && kind !== 'contract' && kind !== 'master-catalogue') {
      add(name, parsed.positions, '/kind', 'kind', 'kind muss "ruleset", "catalogue", "contract" oder "master-catalogue" sein.', 'kind must be "ruleset", "catalogue", "contract" or "master-catalogue".');
      continue;
    }
    // Rows checked on their text hold for the schema: one is kept, for the list's minItems.
    const found = schemaProblems(kind, parsed.plain === undefined ? doc : { ...doc, rows: (parsed.plain as unknown[]).slice(0, 1) });
    for (const p of found) add(name, parsed.positions, p.pointer, 'schema', p.de, p.en);
    if (found.length) continue;
    if (kind === 'ruleset') ruleSets.push({ name, doc: parsed.value as RuleSetSourceDoc, positions: parsed.positions, keys: parsed.keys });
    else if (kind === 'contract') contracts.push({ name, doc: parsed.value as ContractDoc, positions: parsed.positions, keys: parsed.keys });
    else if (kind === 'master-catalogue') {
      const positions = parsed.positions;
      masters.push({ name, doc: parsed.value as MasterCatalogueDoc, at: (pointer, code, de, en) => add(name, positions, pointer, code, de, en) });
    } else catalogues.push({ name, doc: parsed.value as CatalogueDoc, positions: parsed.positions, keys: parsed.keys });
  }
  // Catalogues and contracts alone check nothing: a bundle without rule sets would pass every entry.
  if (ruleSets.length === 0 && !problems.some((p) => p.severity === 'error')) {
    add('', new Positions(), '', 'no-rule-sets', 'Es sind keine Regelwerke geladen: kein Dokument hat "kind": "ruleset".', 'There are no rule sets loaded: no document has "kind": "ruleset".');
  }

  const masterCatalogues = loadMasterCatalogues(masters);
  // Catalogues first: rule-set tables refer to them.
  const compiledCatalogues = new Map<string, CompiledCatalogue>();
  for (const c of catalogues) {
    where.file = c.name;
    where.positions = c.positions;
    const at = (pointer: string, code: string, de: string, en: string) => add(c.name, c.positions, pointer, code, de, en);
    if (compiledCatalogues.has(c.doc.id)) {
      at('/id', 'duplicate-catalogue', `Der Katalog "${c.doc.id}" ist doppelt geladen.`, `Catalogue "${c.doc.id}" is loaded twice.`);
      continue;
    }
    const sourceIds = new Set(c.doc.sources.map((s) => s.id));
    if (!sourceIds.has(c.doc.pointValueSource)) at('/pointValueSource', 'unknown-source', 'Unbekannte Quelle.', 'Unknown source.');
    // One indexed walk over the rows (the GOÄ has thousands, at every start): each source checked, each row indexed by number.
    const rows = c.doc.rows;
    const byNumber = new Map<string, CatalogueRowDoc[]>();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (!sourceIds.has(r.source)) at(`/rows/${i}/source`, 'unknown-source', `Unbekannte Quelle "${r.source}".`, `Unknown source "${r.source}".`);
      const list = byNumber.get(r.number);
      if (list) list.push(r);
      else byNumber.set(r.number, [r]);
    }
    const compiled = compileCatalogue(c.doc.id, c.doc.pointValueCent, byNumber);
    checkRowPeriods(rows, byNumber, at, (pointer) => locate(c.positions, pointer).line);
    compiledCatalogues.set(c.doc.id, compiled);
  }

  const contractIds = new Map<string, string>();
  for (const c of contracts) {
    where.file = c.name;
    where.positions = c.positions;
    const other = contractIds.get(c.doc.id);
    if (other !== undefined) add(c.name, c.positions, '/id', 'duplicate-contract', `Der Vertrag "${c.doc.id}" ist auch in ${other} geladen.`, `Contract "${c.doc.id}" is also loaded from ${other}.`);
    contractIds.set(c.doc.id, c.name);
    checkContract(c.doc, (pointer, code, de, en) => add(c.name, c.positions, pointer, code, de, en), (pointer) => locate(c.positions, pointer).line);
    // Its lists reach callers through the contractService fact (explain): frozen, so a host cannot change what the engine reads.
    deepFreeze(c.doc);
  }
  const compiledContracts = compileContracts(contracts.map((c) => c.doc));

  // Versions that extend versions become plain effective versions first (bases first).
  const resolved = resolveVersions(ruleSets, add);
  endOpenBases(resolved);
  for (const r of resolved) {
    where.file = r.source.name;
    where.positions = r.source.positions;
    checkRuleSet(r.doc, compiledCatalogues, r.at);
    hintLiteralParameters(r.doc, factParameters, r.at);
    for (const k of kbvProblems(r.doc)) r.at(k.pointer, k.code, k.de, k.en, k.severity);
  }
  where.file = '';
  checkVersions(resolved, add);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems: dedupe(problems) };

  const versions: CompiledVersion[] = [];
  const silent: InactiveRules[] = [];
  const atOf = new Map<CompiledVersion, (typeof resolved)[number]['at']>();
  for (const r of resolved) {
    where.file = r.source.name;
    where.positions = r.source.positions;
    freezeShared(r.doc);
    // What both evaluators see: parameter references replaced by their values.
    const evaluated = applyParameters(r.doc, r.at, (r.keys & PARAM_KEY) !== 0);
    freezeShared(evaluated);
    const env: BindEnv = { ruleSet: evaluated, catalogues: compiledCatalogues, contracts: compiledContracts, memo: new Map<string, unknown>(), counters: [], reads: { patient: null, case: null }, masters: masterCatalogues };
    const compiled = compileRuleSet(evaluated, env, r.at, r.lineOf);
    compiled.base = r.base;
    compiled.effective = r.doc;
    versions.push(compiled);
    // Rules silent for want of a master catalogue are said once (below), as info, and not called unreachable too.
    const inactive = inactiveRules(compiled, masterCatalogues);
    silent.push(inactive);
    atOf.set(compiled, r.at);
    // An empty version (no rule of its own, none inherited) passes every entry: said, not silent.
    if (r.doc.rules.length === 0) {
      r.at(
        '/rules',
        'no-rules',
        `${r.doc.id}@${r.doc.version} enthält keine Regel (auch keine geerbte): diese Version prüft nichts.`,
        `${r.doc.id}@${r.doc.version} holds no rule (none inherited either): this version checks nothing.`,
        'warning',
      );
    }
    const rules = compiled.entryRules.concat(compiled.costRules);
    // Indexed: it runs once per rule, mostly before V8 optimizes it (`for of` would make an object per step).
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.triggers !== null && rule.triggers.length === 0 && !inactive.rules.has(rule.index)) {
        const line = r.lineOf(`/rules/${rule.index}/name`);
        r.at(
          `/rules/${rule.index}/conditions`,
          'unreachable-rule',
          `Die Regel "${rule.id}" (Zeile ${line}) kann nie auslösen: keine Gebührennummer erfüllt ihre Bedingungen.`,
          `Rule "${rule.id}" (line ${line}) can never fire: no fee number meets its conditions.`,
          'warning',
        );
      }
    }
  }
  for (const n of inactiveNotices(silent)) atOf.get(n.version)!(n.pointer, 'inactive-rules', n.de, n.en, 'info');
  where.file = '';
  const all = dedupe(problems);
  if (all.some((p) => p.severity === 'error')) return { ok: false, problems: all };
  const warnings = all.filter((p) => p.severity === 'warning');
  const notices = all.filter((p) => p.severity === 'info');
  return { ok: true, bundle: makeBundle(new BundleInternals(versions, compiledCatalogues, masterCatalogues), warnings, notices), problems: [...warnings, ...notices] };
}

/** The rule-set parameters a fact receives (see FactDefinition.parameters). */
const factParameters = (fact: string): readonly string[] => FACTS.get(fact)?.parameters?.map((p) => p.name) ?? [];

type At = (pointer: string, code: string, de: string, en: string, severity?: LoadProblem['severity']) => void;

/** A period `from`–`until` (pointers to the two members): both real dates, the end not before the start. */
function checkPeriod(at: At, fromPointer: string, from: string, untilPointer: string, until: string | null | undefined): void {
  const name = (pointer: string) => pointer.slice(pointer.lastIndexOf('/') + 1);
  if (until && until < from) at(untilPointer, 'validity', `${name(untilPointer)} liegt vor ${name(fromPointer)}.`, `${name(untilPointer)} is before ${name(fromPointer)}.`);
  for (const [pointer, v] of [
    [fromPointer, from],
    [untilPointer, until],
  ] as const) {
    if (typeof v === 'string' && !isIsoDate(v)) at(pointer, 'date', `${v} ist kein gültiges Datum.`, `${v} is not a valid date.`);
  }
}

/** What the contract schema cannot say: dates, periods, references, unique service codes. */
function checkContract(doc: ContractDoc, at: At, lineOf: (pointer: string) => number): void {
  checkPeriod(at, '/validFrom', doc.validFrom, '/validUntil', doc.validUntil);
  const sources = new Set(doc.sources.map((s) => s.id));
  doc.providers.forEach((p, i) => {
    if (p.lanr === undefined && p.bsnr === undefined) at(`/providers/${i}`, 'provider', 'Ein Leistungserbringer braucht lanr oder bsnr.', 'A provider needs lanr or bsnr.');
    checkPeriod(at, `/providers/${i}/from`, p.from, `/providers/${i}/until`, p.until);
  });
  const codes = new Map<string, number>();
  doc.services.forEach((s, i) => {
    const before = codes.get(s.code);
    if (before !== undefined) {
      const line = lineOf(`/services/${before}`);
      at(`/services/${i}/code`, 'duplicate-service', `Die Leistung ${s.code} steht schon in Zeile ${line}.`, `Service ${s.code} is already on line ${line}.`);
    }
    codes.set(s.code, i);
    if (!sources.has(s.source)) at(`/services/${i}/source`, 'unknown-source', `Unbekannte Quelle "${s.source}" (nicht in sources).`, `Unknown source "${s.source}" (not in sources).`);
    if (s.replacesEbm?.includes(s.code)) at(`/services/${i}/replacesEbm`, 'replaces-itself', 'Eine Leistung kann sich nicht selbst ersetzen.', 'A service cannot replace itself.');
  });
}

function checkRuleSet(doc: RuleSetDoc, catalogues: Map<string, CompiledCatalogue>, at: At): void {
  checkPeriod(at, '/validFrom', doc.validFrom, '/validUntil', doc.validUntil);
  for (const id of doc.catalogues ?? []) {
    if (!catalogues.has(id)) at('/catalogues', 'unknown-catalogue', `Der Katalog "${id}" ist nicht geladen.`, `Catalogue "${id}" is not loaded.`);
  }
  const sourceIds = new Set<string>();
  doc.sources.forEach((s, i) => {
    if (sourceIds.has(s.id)) at(`/sources/${i}/id`, 'duplicate-source', `Die Quelle "${s.id}" ist doppelt.`, `Source "${s.id}" is listed twice.`);
    sourceIds.add(s.id);
  });
  checkParameters(doc, sourceIds, at);
  const goae = (doc.catalogues ?? []).map((id) => catalogues.get(id)).filter((c): c is CompiledCatalogue => c !== undefined);
  for (const [name, table] of Object.entries(doc.tables ?? {})) {
    checkTable(`/tables/${escapePointerToken(name)}`, table, sourceIds, goae, at);
  }
}

function checkTable(base: string, table: TableDoc, sourceIds: Set<string>, catalogues: CompiledCatalogue[], at: At): void {
  const inCatalogue = (n: string) => catalogues.some((c) => c.rows.has(n));
  for (const [col, spec] of Object.entries(table.columns)) {
    const target = spec.soleElementOf === undefined ? undefined : table.columns[spec.soleElementOf];
    if (spec.soleElementOf !== undefined && (!target || !target.type.endsWith('[]'))) {
      at(`${base}/columns/${escapePointerToken(col)}/soleElementOf`, 'column-spec', `"${spec.soleElementOf}" ist keine Listenspalte dieser Tabelle.`, `"${spec.soleElementOf}" is not a list column of this table.`);
    }
  }
  table.rows.forEach((row, i) => {
    const rp = `${base}/rows/${i}`;
    if (!sourceIds.has(row.source)) at(`${rp}/source`, 'unknown-source', `Unbekannte Quelle "${row.source}" (nicht in sources).`, `Unknown source "${row.source}" (not in sources).`);
    for (const key of Object.keys(row)) {
      if (key !== 'source' && key !== 'label' && key !== 'note' && !Object.prototype.hasOwnProperty.call(table.columns, key)) {
        at(`${rp}/${escapePointerToken(key)}`, 'unknown-column', `Die Spalte "${key}" ist in columns nicht erklärt.`, `Column "${key}" is not declared in columns.`);
      }
    }
    for (const [col, spec] of Object.entries(table.columns)) {
      const cp = `${rp}/${escapePointerToken(col)}`;
      if (!Object.prototype.hasOwnProperty.call(row, col)) {
        at(rp, 'missing-column', `Der Zeile fehlt die Spalte "${col}" (null, wenn leer).`, `The row lacks column "${col}" (use null when empty).`);
        continue;
      }
      const v = row[col];
      if (v === null) {
        if (!spec.nullable) at(cp, 'column-type', `Die Spalte "${col}" darf nicht leer sein.`, `Column "${col}" must not be null.`);
        continue;
      }
      const ok = (() => {
        switch (spec.type) {
          case 'string':
            return typeof v === 'string';
          case 'string[]':
            return Array.isArray(v) && v.every((x) => typeof x === 'string');
          case 'number':
            return typeof v === 'number';
          case 'decimal':
            return typeof v === 'string' && /^\d{1,9}(\.\d{1,9})?$/.test(v);
          case 'boolean':
            return typeof v === 'boolean';
          case 'date':
            return isIsoDate(v);
          case 'goae':
            return typeof v === 'string';
          case 'goae[]':
            return Array.isArray(v) && v.every((x) => typeof x === 'string');
        }
      })();
      if (!ok) {
        at(cp, 'column-type', `Die Spalte "${col}" muss vom Typ ${spec.type} sein.`, `Column "${col}" must be of type ${spec.type}.`);
        continue;
      }
      if (spec.soleElementOf !== undefined) {
        const list = row[spec.soleElementOf];
        if (!Array.isArray(list) || list.length !== 1 || list[0] !== v) {
          at(
            cp,
            'sole-element',
            `"${col}" darf nur gesetzt sein, wenn "${spec.soleElementOf}" genau einen Eintrag hat, und muss dann dieser sein.`,
            `"${col}" may only be set when "${spec.soleElementOf}" has exactly one item, and must then be that item.`,
          );
        }
      }
      if (spec.type === 'goae' || spec.type === 'goae[]') {
        const numbers = Array.isArray(v) ? (v as string[]) : [v as string];
        numbers.forEach((n, k) => {
          if (!inCatalogue(n)) {
            at(
              Array.isArray(v) ? `${cp}/${k}` : cp,
              'goae-unknown',
              `GOÄ-Nr. ${n} steht in keinem Katalog des Regelwerks (catalogues).`,
              `GOÄ number ${n} is not in any catalogue of the rule set (catalogues).`,
            );
          }
        });
      }
    }
  });
}

function checkVersions(resolved: ResolvedVersion[], add: Add): void {
  const byId = new Map<string, { name: string; positions: Positions; doc: RuleSetDoc }[]>();
  for (const { source, doc } of resolved) byId.set(doc.id, [...(byId.get(doc.id) ?? []), { name: source.name, positions: source.positions, doc }]);
  for (const list of byId.values()) {
    list.sort((a, b) => (a.doc.validFrom < b.doc.validFrom ? -1 : 1));
    const versions = new Map<string, string>();
    for (const r of list) {
      const other = versions.get(r.doc.version);
      if (other !== undefined) {
        add(r.name, r.positions, '/version', 'duplicate-version', `${r.doc.id}@${r.doc.version} ist auch in ${other} geladen.`, `${r.doc.id}@${r.doc.version} is also loaded from ${other}.`);
      }
      versions.set(r.doc.version, r.name);
    }
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      const prevEnd = prev.doc.validUntil ?? null;
      if (prevEnd === null || cur.doc.validFrom <= prevEnd) {
        add(
          cur.name,
          cur.positions,
          '/validFrom',
          'overlapping-validity',
          `Die Gültigkeit von ${cur.doc.id}@${cur.doc.version} überschneidet sich mit ${prev.doc.id}@${prev.doc.version} (${prev.name}, gültig bis ${prevEnd ?? 'offen'}).`,
          `The validity of ${cur.doc.id}@${cur.doc.version} overlaps ${prev.doc.id}@${prev.doc.version} (${prev.name}, valid until ${prevEnd ?? 'open'}).`,
        );
      }
    }
  }
}

/**
 * A version that extends an open-ended version of the same rule set ends it: the base applies
 * until the day before the extension starts (the expert writes the new version only, as a
 * new EBM quarter replaces the last). Said as info at the extension's validFrom.
 */
function endOpenBases(resolved: ResolvedVersion[]): void {
  const byKey = new Map(resolved.map((r) => [`${r.doc.id}@${r.doc.version}`, r]));
  for (const r of resolved) {
    const base = r.base === null ? undefined : byKey.get(r.base);
    if (!base || base.doc.id !== r.doc.id || r.doc.validFrom <= base.doc.validFrom || !isIsoDate(r.doc.validFrom)) continue;
    const end = addDays(r.doc.validFrom, -1);
    // A stated end is the expert's; an overlap with it is reported as usual.
    if (base.doc.validUntil !== null && base.doc.validUntil !== undefined) continue;
    base.doc = { ...base.doc, validUntil: end };
    r.at(
      '/validFrom',
      'base-ended',
      `${r.base} ist offen und gilt bis ${end}: diese Version erweitert sie ab ${r.doc.validFrom}.`,
      `${r.base} is open-ended and applies until ${end}: this version extends it from ${r.doc.validFrom}.`,
      'info',
    );
  }
}

/**
 * Freezes what a loaded version hands to callers as it is: all but its rules (tables, parameters,
 * named conditions reach them as fact values and in explain's trace), so that none can change
 * what the engine evaluates. Of a rule, only its conditions' values and params are handed out,
 * by explain, which freezes them then (see traceCondition): freezing all 180,000 objects of
 * 20,000 rules as they were parsed cost some 5 % of their load.
 */
function freezeShared(doc: RuleSetDoc): void {
  for (const k in doc) if (k !== 'rules') deepFreeze(doc[k as keyof RuleSetDoc]);
}

function dedupe(problems: LoadProblem[]): LoadProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.file}\u0000${p.pointer}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
