/** `GET /v1/health` and `GET /v1/openapi.json`. */
import { openApiDocument } from '../openapi';
import { API_HEADERS, sendJson, type Exchange } from '../respond';

export function health(x: Exchange): void {
  const s = x.store.current;
  sendJson(x.res, 200, {
    // degraded: running, but no rule set loaded (checks answer 503) or the last reload failed.
    status: s && x.store.lastAttempt.ok ? 'ok' : 'degraded',
    version: x.version,
    generation: s?.generation ?? 0,
    ruleSets: s?.versions.length ?? 0,
    uptimeSeconds: Math.floor((Date.now() - x.startedAt) / 1000),
  });
}

const documents = new WeakMap<object, string>();

export function openApi(x: Exchange): void {
  let text = documents.get(x.limits);
  if (!text) documents.set(x.limits, (text = JSON.stringify(openApiDocument(x.limits, x.version))));
  x.res.writeHead(200, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  x.res.end(text);
}
