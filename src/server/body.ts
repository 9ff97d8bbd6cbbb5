/**
 * Request bodies within limits: at most `limit` bytes, arriving within `ms`. Over the size the
 * answer is 413, too slow 408; either way the connection is closed afterwards, so the rest of
 * an oversized body is not read. JSON bodies that do not parse get 400 with line and column —
 * and never a quote of the body, which may hold patient data.
 */
import type { IncomingMessage } from 'node:http';
import { Positions } from '../load/json-text';
import { firstSyntaxProblem } from './json-scan';
import { HttpProblem } from './problem';

/** 413 for a body over `limit` bytes. */
export function tooLarge(limit: number): HttpProblem {
  return new HttpProblem(
    'body-too-large',
    { de: `Der Inhalt der Anfrage ist größer als ${limit} Bytes.`, en: `The request body is larger than ${limit} bytes.` },
    { limit },
    { connection: 'close' },
  );
}

/** 408 for a body that did not arrive within `ms`. */
export function tooSlow(ms: number): HttpProblem {
  return new HttpProblem(
    'request-timeout',
    { de: `Der Inhalt der Anfrage kam nicht innerhalb von ${ms / 1000} s vollständig an.`, en: `The request body did not arrive completely within ${ms / 1000} s.` },
    { limitMs: ms },
    { connection: 'close' },
  );
}

/** Refuses a declared length over `limit` before anything is read. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
}

/** Reads the whole body, or throws 413 / 408. */
export function readBody(req: IncomingMessage, limit: number, ms: number): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: HttpProblem) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) {
        // Let the rest of the body drain while the answer goes out; the connection closes after it.
        req.resume();
        reject(error);
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) done(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new HttpProblem('bad-request', { de: 'Die Verbindung brach während der Anfrage ab.', en: 'The connection broke off during the request.' }));
    const timer = setTimeout(() => done(tooSlow(ms)), ms);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Refuses a body that is not declared as JSON (415): it also keeps out cross-site form posts. */
export function requireJson(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'))) return;
  throw new HttpProblem('unsupported-media-type', {
    de: 'Der Inhalt muss JSON sein (Content-Type: application/json).',
    en: 'The body must be JSON (Content-Type: application/json).',
  });
}

/**
 * Parses a JSON body. On a syntax error the 400 names line and column; the parser's own
 * message is not used, since it may quote the text. The body is first scanned once for its
 * first syntax error (json-scan.ts): milliseconds where JSON.parse took seconds on deep
 * nesting, and nesting deeper than 64 levels is refused as the rule loader refuses it.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const problem = firstSyntaxProblem(text);
  if (problem === undefined) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not expected: the scan accepts only what JSON.parse reads.
    }
  }
  const { line, column } = problem ? new Positions(text).positionOf(problem.at) : { line: 1, column: 1 };
  throw new HttpProblem(
    'bad-json',
    { de: `Der Inhalt ist kein gültiges JSON: Fehler in Zeile ${line}, Spalte ${column}.`, en: `The body is not valid JSON: error at line ${line}, column ${column}.` },
    { line, column },
  );
}
