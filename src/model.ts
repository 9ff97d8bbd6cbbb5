/**
 * Shapes of the documents after schema validation (see `schemas/`). The loader only hands
 * these on once ajv and the semantic checks have accepted them.
 */

export interface Text {
  de: string;
  en: string;
}

export interface SourceDoc {
  id: string;
  title: string;
  date: string;
  url?: string;
  note?: string;
}

export type ColumnType = 'string' | 'string[]' | 'number' | 'decimal' | 'boolean' | 'date' | 'goae' | 'goae[]';

export interface ColumnDoc {
  type: ColumnType;
  nullable?: boolean;
  description?: Text;
  /** Null unless the named list column has exactly one item; then that item. */
  soleElementOf?: string;
}

export type TableRow = Record<string, unknown> & { source: string; label: 'C' | 'S' | 'U'; note?: string };

export interface TableDoc {
  description: Text;
  columns: Record<string, ColumnDoc>;
  rows: TableRow[];
  gap?: Text;
}

/**
 * A table in a version that extends another, written without `columns`: it changes rows of
 * the inherited table. Each row replaces the inherited row with the same value in the `key`
 * column (default: the first column) or is added; `removeRows` names key values to drop.
 */
export interface TablePatchDoc {
  key?: string;
  rows?: TableRow[];
  removeRows?: unknown[];
  description?: Text;
  gap?: Text;
}

export type ParameterType = 'integer' | 'decimal' | 'string' | 'boolean' | 'date';

/**
 * A named, typed threshold of a rule set (6 months, 7 Werktage, 30 minutes …) with its
 * source: rules compare with it (`{"param": name}`), facts receive it, messages show it
 * (`{name}`). A version that extends another may restate only value, source and label.
 */
export interface ParameterDoc {
  type: ParameterType;
  value: number | string | boolean;
  description: Text;
  /** Unit shown to the expert (Monate, Werktage, Minuten …). */
  unit?: Text;
  source: string;
  label: 'C' | 'S' | 'U';
  note?: string;
}

/** A fact reference as used in condition values and event params. */
export interface FactReference {
  fact: string;
  params?: Record<string, unknown>;
  /** As written only: the name of a params block under the rule set's `namedParams` (resolved before anything evaluates). */
  namedParams?: string;
  path?: string;
}

/** A json-rules-engine condition (boolean node, condition reference or fact comparison). */
export interface ConditionDoc {
  all?: ConditionDoc[];
  any?: ConditionDoc[];
  not?: ConditionDoc;
  condition?: string;
  fact?: string;
  operator?: string;
  value?: unknown;
  params?: Record<string, unknown>;
  /** As written only: see {@link FactReference.namedParams}. */
  namedParams?: string;
  path?: string;
  priority?: number;
  name?: string;
}

export interface FindingParams {
  code: string;
  /** Required unless `kbvRule` names a KBV rule with a severity of its own (then that one). */
  severity?: 'error' | 'warning' | 'info';
  message: Text;
  fields: string[];
  source: string;
  /** The KBV rule the finding corresponds to (e.g. "059"); see src/kbv/kvdt-rules.ts. */
  kbvRule?: string;
  /** Why `severity` differs from the KBV's for `kbvRule`. */
  kbvDeviation?: Text;
  [placeholder: string]: unknown;
}

export interface CorrectionParams {
  field: '5011' | '5012';
  value: string | FactReference;
}

export type EventDoc = { type: 'finding'; params: FindingParams } | { type: 'correction'; params: CorrectionParams };

export interface RuleDoc {
  name: string;
  /** In a version that extends another: the rule this one follows in the effective order. */
  after?: string;
  description?: Text;
  scope?: 'entry' | 'cost';
  priority?: number;
  conditions: ConditionDoc;
  event: EventDoc;
}

/** What a version that extends another drops of what it inherits, by name. */
export interface RemoveDoc {
  rules?: string[];
  conditions?: string[];
  namedParams?: string[];
  tables?: string[];
  parameters?: string[];
}

/**
 * What a version that extends another changes in an inherited rule, by the rule's name: its
 * description, its priority, and single params of its finding (a source, a message …); the
 * rest, its conditions above all, stays as inherited.
 */
export interface RuleChangeDoc {
  description?: Text;
  priority?: number;
  /** Each param written replaces the inherited one; null drops it. */
  event?: { params: Partial<FindingParams> };
}

/** What a version that extends another changes of what it inherits, by name. */
export interface ChangeDoc {
  rules?: Record<string, RuleChangeDoc>;
}

/**
 * A rule set as written: a version may name the version it extends (`id@version`), inherit
 * its rules, named conditions, parameters, tables and sources, replace any of them by name,
 * change parts of an inherited rule, change table rows and remove by name. The loader resolves it into an {@link RuleSetDoc}
 * before anything else reads it.
 */
export interface RuleSetSourceDoc extends Omit<RuleSetDoc, 'tables' | 'rules' | 'sources' | 'parameters'> {
  extends?: string;
  remove?: RemoveDoc;
  change?: ChangeDoc;
  /** A fact's params written once under a name; a condition or fact reference uses one with `"namedParams": name`. */
  namedParams?: Record<string, Record<string, unknown>>;
  sources?: SourceDoc[];
  parameters?: Record<string, ParameterDoc>;
  tables?: Record<string, TableDoc | TablePatchDoc>;
  rules?: RuleDoc[];
}

/** A plain, effective rule-set version: no `extends`, every part present (json-rules-engine format). */
export interface RuleSetDoc {
  kind: 'ruleset';
  id: string;
  version: string;
  title: Text;
  description?: Text;
  validFrom: string;
  validUntil?: string | null;
  catalogues?: string[];
  sources: SourceDoc[];
  parameters?: Record<string, ParameterDoc>;
  tables?: Record<string, TableDoc>;
  conditions?: Record<string, ConditionDoc>;
  rules: RuleDoc[];
}

export interface CatalogueRowDoc {
  number: string;
  points: number | null;
  section: string;
  sectionA?: boolean;
  simpleRateOnly?: boolean;
  /** First service day the row applies to; absent: always. */
  validFrom?: string;
  /** Last service day; null or absent: open. */
  validUntil?: string | null;
  source: string;
  label: 'C' | 'S' | 'U';
  note?: string;
}

export interface CatalogueDoc {
  kind: 'catalogue';
  id: string;
  title: Text;
  pointValueCent: string;
  pointValueSource: string;
  sources: SourceDoc[];
  sectionA?: { source: string; label: 'C' | 'S' | 'U'; note?: string };
  rows: CatalogueRowDoc[];
}

/** A selective contract under § 140a SGB V (`schemas/contract.schema.json`). */
export interface ContractDoc {
  kind: 'contract';
  id: string;
  example?: boolean;
  title: Text;
  description?: Text;
  insurers: { ik: string; name?: string }[];
  validFrom: string;
  validUntil: string | null;
  participationStarts: 'onDeclaration' | 'afterRevocationPeriod';
  revocationDays?: number;
  providers: { lanr?: string; bsnr?: string; name?: string; from: string; until?: string | null }[];
  services: ContractServiceDoc[];
  sources: SourceDoc[];
}

export interface ContractServiceDoc {
  code: string;
  text?: string;
  cents?: number | null;
  perQuarter?: number | null;
  replacesEbm?: string[];
  source: string;
  label: 'C' | 'S' | 'U';
  note?: string;
}
