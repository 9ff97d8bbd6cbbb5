/** `POST /v1/validate`: documents → located problems (nothing is written or loaded into the server). */
import type { RuleSetSource } from '../../../plugin-api/types';
import { parseJsonBody, readBody, requireJson } from '../body';
import { HttpProblem } from '../problem';
import { sendJson, type Exchange } from '../respond';
import { validateDocuments } from '../validate-documents';

const isSource = (d: unknown): d is RuleSetSource =>
  typeof d === 'object' && d !== null && typeof (d as RuleSetSource).name === 'string' && typeof (d as RuleSetSource).text === 'string';

export async function validate(x: Exchange): Promise<void> {
  requireJson(x.req);
  const body = parseJsonBody(await readBody(x.req, x.limits.bulkJsonBytes, x.limits.jsonBodyMs)) as { documents?: unknown; folder?: unknown };
  const documents = typeof body === 'object' && body !== null ? body.documents : undefined;
  if (!Array.isArray(documents) || documents.length === 0 || !documents.every(isSource)) {
    throw new HttpProblem('bad-request', {
      de: 'Erwartet wird { "documents": [{ "name": "...", "text": "..." }] } mit mindestens einem Dokument.',
      en: 'Expected { "documents": [{ "name": "...", "text": "..." }] } with at least one document.',
    });
  }
  const folder = body.folder === true ? x.store.lastAttempt.sources : [];
  sendJson(x.res, 200, validateDocuments(documents, folder), x.lang);
}
