// vitest globalSetup: the suite's temporary files go into one directory of its own, removed when
// the run ends. Tests make their directories with mkdtemp(tmpdir()); they did not remove them,
// which left about 60 directories in /tmp per run (a vendor's CI runner fills up). TMPDIR is set
// before vitest starts its workers, so tmpdir() in the workers and in every child process they
// start (the CLI, npm, tsc, Chromium) points into this directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable naming the run's directory (also read by test/temp-root.test.ts). */
export const TEMP_ROOT = 'PVS_RULES_TEST_TMP';

export default function setup(): (() => void) | undefined {
  // Every project of the config runs its global setups: only the first makes the directory.
  if (process.env[TEMP_ROOT]) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'pvs-rules-test-'));
  process.env[TEMP_ROOT] = root;
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
