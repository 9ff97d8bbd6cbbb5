// The rule studio: one script and one stylesheet in dist/studio, everything inside (CodeMirror,
// the JSON Schemas for completion); the page loads nothing from elsewhere. Imported by the
// project's rollup.config.mjs; generated files are not committed.
import { readFileSync } from 'node:fs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** index.html and styles.css go next to the script as they are. */
function staticFiles(files) {
  return {
    name: 'studio-static-files',
    generateBundle() {
      for (const [from, fileName] of files) this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
    },
  };
}

export default {
  input: 'src/studio/main.ts',
  plugins: [
    nodeResolve({ browser: true }),
    json({ preferConst: true }),
    typescript({ tsconfig: 'src/studio/tsconfig.json', include: ['src/studio/**/*.ts'], filterRoot: process.cwd(), compilerOptions: { noEmit: false, declaration: false, outDir: 'dist/studio', rootDir: '.' }, noEmitOnError: true }),
    terser({ format: { comments: false } }),
    staticFiles([
      ['src/studio/index.html', 'index.html'],
      ['src/studio/styles.css', 'app.css'],
    ]),
  ],
  output: { dir: 'dist/studio', format: 'iife', entryFileNames: 'app.js', sourcemap: false },
};
