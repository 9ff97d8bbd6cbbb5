// `npm test`: generates the ajv validators, then side by side the type check (tsc, which also
// writes the declarations; the studio's browser code on its own), knip and typedoc (every
// entry point documented, no warning; it skips its own type check, which tsc beside it makes);
// one build (rollup); the bundled rule sets through the built CLI (as vendor CI runs them);
// then vitest, whose standalone, QuickJS and package tests use that one build. Ends with a
// plain "N passed, N failed" line that CI logs can be read by.
// Exit code: the first failing step's.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
async function step(what, ...commands) {
  const codes = await Promise.all(commands.map(([cmd, ...args]) => run(cmd, args)));
  const failed = codes.findIndex((c) => c !== 0);
  if (failed >= 0) {
    console.log(`${what} failed: ${commands[failed].join(' ')}`);
    process.exit(codes[failed]);
  }
}

await step('generating the validators', [bin('tsx'), 'scripts/gen-validators.ts']);
await step('static checks', [bin('tsc'), '-p', '.'], [bin('tsc'), '-p', 'src/studio'], [bin('knip'), '--no-progress'], [bin('typedoc'), '--emit', 'none', '--treatWarningsAsErrors', '--logLevel', 'Warn', '--skipErrorChecking']);
await step('build', [bin('rollup'), '-c', '--silent']);
// The bundled rule sets must validate and pass their expert test cases (as vendor CI would run them).
await step('rule sets', ['node', 'dist/cli.mjs', 'validate', 'rules', 'examples/practice-context.json']);
await step('rule-set tests', ['node', 'dist/cli.mjs', 'test', 'rules']);

const report = '.vitest-report.json';
rmSync(report, { force: true });
const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(code);
