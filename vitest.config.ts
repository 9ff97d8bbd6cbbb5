import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests are bounded in CI; `FUZZ_RUNS` raises the budget locally.
    testTimeout: 60_000,
    pool: 'threads',
  },
});
