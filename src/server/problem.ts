/**
 * Errors as RFC 9457 problem documents (`application/problem+json`): a stable `type` per
 * kind of problem, a title and a detail in the request's language, and extension members
 * (`code`, `line`, `column`, `limit`, `problems`, `file`). No message ever quotes a request body:
 * it may hold patient data.
 */
import type { ServerResponse } from 'node:http';
import type { Lang } from './locale';

/** The kinds of problem the API answers with; `type` is `urn:pvs-rules:problem:<code>`. */
export const PROBLEMS = {
  'bad-json': { status: 400, de: 'Ungültiges JSON', en: 'Malformed JSON' },
  'bad-request': { status: 400, de: 'Ungültige Anfrage', en: 'Bad request' },
  unauthorized: { status: 401, de: 'Anmeldung erforderlich', en: 'Authentication required' },
  'host-refused': { status: 403, de: 'Host nicht erlaubt', en: 'Host not allowed' },
  'path-refused': { status: 403, de: 'Pfad nicht erlaubt', en: 'Path not allowed' },
  'read-only': { status: 403, de: 'Nur lesbar', en: 'Read-only' },
  'not-found': { status: 404, de: 'Nicht gefunden', en: 'Not found' },
  'method-not-allowed': { status: 405, de: 'Methode nicht erlaubt', en: 'Method not allowed' },
  'request-timeout': { status: 408, de: 'Zeitüberschreitung beim Empfang', en: 'Request timeout' },
  'unreadable-file': { status: 409, de: 'Datei nicht lesbar', en: 'File cannot be read' },
  'body-too-large': { status: 413, de: 'Anfrage zu groß', en: 'Request body too large' },
  'unsupported-media-type': { status: 415, de: 'Falscher Inhaltstyp', en: 'Unsupported media type' },
  'invalid-document': { status: 422, de: 'Dokument ungültig', en: 'Invalid document' },
  busy: { status: 503, de: 'Ausgelastet', en: 'Busy' },
  'no-rule-sets': { status: 503, de: 'Keine gültigen Regelwerke geladen', en: 'No valid rule sets loaded' },
  'studio-not-built': { status: 503, de: 'Studio nicht gebaut', en: 'Studio not built' },
  internal: { status: 500, de: 'Interner Fehler', en: 'Internal error' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** A problem to answer with; thrown by handlers, sent by the server. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: { de: string; en: string },
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail.en);
  }

  get status(): number {
    return PROBLEMS[this.code].status;
  }

  /** The problem document in `lang`. */
  body(lang: Lang, instance?: string): Record<string, unknown> {
    const kind = PROBLEMS[this.code];
    return { type: `urn:pvs-rules:problem:${this.code}`, title: kind[lang], status: kind.status, detail: this.detail[lang], ...(instance ? { instance } : {}), code: this.code, ...this.extra };
  }
}

/** Writes `problem` as the response (status, headers, body). */
export function sendProblem(res: ServerResponse, problem: HttpProblem, lang: Lang, instance?: string): void {
  const body = JSON.stringify(problem.body(lang, instance));
  res.writeHead(problem.status, {
    ...problem.headers,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'content-language': lang,
  });
  res.end(body);
}
