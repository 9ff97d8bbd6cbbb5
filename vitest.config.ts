import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that need a module registry of their own: one mocks a module (vi.mock), one
 * measures the heap after full collections (other files' garbage in the same worker would
 * count). Every other file shares its worker's modules: importing the engine once per worker
 * instead of once per file saves about a fifth of the test command's time on 2 cores.
 */
const ISOLATED = ['test/cli-internal-error.test.ts', 'test/batch-memory.test.ts'];

/**
 * Files that take seconds for their size (core-size minifies the core with terser). Without
 * vitest's timing cache (a clean clone, as CI runs) the larger files run first, which left
 * core-size as the last file, alone on one of the two workers for its 3 s. Run them first.
 */
const SLOW_FOR_THEIR_SIZE = ['test/core-size.test.ts', 'test/kvdt-charset.test.ts'];

class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (f: TestSpecification) => SLOW_FOR_THEIR_SIZE.some((name) => f.moduleId.endsWith(`/${name}`));
    return [...sorted.filter(slow), ...sorted.filter((f) => !slow(f))];
  }
}

export default defineConfig({
  test: {
    // Property tests are bounded in CI; `FUZZ_RUNS` raises the budget locally.
    testTimeout: 60_000,
    pool: 'threads',
    // One temporary directory for the run, removed at its end (test/temp-root.ts).
    globalSetup: ['test/temp-root.ts'],
    sequence: { sequencer: Sequencer },
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
