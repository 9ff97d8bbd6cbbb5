import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/server/folder-watcher';

describe('the server\'s folder watcher', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rulesFolder = () => {
    dir = mkdtempSync(join(tmpdir(), 'pvs-watch-'));
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'ruleset.json'), '{}');
    writeFileSync(join(dir, 'tests', 'catalogue.json'), '{}');
    return dir;
  };

  it('does not follow a link back into the folder it walks (self -> .): the same files, each once', () => {
    const rules = rulesFolder();
    const without = fingerprint(rules, undefined);
    symlinkSync('.', join(rules, 'self'));
    expect(fingerprint(rules, undefined)).toBe(without);
    expect(without.split('\n')).toHaveLength(2);
  });

  it('nor two such links (self -> ., tests/up -> ..), which made the walk branch at every level until the system\'s link limit', () => {
    const rules = rulesFolder();
    const without = fingerprint(rules, undefined);
    symlinkSync('.', join(rules, 'self'));
    symlinkSync('..', join(rules, 'tests', 'up'));
    expect(fingerprint(rules, undefined)).toBe(without);
  });

  it('still sees a file behind a link to a folder outside the walk', () => {
    const rules = rulesFolder();
    const outside = mkdtempSync(join(tmpdir(), 'pvs-watch-out-'));
    try {
      writeFileSync(join(outside, 'extra.json'), '{}');
      symlinkSync(outside, join(rules, 'more'));
      expect(fingerprint(rules, undefined)).toContain(join(rules, 'more', 'extra.json'));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
