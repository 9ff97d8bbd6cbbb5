/**
 * The studio's built files (`npm run build` writes them to dist/studio), read once at start
 * and served from memory: `/` is its page, `/studio/<name>` its scripts and styles. Only the
 * files of that one folder exist for the server; no request path reaches the disk.
 */
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
 * The page may load its own scripts and styles and talk to this server, nothing else. Styles
 * also inline: CodeMirror mounts its theme as a style element (scripts stay 'self' only).
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
    res.writeHead(200, {
      'content-type': asset.type,
      'content-length': asset.bytes.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(name === 'index.html' ? { 'content-security-policy': CSP, 'x-frame-options': 'DENY' } : {}),
    });
    res.end(asset.bytes);
    return true;
  }
}
