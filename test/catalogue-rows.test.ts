import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../src/load/json-text';
import { schemaProblems } from '../src/load/schema';
import { plainRows } from '../src/catalogues/plain-rows';

const GOAE = readFileSync(new URL('../rules/catalogues/goae.json', import.meta.url), 'utf8');
const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/catalogue.schema.json', import.meta.url), 'utf8')) as {
  properties: { rows: { items: { properties: Record<string, unknown>; required: string[] } } };
};

/** What the loader makes of a catalogue's text without the row check (the parse, then the schema), and with it. */
function outcome(text: string, fast: boolean) {
  const p = fast ? parseJson(text, [], plainRows) : parseJson(text);
  const problems = p.problems.map((x) => ({ ...x }));
  if (p.value === undefined || problems.length) return { problems, plain: false };
  const doc = p.value as { rows?: unknown[] };
  const schema = schemaProblems('catalogue', p.plain === undefined ? doc : { ...doc, rows: doc.rows!.slice(0, 1) });
  return { problems, value: p.value, schema, plain: p.plain !== undefined };
}

const HEAD = '{"kind": "catalogue", "id": "t", "title": {"de": "T", "en": "T"}, "pointValueCent": "5.82873", "pointValueSource": "s", "sources": [{"id": "s", "title": "S", "date": "2001-12-04"}], ';
const ROW = '{"number": "1", "points": 80, "section": "B", "source": "s", "label": "C"}';
const ROW_WIDE = '{"number": "100", "points": 250, "section": "B", "sectionA": true, "simpleRateOnly": false, "validFrom": "2020-01-01", "validUntil": "2024-12-31", "source": "s", "label": "S", "note": "bis 31.12.2019: neu"}';

/** Texts of one row changed, one way each: keys, values, order, escapes, spacing. */
function rowVariants(): string[] {
  const out: string[] = [];
  const values: [string, string[]][] = [
    ['"number": "1"', ['"number": "1a.B"', '"number": "a"', '"number": ""', '"number": "12345678901"', '"number": "1_2"', '"number": "1:2"', '"number": "\\u0031"', '"number": 1', '"number": null']],
    ['"points": 80', ['"points": 0', '"points": null', '"points": -1', '"points": 1.5', '"points": 1.0', '"points": 1e2', '"points": 999999999999999', '"points": 9999999999999999', '"points": 12345678901234567890', '"points": "80"', '"points": true', '"points": -0']],
    ['"section": "B"', ['"section": "P"', '"section": "A"', '"section": "Q"', '"section": "b"', '"section": "BB"', '"section": null']],
    ['"label": "C"', ['"label": "U"', '"label": "X"', '"label": "c"', '"label": ""', '"label": 1']],
    ['"source": "s"', ['"source": "t"', '"source": ""', '"source": "s:1"', '"source": "\\"s"', '"source": "\\u0073"', '"source": 5']],
  ];
  for (const [from, tos] of values) for (const to of tos) out.push(ROW.replace(from, to));
  const extra = [
    '"sectionA": true', '"sectionA": 1', '"simpleRateOnly": false', '"simpleRateOnly": "ja"', '"validFrom": "2020-01-01"', '"validFrom": "2020-1-01"', '"validFrom": "2020-02-30"', '"validFrom": null',
    '"validUntil": null', '"validUntil": "2019-12-31"', '"validUntil": "x"', '"note": "a: b"', '"note": "ein \\"Zitat\\""', '"note": 3', '"__proto__": 1', '"constructor": 1', '"prototype": 1',
    '"param": "x"', '"extra": 1', '"number": "2"', '"points": 81', '"label": "C"', '"source": "s"',
  ];
  for (const x of extra) {
    out.push(ROW.replace('"source"', `${x}, "source"`));
    out.push(ROW.replace(' "label": "C"}', ` "label": "C", ${x}}`));
    out.push(ROW.replace('{', `{${x}, `));
  }
  for (const k of ['number', 'points', 'section', 'source', 'label']) out.push(ROW.replace(new RegExp(`"${k}": [^,}]+(, )?`), '').replace(', }', '}'));
  out.push(ROW.replace('{"number": "1", "points": 80', '{"points": 80, "number": "1"'));
  out.push(ROW.replace(/ /g, '\n\t \r'), ROW.replace(/ /g, ''), ROW.replace(/ /g, '\u00a0'), ROW.replace('"B"', '"B" '), '{}', '[]', '1', 'null', ROW + ROW);
  out.push(ROW.replace('}', ', "x": {"y": 1}}'), ROW.replace('}', ', "n": [1, 2]}'));
  return out;
}

describe('catalogue rows checked on their text (src/catalogues/plain-rows.ts)', () => {
  it('takes the GOÄ catalogue as it ships, and loads it as the walk and the schema do', () => {
    const fast = outcome(GOAE, true);
    expect(fast.plain).toBe(true);
    expect(fast).toEqual({ ...outcome(GOAE, false), plain: true });
    expect(fast.schema).toEqual([]);
  });

  it('knows the rows as the schema declares them: every property, the required ones not optional', () => {
    const text = readFileSync(new URL('../src/catalogues/plain-rows.ts', import.meta.url), 'utf8');
    const regex = text.slice(text.indexOf('/"rows"'), text.indexOf('/y;'));
    const { properties, required } = SCHEMA.properties.rows.items;
    const named = [...regex.matchAll(/"(\w+)"\\s\*:/g)].map((m) => m[1]).filter((k) => k !== 'rows');
    expect(named.sort()).toEqual(Object.keys(properties).sort());
    for (const k of Object.keys(properties)) expect(regex.includes(`(?:\\s*,\\s*"${k}"`), k).toBe(!required.includes(k));
  });

  it('refuses and accepts what the walk and the schema refuse and accept, with the same located problems, for every changed row', () => {
    let fastPaths = 0;
    for (const variant of rowVariants()) {
      for (const rows of [[variant], [ROW, variant], [ROW_WIDE, variant, ROW]]) {
        for (const sep of [', ', ',\n    ']) {
          const text = `${HEAD}"rows": [${rows.join(sep)}]}`;
          const fast = outcome(text, true);
          const { plain, ...slow } = outcome(text, false);
          expect(plain).toBe(false);
          const { plain: took, ...same } = fast;
          expect(same, text).toEqual(slow);
          if (took) fastPaths++;
        }
      }
    }
    // The check does take the plain rows among them.
    expect(fastPaths).toBeGreaterThan(20);
  });

  it('leaves a document whose member "rows" is given twice, or nested, to the walk, which finds the duplicate', () => {
    const texts = [
      `${HEAD}"rows": 5, "x": [${ROW}, ${ROW}], "rows": [{"a": 1, "b": 2, "c": 3, "d": 4}]}`,
      `${HEAD}"rows": [${ROW}], "rows": [{"a": 1, "b": 2, "c": 3, "d": 4}]}`,
      `${HEAD}"rows": [${ROW}], "rows": []}`,
      `${HEAD}"rows": [], "rows": [${ROW}]}`,
      `${HEAD.replace('"date": "2001-12-04"}', `"date": "2001-12-04", "rows": [${ROW}]}`)}"rows": [{"a": 1}]}`,
      `${HEAD}"rows": []}`,
      `\ufeff${HEAD}"rows": [${ROW}]}`,
      `${HEAD}"rows": [${ROW}]`,
    ];
    for (const text of texts) {
      const { plain: took, ...fast } = outcome(text, true);
      const { plain: _, ...slow } = outcome(text, false);
      expect(fast, text).toEqual(slow);
      if (text.includes('"rows": 5') || text.match(/"rows"/g)!.length > 1) expect(took, text).toBe(false);
    }
    expect(outcome(`${HEAD}"rows": [${ROW}], "rows": []}`, true).problems.map((p) => p.code)).toEqual(['duplicate-key']);
  });
});
