// `npm test`: generates the ajv validators, then side by side the type check (one TypeScript
// program, scripts/check-types.mjs: tsc's check, which also writes the declarations, then typedoc
// on the same program: every entry point documented, no warning), the static checks (the studio's
// browser code type-checked on its own, knip) and the build's JavaScript (rollup, with the bundled
// rule sets then run through the built CLI as vendor CI runs them); the declarations are bundled
// once the type check has written them. Then vitest, whose standalone, QuickJS and package tests
// use that one build. The static checks (and typedoc) make nothing the build or the tests read,
// so vitest does not wait for them: they go on beside it. Ends with a plain "N passed, N failed"
// line that CI logs can be read by.
// Exit code: the first failing step's (a failing step ends the others).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
// A step that fails ends the script while others may still run beside it: they end with it.
const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill()));
// `onMessage` gets what the child sends on its IPC channel (only a child given one has it).
const run = (cmd, args, onMessage) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: onMessage ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit' });
    if (onMessage) child.on('message', onMessage);
    running.add(child);
    child.on('error', () => resolve(1));
    child.on('close', (code) => {
      running.delete(child);
      resolve(code ?? 1);
    });
  });
async function step(what, ...commands) {
  const codes = await Promise.all(commands.map(([cmd, ...args]) => run(cmd, args)));
  const failed = codes.findIndex((c) => c !== 0);
  if (failed >= 0) {
    console.log(`${what} failed: ${commands[failed].join(' ')}`);
    process.exit(codes[failed]);
  }
}

/**
 * Builds `configs` one after the other, as `rollup -c --silent` does, in this process (which
 * otherwise only waits on the steps beside it).
 */
async function build(what, configs) {
  try {
    for (const config of configs) {
      const bundle = await rollup({ ...config, logLevel: 'silent' });
      for (const output of [config.output].flat()) await bundle.write(output);
      await bundle.close();
    }
  } catch (e) {
    console.error(e?.stack ?? e);
    console.log(`${what} failed`);
    process.exit(1);
  }
}
// The declaration bundles read what `tsc -p .` writes to build/types; the JavaScript needs no
// type check, so it is built beside the static checks (2 cores: one would idle in tsc's last
// seconds and then through a build of its own, 8 s of the test command). The declarations are
// written after the JavaScript build, which starts by emptying dist/.
const declarations = (config) => String(config.input).startsWith('build/types/');

await step('generating the validators', [bin('tsx'), 'scripts/gen-validators.ts']);
const javascript = build('build', configs.filter((c) => !declarations(c)));
// Not awaited before vitest: on 2 cores they fill the time vitest's workers wait on child
// processes, the browser and timers, instead of holding vitest back until the last one ends.
const staticChecks = step('static checks', [bin('tsc'), '-p', 'src/studio'], [bin('knip'), '--no-progress']);
// The type check says when the declarations are written; typedoc then goes on in its process
// beside the declaration bundles and vitest (it only checks: --emit none).
const typeCheck = 'node scripts/check-types.mjs';
let declarationsWritten;
const written = new Promise((resolve) => (declarationsWritten = resolve));
const typesAndDocs = run('node', ['scripts/check-types.mjs'], (m) => m === 'declarations' && declarationsWritten()).then((code) => {
  if (code !== 0) {
    console.log(`type check or API documentation failed: ${typeCheck}`);
    process.exit(code);
  }
});
await Promise.all([
  written.then(() => javascript).then(() => build('build (declarations)', configs.filter(declarations))),
  javascript.then(async () => {
    // The bundled rule sets must validate and pass their expert test cases (as vendor CI would run them).
    await step('rule sets', ['node', 'dist/cli.mjs', 'validate', 'rules', 'examples/practice-context.json']);
    await step('rule-set tests', ['node', 'dist/cli.mjs', 'test', 'rules']);
  }),
]);

const report = '.vitest-report.json';
rmSync(report, { force: true });
const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);
await Promise.all([staticChecks, typesAndDocs]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(code);
