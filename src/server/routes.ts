/**
 * The route table: method + path pattern → handler. Patterns match the raw request path
 * (before any `..` normalization) segment by segment; `:name` takes one segment, `*` the rest.
 */
import { checkAll, check, explain } from './handlers/check';
import { listFiles, readOne, saveOne } from './handlers/files';
import { checkKvdt } from './handlers/kvdt';
import { health, openApi } from './handlers/meta';
import { diff, ruleSets } from './handlers/rule-sets';
import { runTests } from './handlers/tests';
import { validate } from './handlers/validate';
import { HttpProblem } from './problem';
import type { Exchange } from './respond';

export type Handler = (x: Exchange) => void | Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** The JSON API (always served). */
export const API_ROUTES: [string, string, Handler][] = [
  ['GET', '/v1/health', health],
  ['GET', '/v1/openapi.json', openApi],
  ['GET', '/v1/rule-sets', ruleSets],
  ['GET', '/v1/rule-sets/:id/:version/diff', diff],
  ['POST', '/v1/check', check],
  ['POST', '/v1/check-all', checkAll],
  ['POST', '/v1/explain', explain],
  ['POST', '/v1/validate', validate],
  ['POST', '/v1/kvdt/check', checkKvdt],
  ['POST', '/v1/test', runTests],
];

/** The studio's file access (only with --studio). */
export const FILE_ROUTES: [string, string, Handler][] = [
  ['GET', '/v1/files', listFiles],
  ['GET', '/v1/files/*', readOne],
  ['PUT', '/v1/files/*', saveOne],
];

const badPath = () => new HttpProblem('bad-request', { de: 'Der Pfad ist falsch kodiert.', en: 'The path is not encoded correctly.' });

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badPath();
  }
}

export class Router {
  private readonly exact = new Map<string, Handler>();
  private readonly patterns: Route[] = [];
  private readonly paths = new Map<string, Set<string>>();

  constructor(withFiles: boolean) {
    for (const [method, path, handler] of withFiles ? [...API_ROUTES, ...FILE_ROUTES] : API_ROUTES) {
      const methods = this.paths.get(path) ?? new Set();
      this.paths.set(path, methods.add(method));
      if (path.includes(':') || path.includes('*')) this.patterns.push({ method, segments: path.split('/'), handler });
      else this.exact.set(`${method} ${path}`, handler);
    }
  }

  /** The handler and path parameters for a request; 404 or 405 (with `Allow`) when there is none. */
  find(method: string, path: string): { handler: Handler; params: Record<string, string> } {
    const handler = this.exact.get(`${method} ${path}`);
    if (handler) return { handler, params: {} };
    const segments = path.split('/');
    const allowed = new Set<string>(this.paths.get(path) ?? []);
    for (const route of this.patterns) {
      const params = match(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      allowed.add(route.method);
    }
    if (allowed.size) {
      throw new HttpProblem('method-not-allowed', { de: `Erlaubt: ${[...allowed].join(', ')}.`, en: `Allowed: ${[...allowed].join(', ')}.` }, {}, { allow: [...allowed].join(', ') });
    }
    throw new HttpProblem('not-found', { de: 'Diesen Pfad gibt es nicht; die API steht unter /v1/openapi.json.', en: 'There is no such path; the API is described at /v1/openapi.json.' });
  }
}

function match(pattern: string[], segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p === '*') {
      if (i >= segments.length) return null;
      params['*'] = decode(segments.slice(i).join('/'));
      return params;
    }
    if (i >= segments.length) return null;
    if (p.startsWith(':')) params[p.slice(1)] = decode(segments[i]!);
    else if (p !== segments[i]) return null;
  }
  return segments.length === pattern.length ? params : null;
}
