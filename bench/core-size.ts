/**
 * The size of the core as a host loads it, minified and gzipped: the bench prints it, and
 * test/core-size.test.ts holds it to the 60 KB limit (a build change can grow it without a
 * byte more of code: rollup's chunks are gzipped one by one).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';

/** Minified and gzipped size of one module's code, in KB. */
export async function minGzKb(code: string): Promise<number> {
  const min = await minify(code, { module: true, compress: true, mangle: true });
  return gzipSync(min.code ?? '').length / 1024;
}

/**
 * Size of the core as a host loads it: dist/index.mjs and every chunk it imports, each
 * minified and gzipped, by file (in dist/) and in total.
 */
export async function coreSize(): Promise<{ total: number; files: [string, number][] }> {
  const dist = new URL('../dist/', import.meta.url);
  const seen = new Set<string>();
  const queue = [new URL('index.mjs', dist)];
  const files: [string, number][] = [];
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8');
    for (const m of code.matchAll(/(?:from|import) '(\.{1,2}\/[^']+)'/g)) queue.push(new URL(m[1]!, url));
    files.push([url.href.slice(dist.href.length), await minGzKb(code)]);
  }
  return { total: files.reduce((sum, [, kb]) => sum + kb, 0), files };
}
