// Builds the core (ESM + CJS + one .d.ts) from plugin-api/index.ts, the json-rules-engine
// reference (pvs-rules/reference) and the CLI. Shared code goes into common chunks, so a
// bundle made by the core is recognised by the reference.
// The core imports nothing at run time but decimal.js: the ajv validators are generated
// ahead of time (src/load/validators.generated.js).
import json from '@rollup/plugin-json';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every bundled rule document (rule sets, catalogues, contracts; not the expert test cases) as a module. */
function bundledRules() {
  const id = 'virtual:bundled-rules';
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && !name.endsWith('.test.json')) files.push(path);
    }
  };
  return {
    name: 'bundled-rules',
    resolveId: (source) => (source === id ? id : null),
    load(source) {
      if (source !== id) return null;
      files.length = 0;
      walk('rules');
      const list = files.map((f) => ({ name: relative('.', f), text: readFileSync(f, 'utf8') }));
      return `export const BUNDLED_SOURCES = ${JSON.stringify(list)};`;
    },
  };
}

const ts = () =>
  typescript({
    tsconfig: './tsconfig.json',
    include: ['plugin-api/**/*.ts', 'src/**/*.ts', 'src/**/*.js'],
    compilerOptions: { noEmit: false, declaration: false, allowJs: true, outDir: 'dist' },
    noEmitOnError: true,
  });
const external = (id) => id === 'decimal.js' || id.startsWith('node:') || id === 'json-rules-engine';
const input = { index: 'plugin-api/index.ts', reference: 'src/reference/reference-checker.ts', kvdt: 'src/kvdt/index.ts', cli: 'src/cli/bin.ts' };

export default [
  {
    input,
    external,
    plugins: [json({ preferConst: true }), ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name].mjs', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name].cjs', sourcemap: true, exports: 'named' },
    ],
  },
  {
    // One file for hosts without modules: decimal.js and the rule sets inside, no imports.
    input: 'src/standalone.ts',
    plugins: [bundledRules(), nodeResolve(), ts()],
    output: { file: 'dist/pvs-rules.standalone.js', format: 'iife', name: 'PvsRules', sourcemap: false },
  },
  {
    input: 'plugin-api/index.ts',
    plugins: [dts()],
    output: { file: 'dist/index.d.ts', format: 'es' },
  },
];
