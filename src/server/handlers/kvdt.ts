/**
 * `POST /v1/kvdt/check`: a KVDT billing file as the body, its findings as JSON Lines — one
 * object per line (`problem`, `finding`, `correction`, in file order), then one `summary`.
 *
 * By default the file is held in memory and read twice, so the rules that compare services
 * (same patient on the same day, per-quarter limits) see the whole file, as `pvs-rules check`
 * does. With `?passes=1` it is read once as it arrives and those rules stay silent.
 */
import type { IncomingMessage } from 'node:http';
import { checkKvdtFile, type FileReport } from '../../kvdt/check-file';
import { checkDeclaredLength, readBody, tooLarge, tooSlow } from '../body';
import { API_HEADERS, type Exchange } from '../respond';
import { rulesFor } from './check';

export const JSON_LINES = 'application/jsonl; charset=utf-8';
const CHUNK = 256 * 1024;

/** The body as it arrives, at most `limit` bytes, all of it within `ms`. */
async function* limited(req: IncomingMessage, limit: number, ms: number): AsyncGenerator<Uint8Array> {
  checkDeclaredLength(req, limit);
  const deadline = Date.now() + ms;
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let size = 0;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(tooSlow(ms)), Math.max(0, deadline - Date.now()))));
    try {
      const next = await Promise.race([chunks.next(), late]);
      if (next.done) return;
      size += next.value.length;
      if (size > limit) throw tooLarge(limit);
      yield next.value;
    } finally {
      clearTimeout(timer);
    }
  }
}

function* slices(body: Buffer): Generator<Uint8Array> {
  for (let at = 0; at < body.length; at += CHUNK) yield body.subarray(at, at + CHUNK);
}

/** The report as JSON Lines in file order (problems, then findings, then corrections of a line). */
function lines(report: FileReport): { line: number; text: string }[] {
  const out: { line: number; rank: number; text: string }[] = [];
  for (const p of report.problems) out.push({ line: p.line, rank: 0, text: JSON.stringify({ type: 'problem', ...p }) });
  for (const f of report.findings) out.push({ line: f.line, rank: 1, text: JSON.stringify({ type: 'finding', ...f }) });
  for (const c of report.corrections) out.push({ line: c.serviceLine, rank: 2, text: JSON.stringify({ type: 'correction', ...c }) });
  return out.sort((a, b) => a.line - b.line || a.rank - b.rank);
}

export async function checkKvdt(x: Exchange): Promise<void> {
  const rules = rulesFor(x);
  const checker = rules.checkers[x.lang];
  const { kvdtBytes, kvdtBodyMs } = x.limits;
  let report: FileReport;
  if (x.query.get('passes') === '1') {
    report = await checkKvdtFile(limited(x.req, kvdtBytes, kvdtBodyMs), checker);
  } else {
    const body = await readBody(x.req, kvdtBytes, kvdtBodyMs);
    report = await checkKvdtFile(() => slices(body), checker);
  }
  const res = x.res;
  res.writeHead(200, { ...API_HEADERS, 'content-type': JSON_LINES, 'content-language': x.lang });
  let buffer = '';
  const flush = async () => {
    // A client that goes away mid-answer ends the wait as well ('close').
    if (!res.write(buffer)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    buffer = '';
  };
  for (const l of lines(report)) {
    if (res.destroyed) return;
    buffer += `${l.text}\n`;
    if (buffer.length >= CHUNK) await flush();
  }
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) count[f.severity]++;
  const { findings, corrections, problems, ...totals } = report;
  buffer += `${JSON.stringify({ type: 'summary', ...totals, findings: findings.length, corrections: corrections.length, problems: problems.length, bySeverity: count, passes: x.query.get('passes') === '1' ? 1 : 2 })}\n`;
  res.end(buffer);
}
