// The rule studio: one script and one stylesheet in dist/studio, everything inside (CodeMirror,
// the JSON Schemas for completion); the page loads nothing from elsewhere. Called from the
// project's rollup.config.mjs with its TypeScript transpiler (types: tsc -p src/studio).
import { readFileSync } from 'node:fs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { transformSync } from 'esbuild';

/** index.html and styles.css go next to the script as they are. */
function staticFiles(files) {
  return {
    name: 'studio-static-files',
    generateBundle() {
      for (const [from, fileName] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
    },
  };
}

/** Minified by esbuild (the project's transpiler): in well under a second. */
function minified() {
  return { name: 'studio-minify', renderChunk: (code) => ({ code: transformSync(code, { minify: true, target: 'es2022', legalComments: 'none' }).code, map: null }) };
}

export default function studio(transpile) {
  return {
    input: 'src/studio/main.ts',
    plugins: [
      nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js', '.json'] }),
      json({ preferConst: true }),
      transpile,
      minified(),
      staticFiles([
        ['src/studio/index.html', 'index.html'],
        ['src/studio/styles.css', 'app.css'],
      ]),
    ],
    output: { dir: 'dist/studio', format: 'iife', entryFileNames: 'app.js' },
  };
}
