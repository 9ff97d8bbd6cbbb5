import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson, Positions } from '../src/load/json-text';
import { firstSyntaxProblem } from '../src/server/json-scan';

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

  it(`nesting: ${MAX_JSON_DEPTH + 1} levels pass, a value one deeper is refused where the positional parser refuses it`, () => {
    const ok = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(firstSyntaxProblem(ok)).toBeUndefined();
    for (const text of ['['.repeat(MAX_JSON_DEPTH + 1) + '1' + ']'.repeat(MAX_JSON_DEPTH + 1), '['.repeat(100_000), '{"a":'.repeat(70), `[1,\n ${'[ '.repeat(80)}`]) {
      expect(scanned(text)).toEqual(parsed(text));
      expect(scanned(text)!.message).toContain('Zu tief verschachtelt');
    }
  });
});
