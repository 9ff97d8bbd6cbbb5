import { kbvRuleName } from '../kbv/kvdt-rules';

/**
 * SARIF 2.1.0 output, so CI systems annotate the files (KVDT lines, rule-set JSON) inline.
 */
export interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  uri: string;
  line?: number;
  column?: number;
  /** The KBV rule number of a finding (Finding.kbvRule), kept as the result's property `kbvRule` (KVDT-R059). */
  kbvRule?: string;
}

export function toSarif(results: readonly SarifResult[], toolVersion: string): unknown {
  const rules = [...new Set(results.map((r) => r.ruleId))].sort().map((id) => ({ id }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        // No informationUri: SARIF wants the tool's documentation page, and there is none to link yet.
        tool: { driver: { name: 'pvs-rules', version: toolVersion, rules } },
        results: results.map(sarifResultObject),
      },
    ],
  };
}

/** One result as SARIF has it (also written one by one, for long KVDT reports). */
export function sarifResultObject(r: SarifResult): unknown {
  return {
    ruleId: r.ruleId,
    level: r.level,
    message: { text: r.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: r.uri },
          ...(r.line !== undefined ? { region: { startLine: r.line, ...(r.column !== undefined ? { startColumn: r.column } : {}) } } : {}),
        },
      },
    ],
    ...(r.kbvRule !== undefined ? { properties: { kbvRule: kbvRuleName(r.kbvRule) } } : {}),
  };
}

export const sarifLevel = (severity: string): SarifResult['level'] => (severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note');
