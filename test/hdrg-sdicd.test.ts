/**
 * The expert cases of the KBV rules on the host's ICD-10-GM master file (493, 494, 498, 737):
 * they need an SDICD, which the package does not ship, so they run here with the test SDICD
 * (imported from test/fixtures/masterfiles/sdicd.xml) next to the bundled rule sets, the way a
 * vendor's CI runs `pvs-rules test … --rules rules --rules its-sdicd.json`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT, masterSource } from './helpers';

async function test(rules: string[]) {
  let out = '';
  const code = await runCli(['test', 'test/fixtures/hdrg-sdicd', ...rules.flatMap((r) => ['--rules', r])], { out: (t) => (out += t), err: (t) => (out += t), cwd: ROOT });
  return { code, out };
}

describe('Hybrid-DRG rules on the SDICD (expert cases)', () => {
  it('pass with the test SDICD, and fail without it (the rules stay silent)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-sdicd-'));
    try {
      const sdicd = join(dir, 'sdicd-test.json');
      writeFileSync(sdicd, masterSource('SDICD', 'sdicd.xml').text);
      const withIt = await test(['rules', sdicd]);
      expect(withIt.out).toMatch(/\n9 bestanden, 0 fehlgeschlagen\n$/);
      expect(withIt.code).toBe(0);
      // Without it, every case that expects a finding of the SDICD fails: the rules said nothing.
      const without = await test(['rules']);
      expect(without.out).toMatch(/\n4 bestanden, 5 fehlgeschlagen\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
