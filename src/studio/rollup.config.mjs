// The rule studio: one script and one stylesheet in dist/studio, everything inside (CodeMirror,
// the JSON Schemas for completion); the page loads nothing from elsewhere. Called from the
// project's rollup.config.mjs with its TypeScript transpiler (types: tsc -p src/studio).
import { readFileSync } from 'node:fs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minify } from 'terser';

/** index.html and styles.css go next to the script as they are. */
function staticFiles(files) {
  return {
    name: 'studio-static-files',
    generateBundle() {
      for (const [from, fileName] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
    },
  };
}

/** Minified without compression passes: most of the size gain at a fraction of terser's time. */
function minified() {
  return {
    name: 'studio-minify',
    renderChunk: async (code) => ({ code: (await minify(code, { compress: false, mangle: true, format: { comments: false } })).code, map: null }),
  };
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
