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

/** A fact reference as used in condition values and event params. */
export interface FactReference {
  fact: string;
  params?: Record<string, unknown>;
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
  description?: Text;
  scope?: 'entry' | 'cost';
  priority?: number;
  conditions: ConditionDoc;
  event: EventDoc;
}

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
