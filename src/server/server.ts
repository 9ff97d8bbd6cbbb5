/**
 * `pvs-rules serve`: the plugin API as a local HTTP service (JSON under /v1/, described by
 * /v1/openapi.json), and with `studio` the rule studio at `/`.
 *
 * Built on node:http alone: a PVS vendor ships this next to a Delphi or .NET program, and
 * every dependency is one more thing to vet and patch. The API is small (ten routes, JSON in
 * and out), the checker is synchronous and fast, and node:http answers well above the
 * throughput a practice needs (see `npm run bench`); a framework would add no capability used here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Access } from './access';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { langOf, type Lang } from './locale';
import { HttpProblem, sendProblem } from './problem';
import type { Exchange } from './respond';
import { RuleStore, type Attempt, type Snapshot } from './rule-store';
import { Router } from './routes';
import { StudioAssets } from './studio-assets';

/** The query of a request without one (handlers only read it). */
const NO_QUERY = new URLSearchParams();

export interface ServerOptions {
  /** Rule folder (watched, the studio saves there); absent = the bundled rule sets, read-only. */
  rulesDir?: string;
  /** Practice context file (watched with the folder). */
  contextFile?: string;
  /** Address to bind; default 127.0.0.1. Anything but loopback needs `token`. */
  host?: string;
  /** Port; default 0 = any free port. */
  port?: number;
  /** Required as `Authorization: Bearer <token>` on every API request when set. */
  token?: string;
  /** Serve the rule studio at `/` and the file routes it uses. */
  studio?: boolean;
  limits?: Partial<Limits>;
  /** How often the folder is polled for changes, in ms; 0 = never. Default 1000. */
  watchIntervalMs?: number;
  /** Package version (health, OpenAPI). */
  version?: string;
  /** Console lines: start, reloads, internal errors. Never a request's content. */
  log?: (line: string) => void;
  /** Where the built studio is (default: dist/studio). */
  studioDir?: string;
}

export interface RulesServer {
  /** `http://host:port/` */
  readonly url: string;
  readonly port: number;
  readonly store: RuleStore;
  /** Requests being answered now. */
  readonly inFlight: number;
  /**
   * Stops taking connections, finishes the requests it has (idle keep-alive connections are
   * closed, busy ones after their answer) and resolves when all are done; after `graceMs`
   * the rest are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** A short line about a reload for the console (rule files only, no request data). */
export function describeReload(attempt: Attempt, snapshot: Snapshot | null, lang: Lang = 'de'): string {
  const errors = attempt.problems.filter((p) => p.severity === 'error');
  if (attempt.ok && snapshot) {
    const list = snapshot.versions.map((v) => v.key).join(', ');
    return lang === 'en' ? `rule sets loaded (generation ${snapshot.generation}): ${list}` : `Regelwerke geladen (Generation ${snapshot.generation}): ${list}`;
  }
  const first = errors[0];
  const where = first ? ` – ${first.file}:${first.line}:${first.column} ${lang === 'en' ? first.messageEn : first.message}` : '';
  // Before any load succeeded there are no last good rule sets to keep.
  if (snapshot === null) return lang === 'en' ? `loading failed with ${errors.length} error(s), no valid rule sets yet${where}` : `Laden fehlgeschlagen (${errors.length} Fehler), noch keine gültigen Regelwerke${where}`;
  return lang === 'en'
    ? `reload failed with ${errors.length} error(s), keeping the last good rule sets${where}`
    : `Neu laden fehlgeschlagen (${errors.length} Fehler), die letzten gültigen Regelwerke bleiben in Gebrauch${where}`;
}

/** Loads the rule sets, binds and serves. Rejects when the address is refused or taken. */
export async function startServer(options: ServerOptions = {}): Promise<RulesServer> {
  const host = options.host ?? '127.0.0.1';
  const access = new Access(host, options.token);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => {});
  const store = new RuleStore({ rulesDir: options.rulesDir, contextFile: options.contextFile, onReload: (a, s) => log(describeReload(a, s)) });
  store.reload();
  const router = new Router(options.studio === true);
  const assets = options.studio ? new StudioAssets(options.studioDir) : null;
  const version = options.version ?? '0.0.0';
  const startedAt = Date.now();
  let stopping = false;
  /** Answers in progress: on stop, those not yet begun get `Connection: close`. */
  const active = new Set<ServerResponse>();

  // Node looks for late headers only every connectionsCheckingInterval (30 s by default): a
  // tenth of the limit, and Node's own timeout that much shorter, answer 408 within headersMs.
  const checkEvery = Math.max(10, Math.round(limits.headersMs / 10));
  const server = createServer({ connectionsCheckingInterval: checkEvery });
  server.headersTimeout = limits.headersMs - checkEvery;
  // Bodies have their own per-route timers (408 as a problem document); this is only a backstop.
  server.requestTimeout = limits.kvdtBodyMs + limits.headersMs;
  server.maxConnections = limits.connections;
  const running = { kvdtChecks: 0 };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    if (stopping) res.setHeader('connection', 'close');
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = q < 0 ? NO_QUERY : new URLSearchParams(raw.slice(q + 1));
    const lang = langOf(req, query);
    try {
      access.checkHost(req);
      if (!path.startsWith('/v1/')) {
        if (assets && (req.method === 'GET' || req.method === 'HEAD')) {
          if (!assets.built) throw new HttpProblem('studio-not-built', { de: 'Das Studio ist nicht gebaut: bitte "npm run build" ausführen.', en: 'The studio is not built: run "npm run build".' });
          if (path === '/' ? assets.send(res, 'index.html') : path.startsWith('/studio/') && assets.send(res, path.slice(8))) return;
        }
        throw new HttpProblem('not-found', { de: 'Diesen Pfad gibt es nicht; die API steht unter /v1/openapi.json.', en: 'There is no such path; the API is described at /v1/openapi.json.' });
      }
      access.checkToken(req);
      const { handler, params } = router.find(req.method ?? 'GET', path);
      const exchange: Exchange = { req, res, query, lang, params, store, limits, running, reload: () => store.reload(), version, startedAt };
      await handler(exchange);
    } catch (e) {
      if (!(e instanceof HttpProblem) && cancelled(req, e)) {
        // The client went away mid-request (a PVS timeout, a user's cancel): no fault of the server.
        log(`Anfrage abgebrochen: der Client hat die Verbindung getrennt (${req.method} ${logPath(path)}) / request cancelled: the client closed the connection (${req.method} ${logPath(path)})`);
        res.destroy();
        return;
      }
      const problem = e instanceof HttpProblem ? e : internal(e, req.method, path, log);
      if (res.headersSent) {
        res.destroy(); // mid-answer: the client sees a cut connection, never a wrong tail
        return;
      }
      sendProblem(res, problem, lang);
      if (problem.headers['connection'] === 'close') {
        // The rest of a refused body is drained, not read; a client that keeps sending is cut.
        req.resume();
        res.once('finish', () => setTimeout(() => req.socket.destroy(), 2000).unref());
      }
    }
  };
  server.on('request', (req, res) => void onRequest(req, res));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (options.watchIntervalMs !== 0) store.watch(options.watchIntervalMs ?? 1000);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    get inFlight() {
      return active.size;
    },
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        stopping = true;
        store.close();
        for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/** The path as logged: a studio file's name is left out (it is the practice's). */
const logPath = (path: string) => (path.startsWith('/v1/files/') ? '/v1/files/…' : path);

/** Did `e` come from the client closing the connection before its request had arrived? */
function cancelled(req: IncomingMessage, e: unknown): boolean {
  return !req.complete && (req.destroyed || (e as NodeJS.ErrnoException | null)?.code === 'ECONNRESET');
}

function internal(e: unknown, method: string | undefined, path: string, log: (line: string) => void): HttpProblem {
  // The stack's frames say where; its first line (the message) could quote input and is left out.
  const frames = e instanceof Error && e.stack ? e.stack.split('\n').slice(1, 6).join('\n') : '';
  log(`interner Fehler / internal error: ${method} ${logPath(path)}: ${e instanceof Error ? e.name : typeof e}\n${frames}`);
  return new HttpProblem('internal', { de: 'Interner Fehler; Einzelheiten stehen im Protokoll des Servers.', en: 'Internal error; details are in the server log.' });
}
