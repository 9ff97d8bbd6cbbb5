/** Writing JSON answers, and what every handler is given. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { HttpProblem } from './problem';
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

/** Characters of an answer written as one slice before other requests get their turn. */
const SLICE_CHARS = 1 << 20;

/**
 * Sends `{ "results": [...] }` with 200, the same bytes as sendJson, but made and written in
 * slices of about 1 MB with a turn of the event loop between them, so that a plain check is
 * not queued behind a large batch; an answer over `limit` bytes is refused with 413 before
 * anything is sent.
 */
export async function sendResults(res: ServerResponse, results: readonly unknown[], limit: number, lang: Lang, stallMs: number): Promise<void> {
  const head = '{"results":[';
  const tail = ']}';
  const slices: string[] = [];
  let bytes = head.length + tail.length;
  for (let i = 0; i < results.length; ) {
    let slice = '';
    for (; i < results.length && slice.length < SLICE_CHARS; i++) slice += (i > 0 ? ',' : '') + JSON.stringify(results[i]);
    bytes += Buffer.byteLength(slice);
    if (bytes > limit) {
      throw new HttpProblem(
        'body-too-large',
        { de: `Die Antwort wäre größer als ${limit} Bytes; bitte die Leistungen auf mehrere Anfragen aufteilen.`, en: `The answer would be larger than ${limit} bytes; split the entries over several requests.` },
        { limitAnswerBytes: limit },
      );
    }
    slices.push(slice);
    if (i < results.length) await nextTurn();
    if (res.destroyed) return;
  }
  res.writeHead(200, { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': bytes, 'content-language': lang });
  res.write(head);
  for (const slice of slices) {
    // A slow reader: wait until the socket takes more (or the client is gone); one that reads
    // nothing for stallMs is disconnected, so that the answer it holds is freed.
    if (!res.write(slice)) {
      await new Promise<void>((resolve) => {
        const stalled = setTimeout(() => res.destroy(), stallMs);
        const go = () => {
          clearTimeout(stalled);
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.on('drain', go);
        res.on('close', go);
      });
    }
    if (res.destroyed) return;
  }
  res.end(tail);
}
