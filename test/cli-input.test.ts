// The CLI on input it cannot use: exit 2, a German/English message, a location, no stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { ROOT } from './helpers';

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const KBV = 'examples/entries/asv-88500-kbv.json';
const ASV = 'rules/asv/2026.1/ruleset.json';
const NO_STACK = /\n\s+at |TypeError|ReferenceError/;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'pvs-rules-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('options', () => {
  it('an unknown option: exit 2, our own message in German and English, not Node’s', async () => {
    const r = await run(['check', '--entry', KBV, '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unbekannte Option "--bogus"');
    expect(r.err).toContain('Unknown option "--bogus"');
    expect(r.err).not.toMatch(/Unknown option '--bogus'|To specify a positional argument/);
    const short = await run(['validate', '-x']);
    expect([short.code, short.err]).toEqual([2, expect.stringContaining('Unbekannte Option "-x"')]);
  });

  it('an option without its value, or a value for a switch: exit 2, named', async () => {
    const missing = await run(['check', '--entry']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('"--entry" braucht einen Wert')]);
    const flag = await run(['check', '--entry', KBV, '--no-fail=ja']);
    expect([flag.code, flag.err]).toEqual([2, expect.stringContaining('"--no-fail" hat keinen Wert')]);
    expect(missing.err + flag.err).not.toMatch(/ERR_PARSE_ARGS|argument '--/);
  });

  it('an unknown locale: exit 2, nothing checked', async () => {
    const r = await run(['check', '--entry', KBV, '--locale', 'fr']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('Unbekannte Sprache "fr"');
    expect(r.err).toContain('Unknown locale "fr"');
    expect((await run(['validate', '--locale', 'EN'])).code).toBe(2);
    expect((await run(['validate', '--locale', 'en'])).code).toBe(0);
  });
});

describe('usage errors in both languages, German first', () => {
  /** Our usage error: the German sentence, then the English one, then the usage text. */
  const bilingual = (r: { code: number; out: string; err: string }, de: string, en: string) => {
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(de);
    expect(r.err).toContain(en);
    expect(r.err.indexOf(de)).toBeLessThan(r.err.indexOf(en));
  };

  it('serve with an unknown locale or a positional argument: exit 2 before anything starts, not Node’s text', async () => {
    bilingual(await run(['serve', '--locale', 'fr']), 'Unbekannte Sprache "fr"', 'Unknown locale "fr"');
    const foo = await run(['serve', 'foo']);
    bilingual(foo, 'Unerwartetes Argument "foo"', 'Unexpected argument "foo"');
    expect(foo.err).not.toMatch(/This command does not take positional arguments|ERR_PARSE_ARGS/);
  });

  it('an unknown format and explain without --entry say so in German and English', async () => {
    bilingual(await run(['validate', '--format', 'xml']), 'Unbekanntes Format "xml"', 'Unknown format "xml"');
    bilingual(await run(['explain']), '--entry fehlt', '--entry is required');
    bilingual(await run(['explain', '--entry', KBV, 'extra']), 'Unerwartetes Argument "extra"', 'Unexpected argument "extra"');
    bilingual(await run(['check']), 'eine KVDT-Datei angeben', 'Give --entry FILE or a KVDT file');
    bilingual(await run(['check', 'x.con', '--fix']), '--fix braucht -o', '--fix needs -o');
    bilingual(await run(['serve', '--port', '70000']), '--port muss zwischen 0 und 65535 liegen', '--port must be 0–65535');
    bilingual(await run(['import', 'sdhdrg']), 'Aufruf: pvs-rules import', 'Usage: pvs-rules import');
  });

  it('kvdt dump without a file and diff with one file name the missing argument, not an unknown command', async () => {
    const dump = await run(['kvdt', 'dump']);
    bilingual(dump, 'Es fehlt: DATEI.con', 'Missing: FILE.con');
    const diff = await run(['diff', 'a.json']);
    bilingual(diff, 'Es fehlt: NEU.json', 'Missing: NEW.json');
    for (const r of [dump, diff]) expect(r.err).not.toMatch(/Unbekannter Befehl|Unknown command/);
    bilingual(await run(['diff']), 'Es fehlt: ALT.json NEU.json', 'Missing: OLD.json NEW.json');
    bilingual(await run(['diff', 'a.json', 'b.json', 'c.json']), 'Unerwartetes Argument "c.json"', 'Unexpected argument "c.json"');
    bilingual(await run(['kvdt']), 'Es fehlt: dump DATEI.con', 'Missing: dump FILE.con');
    const unknown = await run(['frobnicate']);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('Unbekannter Befehl "frobnicate". / Unknown command "frobnicate".')]);
  });
});

describe('pvs-rules diff on wrong input', () => {
  it('a JSON document that is not a rule set: located problems, exit 2, no stack trace', async () => {
    const d = dir({ 'plain.json': '{\n  "a": 1\n}\n', 'null.json': 'null', 'half.json': '{\n  "kind": "ruleset",\n  "id": "x",\n  "version": "1",\n  "rules": [\n    {}\n  ]\n}\n' });
    for (const [a, b, where] of [
      ['plain.json', join(ROOT, ASV), 'plain.json:1:1'],
      [join(ROOT, ASV), 'null.json', 'null.json:1:1'],
      ['half.json', 'half.json', 'half.json:6:5'],
    ] as const) {
      const r = await run(['diff', a, b], d);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(where);
      expect(r.err).not.toMatch(NO_STACK);
    }
    const en = await run(['diff', 'plain.json', 'plain.json', '--locale', 'en'], d);
    expect(en.err).toContain('plain.json:1:1: ERROR [kind]');
  });

  it('a JSON syntax error is placed by line and column', async () => {
    const d = dir({ 'broken.json': '{\n  "kind": "ruleset",\n  "id": \n}\n' });
    const r = await run(['diff', 'broken.json', join(ROOT, ASV)], d);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:4:1: FEHLER \[syntax\]/);
    expect(r.err).not.toMatch(NO_STACK);
  });

  it('an unreadable file: named, exit 2', async () => {
    const r = await run(['diff', 'nirgends.json', ASV]);
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('nirgends.json')]);
    expect(r.err).not.toMatch(NO_STACK);
  });

  it('still compares two rule sets', async () => {
    const r = await run(['diff', ASV, ASV, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rules).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('pvs-rules explain on wrong input', () => {
  it('a file without service entries: located, exit 2', async () => {
    const d = dir({ 'str.json': '"88500"', 'list.json': '[\n  {"date": "2026-04-14", "gop": "88500"},\n  7\n]' });
    const str = await run(['explain', '--entry', 'str.json'], d);
    expect([str.code, str.out]).toEqual([2, '']);
    expect(str.err).toContain('str.json:1:1');
    const list = await run(['explain', '--entry', 'list.json'], d);
    expect(list.code).toBe(2);
    expect(list.err).toContain('list.json:3:3');
    expect(list.err + str.err).not.toMatch(NO_STACK);
  });

  it('a JSON syntax error is placed by line and column', async () => {
    const d = dir({ 'bad.json': '[\n  {"date": "2026-04-14",\n' });
    const r = await run(['explain', '--entry', 'bad.json'], d);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json:3:1: FEHLER \[syntax\]/);
  });

  it('still explains an entry', async () => {
    const r = await run(['explain', '--entry', KBV]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('LÖST AUS asv.5012.set-price');
  });
});

describe('SARIF tool metadata', () => {
  it('names the tool and its version from package.json, and no placeholder URI', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = await run(['validate', '--format', 'sarif']);
    const driver = JSON.parse(r.out).runs[0].tool.driver;
    expect(driver.name).toBe('pvs-rules');
    expect(driver.version).toBe(pkg.version);
    // SARIF wants an absolute URI of the tool's documentation; there is none to give yet.
    if ('informationUri' in driver) expect(driver.informationUri).toBe(pkg.homepage);
    expect(driver.informationUri).not.toBe('https://github.com/');
    expect((await run(['--version'])).out).toBe(`${pkg.version}\n`);
  });
});
