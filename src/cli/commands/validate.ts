/** `pvs-rules validate [PATH ...]`: rule sets, catalogues, contracts and practice contexts, located problems. */
import { loadPracticeContext, loadRuleSets } from '../../../plugin-api/index';
import type { LoadProblem } from '../../../plugin-api/types';
import { readRuleSources } from '../../node/files';
import { VERSION, type CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { problemsToSarif } from '../prepare';
import { toSarif } from '../sarif';

export function validate(paths: string[], format: string, lang: Lang, io: CliIo): number {
  let sources;
  try {
    sources = readRuleSources(paths, io.cwd);
  } catch (e) {
    io.err(`${lang === 'en' ? 'Cannot read' : 'Nicht lesbar'}: ${(e as Error).message}\n`);
    return 2;
  }
  // Practice contexts are checked on their own; everything else loads as one bundle.
  const isContext = (text: string) => /"kind"\s*:\s*"practice-context"/.test(text);
  const contexts = sources.filter((s) => isContext(s.text)).map((s) => loadPracticeContext(s));
  const result = loadRuleSets(sources.filter((s) => !isContext(s.text)));
  const problems: LoadProblem[] = [...result.problems, ...contexts.flatMap((c) => c.problems)];
  const ok = result.ok && contexts.every((c) => c.ok);
  const names = [...(result.ok ? [...result.bundle.ruleSets, ...result.bundle.masterCatalogues] : []), ...(contexts.length ? [`${contexts.length} ${lang === 'en' ? 'practice context(s)' : 'Praxiskontext(e)'}`] : [])];
  if (format === 'json') io.out(`${JSON.stringify({ ok, ruleSets: result.ok ? result.bundle.ruleSets : [], masterCatalogues: result.ok ? result.bundle.masterCatalogues : [], problems }, null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(problemsToSarif(problems, lang), VERSION), null, 2)}\n`);
  else {
    if (problems.length) io.out(formatProblems(problems, lang));
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.out(ok ? `${lang === 'en' ? 'OK' : 'In Ordnung'}: ${names.join(', ')}\n` : lang === 'en' ? `${errors} error(s).\n` : `${errors} Fehler.\n`);
  }
  return ok ? 0 : 1;
}
