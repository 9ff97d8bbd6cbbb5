/**
 * The studio's built files (`npm run build` writes them to dist/studio), read once at start
 * and served from memory: `/` is its page, `/studio/<name>` its scripts and styles. Only the
 * files of that one folder exist for the server; no request path reaches the disk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

/** dist/studio as seen from the sources (src/server) or from the build (dist/, dist/chunks/). */
export const STUDIO_DIR = ['../../dist/studio', './studio', '../studio']
  .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
  .find((dir) => existsSync(join(dir, 'index.html')));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * The page may load its own scripts and styles and talk to this server, nothing else. The one
 * inline style it needs, CodeMirror's theme (a style element), carries the page's nonce, new
 * with every response: an injected style or script has none and is refused.
 */
const csp = (nonce: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Where index.html says the nonce to its script (`<meta property="csp-nonce" nonce="">`, filled per response). */
const NONCE_SLOT = 'property="csp-nonce" nonce=""';

interface Asset {
  type: string;
  bytes: Buffer;
}

export class StudioAssets {
  private readonly files = new Map<string, Asset>();

  constructor(dir = STUDIO_DIR) {
    if (!dir) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const type = TYPES[extname(name)];
      if (type && statSync(path).isFile()) this.files.set(name, { type, bytes: readFileSync(path) });
    }
  }

  get built(): boolean {
    return this.files.has('index.html');
  }

  /** Sends the asset `name` (`index.html` for the page); false when there is none. */
  send(res: ServerResponse, name: string): boolean {
    const asset = this.files.get(name);
    if (!asset) return false;
    const page = name === 'index.html';
    const nonce = page ? randomBytes(18).toString('base64') : '';
    const bytes = page ? Buffer.from(asset.bytes.toString('utf8').replace(NONCE_SLOT, `property="csp-nonce" nonce="${nonce}"`)) : asset.bytes;
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': bytes.length,
      // The page is new each time (its nonce): never kept; the rest is checked with the server.
      'cache-control': page ? 'no-store' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(page ? { 'content-security-policy': csp(nonce), 'x-frame-options': 'DENY' } : {}),
    });
    res.end(bytes);
    return true;
  }
}
