/**
 * How long loadRuleSets takes to refuse a large broken document (not part of `npm run bench`):
 * `npm run build && tsx bench/broken-json.ts [dist folder, e.g. of another build]`. Each
 * document is loaded in a fresh process (the parsers run cold, as at a host's start), three
 * times; the median CPU time of the call (user + system, all threads) is printed with the
 * problem it gave, and beside it that of JSON.parse alone on the text, which the loader tries
 * first (in the same process, after the load). The documents, 1, 5 and 20 MB each:
 *
 * - rows: a catalogue of rows `{"number": …, "label": …, "points": …}` that ends without its brackets;
 * - numbers: a list of single-digit numbers, unterminated (10 million at 20 MB);
 * - comma: the rows, closed, with a stray comma in the middle (the error half-way).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, runFresh } from './fresh-process';

const SHAPES = ['rows', 'numbers', 'comma'] as const;
const SIZES_MB = [1, 5, 20];
const RUNS = 3;

function brokenDocument(shape: string, chars: number): string {
  const row = '{"number":"1234","label":"Beratung","points":80},\n';
  const rows = row.repeat(Math.ceil(chars / row.length));
  if (shape === 'numbers') return `[${'1,'.repeat(chars / 2)}`;
  if (shape === 'comma') return `{"kind":"catalogue","rows":[\n${rows.slice(0, rows.length >> 1)},${rows.slice(rows.length >> 1, -2)}]}`;
  return `{"kind":"catalogue","rows":[\n${rows}`;
}

const part = process.env['BROKEN_JSON'];
if (part) {
  // One measurement in this fresh process.
  const [dist, shape, mb] = part.split('|') as [string, string, string];
  const { loadRuleSets } = (await import(pathToFileURL(resolve(dist, 'index.mjs')).href)) as typeof import('../plugin-api/index');
  const text = brokenDocument(shape, Number(mb) * 1e6);
  const before = process.cpuUsage();
  const loaded = loadRuleSets([{ name: 'broken.json', text }]);
  const used = process.cpuUsage(before);
  const p = loaded.ok ? undefined : loaded.problems[0];
  const parseStart = process.cpuUsage();
  try {
    JSON.parse(text);
  } catch {
    // As expected.
  }
  const parse = process.cpuUsage(parseStart);
  console.log(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, parseMs: (parse.user + parse.system) / 1000, problem: p && `${p.file}:${p.line}:${p.column} ${p.code} ${p.messageEn}` }));
} else {
  const dist = resolve(process.argv[2] ?? new URL('../dist/', import.meta.url).pathname);
  console.log(`loadRuleSets on a broken document, ${dist}: median CPU ms of ${RUNS} fresh processes`);
  for (const shape of SHAPES) {
    for (const mb of SIZES_MB) {
      const runs = Array.from({ length: RUNS }, () => JSON.parse(runFresh(import.meta.url, { BROKEN_JSON: `${dist}|${shape}|${mb}` }).find((l) => l.startsWith('{'))!) as { cpuMs: number; parseMs: number; problem: string });
      const ms = (key: 'cpuMs' | 'parseMs') => String(Math.round(median(runs.map((r) => r[key])))).padStart(6);
      console.log(`${shape.padEnd(8)} ${String(mb).padStart(2)} MB  load ${ms('cpuMs')} ms  (JSON.parse alone ${ms('parseMs')} ms)  ${runs[0]!.problem}`);
    }
  }
}
