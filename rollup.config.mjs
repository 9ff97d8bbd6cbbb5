// Builds the core (ESM + CJS + one .d.ts) from plugin-api/index.ts, the json-rules-engine
// reference (pvs-rules/reference) and the CLI. Shared code goes into common chunks, so a
// bundle made by the core is recognised by the reference.
// The core imports nothing at run time but decimal.js: the ajv validators are generated
// ahead of time (src/load/validators.generated.js).
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';

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
    plugins: [ts()],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name].mjs', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name].cjs', sourcemap: true, exports: 'named' },
    ],
  },
  {
    input: 'plugin-api/index.ts',
    plugins: [dts()],
    output: { file: 'dist/index.d.ts', format: 'es' },
  },
];
