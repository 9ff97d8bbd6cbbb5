// `npm test`: generates the ajv validators, then side by side the type checks
// (scripts/check-types.mjs: tsc's check of one program, which also writes the declarations; the
// studio's browser code against them; typedoc on the first program: every entry point documented,
// no warning), knip and the build's JavaScript (rollup, with the bundled
// rule sets then run through the built CLI as vendor CI runs them); the declarations are bundled
// once the type check has written src's. Then vitest, whose standalone, QuickJS and package tests
// use that one build. Knip, the rest of the type checks (tests, benches, scripts, the studio)
// and typedoc make nothing the build or the tests read, so vitest does not wait for them: they go
// on beside it at a lower priority (they fill the time vitest's workers wait on child processes
// and the browser instead of holding back the build, the type check of src and vitest). Ends
// with a plain "N passed, N failed" line that CI logs can be read by.
// Exit code: the first failing step's (a failing step ends the others).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
// A step that fails ends the script while others may still run beside it: they end with it.
const running = new Set();
process.on('exit', () => running.forEach((child) => child.kill()));
// `onMessage` gets what the child sends on its IPC channel (only a child given one has it).
// `nice`: the child's scheduling priority (Unix nice value; higher is lower), where the system allows it.
const run = (cmd, args, onMessage, nice = 0) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: onMessage ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit' });
    if (nice && child.pid)
      try {
        setPriority(child.pid, nice);
      } catch {
        // Not allowed here: the child runs at the normal priority.
      }
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
  failIfAny(what, commands, codes);
}
/** As `step`, each command at the lower priority of the checks nothing waits for. */
async function background(what, ...commands) {
  const codes = await Promise.all(commands.map(([cmd, ...args]) => run(cmd, args, undefined, LOW)));
  failIfAny(what, commands, codes);
}
function failIfAny(what, commands, codes) {
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
// Nice 10: about a tenth of a core while the build and vitest's workers want both, all of it
// while they wait; they still end well within vitest's time.
const LOW = 10;
const staticChecks = background('static checks', [bin('knip'), '--no-progress']);
// The type check says when src's declarations are written; the rest of it, the studio's check and
// typedoc then go on in its process beside the declaration bundles and vitest (they only check).
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
// Nothing left to give way to: what still runs gets the normal priority back (where the system
// allows raising it; else it ends at the lower one), lest other load on the machine hold it back.
for (const child of running)
  try {
    setPriority(child.pid, 0);
  } catch {
    // Not allowed here.
  }
await Promise.all([staticChecks, typesAndDocs]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report, { force: true });
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(code);
