/**
 * The command line as a vendor's CI runs it: no rule set is unusable input (exit 2), `test DIR`
 * tests DIR's own rule sets (a changed finding code fails it), and no patient data reaches any
 * message, whatever input is broken how.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

const OK_ENTRY = JSON.stringify({ date: '2026-04-14', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489', cents: '52458' }] });

/** A scratch directory with an empty folder, a KVDT file and an entry file. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-cli-'));
  mkdirSync(join(dir, 'leer'));
  mkdirSync(join(dir, 'nur-katalog'));
  cpSync(join(ROOT, 'rules/catalogues/goae.json'), join(dir, 'nur-katalog/goae.json'));
  writeFileSync(join(dir, 'ok.json'), OK_ENTRY);
  cpSync(join(ROOT, 'examples/kvdt/asv-beispiel.con'), join(dir, 'abrechnung.con'));
  return dir;
}

describe('no rule sets is unusable input (exit 2, a clear message)', () => {
  it('check --rules with an empty folder, a folder of only a catalogue, or a file that is no rule set', async () => {
    const dir = scratch();
    for (const rules of ['leer', 'nur-katalog', 'abrechnung.con', 'ok.json']) {
      for (const target of [['--entry', 'ok.json'], ['abrechnung.con']]) {
        const r = await run(['check', ...target, '--rules', rules], dir);
        expect([rules, target[0], r.code]).toEqual([rules, target[0], 2]);
        expect(r.err).toContain(rules);
        expect(r.err).toMatch(/kein(e)? Regelwerk/);
        expect(r.out).not.toContain('0 Fehler');
      }
    }
    const en = await run(['check', '--entry', 'ok.json', '--rules', 'leer', '--locale', 'en'], dir);
    expect([en.code, en.err]).toEqual([2, expect.stringMatching(/no rule set/)]);
  });

  it('validate and test of a folder without rule sets, or of a file that is none', async () => {
    const dir = scratch();
    for (const args of [['validate', 'leer'], ['validate', 'nur-katalog'], ['validate', 'ok.json'], ['validate', 'abrechnung.con'], ['test', 'leer'], ['test', 'nur-katalog']]) {
      const r = await run(args, dir);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.err).toMatch(/kein(e)? Regelwerk/);
      expect(r.out).not.toContain('In Ordnung');
    }
    // A practice context alone is still something to validate.
    expect((await run(['validate', join(ROOT, 'examples/practice-context.json')], dir)).code).toBe(0);
  });
});

describe('pvs-rules test DIR tests DIR\'s own rule sets', () => {
  /** rules/ alone, copied as a vendor copies it into a folder of their own (serve --rules ./regeln). */
  function copyOfRules(): string {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-vendor-'));
    cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
    return dir;
  }

  it('a copy of rules/ alone runs every case the shipped folder runs: nothing it needs lies outside it', async () => {
    const shipped = await run(['test', 'rules', '--format', 'json']);
    const copy = await run(['test', 'regeln', '--format', 'json'], (() => {
      const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-regeln-'));
      cpSync(join(ROOT, 'rules'), join(dir, 'regeln'), { recursive: true });
      return dir;
    })());
    expect([copy.code, copy.err]).toEqual([0, '']);
    const count = (r: { out: string }) => JSON.parse(r.out).cases.length;
    expect(count(copy)).toBe(count(shipped));
    expect(JSON.parse(copy.out).problems).toEqual([]);
    expect(JSON.parse(copy.out).cases.filter((c: { file: string }) => c.file.includes('team.test.json')).length).toBeGreaterThanOrEqual(9);
  });

  it('passes on an unchanged copy and fails once a finding code in the copy changes; --rules still overrides', async () => {
    const dir = copyOfRules();
    const passing = await run(['test', 'rules'], dir);
    expect([passing.code, passing.err]).toEqual([0, '']);
    expect(passing.out).toMatch(/^\d+ bestanden, 0 fehlgeschlagen$/m);
    const asv = join(dir, 'rules/asv/2026.1/ruleset.json');
    writeFileSync(asv, readFileSync(asv, 'utf8').replaceAll('"ASV-5012-FEHLT"', '"ASV-5012-GEAENDERT"'));
    const failing = await run(['test', 'rules'], dir);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('erwartete Meldung fehlt: ASV-5012-FEHLT');
    expect(failing.out).toContain('unerwartete Meldung: ASV-5012-GEAENDERT');
    expect(failing.out).toMatch(/^\d+ bestanden, [1-9]\d* fehlgeschlagen$/m);
    // The README's CI line on the changed copy fails.
    expect((await run(['validate', 'rules'], dir)).code).toBe(0);
    // --rules decides which rule sets the cases run against.
    expect((await run(['test', 'rules', '--rules', join(ROOT, 'rules')], dir)).code).toBe(0);
  });

  it('a practice context inside DIR is a context, not a broken rule set', async () => {
    const dir = copyOfRules();
    cpSync(join(ROOT, 'examples/practice-context.json'), join(dir, 'rules/praxis.json'));
    const r = await run(['test', 'rules'], dir);
    expect([r.code, r.err]).toEqual([0, '']);
  });
});

describe('validate and test walk a folder without following a link back into it', () => {
  /** rules/kvdt alone (a rule set and its cases), with `link` made by `links` inside it. */
  function folderWith(links: [string, string][]): string {
    const dir = mkdtempSync(join(tmpdir(), 'pvs-rules-links-'));
    cpSync(join(ROOT, 'rules/kvdt/2026.1'), join(dir, 'regeln'), { recursive: true });
    for (const [target, link] of links) symlinkSync(target, join(dir, 'regeln', link));
    return dir;
  }

  it('a link to the folder itself or to a folder above (self -> ., up -> ..) is not walked again: the same result as without it', async () => {
    const plain = folderWith([]);
    const expected = { validate: await run(['validate', 'regeln'], plain), test: await run(['test', 'regeln', '--format', 'json'], plain) };
    expect([expected.validate.code, expected.test.code]).toEqual([0, 0]);
    for (const links of [[['.', 'self']], [['..', 'up']], [['../tests', 'tests/again']]] as [string, string][][]) {
      const dir = folderWith(links);
      const validate = await run(['validate', 'regeln'], dir);
      expect([links, validate.code, validate.out, validate.err]).toEqual([links, 0, expected.validate.out, '']);
      const test = await run(['test', 'regeln', '--format', 'json'], dir);
      expect([links, test.code, test.err]).toEqual([links, 0, '']);
      expect(JSON.parse(test.out).cases.length).toBe(JSON.parse(expected.test.out).cases.length);
    }
  });

  it('a loop of links (a -> b -> a) or a dangling link is refused naming the link, German or English (exit 2)', async () => {
    const loop = folderWith([['b', 'a'], ['a', 'b']]);
    const dangling = folderWith([['weg.json', 'alt.json']]);
    for (const [dir, link, code] of [[loop, 'a', 'ELOOP'], [dangling, 'alt.json', 'ENOENT']]) {
      const where = join('regeln', link!);
      for (const command of ['validate', 'test']) {
        const de = await run([command, 'regeln'], dir);
        expect([command, de.code, de.err]).toEqual([command, 2, `${where}: nicht lesbar (${code})\n`]);
        const en = await run([command, 'regeln', '--locale', 'en'], dir);
        expect([command, en.code, en.err]).toEqual([command, 2, `${where}: cannot read (${code})\n`]);
      }
      // diff reads the versions a rule set extends from --rules the same way.
      const hdrg = (v: string) => join(ROOT, `rules/hdrg/${v}/ruleset.json`);
      const diff = await run(['diff', hdrg('2025.1'), hdrg('2026.1'), '--rules', 'regeln'], dir);
      expect([diff.code, diff.err]).toEqual([2, `${where}: nicht lesbar (${code})\n`]);
    }
  });
});

describe('no patient data in any message', () => {
  const NAME = 'Mustermann';

  it('a JSON syntax error in an entry file is reported by file, line and column, without an excerpt', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'kaputt.json'), `{\n  "date": "2026-04-14",\n  "gop": "88500",\n  "patient": { "name": "Erika ${NAME}" "birthDate": "1970-01-01" }\n}`);
    const r = await run(['check', '--entry', 'kaputt.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kaputt\.json:4:\d+: /m);
    expect(r.err).not.toContain(NAME);
    expect(r.err).not.toContain('"');
  });

  it('no error output of any command quotes a planted patient name', async () => {
    const dir = scratch();
    const files: Record<string, string> = {
      'syntax.json': `{"date": "2026-04-14", "gop": "88500", "patient": {"name": "Erika ${NAME}", "id": "${NAME}"}, }`,
      'controls.json': `{"date": "2026-04-14", "gop": "88500", "patient": {"name": "Erika ${NAME}\u0001"}}`,
      'types.json': JSON.stringify({ date: `${NAME}`, gop: `${NAME} 88500`, teamNumber: { name: NAME }, lanr: [NAME], costs: NAME, patient: NAME, case: NAME, diagnoses: [{ icd: 7, name: NAME }], ops: [{ name: NAME }] }),
      'liste.json': JSON.stringify([{ date: '2026-04-14', gop: '88500', patient: { name: `Erika ${NAME}` } }, `Erika ${NAME}`, null]),
      'grosse-zahl.json': `{"date": "2026-04-14", "gop": "88500", "patient": {"name": "Erika ${NAME}"}, "costs": [{"cents": 123456789012345678901234567890}]}`,
      'ctx-syntax.json': `{"kind": "practice-context", "note": "Patientin Erika ${NAME}" `,
      'regel-syntax.json': `{"kind": "ruleset", "note": "Patientin Erika ${NAME}" `,
      'fall.test.json': `{"kind": "test-cases", "cases": [{"name": "x", "entry": {"patient": {"name": "Erika ${NAME}"}} `,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'faelle'));
    writeFileSync(join(dir, 'faelle/fall.test.json'), files['fall.test.json']!);
    const kvdt = readFileSync(join(ROOT, 'examples/kvdt/asv-beispiel.con'), 'latin1').replace('0173101Beispiel', `0153101${NAME}`).replace('0143102Erika', `01X3102Erika ${NAME}\u0007`);
    writeFileSync(join(dir, 'kaputt.con'), kvdt, 'latin1');
    const runs = [
      ['check', '--entry', 'syntax.json'],
      ['check', '--entry', 'controls.json'],
      ['check', '--entry', 'types.json'],
      ['check', '--entry', 'liste.json'],
      ['check', '--entry', 'grosse-zahl.json'],
      ['check', '--entry', 'ok.json', '--context', 'ctx-syntax.json'],
      ['check', '--entry', 'ok.json', '--rules', 'regel-syntax.json'],
      ['explain', '--entry', 'syntax.json'],
      ['explain', '--entry', 'types.json'],
      ['validate', 'regel-syntax.json'],
      ['validate', 'ctx-syntax.json'],
      ['test', 'faelle', '--rules', join(ROOT, 'rules')],
      ['check', 'kaputt.con'],
      ['check', 'syntax.json'],
    ];
    for (const args of runs) {
      const r = await run(args, dir);
      // explain reports and exits 0; every other command here has unusable or failing input.
      if (args[0] !== 'explain') expect(r.code, args.join(' ')).toBeGreaterThan(0);
      expect(r.err, args.join(' ')).not.toContain(NAME);
      // Problem listings (validate, test) go to stdout: they must not quote it either.
      expect(r.out, args.join(' ')).not.toContain(NAME);
    }
  });
});
