// Builds the package: the core (pvs-rules), the KVDT adapter (pvs-rules/kvdt), the
// json-rules-engine reference (pvs-rules/reference) and the CLI as ESM and CommonJS with
// shared chunks (so a bundle made by the core is recognised by the reference); one
// self-contained declaration file per entry point, as .d.ts (ESM) and .d.cts (CommonJS);
// and the standalone bundle for hosts without modules.
// TypeScript is only transpiled here, file by file (isolatedModules makes that exact);
// `tsc -p .` checks the types and writes the declarations to build/types, which are bundled
// here per entry point. The core imports nothing at run time but decimal.js: the
// ajv validators are generated ahead of time into build/ (scripts/gen-validators.ts).
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { dts } from 'rollup-plugin-dts';
import { transformSync } from 'esbuild';
import studio from './src/studio/rollup.config.mjs';

// The package's entry points by file name in dist/ (typedoc.config.mjs and the package test read the same list).
const ENTRIES = JSON.parse(readFileSync('scripts/entries.json', 'utf8'));

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
      // A practice context next to test cases is no rule set (src/node/files.ts: isPracticeContext).
      const list = files.map((f) => ({ name: relative('.', f), text: readFileSync(f, 'utf8') })).filter((s) => !/"kind"\s*:\s*"practice-context"/.test(s.text));
      return `export const BUNDLED_SOURCES = ${JSON.stringify(list)};`;
    },
  };
}

/** TypeScript to JavaScript, one file at a time, types dropped (esbuild: a millisecond a file). */
function transpile() {
  const options = { loader: 'ts', format: 'esm', target: 'es2022', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } } };
  return {
    name: 'transpile-typescript',
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      return { code: transformSync(code, { ...options, sourcefile: id }).code, map: null };
    },
  };
}

/**
 * Every character beyond ASCII written as a `\\uXXXX` escape (one per UTF-16 unit): the same
 * program, whatever charset a host reads the file in (older German hosts read text as
 * windows-1252). Escapes mean the same in strings, templates, regular expressions and names;
 * in comments they are only text.
 */
function asciiOnly() {
  return {
    name: 'ascii-only',
    renderChunk(code) {
      // A backslash before such a character (an identity escape) would make the escape a different text: refuse.
      if (/\\[^\x00-\x7f]/.test(code)) throw new Error('standalone bundle: a backslash before a character beyond ASCII');
      return { code: code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), map: null };
    },
  };
}

/** The same declarations again as `<name>.d.cts`, for `require` under node16/nodenext resolution. */
function commonJsDeclarations() {
  return {
    name: 'commonjs-declarations',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.fileName.endsWith('.d.ts')) this.emitFile({ type: 'asset', fileName: file.fileName.replace(/\.d\.ts$/, '.d.cts'), source: file.code });
      }
    },
  };
}

/** dist/ from scratch, so no file of an earlier build (a renamed chunk) is packed with this one. */
function cleanDist() {
  return { name: 'clean-dist', buildStart: () => rmSync('dist', { recursive: true, force: true }) };
}

const resolve = () => nodeResolve({ extensions: ['.ts', '.mjs', '.js', '.json'] });

/**
 * Every module the core (the `index` entry) imports, in one chunk: a host loads the core as one
 * file, not as the pieces rollup would cut by which entries share a module (each piece gzipped
 * alone, with import/export glue between them). The other entries import from that chunk.
 */
function coreChunk(id, { getModuleInfo }) {
  if (!coreModules) {
    coreModules = new Set();
    const queue = [getModuleInfo(new URL(ENTRIES.index, import.meta.url).pathname)?.id].filter(Boolean);
    while (queue.length) {
      const next = queue.pop();
      if (coreModules.has(next)) continue;
      coreModules.add(next);
      queue.push(...getModuleInfo(next).importedIds);
    }
  }
  return coreModules.has(id) && !/node_modules/.test(id) ? 'core' : undefined;
}
let coreModules = null;
const external = (id) => id === 'decimal.js' || id === 'json-rules-engine' || id.startsWith('node:');

export default [
  {
    input: { ...ENTRIES, cli: 'src/cli/bin.ts' },
    external,
    // commonjs: saxes (the CLI's XML reader for `pvs-rules import`) ships as CommonJS and is bundled.
    plugins: [cleanDist(), resolve(), commonjs(), json({ preferConst: true }), transpile()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name].mjs', manualChunks: coreChunk },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name].cjs', exports: 'named', manualChunks: coreChunk },
    ],
  },
  // The rule studio (after the core: that build starts by emptying dist/).
  studio(transpile()),
  {
    // One file for hosts without modules: decimal.js and the rule sets inside, no imports.
    input: 'src/standalone.ts',
    plugins: [bundledRules(), resolve(), transpile()],
    output: { file: 'dist/pvs-rules.standalone.js', format: 'iife', name: 'PvsRules', plugins: [asciiOnly()] },
  },
  // Each entry's declarations (tsc writes them to build/types) bundled into one file of its
  // own: no relative imports, so the same text serves as .d.ts and .d.cts.
  ...Object.entries(ENTRIES).map(([name, input]) => ({
    input: `build/types/${input.replace(/\.ts$/, '.d.ts')}`,
    plugins: [dts(), commonJsDeclarations()],
    output: { dir: 'dist', entryFileNames: `${name}.d.ts`, format: 'es' },
  })),
];
