import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { sep } from 'node:path';
import { expect, test } from 'vitest';
import { TEMP_ROOT } from './temp-root';

// The suite's temporary files go into the directory of test/temp-root.ts, removed at the end of
// the run: without it each run left about 60 directories in /tmp.
test('temporary files of the tests and their child processes go into the run\'s own directory', () => {
  const root = process.env[TEMP_ROOT];
  expect(root).toMatch(/pvs-rules-test-/);
  expect(tmpdir()).toBe(root);
  const child = execFileSync(process.execPath, ['-p', "require('node:os').tmpdir()"], { encoding: 'utf8' }).trim();
  expect(child).toBe(root);
  expect(`${child}${sep}`.startsWith(`${root}${sep}`)).toBe(true);
});
