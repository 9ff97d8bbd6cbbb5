/**
 * The studio's only way to the server: the same /v1/ API every other client uses. Sends the
 * token (from the URL fragment the server printed, kept for this tab only) and the language;
 * turns problem documents into {@link ApiError}s.
 */
import type { LoadProblem } from '../../plugin-api/types';
import { lang } from './i18n';

export type { LoadProblem };

const TOKEN_KEY = 'pvs-rules-token';

/** Takes `#token=…` out of the address bar into this tab's session storage. */
export function adoptToken(): void {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]!));
  history.replaceState(null, '', location.pathname + location.search);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  problems?: LoadProblem[];
  line?: number;
  column?: number;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}


function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return { 'accept-language': lang(), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function fail(res: Response): Promise<never> {
  let problem: Problem;
  try {
    problem = (await res.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: res.statusText, status: res.status, detail: `HTTP ${res.status}`, code: 'http' };
  }
  throw new ApiError(problem);
}

/** A request with a JSON answer; rejects with an ApiError for a problem document. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) return fail(res);
  return (await res.json()) as T;
}

/** POSTs bytes and hands each JSON line of the answer to `onLine` as it arrives. */
export async function streamLines(path: string, bytes: Blob, onLine: (value: unknown) => void): Promise<void> {
  const res = await fetch(path, { method: 'POST', headers: headers({ 'content-type': 'application/octet-stream' }), body: bytes });
  if (!res.ok || !res.body) return fail(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += value;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
  if (rest.trim()) onLine(JSON.parse(rest));
}

/** The path of a file route: the relative path as one encoded segment (no `..` normalization on the way). */
export const fileUrl = (path: string) => `/v1/files/${encodeURIComponent(path)}`;
