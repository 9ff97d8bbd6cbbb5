// `npm test`: type check, then vitest; ends with a plain "N passed, N failed" line that CI
// logs can be read by. Exit code is vitest's (or tsc's).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
const bin = (name) => `node_modules/.bin/${name}`;

const tsc = run(bin('tsc'), ['--noEmit', '-p', '.']);
if (tsc !== 0) {
  console.log('type check failed');
  process.exit(tsc);
}
// The bundled rule sets must validate and pass their expert test cases (as vendor CI would run them).
for (const args of [['validate', 'rules', 'examples/practice-context.json'], ['test', 'rules']]) {
  const status = run(bin('tsx'), ['src/cli/bin.ts', ...args]);
  if (status !== 0) {
    console.log(`pvs-rules ${args.join(' ')} failed`);
    process.exit(status);
  }
}
const report = '.vitest-report.json';
rmSync(report, { force: true });
const code = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(code);
