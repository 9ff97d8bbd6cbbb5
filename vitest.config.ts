import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that need a module registry of their own: one mocks a module (vi.mock), one
 * measures the heap after full collections (other files' garbage in the same worker would
 * count). Every other file shares its worker's modules: importing the engine once per worker
 * instead of once per file saves about a fifth of the test command's time on 2 cores.
 */
const ISOLATED = ['test/cli-internal-error.test.ts', 'test/batch-memory.test.ts'];

export default defineConfig({
  test: {
    // Property tests are bounded in CI; `FUZZ_RUNS` raises the budget locally.
    testTimeout: 60_000,
    pool: 'threads',
    // Vitest's default is one worker fewer than the cores: one worker on this 2-core machine and
    // CI, where much of a test's time is waiting on a child process or the browser. Two workers
    // there: the test command 78 -> 60 s of vitest on 2 Dec.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
