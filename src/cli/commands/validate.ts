/** `pvs-rules validate [PATH ...]`: rule sets, catalogues, contracts and practice contexts, located problems. */
import { loadPracticeContext, loadRuleSets } from '../../../plugin-api/index';
import type { LoadProblem, LoadResult } from '../../../plugin-api/types';
import { VERSION, type CliIo } from '../args';
import { formatProblems, type Lang } from '../format';
import { problemsToSarif, reportNoRuleSets, ruleDocuments } from '../prepare';
import { toSarif } from '../sarif';

/**
 * Validates the documents under `paths`. Exit 2 when there is nothing a checker could use:
 * no rule set among them (a folder without one, a file that is none) — unless they are only
 * practice contexts, which are validated on their own.
 */
export function validate(paths: string[], format: string, lang: Lang, io: CliIo): number {
  const docs = ruleDocuments(paths, lang, io);
  if (!docs) return 2;
  if (!docs.hasRuleSet && (docs.sources.length > 0 || docs.contexts.length === 0)) {
    reportNoRuleSets(paths, lang, io);
    return 2;
  }
  // Practice contexts are checked on their own; everything else loads as one bundle.
  const contexts = docs.contexts.map((s) => loadPracticeContext(s));
  const result: LoadResult | undefined = docs.sources.length ? loadRuleSets(docs.sources) : undefined;
  if (result && !result.ok && result.problems.some((p) => p.code === 'no-rule-sets')) {
    reportNoRuleSets(paths, lang, io);
    return 2;
  }
  const problems: LoadProblem[] = [...(result?.problems ?? []), ...contexts.flatMap((c) => c.problems)];
  const ok = (result?.ok ?? true) && contexts.every((c) => c.ok);
  const bundle = result?.ok ? result.bundle : undefined;
  const names = [...(bundle ? [...bundle.ruleSets, ...bundle.masterCatalogues] : []), ...(contexts.length ? [`${contexts.length} ${lang === 'en' ? 'practice context(s)' : 'Praxiskontext(e)'}`] : [])];
  if (format === 'json') io.out(`${JSON.stringify({ ok, ruleSets: bundle?.ruleSets ?? [], masterCatalogues: bundle?.masterCatalogues ?? [], problems }, null, 2)}\n`);
  else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(problemsToSarif(problems, lang), VERSION), null, 2)}\n`);
  else {
    if (problems.length) io.out(formatProblems(problems, lang));
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.out(ok ? `${lang === 'en' ? 'OK' : 'In Ordnung'}: ${names.join(', ')}\n` : lang === 'en' ? `${errors} error(s).\n` : `${errors} Fehler.\n`);
  }
  return ok ? 0 : 1;
}
