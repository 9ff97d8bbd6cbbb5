/**
 * Schema validation of every kind of document, test cases included. The test cases' validator
 * is generated into a module of its own (build/test-cases-validator.js) that only the test
 * runner, the CLI and the server load, so the core a host loads does not carry it.
 */
import { validateTestCases } from '../../build/test-cases-validator.js';
import { said, schemaProblems as coreSchemaProblems, type SchemaProblem } from '../load/schema';

/** All schema problems of a document of the given kind (empty when valid). */
export function schemaProblems(kind: Parameters<typeof coreSchemaProblems>[0] | 'test-cases', value: unknown): SchemaProblem[] {
  if (kind !== 'test-cases') return coreSchemaProblems(kind, value);
  return validateTestCases(value) ? [] : said(validateTestCases.errors ?? []);
}
