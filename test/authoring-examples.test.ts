/**
 * docs/authoring.md shows only real files: every JSON snippet is a file under
 * examples/authoring/, which loads with the bundled rule sets and whose test cases pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSets } from '../plugin-api/index';
import { runCli } from '../src/cli/main';
import { readRuleSources } from '../src/node/files';
import { ROOT, bundledSources } from './helpers';

const DIR = 'examples/authoring';
const guide = () => readFileSync(`${ROOT}/docs/authoring.md`, 'utf8');

async function test(dir: string, rules: string[]) {
  let out = '';
  const code = await runCli(['test', dir, ...rules.flatMap((r) => ['--rules', r])], { out: (t) => (out += t), err: (t) => (out += t), cwd: ROOT });
  return { code, out };
}

describe('the authoring guide’s examples', () => {
  it('every JSON snippet of the guide is the whole of the file named above it', () => {
    const blocks = [...guide().matchAll(/Datei: `([^`]+)`\n\n```json\n([\s\S]*?)\n```/g)];
    const all = [...guide().matchAll(/```json\n/g)];
    expect(blocks.length).toBe(all.length);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const [, file, body] of blocks) expect(`${body}\n`, file).toBe(readFileSync(`${ROOT}/${file}`, 'utf8'));
  });

  it('each example version loads with the bundled rule sets, and its cases pass', async () => {
    const folders = readdirSync(`${ROOT}/${DIR}`).filter((d) => existsSync(`${ROOT}/${DIR}/${d}/ruleset.json`));
    expect(folders.sort()).toEqual(['faktor-ab-datum', 'hdrg-folgejahr', 'pseudo-gop-zeile']);
    for (const folder of folders) {
      const loaded = loadRuleSets([...bundledSources(), ...readRuleSources([`${DIR}/${folder}`], ROOT)]);
      expect(loaded.problems.filter((p) => p.severity === 'error'), folder).toEqual([]);
      const r = await test(`${DIR}/${folder}`, ['rules', `${DIR}/${folder}`]);
      expect(r.out, folder).toMatch(/\d+ bestanden, 0 fehlgeschlagen/);
      expect(r.code, folder).toBe(0);
    }
  });

  it('the batch test case passes against the bundled rule sets', async () => {
    // The EBM operation comes from the host's EBM master file; the example brings a made-up one.
    const r = await test(`${DIR}/stapel-test`, ['rules', `${DIR}/stapel-test/sdebm-beispiel.json`]);
    expect(r.out).toContain('3 bestanden, 0 fehlgeschlagen');
  });
});
