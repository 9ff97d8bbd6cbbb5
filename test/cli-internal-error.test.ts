// A fault inside pvs-rules (here: the diff throws) is named as such: exit 2, no stack trace.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

vi.mock('../src/tooling/diff', () => ({
  diffVersionFiles: () => {
    throw new TypeError('boom');
  },
  formatDiff: () => '',
}));

describe('an internal error of the CLI', () => {
  it('is reported as one, with exit 2 and no stack trace', async () => {
    let err = '';
    const code = await runCli(['diff', 'rules/asv/2026.1/ruleset.json', 'rules/asv/2026.1/ruleset.json'], { out: () => {}, err: (t) => (err += t), cwd: ROOT });
    expect(code).toBe(2);
    expect(err).toMatch(/^Interner Fehler von pvs-rules \S+: TypeError: boom\n$/);
  });
});
