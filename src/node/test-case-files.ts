/**
 * Reads the expert test cases (`*.test.json`) for `pvs-rules test` and the server's test
 * endpoint. Apart from files.ts so that the core, which reads the shipped rule sets through
 * files.ts, does not carry it.
 */
import type { RuleSetSource } from '../../plugin-api/types';
import { readJsonSources } from './files';

/** Every `*.test.json` file below `paths`, sorted, as sources. */
export function readTestCaseSources(paths: readonly string[], base = process.cwd()): RuleSetSource[] {
  return readJsonSources(paths, base, (f) => f.endsWith('.test.json'));
}
