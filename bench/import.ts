/**
 * The master-file import in `npm run bench`: a generated 50 MB file shaped like an SDICD (nested
 * diagnoses with thesaurus entries, which make the real file large) and one shaped like an SDEBM
 * (GOPs with long texts, OPS lists and exclusion lists), each imported by the built CLI
 * (`dist/cli.mjs import …`) in a fresh process: wall time of the command, MB/s and its peak RSS;
 * then what loading the catalogue adds to loading the bundled rule sets.
 * Targets (issue #14): 50 MB in at most 10 s and 300 MB RSS.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { BUNDLED_RULES_DIR, readRuleSources } from '../src/node/files';
import { median } from './fresh-process';

const TARGET_BYTES = Number(process.env['BENCH_IMPORT_MB'] ?? 50) * 1024 * 1024;
const CLI = new URL('../dist/cli.mjs', import.meta.url).href;
const DIST_CORE = '../dist/index.mjs';

/** Writes `parts()` pieces until `bytes` are written; the text is ASCII plus umlauts, written as Latin-9. */
function writeFile(path: string, head: string, piece: (i: number) => string, tail: string, bytes: number): void {
  const fd = openSync(path, 'w');
  let written = 0;
  const put = (s: string) => (written += writeSync(fd, Buffer.from(s, 'latin1')));
  put(head);
  let chunk = '';
  for (let i = 0; written + chunk.length < bytes; i++) {
    chunk += piece(i);
    if (chunk.length > 1 << 20) {
      put(chunk);
      chunk = '';
    }
  }
  put(chunk + tail);
  closeSync(fd);
}

const header = (ns: string, prefix: string, type: string, iface: string, version: string) =>
  `<?xml version="1.0" encoding="ISO-8859-15"?>\n<ehd:ehd ehd_version="1.40" xmlns:ehd="urn:ehd/001" xmlns${prefix ? `:${prefix}` : ''}="${ns}">\n<ehd:header>\n<ehd:id EX="00000000-0000-0000-0000-00000000beef" RT="1.2.276.0.76.3.1.1"/>\n<ehd:document_type_cd V="${type}" S="1.2.276.0.76.5.100"/>\n<ehd:service_tmr V="2026-01-01..2026-12-31"/>\n<ehd:origination_dttm V="2025-11-14"/>\n<ehd:provider><ehd:organization><ehd:id EX="74" RT="1.2.276.0.76.5.233"/></ehd:organization></ehd:provider>\n<ehd:interface><ehd:id EX="${iface}" RT="1.2.276.0.76.5.109"/><ehd:version V="${version}"/></ehd:interface>\n</ehd:header>\n<ehd:body>\n`;

/** SDICD shape: per category a non-terminal "X00.-" with up to 100 terminal children, each with thesaurus entries. */
function sdicd(path: string): void {
  const thesaurus = (code: string) =>
    `<diagnosethesaurus_liste>${Array.from({ length: 12 }, (_, k) => `<diagnosethesaurus V="Thesaurustext ${k} zur Schlüsselnummer ${code}: Beschwerden näher bezeichnet, Verlauf und Lokalisation"/>`).join('')}</diagnosethesaurus_liste>`;
  const child = (cat: string, n: number) => {
    const code = `${cat}.${String(n).padStart(2, '0')}`;
    return `<diagnose><icd_code V="${code}"/><bezeichnung V="Beispielkrankheit ${code}, näher bezeichnet"/><abrechenbar V="j" DN="ja"/>${n % 7 === 0 ? '<notationskennzeichen V="*"/>' : ''}${n % 11 === 0 ? '<geschlechtsbezug V="w"/><geschlechtsbezug_fehlerart V="m"/><untere_altersgrenze V="12" U="Jahr"/>' : ''}${thesaurus(code)}</diagnose>\n`;
  };
  const category = (i: number) => {
    const cat = `${String.fromCharCode(65 + (Math.floor(i / 100) % 26))}${String(i % 100).padStart(2, '0')}`;
    let s = `<diagnose><icd_code V="${cat}.-"/><bezeichnung V="Beispielkategorie ${cat}"/><abrechenbar V="n"/><diagnosen_liste>\n`;
    for (let n = 0; n < 40; n++) s += child(cat, n);
    return `${s}</diagnosen_liste></diagnose>\n`;
  };
  const head = `${header('urn:ehd/icd/001', '', 'ICD', 'SDICD', '2.4')}<icd_stammdaten><kapitel_liste><kapitel><nummer V="1"/><bezeichnung V="Kapitel"/><gruppen_liste><gruppe><bezeichnung V="Gruppe"/><diagnosen_liste>\n`;
  writeFile(path, head, category, '</diagnosen_liste></gruppe></gruppen_liste></kapitel></kapitel_liste></icd_stammdaten>\n</ehd:body>\n</ehd:ehd>\n', TARGET_BYTES);
}

/** SDEBM shape: GOPs with legend, long text, valuations, required fields, OPS lists and exclusions. */
function sdebm(path: string): void {
  const gop = (i: number) => {
    const code = String(i).padStart(5, '0');
    const ops = Array.from({ length: 12 }, (_, k) => `<go:ops V="5-${String(100 + ((i + k) % 900)).padStart(3, '0')}.${k % 10}"${k % 5 === 0 ? ' R="115b"' : ''}/>`).join('');
    const excl = Array.from({ length: 25 }, (_, k) => `<go:gnr V="${String((i + k + 1) % 100000).padStart(5, '0')}"/>`).join('');
    return `<go:gnr V="${code}" USE="74" USE-DOMAIN="1.2.276.0.76.5.233" VT="2025-10-31"><go:allgemein><go:gueltigkeit><go:service_tmr V="2008-01-01.."/><go:effective_tmr V="2026-01-01.."/></go:gueltigkeit><go:legende><go:kap_bez V="31.2.2" DN="Definierte operative Eingriffe"><go:bereich V="IV" DN="Arztgruppenübergreifende spezielle GOP"/><go:kapitel V="31" DN="Ambulante Operationen"/><go:abschnitt V="2" DN="Ambulante Operationen"/></go:kap_bez><go:kurztext V="Eingriff ${code} der Kategorie A1"/><go:langtext><go:div>Obligater Leistungsinhalt: Eingriff ${code} mit Aufklärung, Dokumentation und Nachbeobachtung; fakultativ weitere Leistungen nach Maßgabe der Präambel. </go:div></go:langtext></go:legende><go:bewertung_liste><go:bewertung V="${1000 + (i % 500)}" U="1" U-DOMAIN="1.2.276.0.76.5.236"><go:leistungserbringerart V="1"/></go:bewertung><go:bewertung V="${(i % 300) + 10}.25" U="2" U-DOMAIN="1.2.276.0.76.5.236"/></go:bewertung_liste></go:allgemein><go:bedingung><go:gnr_zusatzangaben><go:gnr_zusatzangaben_liste V="AUSWAHL"><go:gnr_zusatzangabe V="5035"/><go:gnr_zusatzangabe V="5036"/></go:gnr_zusatzangaben_liste></go:gnr_zusatzangaben><go:begruendungen_liste><go:ops_liste V="true"><go:kategorie V="A1">${ops}</go:kategorie></go:ops_liste></go:begruendungen_liste></go:bedingung><go:regel><go:ausschluss_liste><go:bezugsraum V="1" U="3"><go:gnr_liste V="true">${excl}</go:gnr_liste></go:bezugsraum></go:ausschluss_liste></go:regel></go:gnr>\n`;
  };
  writeFile(path, `${header('urn:ehd/go/001', 'go', '851', 'SDEBM', '01.62')}<go:gnr_liste>\n`, gop, '</go:gnr_liste>\n</ehd:body>\n</ehd:ehd>\n', TARGET_BYTES);
}

interface Figure {
  ms: number;
  maxRss: number;
}

/** Runs `pvs-rules import` from the build in a fresh process; its wall time and peak RSS, measured inside it. */
function importInFreshProcess(dir: string, kind: string, input: string, output: string): Figure {
  const wrapper = join(dir, 'measure.mjs');
  writeFileSync(
    wrapper,
    `const t0 = performance.now();\nprocess.on('exit', () => process.stderr.write('FIGURE ' + JSON.stringify({ ms: performance.now() - t0, maxRss: process.resourceUsage().maxRSS * 1024 }) + '\\n'));\nawait import(${JSON.stringify(CLI)});\n`,
  );
  const r = spawnSync(process.execPath, [wrapper, 'import', kind, input, '-o', output, '--force'], { encoding: 'utf8' });
  const line = r.stderr.split('\n').find((l) => l.startsWith('FIGURE '));
  if (r.status !== 0 || !line) throw new Error(`import ${kind} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return JSON.parse(line.slice(7)) as Figure;
}

/** Milliseconds `loadRuleSets` takes for the bundled rule sets with and without the catalogue (median of 3 each). */
async function loadCost(catalogue: string): Promise<{ without: number; with: number }> {
  const { loadRuleSets } = (await import(DIST_CORE)) as typeof import('../plugin-api/index');
  const sources = readRuleSources([BUNDLED_RULES_DIR]);
  const extra = { name: 'catalogue.json', text: readFileSync(catalogue, 'utf8') };
  const time = (list: typeof sources) => {
    const t0 = performance.now();
    if (!loadRuleSets(list).ok) throw new Error('the imported catalogue does not load');
    return performance.now() - t0;
  };
  time(sources);
  return { without: median([1, 2, 3].map(() => time(sources))), with: median([1, 2, 3].map(() => time([...sources, extra]))) };
}

export async function importBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-bench-import-'));
  try {
    console.log(`\nmaster-file import (pvs-rules import from dist/cli.mjs, fresh process each; targets: 50 MB in ≤ 10 s, ≤ 300 MB RSS):`);
    for (const [kind, make] of [
      ['sdicd', sdicd],
      ['sdebm', sdebm],
    ] as const) {
      const input = join(dir, `${kind}.xml`);
      const output = join(dir, `${kind}.json`);
      make(input);
      const mb = statSync(input).size / 1024 / 1024;
      const f = importInFreshProcess(dir, kind, input, output);
      const outMb = statSync(output).size / 1024 / 1024;
      const load = await loadCost(output);
      console.log(
        `  ${kind.toUpperCase()}-shaped ${mb.toFixed(1)} MB → ${outMb.toFixed(1)} MB catalogue: ${(f.ms / 1000).toFixed(2)} s (${(mb / (f.ms / 1000)).toFixed(1)} MB/s), peak RSS ${(f.maxRss / 1024 / 1024).toFixed(0)} MiB; loading it with the bundled rule sets adds ${(load.with - load.without).toFixed(0)} ms (${load.without.toFixed(0)} → ${load.with.toFixed(0)} ms)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tsx bench/import.ts` runs this part alone (after `npm run build`).
if (process.argv[1] === fileURLToPath(import.meta.url)) await importBench();
