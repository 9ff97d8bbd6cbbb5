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
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeQuarterFile } from './kvdt-workload';

const MB = 1e6;
const CLI = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
/** Loaded into the CLI's process: its peak RSS and CPU time on exit. */
const PROBE = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeSync(2, `\\nPROBE ${u.maxRSS * 1024} ${(u.userCPUTime + u.systemCPUTime) / 1000}\\n`); });")}`;

/** Reads `path` as the CLI does (1 MiB chunks, one buffer) and counts the lines: the floor. */
async function floor(path: string): Promise<{ ms: number; cpu: number; lines: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  const handle = await open(path, 'r');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  let lines = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    const b = buf.subarray(0, bytesRead);
    for (let at = b.indexOf(10); at >= 0; at = b.indexOf(10, at + 1)) lines++;
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
function runCli(path: string, out: string): { ms: number; cpu: number; rss: number; summary: Summary } {
  const report = `${path}.jsonl`;
  const t = performance.now();
  // The report goes to a file, so that its size is known and nothing is held here.
  const r = spawnSync('sh', ['-c', `"$0" --import "$1" "$2" check "$3" --fix -o "$4" --force --format jsonl > "$5"`, process.execPath, PROBE, CLI, path, out, report], { encoding: 'utf8' });
  const ms = performance.now() - t;
  const probe = /PROBE (\d+) ([\d.]+)/.exec(r.stderr);
  if ((r.status !== 0 && r.status !== 1) || !probe) throw new Error(`pvs-rules check failed (${r.status}):\n${r.stderr}`);
  const text = readFileSync(report, 'utf8');
  const summary = JSON.parse(text.slice(text.lastIndexOf('\n', text.length - 2) + 1)) as Summary;
  rmSync(report, { force: true });
  return { ms, cpu: Number(probe[2]), rss: Number(probe[1]), summary };
}

/** Generates the files, measures each, prints the figures. */
export async function kvdtBench(): Promise<void> {
  const realistic = Number(process.env['BENCH_KVDT_MB'] ?? 200);
  const everyCase = Number(process.env['BENCH_KVDT_ALL_MB'] ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'pvs-bench-kvdt-'));
  console.log('\nKVDT file check: pvs-rules check FILE --fix -o OUT --format jsonl (the built CLI, its own process, one thread, file in the page cache)');
  try {
    for (const [label, mb, opts] of [
      ['realistic quarter (5–20 services a case; ASV pseudo-GOPs, Sachkosten, Hybrid-DRG cases; a finding on ~5 % of cases)', realistic, {}],
      ['a finding and a correction on every case', everyCase, { everyCase: true }],
    ] as const) {
      if (!mb) continue;
      const path = join(dir, 'quarter.con');
      const out = join(dir, 'corrected.con');
      const made = writeQuarterFile(path, mb * MB, opts);
      const f = await floor(path);
      const r = runCli(path, out);
      const written = statSync(out).size;
      rmSync(path, { force: true });
      rmSync(out, { force: true });
      if (r.summary.lines !== f.lines) throw new Error(`line counts differ: ${r.summary.lines} vs ${f.lines}`);
      const rate = (ms: number) => (made.bytes / MB / (ms / 1000)).toFixed(1);
      const findings = r.summary.findings.error + r.summary.findings.warning + r.summary.findings.info;
      console.log(`  ${label}: ${(made.bytes / MB).toFixed(0)} MB, ${made.cases.toLocaleString('en-US')} cases, ${r.summary.services.toLocaleString('en-US')} services, ${findings.toLocaleString('en-US')} findings, ${r.summary.corrections.toLocaleString('en-US')} corrections (${(written / MB).toFixed(0)} MB written)`);
      console.log(
        `    check ${rate(r.ms)} MB/s (${(r.ms / 1000).toFixed(2)} s; ${rate(r.cpu)} MB/s by CPU time) · floor, read + split ${rate(f.ms)} MB/s (${rate(f.cpu)} by CPU) · ratio ${(r.ms / f.ms).toFixed(1)}x (${(r.cpu / f.cpu).toFixed(1)}x by CPU) · peak RSS ${(r.rss / 1024 / 1024).toFixed(0)} MiB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await kvdtBench();
