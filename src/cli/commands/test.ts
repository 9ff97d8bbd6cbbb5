/** `pvs-rules test [DIR ...]`: the expert test cases of rule sets. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUNDLED_RULES_DIR } from '../../node/files';
import { readTestCaseSources } from '../../node/test-case-files';
import { runTestCases, toJUnit } from '../../tooling/test-runner';
import { formatExplanation } from '../../tooling/explain-text';
import { VERSION, type CliArgs, type CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { load, problemsToSarif, reportUnreadable } from '../prepare';
import { toSarif, type SarifResult } from '../sarif';

/**
 * Runs the test cases under DIR (default: the bundled rules) against DIR's own rule sets,
 * catalogues and contracts — what a vendor's CI changed is what it tests — or against
 * `--rules`. Exit 2 when there is no rule set or no test case to run: a CI gate must not pass
 * on nothing.
 */
export function test(args: CliArgs, format: string, lang: Lang, io: CliIo): number {
  const dirs = args.positionals.length ? args.positionals : [BUNDLED_RULES_DIR];
  const loaded = load(args.values.rules ?? dirs, lang, io);
  if (!loaded) return 2;
  let sources;
  try {
    sources = readTestCaseSources(dirs, io.cwd);
  } catch (e) {
    reportUnreadable(e, dirs, lang, io);
    return 2;
  }
  if (sources.length === 0) {
    io.err(lang === 'en' ? `No test cases: ${dirs.join(', ')} holds no *.test.json; nothing was tested.\n` : `Keine Testfälle: ${dirs.join(', ')} enthält keine *.test.json; es wurde nichts getestet.\n`);
    return 2;
  }
  const report = runTestCases(sources, loaded.bundle, (from, path) => {
    const name = resolve(io.cwd, dirname(from), path);
    try {
      return { name: path, text: readFileSync(name, 'utf8') };
    } catch {
      return undefined;
    }
  });
  const failed = report.cases.filter((c) => !c.passed);
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'junit') io.out(toJUnit(report, lang));
  else if (format === 'sarif') {
    const results: SarifResult[] = [
      ...problemsToSarif(report.problems, lang),
      ...failed.map((c): SarifResult => ({ ruleId: 'test-failed', level: 'error', message: `${c.name}: ${c.differences.map((d) => (lang === 'en' ? d.en : d.de)).join('; ')}`, uri: c.file, line: c.line })),
    ];
    io.out(`${JSON.stringify(toSarif(results, VERSION), null, 2)}\n`);
  } else {
    if (report.problems.length) io.out(formatProblems(report.problems, lang));
    for (const c of report.cases) {
      io.out(`${c.passed ? 'ok  ' : (lang === 'en' ? 'FAIL' : 'FEHL')} ${c.file}:${c.line} ${c.name}\n`);
      if (!c.passed) {
        for (const d of c.differences) io.out(`       ${lang === 'en' ? d.en : d.de}\n`);
        // A batch entry has no trace of its own: its rules read the other entries.
        if (c.explanation) io.out(formatExplanation(c.explanation, lang).replace(/^/gm, '       '));
      }
    }
    io.out(`${report.cases.length - failed.length} ${lang === 'en' ? 'passed' : 'bestanden'}, ${failed.length} ${lang === 'en' ? 'failed' : 'fehlgeschlagen'}\n`);
  }
  return failed.length || report.problems.length ? 1 : 0;
}
