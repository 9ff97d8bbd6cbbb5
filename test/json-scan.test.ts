import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSets } from '../plugin-api/index';
import { MAX_JSON_DEPTH, parseJson, Positions } from '../src/load/json-text';
import { readRuleSources } from '../src/node/files';
import { firstSyntaxProblem } from '../src/server/json-scan';
import { SCAN_FIRST_CHARS, scannedSyntaxProblem, validateDocuments } from '../src/server/validate-documents';
import { ROOT } from './helpers';

/** The scan's answer in the positional parser's terms: line, column and message of the syntax problem, or none. */
function scanned(text: string) {
  const p = firstSyntaxProblem(text);
  return p === undefined ? undefined : { ...new Positions(text).positionOf(p.at), message: `JSON-Syntaxfehler: ${p.de}`, messageEn: `JSON syntax error: ${p.en}` };
}
function parsed(text: string) {
  const p = parseJson(text).problems.find((q) => q.code === 'syntax');
  return p === undefined ? undefined : { line: p.line, column: p.column, message: p.message, messageEn: p.messageEn };
}

const TOKENS = ['{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '"a"', '"', '\\', '\\u00e9', '\\u12', '\\n', '\\x', '\u0001', '1', '-', '0', '.', 'e', '+', '12.5e-3', 'true', 'tru', 'null', 'false', 'x', '\ufeff', 'é'];

describe('json-scan: the first syntax error, as the positional parser finds it', () => {
  it('agrees with the positional parser on random token soup and on broken JSON (offset, reason)', () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(''));
    const broken = fc.tuple(fc.json(), fc.nat(), fc.nat(3), fc.constantFrom(...TOKENS)).map(([json, at, cut, token]) => {
      const k = at % (json.length + 1);
      return json.slice(0, k) + token + json.slice(k + cut);
    });
    fc.assert(fc.property(fc.oneof(soup, broken, fc.json(), fc.string()), (text) => {
      expect(scanned(text)).toEqual(parsed(text));
    }), { numRuns: 4000 });
  });

  it('a text it accepts JSON.parse reads', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      expect(firstSyntaxProblem(text)).toBeUndefined();
    }));
  });

  it('skips one byte-order mark at the start, as its doc comment says; JSON.parse reads the text once it is cut off', () => {
    expect(firstSyntaxProblem('\ufeff{"a": 1}')).toBeUndefined();
    expect(() => JSON.parse('\ufeff{"a": 1}')).toThrow();
    expect(JSON.parse('\ufeff{"a": 1}'.slice(1))).toEqual({ a: 1 });
    for (const text of ['\ufeff\ufeff{}', ' \ufeff{}', '{}\ufeff']) expect(firstSyntaxProblem(text)?.at, text).toBe(text.lastIndexOf('\ufeff'));
  });

  it(`nesting: ${MAX_JSON_DEPTH + 1} levels pass, a value one deeper is refused where the positional parser refuses it`, () => {
    const ok = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(firstSyntaxProblem(ok)).toBeUndefined();
    for (const text of ['['.repeat(MAX_JSON_DEPTH + 1) + '1' + ']'.repeat(MAX_JSON_DEPTH + 1), '['.repeat(100_000), '{"a":'.repeat(70), `[1,\n ${'[ '.repeat(80)}`]) {
      expect(scanned(text)).toEqual(parsed(text));
      expect(scanned(text)!.message).toContain('Zu tief verschachtelt');
    }
  });
});

describe('validating a large document with a syntax error: found by the scan, the same problems as the loader gives', () => {
  const goae = readFileSync(join(ROOT, 'rules/catalogues/goae.json'), 'utf8');
  const folder = readRuleSources([join(ROOT, 'rules')], join(ROOT, 'rules')).map((s) => ({ name: s.name.split('\\').join('/'), text: s.text }));
  const sorted = (problems: readonly unknown[]) => problems.map((p) => JSON.stringify(p)).sort();
  const half = goae.length >> 1;
  const broken = [goae.slice(0, -10), `${goae.slice(0, goae.indexOf('"label"', half))}x${goae.slice(goae.indexOf('"label"', half))}`, `${goae.slice(0, -3)},]}`, `[${'1,'.repeat(200_000)}`, `${'{"a":'.repeat(40)}${' '.repeat(SCAN_FIRST_CHARS)}${'['.repeat(40)}`];

  it('alone and with the rule folder (the loader ran on each for comparison)', () => {
    expect(goae.length).toBeGreaterThan(SCAN_FIRST_CHARS);
    for (const text of broken) {
      const doc = { name: 'catalogues/goae.json', text };
      expect(scannedSyntaxProblem(doc)).toBeDefined();
      expect(validateDocuments([doc])).toEqual({ ok: false, ruleSets: [], problems: loadRuleSets([doc]).problems });
      const together = validateDocuments([doc], folder);
      expect(together.ok).toBe(false);
      expect(sorted(together.problems)).toEqual(sorted(loadRuleSets([...folder.filter((f) => f.name !== doc.name), doc]).problems));
      expect(sorted(validateDocuments([{ name: 'x.test.json', text }]).problems)).toEqual(sorted(parseJson(text).problems.map((p) => ({ file: 'x.test.json', severity: 'error', ...p }))));
    }
    // Well-formed, or small: loaded as before.
    expect(scannedSyntaxProblem({ name: 'catalogues/goae.json', text: goae })).toBeUndefined();
    expect(scannedSyntaxProblem({ name: 'small.json', text: '{' })).toBeUndefined();
  });
});
