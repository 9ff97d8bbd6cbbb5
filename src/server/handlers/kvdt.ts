/**
 * `POST /v1/kvdt/check`: a KVDT billing file as the body, read once as it arrives, and its
 * findings as JSON Lines while they are found — one object per line (`problem`, `finding`,
 * `correction`), then one `summary`. Memory stays flat whatever the file's size. Findings of
 * services whose rules need the whole file (per-quarter limits) come at the end.
 */
import type { IncomingMessage } from 'node:http';
import { checkKvdt as checkFile, type KvdtEvent } from '../../kvdt/check-file';
import { checkDeclaredLength, tooLarge, tooSlow } from '../body';
import { HttpProblem } from '../problem';
import { API_HEADERS, type Exchange } from '../respond';
import { KVDT_RETRY_AFTER_S } from '../limits';
import { rulesFor } from './check';

export const JSON_LINES = 'application/jsonl; charset=utf-8';
/** Lines are sent in batches of about this many characters. */
const BATCH = 64 * 1024;

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

/** One event as its JSON line; `progress` (and `output`, never asked for) have none. */
function line(e: KvdtEvent): string | undefined {
  switch (e.type) {
    case 'problem':
      return JSON.stringify({ type: 'problem', ...e.problem });
    case 'finding':
      return JSON.stringify({ type: 'finding', ...e.finding });
    case 'correction':
      return JSON.stringify({ type: 'correction', ...e.correction });
    case 'end':
      return JSON.stringify({ type: 'summary', ...e.summary });
    default:
      return undefined;
  }
}

export async function checkKvdt(x: Exchange): Promise<void> {
  const rules = rulesFor(x);
  const running = x.running;
  if (running.kvdtChecks >= x.limits.kvdtChecks) {
    const n = x.limits.kvdtChecks;
    throw new HttpProblem(
      'busy',
      { de: `Es werden schon ${n} KVDT-Dateien geprüft; bitte in ${KVDT_RETRY_AFTER_S} s erneut senden.`, en: `${n} KVDT files are being checked already; please send again in ${KVDT_RETRY_AFTER_S} s.` },
      { limit: n },
      { 'retry-after': String(KVDT_RETRY_AFTER_S) },
    );
  }
  running.kvdtChecks++;
  try {
    await answer(x, rules);
  } finally {
    running.kvdtChecks--;
  }
}

async function answer(x: Exchange, rules: ReturnType<typeof rulesFor>): Promise<void> {
  const { req, res } = x;
  let batch = '';
  const send = async (final: boolean) => {
    if (!res.headersSent) res.writeHead(200, { ...API_HEADERS, 'content-type': JSON_LINES, 'content-language': x.lang });
    if (final) res.end(batch);
    // A client that goes away mid-answer ends the wait as well ('close').
    else if (!res.write(batch)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    batch = '';
  };
  try {
    for await (const e of checkFile(limited(req, x.limits.kvdtBytes, x.limits.kvdtBodyMs), rules.checkers[x.lang])) {
      if (res.destroyed) return;
      const text = line(e);
      if (text === undefined) continue;
      batch += `${text}\n`;
      // The first lines go out at once (the client sees the check has begun), later ones in batches.
      if (batch.length >= BATCH || !res.headersSent) await send(false);
    }
    await send(true);
  } catch (e) {
    // Before the answer began, the server answers with the problem itself (413, 408).
    if (!res.headersSent || !(e instanceof HttpProblem)) throw e;
    // Mid-answer: the problem as the last line, and the rest of the body is not read.
    batch += `${JSON.stringify({ type: 'error', problem: e.body(x.lang) })}\n`;
    res.once('finish', () => req.socket.destroy());
    await send(true);
  }
}
