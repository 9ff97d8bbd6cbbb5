/** `POST /v1/check`, `/v1/check-all` and `/v1/explain`: the plugin API over HTTP. */
import { parseJsonBody, readBody, requireJson } from '../body';
import { HttpProblem } from '../problem';
import { sendJson, sendResults, type Exchange } from '../respond';
import type { Snapshot } from '../rule-store';

/** The snapshot a request runs on, taken when it starts; 503 when no rule set has ever loaded. */
export function rulesFor(x: Exchange): Snapshot {
  const snapshot = x.store.current;
  if (!snapshot) {
    throw new HttpProblem('no-rule-sets', {
      de: 'Es sind keine gültigen Regelwerke geladen; die Probleme stehen unter GET /v1/rule-sets.',
      en: 'No valid rule sets are loaded; the problems are listed under GET /v1/rule-sets.',
    });
  }
  x.res.setHeader('pvs-rules-generation', String(snapshot.generation));
  return snapshot;
}

async function jsonBody(x: Exchange, limit: number): Promise<unknown> {
  requireJson(x.req);
  return parseJsonBody(await readBody(x.req, limit, x.limits.jsonBodyMs));
}

export async function check(x: Exchange): Promise<void> {
  const rules = rulesFor(x);
  const entry = await jsonBody(x, x.limits.jsonBytes);
  sendJson(x.res, 200, rules.checkers[x.lang].check(entry), x.lang);
}

export async function explain(x: Exchange): Promise<void> {
  const rules = rulesFor(x);
  const entry = await jsonBody(x, x.limits.jsonBytes);
  sendJson(x.res, 200, rules.checkers[x.lang].explain(entry), x.lang);
}

/**
 * The items of every list in the entries (costs, diagnoses, ops, … and the lists of an entry's
 * objects, such as hybridDrg's): what a check's work and findings grow with, whatever the list.
 * Counted on the parsed body, which JSON.parse made of plain objects and arrays.
 */
function listItems(entries: readonly unknown[]): number {
  let items = 0;
  const lists = (o: unknown, depth: number) => {
    if (typeof o !== 'object' || o === null) return;
    for (const v of Array.isArray(o) ? o : Object.values(o)) {
      if (Array.isArray(v)) items += v.length;
      if (depth > 0) lists(v, depth - 1);
    }
  };
  for (const e of entries) lists(e, 2);
  return items;
}

/** A batch is a list of entries or `{ "entries": [...] }`; checked as one batch (same-day and per-quarter rules see all). */
export async function checkAll(x: Exchange): Promise<void> {
  const rules = rulesFor(x);
  const body = await jsonBody(x, x.limits.bulkJsonBytes);
  const entries = Array.isArray(body) ? body : typeof body === 'object' && body !== null && Array.isArray((body as { entries?: unknown }).entries) ? (body as { entries: unknown[] }).entries : undefined;
  if (!entries) {
    throw new HttpProblem('bad-request', { de: 'Erwartet wird eine Liste von Leistungen oder { "entries": [...] }.', en: 'Expected a list of entries or { "entries": [...] }.' });
  }
  if (entries.length > x.limits.batchEntries) {
    throw new HttpProblem(
      'body-too-large',
      { de: `Mehr als ${x.limits.batchEntries} Leistungen in einer Anfrage; bitte aufteilen oder als KVDT-Datei prüfen.`, en: `More than ${x.limits.batchEntries} entries in one request; split them or check a KVDT file.` },
      { limitEntries: x.limits.batchEntries },
    );
  }
  if (listItems(entries) > x.limits.batchListItems) {
    throw new HttpProblem(
      'body-too-large',
      {
        de: `Mehr als ${x.limits.batchListItems} Listeneinträge (Kostenangaben, Diagnosen, OPS …) in einer Anfrage; bitte aufteilen oder als KVDT-Datei prüfen.`,
        en: `More than ${x.limits.batchListItems} list items (cost entries, diagnoses, OPS …) in one request; split them or check a KVDT file.`,
      },
      { limitListItems: x.limits.batchListItems },
    );
  }
  await sendResults(x.res, rules.checkers[x.lang].checkAll(entries), x.limits.batchAnswerBytes, x.lang, x.limits.answerStallMs);
}
