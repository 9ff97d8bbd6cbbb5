// The package as a vendor installs it: `npm pack` of the build npm test made, installed from the
// tarball into an empty project (offline, from the npm cache `npm ci` filled), and used there
// from ESM, CommonJS and TypeScript (tsc --strict: nodenext, node16, bundler and node10 resolution).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ENTRIES from '../scripts/entries.json';
import { built } from './built';
import { ROOT, bundled } from './helpers';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EMBED = readFileSync(join(ROOT, 'examples/embed.mjs'), 'utf8');
const SAMPLE_CON = join(ROOT, 'examples/kvdt/asv-beispiel.con');

// npm run sets npm_* variables for the project; the consumer's npm must not see them.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle|config_local_prefix)|^INIT_CWD$/.test(k)));

interface Run {
  status: number | null;
  out: string;
  err: string;
}
function must(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
/** Runs a command in the consumer project, side by side with the others. */
function sh(cmd: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: app, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => done({ status: null, out, err: err + String(e) }));
    child.on('close', (status) => done({ status, out, err }));
  });
}
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** The consumer's TypeScript configurations, by module resolution. */
const TSCONFIGS = ['nodenext', 'declarations', 'node16', 'bundler', 'node10'];
/** Output of a script run with node, or the failure in full. */
const stdout = (r: Run | undefined) => {
  if (!r || r.status !== 0) throw new Error(`exit ${r?.status}:\n${r?.out}\n${r?.err}`);
  return r.out;
};

/** Lock entries for `names` and everything they depend on, copied from this project's lock (its versions, its integrity hashes). */
function lockEntries(names: string[]): Record<string, unknown> {
  const packages = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, { dependencies?: Record<string, string>; dev?: boolean; devOptional?: boolean; peer?: boolean }>;
  const out: Record<string, unknown> = {};
  const find = (from: string, name: string): string => {
    // Node's lookup: the nearest node_modules folder up from the dependent package.
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[path]) return path;
      if (!dir) throw new Error(`${name} is not in package-lock.json`);
    }
  };
  const visit = (path: string) => {
    if (out[path]) return;
    const { dev, devOptional, peer, ...entry } = packages[path]!;
    out[path] = entry;
    for (const d of Object.keys(entry.dependencies ?? {})) visit(find(path, d));
  };
  for (const n of names) visit(find('', n));
  return out;
}

let work = '';
let app = '';
let packed: { path: string }[] = [];
/** Every run in the consumer project, by name (started together in beforeAll). */
const runs: Record<string, Run> = {};

beforeAll(async () => {
  built('dist/index.mjs');
  built('dist/pvs-rules.standalone.js');
  work = mkdtempSync(join(tmpdir(), 'pvs-rules-package-'));
  // The build is the one npm test made: pack it as it is (prepack would build again).
  const pack = JSON.parse(must('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
  packed = pack[0]!.files;
  const tarball = pack[0]!.filename;

  app = join(work, 'app');
  mkdirSync(app);
  const dependencies = { 'pvs-rules': `file:../${tarball}`, 'json-rules-engine': PKG.devDependencies['json-rules-engine'], '@types/node': PKG.devDependencies['@types/node'] };
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pvs-app', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2));
  const self = { version: PKG.version, resolved: `file:../${tarball}`, license: PKG.license, dependencies: PKG.dependencies, peerDependencies: PKG.peerDependencies, peerDependenciesMeta: PKG.peerDependenciesMeta, bin: { 'pvs-rules': PKG.bin['pvs-rules'].replace(/^\.\//, '') }, engines: PKG.engines };
  const lock = { name: 'pvs-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'pvs-app', version: '1.0.0', dependencies }, 'node_modules/pvs-rules': self, ...lockEntries(['decimal.js', 'json-rules-engine', '@types/node']) } };
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
  // Nothing is downloaded: every tarball is in the npm cache since this project's npm ci.
  must('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app);

  writeFileSync(join(app, 'embed.mjs'), EMBED);
  writeFileSync(join(app, 'embed.cjs'), toCommonJs(EMBED));
  writeFileSync(join(app, 'embed.ts'), EMBED);
  writeFileSync(join(app, 'entries.mjs'), ENTRY_POINTS);
  writeFileSync(join(app, 'entries.cjs'), toCommonJs(ENTRY_POINTS));
  // TypeScript: .mts is ESM and .cts CommonJS under nodenext (import syntax in a .cts compiles to
  // require, resolved with the "require" condition: the .d.cts files); .ts for bundler resolution.
  for (const ext of ['mts', 'cts', 'ts']) writeFileSync(join(app, `entries.${ext}`), ENTRY_POINTS);
  const compilerOptions = { strict: true, target: 'es2022', lib: ['es2022'], types: ['node'] };
  writeFileSync(join(app, 'tsconfig.nodenext.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: true, outDir: 'out' }, files: ['embed.ts', 'entries.mts', 'entries.cts'] }));
  // Inside the declaration files (skipLibCheck off), .d.ts and .d.cts, under nodenext: in a project of
  // their own without @types/node (they name no Node type), whose 4 s of checking with skipLibCheck
  // off were most of the consumer's tsc time; TypeScript's lib files are not checked (skipDefaultLibCheck).
  for (const ext of ['mts', 'cts']) writeFileSync(join(app, `declarations.${ext}`), DECLARATIONS);
  writeFileSync(join(app, 'tsconfig.declarations.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, types: [], module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false, skipDefaultLibCheck: true, noEmit: true }, files: ['declarations.mts', 'declarations.cts'] }));
  // node16: where TypeScript still refuses a CommonJS file importing ESM declarations (TS1479).
  writeFileSync(join(app, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16', skipLibCheck: true, noEmit: true }, files: ['embed.ts', 'entries.mts', 'entries.cts'] }));
  // node10 (CommonJS projects that predate `exports`): the subpaths through typesVersions.
  writeFileSync(join(app, 'tsconfig.node10.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'commonjs', moduleResolution: 'node10', skipLibCheck: true, noEmit: true }, files: ['entries.ts'] }));
  writeFileSync(join(app, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler', skipLibCheck: true, noEmit: true }, files: ['embed.ts', 'entries.ts'] }));

  const cli = join(app, 'node_modules/.bin/pvs-rules');
  const installed = join(app, 'node_modules/pvs-rules');
  const jobs: Record<string, () => Promise<Run>> = {
    'embed.mjs': () => sh('node', ['embed.mjs']),
    'embed.cjs': () => sh('node', ['embed.cjs']),
    'entries.mjs': () => sh('node', ['entries.mjs']),
    'entries.cjs': () => sh('node', ['entries.cjs']),
    // As vendor CI runs them: the shipped rule sets with the shipped practice context, and their test cases.
    'validate': () => sh(cli, ['validate', `${installed}/rules`, `${installed}/examples/practice-context.json`]),
    'test': () => sh(cli, ['test', `${installed}/rules`]),
    // The README's explain line, as a vendor types it in their own project.
    'explain': () => sh(cli, ['explain', '--entry', 'node_modules/pvs-rules/examples/entries/asv-88500-kbv.json']),
  };
  // The three configurations in one tsc process (build mode): the files they share (the package's
  // declarations, @types/node, the lib files) are read and parsed once, not three times (tsc's CPU
  // time 7.5 -> 5.0 s). Each project is checked and reports its errors as with -p; one project's
  // errors stop none of the others; nodenext's first, so its output is there soonest.
  const compiled = sh('node', [TSC, '-b', ...TSCONFIGS.map((c) => `tsconfig.${c}.json`)]).then(async (r) => {
    runs['tsc'] = r;
    for (const file of ['out/embed.js', 'out/entries.mjs', 'out/entries.cjs']) runs[file] = await sh('node', [file]);
  });
  await Promise.all([compiled, ...Object.entries(jobs).map(async ([name, job]) => (runs[name] = await job()))]);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The same module as CommonJS: each `import { a, b } from 'x';` becomes `const { a, b } = require('x');`. */
function toCommonJs(esm: string): string {
  const cjs = esm.replace(/^import \{ ([^}]+) \} from '([^']+)';$/gm, "const { $1 } = require('$2');");
  if (/^import /m.test(cjs)) throw new Error('an import the CommonJS copy does not rewrite');
  return cjs;
}

/** A named export of every entry point, used; and the files the package exports. Plain JavaScript that is also strict TypeScript. */
const ENTRY_POINTS = `import { createChecker, loadBundledRuleSets } from 'pvs-rules';
import { checkKvdtFile } from 'pvs-rules/kvdt';
import { createReferenceChecker } from 'pvs-rules/reference';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const fromApp = createRequire(join(process.cwd(), 'package.json'));
const loaded = loadBundledRuleSets();
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));
const checker = createChecker({ ruleSets: loaded.bundle });
const entry = { date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] };
Promise.all([checkKvdtFile([readFileSync(${JSON.stringify(SAMPLE_CON)})], checker), createReferenceChecker({ ruleSets: loaded.bundle }).check(entry)]).then(([file, reference]) => {
  console.log(JSON.stringify({
    ruleSets: loaded.bundle.ruleSets,
    check: checker.check(entry),
    reference,
    kvdt: { findings: file.findings.map((f) => f.code), corrections: file.corrections.length },
    version: JSON.parse(readFileSync(fromApp.resolve('pvs-rules/package.json'), 'utf8')).version,
    goae: JSON.parse(readFileSync(fromApp.resolve('pvs-rules/rules/catalogues/goae.json'), 'utf8')).kind,
    schema: JSON.parse(readFileSync(fromApp.resolve('pvs-rules/schemas/ruleset.schema.json'), 'utf8')).$id,
    standalone: readFileSync(fromApp.resolve('pvs-rules/pvs-rules.standalone.js'), 'utf8').startsWith('var PvsRules = (function'),
  }));
});
`;

/** Every entry point's declarations, as types only (no Node types needed). */
const DECLARATIONS = `import type * as core from 'pvs-rules';
import type * as kvdt from 'pvs-rules/kvdt';
import type * as reference from 'pvs-rules/reference';
export type EntryPoints = [typeof core, typeof kvdt, typeof reference];
`;

/** Bare module names a built file and the chunks it imports load at run time. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\b[^'"]*?(?:from\s*)?['"]([^'"]+)['"]/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) for (const n of runtimeImports(resolve(dirname(file), spec), seen)) names.add(n);
    else names.add(spec);
  }
  return names;
}

describe('the package as a vendor installs it (npm pack, installed from the tarball)', () => {
  it('ships only what a consumer needs: the build without source maps, bin, rules, schemas, the example context, docs', () => {
    const paths = packed.map((f) => f.path).sort();
    const allowed = /^(README\.md|package\.json|bin\/pvs-rules\.mjs|dist\/[a-z]+\.(mjs|cjs|d\.ts|d\.cts)|dist\/chunks\/[\w-]+\.(mjs|cjs)|dist\/pvs-rules\.standalone\.js|dist\/studio\/(index\.html|app\.js|app\.css)|rules\/.+\.json|schemas\/[\w-]+\.schema\.json|examples\/practice-context\.json|examples\/entries\/asv-88500-kbv\.json|plugin-api\/FIELDS\.md|docs\/(authoring|facts|kbv-parity|master-catalogues|server)\.md)$/;
    expect(paths.filter((p) => !allowed.test(p))).toEqual([]);
    // The README and the docs it ships link to shipped files; only these stay in the repository (the README says so).
    const repositoryOnly = ['docs/performance-log.md', 'plugin-api/types.ts', 'src/node/atomic-file.ts'];
    const dead: string[] = [];
    for (const doc of paths.filter((p) => p.endsWith('.md'))) {
      for (const [, link] of readFileSync(join(ROOT, doc), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(link!)) continue;
        const target = posix.join(posix.dirname(doc), link!);
        if (!paths.includes(target) && !repositoryOnly.includes(target)) dead.push(`${doc} → ${link}`);
      }
    }
    expect(dead).toEqual([]);
    for (const name of Object.keys(ENTRIES)) for (const ext of ['mjs', 'cjs', 'd.ts', 'd.cts']) expect(paths).toContain(`dist/${name}.${ext}`);
    expect(paths).toContain('dist/cli.mjs');
    expect(paths).not.toContain('dist/cli.cjs'); // the bin runs the ESM build
    expect(paths).toContain('dist/studio/app.js'); // pvs-rules serve --studio
    expect(paths).toContain('rules/catalogues/goae.json');
  });

  it('declares every entry point with its types for import and require, and exports rules/*, schemas/*, package.json and the standalone file', () => {
    for (const name of Object.keys(ENTRIES)) {
      const key = name === 'index' ? '.' : `./${name}`;
      expect(PKG.exports[key]).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.mjs` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      });
    }
    expect(PKG.exports['./rules/*']).toBe('./rules/*');
    expect(PKG.exports['./schemas/*']).toBe('./schemas/*');
    expect(PKG.exports['./package.json']).toBe('./package.json');
    expect(PKG.exports['./pvs-rules.standalone.js']).toBe('./dist/pvs-rules.standalone.js');
  });

  it('runs the README snippet (examples/embed.mjs) as ESM, as CommonJS and compiled from TypeScript: the KBV example gets 5012 = 52458', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Use it from a PVS\n\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(EMBED);
    const esm = stdout(runs['embed.mjs']);
    expect(esm).toMatch(/^error ASV-5012-FEHLT \[FK 5012\] /);
    expect(esm).toContain('FK 5012 (pair 1) = 52458  rule asv.5012.set-price\n');
    expect(stdout(runs['embed.cjs'])).toBe(esm);
    expect(stdout(runs['out/embed.js'])).toBe(esm);
  });

  it('type-checks a named export of every entry point with tsc --strict: nodenext and node16 as ESM and as CommonJS (.d.cts), bundler and node10 resolution', () => {
    expect(runs['tsc']!.out + runs['tsc']!.err).toBe('');
    expect(runs['tsc']!.status).toBe(0);
    // Every configuration was built (tsc -b writes each one's build info, errors or not).
    for (const config of TSCONFIGS) expect(existsSync(join(app, config === 'nodenext' ? 'out' : '', `tsconfig.${config}.tsbuildinfo`)), config).toBe(true);
  });

  it('uses a named export of every entry point from ESM, CommonJS and compiled TypeScript alike', () => {
    const esm = JSON.parse(stdout(runs['entries.mjs']));
    expect(esm.ruleSets).toEqual(bundled().ruleSets);
    expect(esm.ruleSets).toEqual(expect.arrayContaining(['asv@2026.1', 'bv@2026.1', 'hdrg@2026.1', 'kvdt@2026.1']));
    expect(esm.check.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
    expect(esm.reference).toEqual(esm.check);
    expect(esm.kvdt.findings).toContain('ASV-5012-FEHLT');
    expect(esm.kvdt.corrections).toBeGreaterThan(0);
    expect([esm.version, esm.goae, esm.schema, esm.standalone]).toEqual([PKG.version, 'catalogue', expect.stringMatching(/ruleset\.schema\.json$/), true]);
    for (const file of ['entries.cjs', 'out/entries.mjs', 'out/entries.cjs']) expect(JSON.parse(stdout(runs[file])), file).toEqual(esm);
  });

  it('validates and tests its own rule sets when installed, and every relative reference in a shipped file points at a shipped file', () => {
    const installed = join(app, 'node_modules/pvs-rules');
    for (const name of ['validate', 'test']) {
      expect(runs[name]!.err, name).toBe('');
      expect(runs[name]!.status, name).toBe(0);
    }
    expect(runs['validate']!.out).toMatch(/(^|\n)In Ordnung: asv@2026\.1, .*\bkvdt@2026\.1\b.*, 2 Praxiskontext\(e\)\n$/);
    expect(runs['test']!.out).toMatch(/\n\d+ bestanden, 0 fehlgeschlagen\n$/);
    expect(runs['test']!.out).toContain('team.test.json');
    expect([runs['explain']!.status, runs['explain']!.err]).toEqual([0, '']);
    expect(runs['explain']!.out).toContain('LÖST AUS asv.5012.set-price');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npx pvs-rules explain --entry node_modules/pvs-rules/examples/entries/asv-88500-kbv.json');
    const broken: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) visit(path);
        else if (name.endsWith('.json')) {
          const doc = JSON.parse(readFileSync(path, 'utf8'));
          for (const ref of [doc.$schema, doc.context]) {
            if (typeof ref !== 'string' || /^[a-z]+:/.test(ref)) continue;
            const target = resolve(dirname(path), ref);
            if (!existsSync(target) || relative(installed, target).startsWith('..')) broken.push(`${relative(installed, path)} → ${ref}`);
          }
        }
      }
    };
    visit(installed);
    expect(broken).toEqual([]);
  });

  it('needs only decimal.js at run time for the core and the KVDT adapter; json-rules-engine (an optional peer) only for pvs-rules/reference', () => {
    expect(Object.keys(PKG.dependencies)).toEqual(['decimal.js']);
    expect(PKG.peerDependenciesMeta['json-rules-engine']).toEqual({ optional: true });
    const bare = (file: string) => [...runtimeImports(join(app, 'node_modules/pvs-rules', file))].filter((n) => !n.startsWith('node:')).sort();
    expect(bare('dist/index.mjs')).toEqual(['decimal.js']);
    expect(bare('dist/kvdt.mjs').filter((n) => n !== 'decimal.js')).toEqual([]);
    expect(bare('dist/reference.mjs')).toEqual(['decimal.js', 'json-rules-engine']);
  });
});
