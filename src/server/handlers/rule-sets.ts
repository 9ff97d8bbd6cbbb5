/** `GET /v1/rule-sets` (what is loaded, the last load's problems) and the diff of a version against its base. */
import { diffRuleSets } from '../../tooling/diff';
import { baseVersionOf, ruleSetDocs } from '../base-version';
import { HttpProblem } from '../problem';
import { sendJson, type Exchange } from '../respond';

export function ruleSets(x: Exchange): void {
  const s = x.store.current;
  const last = x.store.lastAttempt;
  sendJson(
    x.res,
    200,
    {
      // ok: the last load succeeded; stale: it failed and the last good rule sets are in use; none: nothing loaded.
      status: !s ? 'none' : last.ok ? 'ok' : 'stale',
      folder: x.store.writable ? x.store.dir : null,
      generation: s?.generation ?? 0,
      loadedAt: s?.loadedAt ?? null,
      lastAttempt: { at: last.at, ok: last.ok },
      ruleSets: s?.versions ?? [],
      catalogues: s?.catalogues ?? [],
      contracts: s?.contracts ?? [],
      inactiveRules: s?.inactiveRules ?? [],
      problems: last.problems,
    },
    x.lang,
  );
}

/** `GET /v1/rule-sets/{id}/{version}/diff`: rules and table rows added, removed, changed since the base version. */
export function diff(x: Exchange): void {
  const docs = ruleSetDocs(x.store.lastAttempt.sources);
  const target = docs.find((d) => d.doc.id === x.params['id'] && d.doc.version === x.params['version']);
  if (!target) {
    throw new HttpProblem('not-found', { de: `Das Regelwerk ${x.params['id']}@${x.params['version']} ist nicht im Regelordner.`, en: `Rule set ${x.params['id']}@${x.params['version']} is not in the rule folder.` });
  }
  const base = baseVersionOf(docs, target);
  if (!base) {
    sendJson(x.res, 200, { ruleSet: `${target.doc.id}@${target.doc.version}`, file: target.file, base: null, baseFile: null, diff: null }, x.lang);
    return;
  }
  let d;
  try {
    d = diffRuleSets(base.doc, target.doc);
  } catch {
    throw new HttpProblem('invalid-document', { de: 'Die Versionen lassen sich nicht vergleichen: eine hat Fehler (siehe GET /v1/rule-sets).', en: 'The versions cannot be compared: one has errors (see GET /v1/rule-sets).' });
  }
  sendJson(x.res, 200, { ruleSet: d.new, file: target.file, base: d.old, baseFile: base.file, diff: d }, x.lang);
}
