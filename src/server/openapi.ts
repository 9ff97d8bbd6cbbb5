/**
 * The OpenAPI 3.1 description of the HTTP API, served at /v1/openapi.json. Every response
 * carries an example; the test suite validates each example, and the server's real answers,
 * against the schemas here.
 */
import { PROBLEMS } from './problem';
import { KVDT_RETRY_AFTER_S, type Limits } from './limits';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description ? { description } : {}) });
const int = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties), extra: Schema = {}): Schema => ({ type: 'object', required, properties, ...extra });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const text = obj({ de: str(), en: str() }, []);
const findingProperties: Record<string, Schema> = {
  code: str(),
  severity: { enum: ['error', 'warning', 'info'] },
  message: str(),
  fields: arr(str()),
  ruleId: str(),
  ruleSet: str(),
  source: str(),
  index: int('the 5011/5012 pair, for pair findings'),
  kbvRule: str('the KBV rule number (KVDT-Datensatzbeschreibung, XPM-KVDT message KVDT-R…), e.g. 059'),
};
const FINDING_REQUIRED = ['code', 'severity', 'message', 'fields', 'ruleId', 'ruleSet', 'source'];
const MiB = (n: number) => `${n / 1024 / 1024} MiB`;

const KBV_ENTRY = { date: '2019-01-04', gop: '88500', teamNumber: '001234577', lanr: '633116027', bsnr: '013201300', costs: [{ description: '5489' }] };
const KBV_FINDING = {
  code: 'ASV-5012-FEHLT',
  severity: 'error',
  message: 'Preis (FK 5012) zu GOÄ-Nr. 5489 fehlt; richtig sind 52458 Cent.',
  fields: ['5012'],
  ruleId: 'asv.5012.missing',
  ruleSet: 'asv@2026.1',
  source: '§ 2 Beschluss eEBA (§ 87 Abs. 5a SGB V); GOÄ § 5; KVDT-Datensatzbeschreibung 3.6.5.1',
  index: 0,
};
const KBV_CORRECTION = { field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' };
const KBV_RESULT = { findings: [KBV_FINDING], corrections: [KBV_CORRECTION] };
const LOAD_PROBLEM = {
  file: 'asv/2026.1/ruleset.json',
  pointer: '/tables/asvFactors/rows/0/factor',
  line: 178,
  column: 11,
  severity: 'error',
  code: 'column-type',
  message: 'Die Spalte "factor" muss vom Typ decimal sein.',
  messageEn: 'Column "factor" must be of type decimal.',
};

function problemExample(code: string, status: number, title: string, detail: string, extra: Schema = {}): Schema {
  return { value: { type: `urn:pvs-rules:problem:${code}`, title, status, detail, code, ...extra } };
}

/** A problem answer with one example. */
function problem(description: string, example: Schema): Schema {
  return { description, content: { 'application/problem+json': { schema: ref('Problem'), examples: { example } } } };
}

function json(description: string, schema: Schema, examples: Record<string, unknown>): Schema {
  return { description, content: { 'application/json': { schema, examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, { value: v }])) } } };
}

export function openApiDocument(limits: Limits, version: string): Schema {
  const badJson = problem('Malformed JSON: line and column, never a quote of the body.', problemExample('bad-json', 400, 'Ungültiges JSON', 'Der Inhalt ist kein gültiges JSON: Fehler in Zeile 3, Spalte 14.', { line: 3, column: 14 }));
  const tooLarge = (limit: number) => problem(`Body larger than ${limit} bytes (${MiB(limit)}). The connection is closed.`, problemExample('body-too-large', 413, 'Anfrage zu groß', `Der Inhalt der Anfrage ist größer als ${limit} Bytes.`, { limit }));
  const timeout = (ms: number) => problem(`Body not complete within ${ms / 1000} s. The connection is closed.`, problemExample('request-timeout', 408, 'Zeitüberschreitung beim Empfang', `Der Inhalt der Anfrage kam nicht innerhalb von ${ms / 1000} s vollständig an.`, { limitMs: ms }));
  const mediaType = problem('The body is not declared as JSON.', problemExample('unsupported-media-type', 415, 'Falscher Inhaltstyp', 'Der Inhalt muss JSON sein (Content-Type: application/json).'));
  const unauthorized = problem('A token is set (`--token`) and the request has no `Authorization: Bearer` header with it.', problemExample('unauthorized', 401, 'Anmeldung erforderlich', 'Dieser Server verlangt den Zugangsschlüssel als Header "Authorization: Bearer …".'));
  const noRulesExample = problemExample('no-rule-sets', 503, 'Keine gültigen Regelwerke geladen', 'Es sind keine gültigen Regelwerke geladen; die Probleme stehen unter GET /v1/rule-sets.');
  const noRules = problem('No rule set has loaded yet (see GET /v1/rule-sets for the problems).', noRulesExample);
  // KVDT checks at once are limited: a 503 there is either kind (the example shows each).
  const busyOrNoRules = (n: number) => ({
    description: `No rule set has loaded yet (no-rule-sets), or ${n} KVDT files are being checked already (busy: send again after the seconds of the Retry-After header).`,
    content: {
      'application/problem+json': {
        schema: ref('Problem'),
        examples: {
          busy: problemExample('busy', 503, 'Ausgelastet', `Es werden schon ${n} KVDT-Dateien geprüft; bitte in ${KVDT_RETRY_AFTER_S} s erneut senden.`, { limit: n }),
          noRules: noRulesExample,
        },
      },
    },
  });
  const pathRefused = problem('The path leaves the rule folder (`..`, absolute, a symbolic link) or is no `.json` file.', problemExample('path-refused', 403, 'Pfad nicht erlaubt', 'Pfade aus dem Regelordner hinaus ("..") sind nicht erlaubt.'));
  const notFound = (detail: string) => problem('Not found.', problemExample('not-found', 404, 'Nicht gefunden', detail));
  const common = { '401': unauthorized };
  const entryBody = { required: true, content: { 'application/json': { schema: ref('ServiceEntry'), examples: { kbv88500: { summary: 'KBV example 3.6.5.1: pseudo-GOP 88500, GOÄ 5489, FK 5012 missing', value: KBV_ENTRY } } } } };
  const lang = {
    name: 'locale',
    in: 'query',
    required: false,
    description: 'Language of messages: `de` (default) or `en`. Without it the first of `Accept-Language` that is German or English counts.',
    schema: { enum: ['de', 'en'] },
  };

  const schemas: Record<string, Schema> = {
    Problem: obj(
      {
        type: str('`urn:pvs-rules:problem:<code>`'),
        title: str(),
        status: int(),
        detail: str(),
        instance: str(),
        code: { enum: Object.keys(PROBLEMS) },
        line: int('bad-json: line of the syntax error (from 1)'),
        column: int('bad-json: column of the syntax error (from 1)'),
        limit: int('body-too-large: the limit in bytes; busy: the KVDT checks the server runs at once'),
        limitMs: int('request-timeout: the limit in ms'),
        limitEntries: int('body-too-large: the most entries of one check-all'),
        limitListItems: int('body-too-large: the most list items (costs, diagnoses, ops, …) in all entries of one check-all'),
        limitAnswerBytes: int('body-too-large: the largest answer of one check-all, in bytes'),
        problems: arr(ref('LoadProblem')),
        file: str('unreadable-file: the file, relative to the rule folder'),
      },
      ['type', 'title', 'status', 'detail', 'code'],
      { description: 'RFC 9457 problem details. Messages never quote the request body.' },
    ),
    ServiceEntry: {
      type: 'object',
      description: 'One service as entered in the PVS (plugin-api/types.ts ServiceEntry; KVDT fields in plugin-api/FIELDS.md). Bad input gives INPUT-* findings, not an error.',
      properties: {
        id: str(),
        date: str('FK 5000 Leistungstag, YYYY-MM-DD'),
        gop: str('FK 5001 Gebührennummer'),
        teamNumber: str('FK 5100 ASV-Teamnummer'),
        lanr: str('FK 5099'),
        pseudoLanr: str('FK 5101'),
        bsnr: str('FK 5098'),
        costs: arr(obj({ description: str('FK 5011'), cents: { type: ['string', 'integer'], description: 'FK 5012 in cents' } }, [])),
        diagnoses: arr({ type: 'object' }),
        ops: arr({ type: ['string', 'object'] }),
        laterality: str(),
        hybridDrg: { type: 'object' },
        patient: { type: 'object' },
        case: { type: 'object' },
      },
    },
    Finding: obj(findingProperties, FINDING_REQUIRED),
    Correction: obj({ field: str(), index: int(), value: str(), previous: str(), ruleId: str() }, ['field', 'index', 'value', 'ruleId']),
    CheckResult: obj({ findings: arr(ref('Finding')), corrections: arr(ref('Correction')) }),
    ConditionTrace: obj(
      {
        kind: { enum: ['all', 'any', 'not', 'condition', 'fact'] },
        result: { type: 'boolean' },
        fact: str(),
        params: {},
        path: str(),
        operator: str(),
        value: {},
        factValue: {},
        valueResolved: {},
        name: str(),
        children: arr(ref('ConditionTrace')),
      },
      ['kind', 'result'],
    ),
    RuleTrace: obj({ ruleId: str(), ruleSet: str(), scope: { enum: ['entry', 'cost'] }, index: int(), fired: { type: 'boolean' }, conditions: ref('ConditionTrace') }, ['ruleId', 'ruleSet', 'scope', 'fired', 'conditions']),
    Explanation: obj({ result: ref('CheckResult'), ruleSets: arr(str()), rules: arr(ref('RuleTrace')), skipped: int() }),
    LoadProblem: obj({ file: str(), pointer: str('JSON pointer'), line: int(), column: int(), severity: { enum: ['error', 'warning', 'info'] }, code: str(), message: str(), messageEn: str() }),
    ValidationResult: obj({ ok: { type: 'boolean' }, ruleSets: arr(str()), problems: arr(ref('LoadProblem')) }),
    RuleSetsState: obj({
      status: { enum: ['ok', 'stale', 'none'], description: 'ok: last load good; stale: the last reload failed and the last good rule sets are in use; none: nothing loaded' },
      folder: { type: ['string', 'null'], description: 'the rule folder; null = the bundled rule sets' },
      generation: int('counts good loads; 0 = none'),
      loadedAt: { type: ['string', 'null'] },
      lastAttempt: obj({ at: str(), ok: { type: 'boolean' } }),
      ruleSets: arr(obj({ key: str(), id: str(), version: str(), title: text, validFrom: str(), validUntil: { type: ['string', 'null'] }, file: str(), rules: int(), active: { type: 'boolean' } }, ['key', 'id', 'version', 'validFrom', 'validUntil', 'file', 'rules', 'active'])),
      catalogues: arr(obj({ id: str(), file: str() })),
      contracts: arr(obj({ id: str(), file: str() })),
      inactiveRules: arr(obj({ ruleSet: str(), ruleId: str(), reason: str(), reasonEn: str(), file: str(), pointer: str(), line: int(), column: int() })),
      problems: arr(ref('LoadProblem')),
    }),
    DiffResult: obj({
      ruleSet: str(),
      file: str(),
      base: { type: ['string', 'null'], description: 'the version compared with (the one it extends, else the previous version); null = none' },
      baseFile: { type: ['string', 'null'] },
      diff: {
        oneOf: [
          { type: 'null' },
          obj({
            old: str(),
            new: str(),
            header: arr(obj({ field: str(), old: {}, new: {} })),
            rules: obj({ added: arr(str()), removed: arr(str()), changed: arr(obj({ name: str(), parts: arr(str()) })) }),
            tables: obj({ added: arr(str()), removed: arr(str()), changed: arr(obj({ table: str(), rowsAdded: arr(str()), rowsRemoved: arr(str()), rowsChanged: arr(obj({ key: str(), columns: arr(str()) })) })) }),
            parameters: obj({ added: arr(str()), removed: arr(str()), changed: arr(obj({ name: str(), old: {}, new: {} })) }),
            sources: obj({ added: arr(str()), removed: arr(str()) }),
          }),
        ],
      },
    }),
    TestReport: obj({
      generation: int(),
      stale: { type: 'boolean', description: 'the last reload failed: the cases ran on the last good rule sets' },
      passed: int(),
      failed: int(),
      cases: arr(
        obj(
          {
            name: str(),
            file: str(),
            line: int(),
            passed: { type: 'boolean' },
            differences: arr(obj({ de: str(), en: str() })),
            expected: obj({ findings: arr({ type: 'object' }), corrections: arr({ type: 'object' }) }),
            actual: ref('CheckResult'),
            explanation: ref('Explanation'),
          },
          ['name', 'file', 'line', 'passed', 'differences', 'expected', 'actual'],
        ),
      ),
      problems: arr(ref('LoadProblem')),
    }),
    KvdtLine: {
      description: 'One line of the JSON Lines answer of POST /v1/kvdt/check.',
      oneOf: [
        obj({ type: { const: 'problem' }, line: int(), offset: int('byte offset of the line; -1 when not about one line'), fk: str(), code: str(), severity: { enum: ['fatal', 'error', 'warning', 'info'], description: 'fatal: the file cannot be checked (empty, not KVDT)' }, message: str(), messageEn: str(), kbvRule: str('the KBV rule number of a container check (besa)') }, ['type', 'line', 'offset', 'fk', 'code', 'severity', 'message', 'messageEn']),
        obj(
          { type: { const: 'finding' }, ...findingProperties, line: int('the line the finding is about'), serviceLine: int('the service\'s 5001 line'), gop: str(), date: str() },
          ['type', ...FINDING_REQUIRED, 'line', 'serviceLine', 'gop', 'date'],
        ),
        obj({ type: { const: 'correction' }, field: str(), index: int(), value: str(), previous: str(), ruleId: str(), serviceLine: int() }, ['type', 'field', 'index', 'value', 'ruleId', 'serviceLine']),
        obj(
          {
            type: { const: 'summary' },
            bytes: int(),
            lines: int(),
            records: int(),
            cases: int(),
            services: int(),
            findings: obj({ error: int(), warning: int(), info: int() }),
            byCode: { type: 'object', additionalProperties: { type: 'integer' } },
            corrections: int(),
            problems: obj({ fatal: int(), error: int(), warning: int(), info: int() }),
            outputBytes: int(),
            practice: obj({ besa: { type: 'boolean' }, bsnr: arr(str()), teamNumbers: arr(str()), pseudoLanrs: arr(str()) }, []),
            fatal: { type: 'boolean', description: 'the check is incomplete (a fatal problem)' },
          },
          ['type', 'bytes', 'lines', 'records', 'cases', 'services', 'findings', 'byCode', 'corrections', 'problems', 'fatal'],
        ),
        { ...obj({ type: { const: 'error' }, problem: ref('Problem') }), description: 'The body broke a limit after the answer had begun (413, 408): the last line; the connection is closed.' },
      ],
    },
    Health: obj({ status: { enum: ['ok', 'degraded'] }, version: str(), generation: int(), ruleSets: int(), uptimeSeconds: int() }),
    FileList: obj({ writable: { type: 'boolean' }, files: arr(obj({ path: str(), kind: { enum: ['ruleset', 'catalogue', 'master-catalogue', 'contract', 'test-cases', 'practice-context', 'other'] }, bytes: int() })) }),
    FileContent: obj({ path: str(), kind: str(), text: str() }),
    SaveResult: obj({ path: str(), saved: { const: true }, forced: { type: 'boolean' }, validation: ref('ValidationResult') }),
  };

  const kvdtExample = [
    { type: 'finding', code: 'ASV-INDIKATION', severity: 'warning', message: 'Keine Diagnose des Falls gehört zur Indikation der Anlage des ASV-Teams 001234566.', fields: ['6001', '5100'], ruleId: 'asv.indication.missing', ruleSet: 'asv@2026.1', source: 'ASV-RL § 1; Anlage der Indikation', line: 104, serviceLine: 104, gop: '01100', date: '2026-01-26' },
    { type: 'correction', field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price', serviceLine: 40 },
    {
      type: 'summary',
      bytes: 19802,
      lines: 1303,
      records: 32,
      cases: 26,
      services: 112,
      findings: { error: 0, warning: 1, info: 0 },
      byCode: { 'ASV-INDIKATION': 1 },
      corrections: 1,
      problems: { fatal: 0, error: 0, warning: 0, info: 0 },
      outputBytes: 0,
      practice: { besa: true, bsnr: ['136926300'], teamNumbers: ['001234566'], pseudoLanrs: [] },
      fatal: false,
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n');

  return withDefaultResponse({
    openapi: '3.1.0',
    info: {
      title: 'pvs-rules',
      version,
      summary: 'Billing rule checks for German practice management software (ASV, Hybrid-DRG, § 140a, KVDT).',
      description: [
        'A local service for hosts that cannot embed JavaScript. It listens on loopback unless started with `--host` and `--token`; then every request needs `Authorization: Bearer <token>`.',
        'On loopback the `Host` header must be a loopback name (127.0.0.1, localhost, [::1]); requests with a foreign `Origin` are refused.',
        '',
        `Limits: one entry (check, explain) ≤ ${limits.jsonBytes} bytes (${MiB(limits.jsonBytes)}); check-all, validate and saving a file ≤ ${limits.bulkJsonBytes} bytes (${MiB(limits.bulkJsonBytes)}) and ≤ ${limits.batchEntries} entries; check-all ≤ ${limits.batchListItems} list items (costs, diagnoses, ops, …) in all its entries and an answer ≤ ${limits.batchAnswerBytes} bytes (${MiB(limits.batchAnswerBytes)}); a KVDT file ≤ ${limits.kvdtBytes} bytes (${MiB(limits.kvdtBytes)}). ` +
          `A JSON body must arrive within ${limits.jsonBodyMs / 1000} s, a KVDT file within ${limits.kvdtBodyMs / 1000} s, the headers within ${limits.headersMs / 1000} s. Over a size limit: 413; too slow: 408. At most ${limits.kvdtChecks} KVDT files are checked at once (one more: 503 with Retry-After) and ${limits.connections} connections are open at once.`,
        '',
        'Errors are RFC 9457 problem documents (`application/problem+json`) in the request\'s language (`?locale=en` or `Accept-Language`). No message quotes a request body: it may hold patient data. Nothing is logged about requests.',
        '',
        'Rule sets are reloaded when files under `--rules` change (polled every second). A reload that fails keeps the last good rule sets and reports its problems under GET /v1/rule-sets; a request keeps the rule sets it started with. The header `PVS-Rules-Generation` names the load that answered.',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    security: [{}, { bearer: [] }],
    paths: {
      '/v1/check': {
        post: {
          operationId: 'check',
          summary: 'Check one service entry',
          description: 'Findings and corrections for one entry. Rules that compare entries (same patient on the same day, per quarter) stay silent: use check-all for a batch.',
          parameters: [lang],
          requestBody: entryBody,
          responses: { '200': json('Findings and corrections.', ref('CheckResult'), { kbv88500: KBV_RESULT, clean: { findings: [], corrections: [] } }), '400': badJson, ...common, '408': timeout(limits.jsonBodyMs), '413': tooLarge(limits.jsonBytes), '415': mediaType, '503': noRules },
        },
      },
      '/v1/check-all': {
        post: {
          operationId: 'checkAll',
          summary: 'Check a batch of entries',
          description: `A list of entries, or { "entries": [...] }, checked as one batch (the same-day and per-quarter rules see all of it). At most ${limits.batchEntries} entries and ${limits.batchListItems} list items (costs, diagnoses, ops, …) in all of them; an answer over ${limits.batchAnswerBytes} bytes is refused (413, limitAnswerBytes): split the batch.`,
          parameters: [lang],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: [arr(ref('ServiceEntry')), obj({ entries: arr(ref('ServiceEntry')) })] }, examples: { batch: { value: [KBV_ENTRY] } } } } },
          responses: { '200': json('One result per entry, in order.', obj({ results: arr(ref('CheckResult')) }), { batch: { results: [KBV_RESULT] } }), '400': badJson, ...common, '408': timeout(limits.jsonBodyMs), '413': tooLarge(limits.bulkJsonBytes), '415': mediaType, '503': noRules },
        },
      },
      '/v1/explain': {
        post: {
          operationId: 'explain',
          summary: 'Check one entry and trace every rule considered',
          description: 'Each condition with its fact value, operator, value and result.',
          parameters: [lang],
          requestBody: entryBody,
          responses: {
            '200': json('The result and the trace.', ref('Explanation'), {
              kbv88500: {
                result: KBV_RESULT,
                ruleSets: ['asv@2026.1', 'bv@2026.1'],
                rules: [
                  {
                    ruleId: 'asv.5012.set-price',
                    ruleSet: 'asv@2026.1',
                    scope: 'cost',
                    index: 0,
                    fired: true,
                    conditions: { kind: 'all', result: true, children: [{ kind: 'fact', fact: 'cost5012', operator: 'equal', value: null, factValue: null, result: true }] },
                  },
                ],
                skipped: 3,
              },
            }),
            '400': badJson,
            ...common,
            '408': timeout(limits.jsonBodyMs),
            '413': tooLarge(limits.jsonBytes),
            '415': mediaType,
            '503': noRules,
          },
        },
      },
      '/v1/validate': {
        post: {
          operationId: 'validate',
          summary: 'Validate documents: located problems',
          description:
            'Rule sets, catalogues and contracts load as one bundle; with `"folder": true` together with the documents of the rule folder (a given document replaces the folder\'s of the same name). Expert test cases and practice contexts are checked on their own. Nothing is saved or loaded into the server.',
          parameters: [lang],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: obj({ documents: { type: 'array', minItems: 1, items: obj({ name: str(), text: str('the document\'s JSON text') }) }, folder: { type: 'boolean' } }, ['documents']),
                examples: { one: { value: { documents: [{ name: 'asv/2026.1/ruleset.json', text: '{ "kind": "ruleset", … }' }], folder: true } } },
              },
            },
          },
          responses: {
            '200': json('Problems with file, JSON pointer, line and column.', ref('ValidationResult'), {
              invalid: { ok: false, ruleSets: [], problems: [LOAD_PROBLEM] },
              valid: { ok: true, ruleSets: ['asv@2026.1', 'bv@2026.1', 'hdrg@2024.1', 'hdrg@2025.1', 'hdrg@2026.1', 'kvdt@2026.1'], problems: [] },
            }),
            '400': badJson,
            ...common,
            '408': timeout(limits.jsonBodyMs),
            '413': tooLarge(limits.bulkJsonBytes),
            '415': mediaType,
          },
        },
      },
      '/v1/rule-sets': {
        get: {
          operationId: 'ruleSets',
          summary: 'Loaded rule-set versions, load problems, rules that stay silent',
          parameters: [lang],
          responses: {
            '200': json('State of the rule sets.', ref('RuleSetsState'), {
              stale: {
                status: 'stale',
                folder: '/srv/praxis/regeln',
                generation: 1,
                loadedAt: '2026-04-14T08:00:00.000Z',
                lastAttempt: { at: '2026-04-14T09:12:03.120Z', ok: false },
                ruleSets: [{ key: 'asv@2026.1', id: 'asv', version: '2026.1', title: { de: 'ASV: Pseudo-GOPs der Anlage 5 und ihre Bepreisung nach GOÄ', en: 'ASV: Anlage 5 pseudo-GOPs and their GOÄ pricing' }, validFrom: '2014-04-01', validUntil: null, file: 'asv/2026.1/ruleset.json', rules: 16, active: true }],
                catalogues: [{ id: 'goae', file: 'catalogues/goae.json' }],
                contracts: [],
                inactiveRules: [],
                problems: [LOAD_PROBLEM],
              },
            }),
            ...common,
          },
        },
      },
      '/v1/rule-sets/{id}/{version}/diff': {
        get: {
          operationId: 'diff',
          summary: 'What changed from the version this one builds on',
          description: 'Compared with the version this one extends (`extends`), else the previous version of the same rule set (the latest starting before it), as the files are now; both effective, inherited parts included.',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: str() },
            { name: 'version', in: 'path', required: true, schema: str() },
            lang,
          ],
          responses: {
            '200': json('The difference; `diff` is null for a first version.', ref('DiffResult'), {
              hdrg: {
                ruleSet: 'hdrg@2026.1',
                file: 'hdrg/2026.1/ruleset.json',
                base: 'hdrg@2025.1',
                baseFile: 'hdrg/2025.1/ruleset.json',
                diff: {
                  old: 'hdrg@2025.1',
                  new: 'hdrg@2026.1',
                  header: [{ field: 'version', old: '2025.1', new: '2026.1' }],
                  rules: { added: ['hdrg.patient.minor'], removed: [], changed: [{ name: 'hdrg.days.max', parts: ['conditions', 'event.message'] }] },
                  tables: { added: [], removed: [], changed: [{ table: 'flatRates', rowsAdded: ['code="G24M"'], rowsRemoved: [], rowsChanged: [] }] },
                  parameters: { added: ['adultAge'], removed: [], changed: [{ name: 'maxStayDays', old: 1, new: 2 }] },
                  sources: { added: ['sdhdrg-2026'], removed: [] },
                },
              },
              first: { ruleSet: 'asv@2026.1', file: 'asv/2026.1/ruleset.json', base: null, baseFile: null, diff: null },
            }),
            ...common,
            '404': notFound('Das Regelwerk asv@1999.1 ist nicht im Regelordner.'),
          },
        },
      },
      '/v1/kvdt/check': {
        post: {
          operationId: 'checkKvdtFile',
          summary: 'Check a KVDT billing file',
          description: `The file's bytes as the body (ISO 8859-15, as written; ≤ ${MiB(limits.kvdtBytes)}), read once as they arrive; memory stays flat. The answer is JSON Lines, sent while the file is checked: \`problem\`, \`finding\` and \`correction\` objects as they are found (file order; the findings of services whose rules need the whole file, such as per-quarter limits, at the end), then one \`summary\` (schema KvdtLine). A limit broken after the answer began ends it with an \`error\` line.`,
          parameters: [lang],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', contentEncoding: 'binary' } } } },
          responses: {
            '200': {
              description: 'JSON Lines, one KvdtLine per line.',
              content: { 'application/jsonl': { schema: { type: 'string', 'x-itemSchema': ref('KvdtLine') }, examples: { asv: { value: kvdtExample } } } },
            },
            ...common,
            '408': timeout(limits.kvdtBodyMs),
            '413': tooLarge(limits.kvdtBytes),
            '503': busyOrNoRules(limits.kvdtChecks),
          },
        },
      },
      '/v1/test': {
        post: {
          operationId: 'runTests',
          summary: 'Run the expert test cases of the rule folder',
          description: 'Every `*.test.json` under the rule folder against the loaded rule sets; a failing case has its differences (expected, actual) and the explanation trace.',
          parameters: [lang],
          responses: {
            '200': json('One result per case.', ref('TestReport'), {
              run: {
                generation: 1,
                stale: false,
                passed: 1,
                failed: 0,
                cases: [{ name: 'KBV-Beispiel: 5012 fehlt, Korrektur 52458', file: 'asv/2026.1/tests/anlage5.test.json', line: 6, passed: true, differences: [], expected: { findings: [{ code: 'ASV-5012-FEHLT', severity: 'error', index: 0 }], corrections: [{ field: '5012', index: 0, value: '52458' }] }, actual: KBV_RESULT }],
                problems: [],
              },
            }),
            ...common,
            '409': problem(
              'A case file could not be read: removed or renamed while the folder was read (run again), or a dangling link. `file` names it; no case was run.',
              problemExample('unreadable-file', 409, 'Datei nicht lesbar', 'asv/2026.1/tests/anlage5.test.json: nicht lesbar (ENOENT); es wurde kein Testfall ausgeführt. Wurde die Datei eben entfernt oder umbenannt, bitte erneut ausführen.', { file: 'asv/2026.1/tests/anlage5.test.json' }),
            ),
            '503': noRules,
          },
        },
      },
      '/v1/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and the rule sets in use',
          responses: { '200': json('`degraded`: running, but no rule set loaded or the last reload failed.', ref('Health'), { ok: { status: 'ok', version, generation: 3, ruleSets: 6, uptimeSeconds: 5400 } }), ...common },
        },
      },
      '/v1/openapi.json': { get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/v1/files': {
        get: {
          operationId: 'listFiles',
          summary: 'Studio only (--studio): the JSON documents under the rule folder',
          responses: { '200': json('Relative paths, kinds and sizes.', ref('FileList'), { folder: { writable: true, files: [{ path: 'asv/2026.1/ruleset.json', kind: 'ruleset', bytes: 48526 }, { path: 'asv/2026.1/tests/anlage5.test.json', kind: 'test-cases', bytes: 9120 }] } }), ...common },
        },
      },
      '/v1/files/{path}': {
        parameters: [{ name: 'path', in: 'path', required: true, schema: str(), description: 'Path relative to the rule folder, percent-encoded as one segment (asv%2F2026.1%2Fruleset.json).' }],
        get: {
          operationId: 'readFile',
          summary: 'Studio only: one document\'s text',
          responses: { '200': json('The text as stored.', ref('FileContent'), { one: { path: 'kvdt/2026.1/ruleset.json', kind: 'ruleset', text: '{\n  "kind": "ruleset", …\n}\n' } }), ...common, '403': pathRefused, '404': notFound('Die Datei gibt es im Regelordner nicht (oder sie ist zu groß).') },
        },
        put: {
          operationId: 'saveFile',
          summary: 'Studio only: save a document inside the rule folder',
          description: 'Written atomically (a temporary file in the same folder, renamed over the target). Refused outside the folder: `..`, absolute paths, symbolic links. Saved only when the document validates with the folder, unless `force` is true ("trotzdem speichern"). Triggers a reload.',
          requestBody: { required: true, content: { 'application/json': { schema: obj({ text: str(), force: { type: 'boolean' } }, ['text']), examples: { save: { value: { text: '{ "kind": "ruleset", … }', force: false } } } } } },
          responses: {
            '200': json('Saved.', ref('SaveResult'), { saved: { path: 'asv/2026.1/ruleset.json', saved: true, forced: false, validation: { ok: true, ruleSets: ['asv@2026.1'], problems: [] } } }),
            '400': badJson,
            ...common,
            '403': pathRefused,
            '413': tooLarge(limits.bulkJsonBytes),
            '415': mediaType,
            '422': problem('The document does not validate; nothing was written. `problems` are located.', problemExample('invalid-document', 422, 'Dokument ungültig', 'Nicht gespeichert: 1 Fehler (mit "force": true wird trotzdem gespeichert).', { problems: [LOAD_PROBLEM] })),
          },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Required when the server was started with --token (always off loopback).' } },
    },
  });
}

/** Every operation also names `default`: any other status (403 foreign host, 404, 405, 500) is a problem document. */
function withDefaultResponse(document: Schema): Schema {
  const fallback = {
    description: 'Any other error: 403 (foreign Host or Origin), 404, 405 (with Allow), 500, as a problem document.',
    content: { 'application/problem+json': { schema: ref('Problem'), examples: { notFound: problemExample('not-found', 404, 'Nicht gefunden', 'Diesen Pfad gibt es nicht; die API steht unter /v1/openapi.json.') } } },
  };
  for (const item of Object.values(document['paths'] as Record<string, Record<string, Schema>>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'parameters') (operation['responses'] as Record<string, unknown>)['default'] = fallback;
    }
  }
  return document;
}
