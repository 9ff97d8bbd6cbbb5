/**
 * The KVDT file check in `npm run bench`: a generated quarter file (kvdt-workload.ts) checked
 * by the built CLI exactly as a practice runs it — `pvs-rules check FILE --fix -o OUT --format
 * jsonl > /dev/null`, one thread, in its own process, with the file in the page cache — next
 * to this process's floor for the same bytes: reading them in 1 MiB chunks and splitting them
 * at LF. Printed: MB/s (wall, and by the child's CPU time), the floor, their ratio, the child's
 * peak RSS. The CLI's time includes its start and the loading of the rule sets (about 0.2 s).
 * Nothing here is a test.
 *
 * BENCH_KVDT_MB sets the size of the realistic file (default 200), BENCH_KVDT_ALL_MB the size
 * of the file with a finding and a correction on every case (default 1024: the memory target
 * is a 1 GB file); 0 skips one.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BUNDLED_RULES_DIR } from '../src/node/files';
import { writeQuarterFile } from './kvdt-workload';

const MB = 1e6;
const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
/** Loaded into the CLI's process: its peak RSS and CPU time on exit. */
const PROBE = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeSync(2, `\\nPROBE ${u.maxRSS * 1024} ${(u.userCPUTime + u.systemCPUTime) / 1000}\\n`); });")}`;
/**
 * For a second run (with --expose-gc): the live heap and the typed arrays outside it (the batch
 * counters' tables, the read and output buffers), after a full collection every second. It
 * tells what the process holds from what the collector has not yet freed (which peak RSS includes).
 */
const LIVE = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; const live = []; setInterval(() => { globalThis.gc(); const m = process.memoryUsage(); live.push(m.heapUsed + m.arrayBuffers); }, 1000).unref(); process.on('exit', () => writeSync(2, `\\nLIVE ${live.join(' ')}\\n`));")}`;

/**
 * Reads `path` as the CLI does (1 MiB chunks, one buffer) and splits it into lines: the floor.
 * `bytes`: finds each LF in the bytes (nothing slower can read a file line by line);
 * `strings`: decodes each chunk and splits it into line strings (a plain line reader).
 */
async function floor(path: string, kind: 'bytes' | 'strings'): Promise<{ ms: number; cpu: number; lines: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const handle = await open(path, 'r');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let lines = 0;
  let carry = '';
  for (;;) {
    const { bytesRead } = await handle.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    const b = buf.subarray(0, bytesRead);
    if (kind === 'bytes') for (let at = b.indexOf(10); at >= 0; at = b.indexOf(10, at + 1)) lines++;
    else {
      const parts = (carry + b.toString('latin1')).split('\n');
      carry = parts.pop()!;
      lines += parts.length;
    }
  }
  await handle.close();
  const u = process.cpuUsage(c);
  return { ms: performance.now() - t, cpu: (u.user + u.system) / 1000, lines };
}

interface Summary {
  lines: number;
  cases: number;
  services: number;
  corrections: number;
  findings: { error: number; warning: number; info: number };
}

/** Runs the built CLI on `path`; its wall time, CPU time, peak RSS and summary. */
function runCli(path: string, out: string, extra = PROBE, flags = '', rules?: string): { ms: number; cpu: number; rss: number; summary: Summary; stderr: string } {
  const report = `${path}.jsonl`;
  const t = performance.now();
  // The report goes to a file, so that nothing is held here.
  const r = spawnSync('sh', ['-c', `"$0" ${flags} --import "$1" --import "$6" "$2" check "$3" --fix -o "$4" --force --format jsonl ${rules ? '--rules "$7"' : ''} > "$5"`, process.execPath, PROBE, CLI, path, out, report, extra, rules ?? ''], { encoding: 'utf8' });
  const ms = performance.now() - t;
  const probe = /PROBE (\d+) ([\d.]+)/.exec(r.stderr);
  if ((r.status !== 0 && r.status !== 1) || !probe) throw new Error(`pvs-rules check failed (${r.status}):\n${r.stderr}`);
  const text = readFileSync(report, 'utf8');
  const summary = JSON.parse(text.slice(text.lastIndexOf('\n', text.length - 2) + 1)) as Summary;
  rmSync(report, { force: true });
  return { ms, cpu: Number(probe[2]), rss: Number(probe[1]), summary, stderr: r.stderr };
}

/** Generates the files, measures each, prints the figures. */
export async function kvdtBench(): Promise<void> {
  const realistic = Number(process.env['BENCH_KVDT_MB'] ?? 200);
  const everyCase = Number(process.env['BENCH_KVDT_ALL_MB'] ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'pvs-bench-kvdt-'));
  console.log(`\nKVDT file check: pvs-rules check FILE --fix -o OUT --format jsonl (the built CLI, its own process, one thread, file in the page cache; load average ${loadavg()[0]!.toFixed(1)})`);
  try {
    const everyCaseOptions = { everyCase: true };
    for (const [label, mb, opts] of [
      ['realistic quarter (5–20 services a case; ASV pseudo-GOPs, Sachkosten, Hybrid-DRG cases; a finding on ~5 % of cases)', realistic, {}],
      ['a finding and a correction on every case', everyCase, everyCaseOptions],
    ] as const) {
      if (!mb) continue;
      const path = join(dir, 'quarter.con');
      const out = join(dir, 'corrected.con');
      const made = writeQuarterFile(path, mb * MB, opts);
      const f = await floor(path, 'bytes');
      const fs = await floor(path, 'strings');
      const r = runCli(path, out);
      const written = statSync(out).size;
      // A second run only for the live heap (the collections it forces would distort the first).
      const live = (/LIVE ([\d ]*)/.exec(runCli(path, out, LIVE, '--expose-gc').stderr)?.[1] ?? '').split(' ').filter(Boolean).map(Number);
      rmSync(out, { force: true });
      if (r.summary.lines !== f.lines || fs.lines !== f.lines) throw new Error(`line counts differ: ${r.summary.lines}, ${f.lines}, ${fs.lines}`);
      const rate = (ms: number) => (made.bytes / MB / (ms / 1000)).toFixed(1);
      const findings = r.summary.findings.error + r.summary.findings.warning + r.summary.findings.info;
      console.log(`  ${label}: ${(made.bytes / MB).toFixed(0)} MB, ${made.cases.toLocaleString('en-US')} cases, ${r.summary.services.toLocaleString('en-US')} services, ${findings.toLocaleString('en-US')} findings, ${r.summary.corrections.toLocaleString('en-US')} corrections (${(written / MB).toFixed(0)} MB written)`);
      console.log(
        `    check ${rate(r.ms)} MB/s (${(r.ms / 1000).toFixed(2)} s; ${rate(r.cpu)} MB/s by CPU time) · peak RSS ${(r.rss / 1024 / 1024).toFixed(0)} MiB`,
      );
      console.log(`    floor, read + split at LF in the bytes ${rate(f.ms)} MB/s (${rate(f.cpu)} by CPU): ratio ${(r.ms / f.ms).toFixed(1)}x (${(r.cpu / f.cpu).toFixed(1)}x by CPU)`);
      console.log(`    floor, read + decode + split into line strings ${rate(fs.ms)} MB/s (${rate(fs.cpu)} by CPU): ratio ${(r.ms / fs.ms).toFixed(1)}x (${(r.cpu / fs.cpu).toFixed(1)}x by CPU)`);
      const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
      const spread = (l: number[]) => [0.1, 0.25, 0.5, 0.75].map((q) => mib(l[Math.min(l.length - 1, Math.floor(q * l.length))] ?? 0)).join(' / ');
      console.log(`    live heap + typed arrays after a full collection (second run, every second): ${spread(live)} MiB at 10 / 25 / 50 / 75 % of the run`);
      if (opts === everyCaseOptions) {
        // The same file without the § 140a rule set, whose same-day counter grows with the distinct patient-days: what the file check itself holds.
        const rules = join(dir, 'rules');
        cpSync(BUNDLED_RULES_DIR, rules, { recursive: true, filter: (src) => !/[\\/](bv|contracts)$/.test(src) });
        const without = runCli(path, out, PROBE, '', rules);
        const liveWithout = (/LIVE ([\d ]*)/.exec(runCli(path, out, LIVE, '--expose-gc', rules).stderr)?.[1] ?? '').split(' ').filter(Boolean).map(Number);
        console.log(`    without the § 140a rule set (its counter of EBM services per patient and day): ${rate(without.cpu)} MB/s by CPU time · peak RSS ${mib(without.rss)} MiB · live heap + typed arrays ${spread(liveWithout)} MiB at 10 / 25 / 50 / 75 %`);
        // V8's young generation grows to 2 × 16 MiB in a long run; a smaller one is a Node flag of the process, not something the CLI can set for itself.
        const semi = runCli(path, out, PROBE, '--max-semi-space-size=8');
        console.log(`    with node --max-semi-space-size=8 (young generation at most 16 MiB): ${rate(semi.cpu)} MB/s by CPU time · peak RSS ${mib(semi.rss)} MiB`);
      }
      rmSync(path, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`  load average at the end: ${loadavg()[0]!.toFixed(1)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await kvdtBench();
