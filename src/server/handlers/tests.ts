/** `POST /v1/test`: the expert test cases (`*.test.json`) of the rule folder against the loaded rule sets. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readTestCaseSources } from '../../node/test-case-files';
import { runTestCases } from '../../tooling/test-runner';
import { HttpProblem } from '../problem';
import { sendJson, type Exchange } from '../respond';
import { rulesFor } from './check';

export function runTests(x: Exchange): void {
  const rules = rulesFor(x);
  const dir = x.store.dir;
  let sources;
  try {
    sources = readTestCaseSources([dir], dir).map((s) => ({ name: s.name.split('\\').join('/'), text: s.text }));
  } catch {
    throw new HttpProblem('internal', { de: 'Die Testfälle des Regelordners sind nicht lesbar.', en: 'The test cases of the rule folder cannot be read.' });
  }
  // A case file names its practice context relative to itself (read, never served).
  const report = runTestCases(sources, rules.bundle, (from, path) => {
    try {
      return { name: path, text: readFileSync(resolve(dir, dirname(from), path), 'utf8') };
    } catch {
      return undefined;
    }
  });
  const failed = report.cases.filter((c) => !c.passed).length;
  sendJson(x.res, 200, { generation: rules.generation, stale: !x.store.lastAttempt.ok, passed: report.cases.length - failed, failed, ...report }, x.lang);
}
