/** Writing JSON answers, and what every handler is given. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Limits } from './limits';
import type { Lang } from './locale';
import type { RuleStore } from './rule-store';

/** Headers on every API answer: results hold patient data, so nothing may cache them. */
export const API_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** One request as a handler sees it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The query string of the request. */
  query: URLSearchParams;
  lang: Lang;
  /** Path parameters of the route (`*` for the rest of the path). */
  params: Record<string, string>;
  store: RuleStore;
  limits: Limits;
  /** What runs now on the whole server, for the limits on work at once (Limits.kvdtChecks). */
  running: { kvdtChecks: number };
  /** Asks for a reload now (after a save) instead of at the next poll. */
  reload: () => void;
  /** The package version, and when the server started (ms since the epoch). */
  version: string;
  startedAt: number;
}

/** Sends `value` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, value: unknown, lang?: Lang): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...API_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...(lang ? { 'content-language': lang } : {}),
  });
  res.end(body);
}
