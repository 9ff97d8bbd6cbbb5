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
  /** FK 5074 Name Hersteller/Lieferant of the material (XPM rules 711a/711b: ASV material costs). */
  manufacturer?: string;
  /** FK 5075 Artikel-/Modellnummer of the material. */
  articleNumber?: string;
}

/** A diagnosis of the case (FK 6001 ICD code with FK 6003 certainty; in a Hybrid-DRG case FK 6009/6011). */
export interface Diagnosis {
  /**
   * ICD-10-GM code, e.g. `"C16.0"`. A secondary-only code (Sternschlüssel, Ausrufezeichenschlüssel)
   * may carry its ICD-10-GM mark, e.g. `"G63.2*"`, `"U69.40!"`: without the KBV ICD master file
   * that mark is how the engine tells a primary code from a secondary one.
   */
  icd: string;
  /** Diagnosesicherheit: `G`, `V`, `A` or `Z`. */
  certainty?: string;
  /** Seitenlokalisation of the diagnosis (FK 6004; Hybrid-DRG: FK 6010/6012): `R`, `L`, `B`. */
  laterality?: string;
  /** Hybrid-DRG: `main` = Hauptdiagnose (FK 6009), `secondary` = Sekundärdiagnose (FK 6011). */
  kind?: 'main' | 'secondary';
}

/** One OPS code (FK 5035) with its laterality (FK 5041). */
export interface OpsCode {
  /** OPS code, e.g. `"5-530.03"`. */
  code: string;
  /** FK 5041 Seitenlokalisation: `R`, `L` (and up to 2025 `B`). */
  laterality?: string;
  /**
   * The host's OPS master file (KBV SDOPS) flags the code as needing a side (`kzseite="J"`).
   * The engine has no OPS master file; a rule set may add its own table of such codes.
   */
  sided?: boolean;
}

/**
 * A Hybrid-DRG case (§ 115f SGB V, KVDT record hdrg1). The Hybrid-DRG code comes from the
 * host's grouper: the engine does not group, it checks what the grouper and the practice entered.
 */
export interface HybridDrgCase {
  /** FK 5027 Hybrid-DRG, format `anna`, e.g. `"G24M"`. */
  code: string;
  /** FK 5028 Datum des Beginns der Leistung, `YYYY-MM-DD`. */
  start?: string;
  /** FK 5029 Datum Ende der Leistung, `YYYY-MM-DD`. */
  end?: string;
  /** FK 5030 Beatmungsstunden (whole hours; ventilation during anaesthesia is not counted). */
  ventilationHours?: number | string;
  /** FK 5034 OP-Datum, `YYYY-MM-DD` (one per case in KVDT). */
  opDate?: string;
  /** FK 3111 Aufnahmegewicht in grams (children up to one year; KVDT rule 390). */
  admissionWeight?: number | string;
}

/** Patient data of the case. */
export interface Patient {
  /**
   * FK 3119 Versicherten-ID (eGK) or FK 3105 Versichertennummer. With the birth date it
   * identifies the patient across the entries of a batch (same-day and per-quarter rules).
   */
  insuranceNumber?: string;
  /** FK 3000 Patientennummer of the PVS; used when there is no insurance number. */
  id?: string;
  /** FK 3103 birth date, `YYYY-MM-DD` (partial dates such as `YYYY-00-00` are kept as given). */
  birthDate?: string;
  /** FK 3110 sex. */
  sex?: string;
}

/**
 * One service as entered in the PVS (Leistungserfassung). Unknown extra properties are
 * allowed and ignored: they are never looked at, so they cost nothing.
 *
 * What the checker reads it copies first, and reads nothing of the object afterwards: each
 * property at most once, only the object's own (an inherited one, e.g. of a polluted
 * `Object.prototype`, counts as absent and is not looked at). A list the rules read holds at
 * most 1,000 items (`costs`, `diagnoses`, `ops`, `case.practiceTeamNumbers`,
 * `case.participations`); a longer one is the input warning `INPUT-FELD` and treated as
 * absent, its items unread. Of `patient` and `case`, beyond the fields named here, only what
 * loaded rules read (a `path`, or the whole object) is copied: at most 1,000 keys per object,
 * 16 levels and 10,000 values per entry; a value beyond these is `INPUT-FELD` and left out.
 */
export interface ServiceEntry {
  /** The vendor's own id of the entry; echoed nowhere, useful for the caller's bookkeeping. */
  id?: string;
  /**
   * FK 5000 Leistungstag, `YYYY-MM-DD`. Selects the rule-set versions (never the clock).
   * For a Hybrid-DRG case it may be omitted: it then is the OP date (FK 5034), else the start
   * of the service (FK 5028), the day whose year picks the grouper and catalogue year.
   */
  date: string;
  /**
   * FK 5001 Gebührennummer (EBM GOP or ASV pseudo-GOP). For a Hybrid-DRG case it may be
   * omitted: it then is the Hybrid-DRG code (FK 5027), so rule sets can key on it.
   */
  gop: string;
  /** FK 5100 ASV-Teamnummer of the service. */
  teamNumber?: string;
  /** FK 5099 LANR of the doctor who provided the service. */
  lanr?: string;
  /** FK 5101 pseudo-LANR (555555nff) of a hospital doctor in ASV, instead of `lanr`. */
  pseudoLanr?: string;
  /** FK 5102 Krankenhaus-IK of a hospital in ASV, instead of `bsnr`. */
  hospitalIk?: string;
  /** FK 5098 BSNR of the place of service. */
  bsnr?: string;
  /** FK 5011/5012 pairs, in record order; at most 1,000. */
  costs?: CostItem[];
  /** Case diagnoses (FK 6001/6003); at most 1,000. */
  diagnoses?: Diagnosis[];
  /** OPS codes (FK 5035), as plain codes or with their own laterality (FK 5041); at most 1,000. */
  ops?: (string | OpsCode)[];
  /** Laterality (FK 5041) of the service; OPS given as plain codes take this one. */
  laterality?: string;
  /** A Hybrid-DRG case (KVDT hdrg1); absent for every other service. */
  hybridDrg?: HybridDrgCase;
  /** Patient data (FK 3103, 3110). */
  patient?: Patient;
  /**
   * Case data (the KVDT Schein); its shape is defined by the rule sets that read it. The
   * engine's own facts read `recordType` (KVDT record: 0101–0104, hdrg1), `serviceIndex` (the
   * service's position in its case, 0 = first: checks of the case run on the first only),
   * `insurerIk` (FK 4111), `referral` (`true` or the referral's fields by FK, e.g. `"4218"`),
   * `participations` (§ 140a, at most 1,000) and `practiceTeamNumbers` (FK 0222 of the billing
   * file's besa record, at most 1,000). The fact `kvdtField` reads by FK: `quarter` (4101,
   * QJJJJ), `billingQuarter` (adt0 9204), `cardRead` (4109), `insuranceStart` (4133),
   * `insuranceEnd` (4110), `validity` (4125 as `{from, until}`), `subgroup` (4239),
   * `fileCreated` (con0 9103, for Hybrid-DRG hdrg0 9117) and `practicePseudoLanrs` (besa
   * 0223); dates `YYYY-MM-DD`. See plugin-api/FIELDS.md.
   */
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
  /**
   * The number of the KBV rule the finding corresponds to: a rule of the KVDT
   * Datensatzbeschreibung or a message `KVDT-R<number>` of the KBV's test module XPM-KVDT,
   * e.g. `"059"` (shown as KVDT-R059) or `"711a"`. Absent for checks the KBV does not have.
   * The severity is then by default the KBV's; where a rule set differs it says why
   * (docs/kbv-parity.md lists every such case).
   */
  kbvRule?: string;
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

/**
 * What {@link Checker.check} returns for one entry. Read-only: where nothing was found, results
 * share one frozen empty list, and where nothing was found or corrected, `check` and `checkAll`
 * return one shared frozen result (checking such an entry allocates nothing). A host that adds
 * its own findings or fields copies first: `[...result.findings, mine]`, `{ ...result, id }`.
 */
export interface CheckResult {
  readonly findings: readonly Finding[];
  readonly corrections: readonly Correction[];
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
  /**
   * `error` prevents a bundle; `warning` does not; `info` says something worth knowing about a
   * good bundle, e.g. rules that stay silent because a KBV master catalogue they need is not
   * loaded (code `inactive-rules`).
   */
  severity: 'error' | 'warning' | 'info';
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
 * Obtain one from {@link loadRuleSets}. Its problems are frozen objects, the same ones the
 * load's `problems` list holds.
 */
export interface RuleSetBundle {
  /** `<id>@<version>` of every rule set in the bundle, in evaluation order. */
  readonly ruleSets: readonly string[];
  /** The KBV master catalogues loaded (`pvs-rules import`), e.g. "SDHDRG 2.0.0, 2026-01-01–2026-12-31 (file)". */
  readonly masterCatalogues: readonly string[];
  /** Problems of severity `warning` found while loading (errors prevent a bundle). */
  readonly warnings: readonly LoadProblem[];
  /**
   * Problems of severity `info`: which rules stay silent, and why (code `inactive-rules`: a KBV
   * master catalogue they need, e.g. the host's SDOPS, is not loaded for any day the rule set
   * applies to). Said once here, not with every check.
   */
  readonly notices: readonly LoadProblem[];
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
  /**
   * The day the check runs, `YYYY-MM-DD`: the KBV's "Maschinendatum" that rule 304 compares
   * dates with (a birth date must not lie after it). The engine never reads the clock: without
   * this date, rules comparing with the day of the check use the billing file's creation date
   * when the entry carries one (`case.fileCreated`), else stay silent. An invalid date is a
   * context problem and treated as absent.
   */
  checkDate?: string;
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

/** Two-pass batch checking; see {@link Checker.batch}. */
export interface BatchSession {
  /**
   * False when no loaded rule compares entries: the first pass can then be skipped (`add`
   * does nothing) and the batch read once.
   */
  readonly needed: boolean;
  /** First pass: record the entry for the batch rules. */
  add(entry: unknown): void;
  /** Second pass: check the entry, with the batch rules seeing every added entry. */
  check(entry: unknown): CheckResult;
}

/** A count of the batch a check read: an opaque key (counter and group) and the value it saw. */
export interface BatchRead {
  readonly key: string;
  readonly value: number;
}

/** A check that read counts of the whole batch, which entries after it can still raise. */
export interface PendingCheck {
  readonly reads: readonly BatchRead[];
}

/** A result of {@link StreamSession.check}. */
export interface StreamResult extends CheckResult {
  /** Set when a rule read a count of the whole batch: settle it after the last entry. */
  readonly pending?: PendingCheck;
}

/**
 * One-pass batch checking ({@link Checker.stream}). Rules that compare entries see every
 * entry checked before exactly (the same patient on the same day, per-quarter limits); a
 * rule that needs the whole batch sees the entries so far, and its check is pending until
 * {@link StreamSession.settle}. The results are those of {@link Checker.checkAll} on the same
 * entries. Memory grows with the patient groups, not with the entries.
 */
export interface StreamSession {
  /** False when no loaded rule compares entries: `check` is then {@link Checker.check} of each. */
  readonly needed: boolean;
  /**
   * Checks entries that belong together (one case) in order, after counting all of them. No
   * list, or more than 10 million entries in one call, gives one error result as checkAll does.
   */
  check(entries: readonly unknown[]): StreamResult[];
  /** The count now for a read's key: after the last `check`, the count of the whole batch. */
  count(key: string): number;
  /**
   * After the last `check`: undefined when every count the pending check read is unchanged
   * (its result stands), else its result checked again with the counts of the whole batch.
   */
  settle(pending: PendingCheck): CheckResult | undefined;
}

/**
 * Checks service entries against a bundle. All methods are synchronous and never throw, whatever they are given,
 * when called on the checker: `checker.check(e)`. Handed on as a callback, wrap or bind them
 * (`entries.map((e) => checker.check(e))`); called unbound, like an unbound `Map.prototype.get`, they throw a `TypeError`.
 */
export interface Checker {
  /**
   * Checks one entry. Never throws. Bad input gives `INPUT-*` findings; an object that throws
   * while it is read (a getter, a proxy) gives the one error `INPUT-UNLESBAR` and nothing else.
   * A fault of the engine itself gives `PRUEFUNG-INTERN` (error) naming the rule it hit, and
   * the other rules' findings and corrections still come back. Without usable rule sets the
   * result is the one error `PRUEFUNG-OHNE-REGELWERK`. Re-entrant: a getter of the entry may
   * call the checker again.
   */
  check(entry: unknown): CheckResult;
  /**
   * Checks the entries of one batch (a quarter, a billing file), in order, one result per
   * entry. Unlike `check`, rules that compare entries (the same patient on the same day,
   * per-quarter limits) see the whole batch. The list is read first; each entry is then read
   * once, counted and checked, and no host code runs while one is checked. A check that read a
   * count of the whole batch runs again at the end if a later entry changed that count, so each
   * result is the one two passes would give, without a copy of every entry held until a second pass.
   * Never throws: no list gives one result with the error `INPUT-STAPEL`, a list of more than
   * 10 million entries (or an endless iterator) one with `INPUT-STAPEL-GROESSE`, nothing of it
   * checked (a larger batch goes through {@link Checker.stream} or {@link Checker.batch}); an
   * iterator that throws ends the batch with one `INPUT-UNLESBAR` result for the entry it could not give.
   */
  checkAll(entries: Iterable<unknown>): CheckResult[];
  /**
   * A batch to check in two passes without holding it in memory (e.g. a KVDT file read twice):
   * `add` every entry, then `check` every entry in the same order.
   */
  batch(): BatchSession;
  /**
   * A batch read once, as a stream (a KVDT file from a pipe): entries are checked as they
   * come, one group (a case) at a time; checks that read a count of the whole batch wait for
   * its end. See {@link StreamSession}.
   */
  stream(): StreamSession;
  /** Checks one entry and records every rule considered with each condition's values. */
  explain(entry: unknown): Explanation;
  /**
   * Swaps in a new bundle. A failed load, an empty one or anything that is no bundle changes
   * nothing: the checker keeps its last good rule sets and returns `false`, and
   * {@link Checker.ruleSetProblems} says why. Never throws.
   */
  replaceRuleSets(next: LoadResult | RuleSetBundle): boolean;
  /** The bundle currently in use. */
  readonly ruleSets: RuleSetBundle;
  /**
   * Problems of the practice context given to {@link createChecker}. With an error the
   * checker runs without a context: rules that need it stay silent.
   */
  readonly contextProblems: readonly LoadProblem[];
  /**
   * Why the checker has no usable rule sets, or why the last {@link Checker.replaceRuleSets}
   * returned `false`: the failed load's problems, or one problem (code `no-rule-sets`) saying
   * the argument was no bundle from {@link loadRuleSets}, or (code `bundle-other-copy`) that it
   * is a bundle of the package's other build — loaded through `import` and handed to the copy
   * loaded through `require`, or the reverse; a bundle is only known to the copy that loaded it.
   * Empty while the rule sets last handed over are in use.
   */
  readonly ruleSetProblems: readonly LoadProblem[];
  /**
   * What the bundle in use says once about itself (its `notices`): rules that stay silent
   * because a KBV master catalogue they need is not loaded. Updated by
   * {@link Checker.replaceRuleSets}.
   */
  readonly notices: readonly LoadProblem[];
}
