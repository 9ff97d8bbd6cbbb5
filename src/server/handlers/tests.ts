/** `POST /v1/test`: the expert test cases (`*.test.json`) of the rule folder against the loaded rule sets. */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readTestCaseSources } from '../../node/test-case-files';
import { runTestCases } from '../../tooling/test-runner';
import { HttpProblem } from '../problem';
import { sendJson, type Exchange } from '../respond';
import { isInside } from '../safe-path';
import { rulesFor } from './check';

export function runTests(x: Exchange): void {
  const rules = rulesFor(x);
  const dir = x.store.dir;
  let sources;
  try {
    const realDir = realpathSync(dir);
    // As for rule documents (rule-store.ts): a case file reached through a link out of the folder is not run.
    sources = readTestCaseSources([dir], dir)
      .map((s) => ({ name: s.name.split('\\').join('/'), text: s.text }))
      .filter((s) => isInside(realDir, realpathSync(join(dir, s.name))));
  } catch (e) {
    // A file removed or renamed between listing the folder and reading it (or a dangling link): named, the run can be repeated.
    const { path, code = 'EIO' } = e as NodeJS.ErrnoException;
    const file = typeof path === 'string' ? relative(dir, path).split('\\').join('/') : '';
    if (file === '' || file.startsWith('..') || isAbsolute(file)) throw new HttpProblem('internal', { de: 'Die Testfälle des Regelordners sind nicht lesbar.', en: 'The test cases of the rule folder cannot be read.' });
    throw new HttpProblem(
      'unreadable-file',
      {
        de: `${file}: nicht lesbar (${code}); es wurde kein Testfall ausgeführt. Wurde die Datei eben entfernt oder umbenannt, bitte erneut ausführen.`,
        en: `${file}: cannot be read (${code}); no test case was run. If the file was just removed or renamed, run the tests again.`,
      },
      { file },
    );
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
