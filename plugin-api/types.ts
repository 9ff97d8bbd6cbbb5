/**
 * The contract PVS vendors code against. Everything here is stable within a major version;
 * `src/` implements it. Field names follow the KVDT field identifiers (FK) listed in
 * `plugin-api/FIELDS.md`.
 *
 * @packageDocumentation
 */

/** A KVDT field identifier (Feldkennung), e.g. `"5012"`. */
export type FieldId = string;

/** One 5011/5012 pair under a service (Sachkosten-Bezeichnung and Sachkosten in Cent). */
export interface CostItem {
  /** FK 5011 Sachkosten-Bezeichnung; in ASV billing the bare GOÄ number, e.g. `"5489"`. */
  description?: string;
  /** FK 5012 Sachkosten/Materialkosten in Cent: whole cents as a number or a digit string. */
  cents?: number | string;
}

/** A diagnosis of the case (FK 6001 ICD code with FK 6003 certainty). */
export interface Diagnosis {
  /** ICD-10-GM code, e.g. `"C16.0"`. */
  icd: string;
  /** Diagnosesicherheit: `G`, `V`, `A` or `Z`. */
  certainty?: string;
}

/** Patient data of the case. */
export interface Patient {
  /** FK 3103 birth date, `YYYY-MM-DD` (partial dates such as `YYYY-00-00` are kept as given). */
  birthDate?: string;
  /** FK 3110 sex. */
  sex?: string;
}

/**
 * One service as entered in the PVS (Leistungserfassung). Unknown extra properties are
 * allowed and ignored.
 */
export interface ServiceEntry {
  /** The vendor's own id of the entry; echoed nowhere, useful for the caller's bookkeeping. */
  id?: string;
  /** FK 5000 Leistungstag, `YYYY-MM-DD`. Selects the rule-set versions (never the clock). */
  date: string;
  /** FK 5001 Gebührennummer (EBM GOP or ASV pseudo-GOP). */
  gop: string;
  /** FK 5100 ASV-Teamnummer of the service. */
  teamNumber?: string;
  /** FK 5099 LANR of the doctor who provided the service. */
  lanr?: string;
  /** FK 5101 pseudo-LANR (555555nff) of a hospital doctor in ASV, instead of `lanr`. */
  pseudoLanr?: string;
  /** FK 5098 BSNR of the place of service. */
  bsnr?: string;
  /** FK 5011/5012 pairs, in record order. */
  costs?: CostItem[];
  /** Case diagnoses (FK 6001/6003). */
  diagnoses?: Diagnosis[];
  /** OPS codes (FK 5035). */
  ops?: string[];
  /** Laterality (FK 5041). */
  laterality?: string;
  /** Patient data (FK 3103, 3110). */
  patient?: Patient;
  /** Case data (referral, case type, ...); shape defined by the rule sets that read it. */
  case?: Record<string, unknown>;
}

/** Severity of a finding. */
export type Severity = 'error' | 'warning' | 'info';

/** A message for practice staff. */
export interface Finding {
  /** Stable code, e.g. `ASV-5012-FALSCH`. */
  code: string;
  severity: Severity;
  /** Text in the checker's locale (German by default). */
  message: string;
  /** The KVDT fields the finding is about. */
  fields: FieldId[];
  /** Id of the rule that fired (`name` in the rule set). */
  ruleId: string;
  /** `<rule set id>@<version>`, e.g. `asv@2026.1`. */
  ruleSet: string;
  /** The legal or technical basis, e.g. `ASV-AV Anlage 5`. */
  source: string;
  /** For findings about one 5011/5012 pair: its index in `costs`. */
  index?: number;
}

/** A field value the PVS should write into the record. */
export interface Correction {
  /** The field to set: `5011` or `5012`. */
  field: FieldId;
  /** Index of the 5011/5012 pair in `costs` (0 when the pair does not exist yet). */
  index: number;
  /** The new value, exactly as it goes into the KVDT record. */
  value: string;
  /** The value the entry had, if any. */
  previous?: string;
  /** Id of the rule that produced it. */
  ruleId: string;
}

/** What {@link Checker.check} returns for one entry. */
export interface CheckResult {
  findings: Finding[];
  corrections: Correction[];
}

/** Where a problem in a JSON document is. Lines and columns start at 1. */
export interface SourceLocation {
  /** The document's name as passed to {@link RuleSetSource.name}. */
  file: string;
  /** JSON pointer (RFC 6901) to the value, `""` for the whole document. */
  pointer: string;
  line: number;
  column: number;
}

/** One problem found while loading rule sets, catalogues or a practice context. */
export interface LoadProblem extends SourceLocation {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `schema`, `duplicate-rule`, `overlapping-validity`. */
  code: string;
  /** German text for a billing expert. */
  message: string;
  /** English text. */
  messageEn: string;
}

/** A document handed to {@link loadRuleSets}: its name (for messages) and its JSON text. */
export interface RuleSetSource {
  name: string;
  text: string;
}

/**
 * Validated and compiled rule sets: immutable, shareable between checkers.
 * Obtain one from {@link loadRuleSets}.
 */
export interface RuleSetBundle {
  /** `<id>@<version>` of every rule set in the bundle, in evaluation order. */
  readonly ruleSets: readonly string[];
  /** Problems of severity `warning` found while loading (errors prevent a bundle). */
  readonly warnings: readonly LoadProblem[];
}

/** Result of {@link loadRuleSets}: a bundle, or every problem found. */
export type LoadResult =
  | { ok: true; bundle: RuleSetBundle; problems: LoadProblem[] }
  | { ok: false; problems: LoadProblem[] };

/** Options of {@link createChecker}. */
export interface CheckerOptions {
  ruleSets: RuleSetBundle;
  /**
   * The practice context (ASV teams, FK 0222): the result of {@link loadPracticeContext}, or a
   * context document as an object (`schemas/practice-context.schema.json`), validated here.
   */
  context?: unknown;
  /** Language of finding messages; German by default. */
  locale?: 'de' | 'en';
}

/** One condition in an {@link Explanation}. */
export interface ConditionTrace {
  kind: 'all' | 'any' | 'not' | 'condition' | 'fact';
  result: boolean;
  /** For `fact`: the fact id, its params and path as written in the rule. */
  fact?: string;
  params?: unknown;
  path?: string;
  operator?: string;
  /** The right-hand side as written (literal or fact reference). */
  value?: unknown;
  /** The value the fact had. */
  factValue?: unknown;
  /** The right-hand side after resolving a fact reference. */
  valueResolved?: unknown;
  /** For `condition`: the name of the referenced shared condition. */
  name?: string;
  children?: ConditionTrace[];
}

/** How one rule was evaluated for one scope (the entry, or one 5011/5012 pair). */
export interface RuleTrace {
  ruleId: string;
  ruleSet: string;
  scope: 'entry' | 'cost';
  /** Set for the `cost` scope. */
  index?: number;
  fired: boolean;
  conditions: ConditionTrace;
}

/** What {@link Checker.explain} returns. */
export interface Explanation {
  result: CheckResult;
  /** Rule-set versions chosen for the service date. */
  ruleSets: string[];
  /** Rules that the trigger index selected for this entry, in evaluation order. */
  rules: RuleTrace[];
  /** Number of rules in the chosen versions that the index skipped. */
  skipped: number;
}

/** Checks service entries against a bundle. All methods are synchronous and never throw on bad input. */
export interface Checker {
  /** Checks one entry. Bad input gives `INPUT-*` findings, not exceptions. */
  check(entry: unknown): CheckResult;
  /** Checks many entries, in order. */
  checkAll(entries: Iterable<unknown>): CheckResult[];
  /** Checks one entry and records every rule considered with each condition's values. */
  explain(entry: unknown): Explanation;
  /**
   * Swaps in a new bundle. A failed load is passed as-is and changes nothing: the checker
   * keeps its last good rule sets and returns `false`.
   */
  replaceRuleSets(next: LoadResult | RuleSetBundle): boolean;
  /** The bundle currently in use. */
  readonly ruleSets: RuleSetBundle;
  /**
   * Problems of the practice context given to {@link createChecker}. With an error the
   * checker runs without a context: rules that need it stay silent.
   */
  readonly contextProblems: readonly LoadProblem[];
}
