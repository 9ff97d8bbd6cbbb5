import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isExactNumber, locate, parseJson, MAX_JSON_DEPTH } from '../src/load/json-text';

describe('positional JSON parser', () => {
  it('parses like JSON.parse and records key positions by JSON pointer', () => {
    const text = '{\n  "a": 1,\n  "list": [\n    {"x/y": true},\n    "s"\n  ]\n}';
    const r = parseJson(text);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual(JSON.parse(text));
    expect(r.positions.get('/a')).toEqual({ line: 2, column: 3 });
    expect(r.positions.get('/list/0')).toEqual({ line: 4, column: 5 });
    expect(r.positions.get('/list/0/x~1y')).toEqual({ line: 4, column: 6 });
    expect(r.positions.get('/list/1')).toEqual({ line: 5, column: 5 });
    expect(locate(r.positions, '/list/0/x~1y/deeper')).toEqual({ line: 4, column: 6 });
  });

  it('reports a syntax error at its line and column', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": tru\n}');
    expect(r.value).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'syntax', line: 3, column: 8 });
  });

  it('refuses prototype-polluting and duplicate keys, all of them, with locations', () => {
    const r = parseJson('{"__proto__": {"x": 1},\n "a": 1, "a": 2, "constructor": 3}');
    expect(r.problems.map((p) => [p.code, p.pointer, p.line, p.column])).toEqual([
      ['forbidden-key', '/__proto__', 1, 2],
      ['duplicate-key', '/a', 2, 10],
      ['forbidden-key', '/constructor', 2, 18],
    ]);
    // A refused document gives no value (none with a prototype set through "__proto__" either).
    expect(r.value).toBeUndefined();
  });

  it('refuses absurd nesting without exhausting the stack', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const r = parseJson(deep);
    expect(r.value).toBeUndefined();
    expect(r.problems[0]!.messageEn).toContain(String(MAX_JSON_DEPTH));
  });

  it('refuses numbers out of range', () => {
    const r = parseJson('{"n": 1e400}');
    expect(r.problems[0]).toMatchObject({ code: 'non-finite-number', pointer: '/n' });
  });

  it('handles escapes and a byte-order mark', () => {
    const r = parseJson('\ufeff{"s": "a\\"b\\u00e4\\n"}');
    expect(r.value).toEqual({ s: 'a"bä\n' });
  });

  it('reads every escape as JSON.parse does, and places an invalid one at its backslash', () => {
    // The positional parser (a trailing "x" sends the text there) against the engine on the text without it.
    const all = '"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e4 \\uD835\\uDC00 \\ud835 \\uABCD"';
    const r = parseJson(`[${all}, 1`);
    expect(r.problems.map((p) => p.code)).toEqual(['syntax']);
    const extra = `{"k": ${all}} x`;
    expect(parseJson(extra).problems[0]).toMatchObject({ line: 1, column: extra.length, messageEn: 'JSON syntax error: Extra text after the JSON value.' });
    for (const [text, column] of [['["a\\x"]', 4], ['["\\u12G4"]', 3], ['["ab\\u00e"]', 5], ['["\\\\\\', 5], ['["\\U0041"]', 3]] as const) {
      expect(parseJson(text).problems[0], text).toMatchObject({ code: 'syntax', line: 1, column, messageEn: 'JSON syntax error: Invalid escape sequence.' });
    }
    expect(parseJson(`{"k": ${all}, "k": 1}`).problems.map((p) => p.code)).toEqual(['duplicate-key']);
    // A number of 16 digits sends a document without problems there too (to check that it is exact).
    expect(JSON.stringify(parseJson(`{"k": ${all}, "n": 1234567890123456}`).value)).toBe(JSON.stringify({ k: JSON.parse(all), n: 1234567890123456 }));
  });
});

describe('fast path (the engine JSON.parse, then checks for what it lets through)', () => {
  it('finds duplicate keys JSON.parse would merge, wherever they are and however they are spaced', () => {
    for (const [text, pointer] of [
      ['{"a": 1, "a" : 2}', '/a'],
      ['[{"x": {"k": 1,\n"k":\t2}}]', '/0/x/k'],
      ['{"s": "a \\"b\\": c", "s": 2}', '/s'],
      ['{"k:": 1, "k:": 2}', '/k:'],
      ['{"x": "\\u003a", "x": 1}', '/x'],
    ] as const) {
      const r = parseJson(text);
      expect(r.problems.map((p) => [p.code, p.pointer]), text).toEqual([['duplicate-key', pointer]]);
    }
  });

  it('refuses nesting past MAX_JSON_DEPTH as the positional parser does, to the level (a scalar or an empty list at the bottom)', () => {
    const nested = (levels: number, open: string, close: string, bottom: string) => open.repeat(levels) + bottom + close.repeat(levels);
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      // A scalar inside `levels` containers is at depth `levels`; an empty list inside them at `levels`, its nothing below.
      for (const [levels, bottom, refused] of [
        [MAX_JSON_DEPTH, '1', false],
        [MAX_JSON_DEPTH + 1, '1', true],
        [MAX_JSON_DEPTH, '[]', false],
        [MAX_JSON_DEPTH + 1, '[]', true],
        [MAX_JSON_DEPTH - 1, '[[]]', false],
        [MAX_JSON_DEPTH, '"x:y"', false],
      ] as const) {
        const text = nested(levels, open, close, bottom);
        const r = parseJson(text);
        expect(r.problems.length > 0, `${levels} ${open}${bottom}`).toBe(refused);
        if (refused) expect(r.problems[0]!.messageEn).toContain(String(MAX_JSON_DEPTH));
        else expect(r.value).toEqual(JSON.parse(text));
      }
    }
  });

  it('refuses a forbidden key however it is written, and a number no double holds however few others there are', () => {
    for (const [text, code, pointer] of [
      ['{"\\u005f_proto__": 1}', 'forbidden-key', '/__proto__'],
      ['{"a": {"constructo\\u0072": {}}}', 'forbidden-key', '/a/constructor'],
      ['[{"prototype": null}]', 'forbidden-key', '/0/prototype'],
      ['{"n": -1e400}', 'non-finite-number', '/n'],
      ['{"s": "1e400", "n": 1E+400}', 'non-finite-number', '/n'],
      [`[${'9'.repeat(400)}]`, 'non-finite-number', '/0'],
      ['[9007199254740993]', 'inexact-number', '/0'],
    ] as const) {
      const r = parseJson(text);
      expect(r.problems.map((p) => [p.code, p.pointer]), text).toEqual([[code, pointer]]);
    }
    // Named as values, or in a longer key, they are no keys of their own.
    for (const text of ['{"kind": "prototype", "constructors": "__proto__ x"}', '{"\\u0061": "constructor"}']) expect(parseJson(text).problems, text).toEqual([]);
  });

  it('finds every number literal that is not what JSON.parse made of it, wherever it stands (the native scan before the exact one misses none)', () => {
    const literal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^(0|[1-9][0-9]{0,24})$/),
        fc.option(fc.stringMatching(/^[0-9]{1,20}$/)),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{1,4}$/))),
      )
      .map(([negative, int, frac, exp]) => `${negative ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : exp.join('')}`);
    const places: ((n: string) => string)[] = [(n) => n, (n) => `[${n}]`, (n) => `[1,\n ${n}]`, (n) => `{"a":${n}}`, (n) => `{"k": "x", "a" :\t${n}}`, (n) => `[{"s": "goae-1996: 12345678901234567"}, ${n}]`];
    fc.assert(
      fc.property(literal, fc.constantFrom(...places), (n, place) => {
        const v = Number(n);
        const want = !Number.isFinite(v) ? ['non-finite-number'] : isExactNumber(n, v) ? [] : ['inexact-number'];
        expect(parseJson(place(n)).problems.map((p) => p.code), place(n)).toEqual(want);
      }),
      { numRuns: 1000, seed: 18 },
    );
  });

  it('does not mistake colons or escaped quotes inside strings for members', () => {
    for (const text of ['{"a\\u003ab": ":", "c": "\\u003A"}', '{"a": "x\\": y", "b": ":"}', '{"a\\":": "\\\\", "b": "\\\\\\":"}', '{"url": "https://kbv.de/a:b"}', '"a:b"']) {
      const r = parseJson(text);
      expect(r.problems, text).toEqual([]);
      expect(r.value).toEqual(JSON.parse(text));
    }
  });

  it('agrees with JSON.parse on any document without problems, and reports every injected duplicate with its place', () => {
    const key = fc.string({ maxLength: 6 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const r = parseJson(text);
        expect(r.problems).toEqual([]);
        expect(r.value).toEqual(JSON.parse(text));
        // The same document with one object's first member written twice.
        const withDuplicate = text.replace(/\{(\s*)("(?:[^"\\]|\\.)*")(\s*):/, '{$1$2$3: 0, $2$3:');
        if (withDuplicate !== text) {
          const d = parseJson(withDuplicate);
          expect(d.problems.map((p) => p.code)).toEqual(['duplicate-key']);
          expect(d.problems[0]!.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe('locating in a document that loaded (few questions, each walked through the text)', () => {
  /** Every pointer of `v`, and beside each one that names nothing (a missing key, an index past the end, a step into a scalar). */
  const pointers = (v: unknown, at = ''): string[] => {
    const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
    const out = [at, `${at}/missing`, `${at}/7`];
    if (Array.isArray(v)) v.forEach((x, i) => out.push(...pointers(x, `${at}/${i}`)));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pointers(x, `${at}/${esc(k)}`));
    return out;
  };
  /** What the positional parse records: a Positions asked enough questions parses the whole text. */
  const parsed = (text: string) => {
    const p = parseJson(text).positions;
    for (let k = 0; k < 16; k++) p.get('');
    return p;
  };

  it('finds every value where the positional parse puts it, in any document JSON.parse takes', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a/b', '~0', 'x~1', 'q"u', 'b\\s', 'ä', '0', '1')).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const value = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.oneof(fc.string(), fc.constantFrom('"', '\\', '\\"', '{[', ']}', ','), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, '\t', ' \r\n '), fc.boolean(), (v, indent, bom) => {
        const text = (bom ? '\ufeff' : '') + (typeof indent === 'string' ? JSON.stringify(v, null, 1).replace(/\n/g, indent) : JSON.stringify(v, null, indent));
        const full = parsed(text);
        for (const p of pointers(v)) expect(parseJson(text).positions.get(p), p).toEqual(full.get(p));
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('finds values behind objects and lists nested deep (up to the depth limit)', () => {
    // Until a native match of a whole value followed 12 levels (24 before), deeper ones were walked char by char.
    for (const levels of [10, 11, 12, 13, 14, 20, 24, 25, 26, 40, MAX_JSON_DEPTH - 2]) {
      // Each level an object whose first member nests further and whose second comes after it: locating that one skips the rest.
      let v: unknown = ['}', '"]', { s: '\\"{[' }];
      for (let k = 0; k < levels; k++) v = k % 2 ? { in: v, after: k } : [v, `x${k}]`];
      const text = JSON.stringify(v, null, levels % 3);
      const full = parsed(text);
      const list = pointers(v).filter((p) => /after|\/1$/.test(p));
      for (const p of list) expect(parseJson(text).positions.get(p), `${levels} ${p}`).toEqual(full.get(p));
      expect(list.length).toBeGreaterThan(levels);
    }
  });

  it('finds a value behind a list of millions of items (a native match of the whole list threw a RangeError)', () => {
    const head = '{"a":[';
    const text = `${head}${'"",'.repeat(4_000_000)}""],\n  "b": 2}`;
    expect(parseJson(text).positions.get('/b')).toEqual({ line: 2, column: 3 });
  });

  it('finds values behind long objects and lists (numbers, texts, objects, brackets in texts)', () => {
    for (const big of [Array.from({ length: 30_000 }, (_, i) => i), [{ s: 'x'.repeat(200_000) }], Array.from({ length: 20_000 }, (_, i) => ({ s: `]}${i}"` })), [[['a'.repeat(70_000)]], 'b']]) {
      const text = JSON.stringify({ big, after: [1, { x: 2 }] }, null, 1);
      const full = parsed(text);
      for (const p of ['/after', '/after/1/x', '/big/1']) expect(parseJson(text).positions.get(p), p).toEqual(full.get(p));
    }
  });

  it('finds values behind a run of more texts than one match takes (1,000) when the next text holds brackets', () => {
    // Each match between two brackets takes at most 1,000 texts; the walk goes on at the next one's quote, not inside it.
    for (const n of [998, 999, 1000, 1001, 2000, 2001]) {
      const text = JSON.stringify({ a: [...Array.from({ length: n }, () => 'x'), ']}[{', { c: 1 }], b: { d: ['{'] } }, null, 1);
      const full = parsed(text);
      for (const p of ['/b', '/b/d/0', `/a/${n + 1}/c`, `/a/${n}`]) expect(parseJson(text).positions.get(p), `${n} ${p}`).toEqual(full.get(p));
    }
  });

  it('finds every value of the bundled rule sets where the positional parse puts it', () => {
    for (const name of ['rules/asv/2026.1/ruleset.json', 'rules/hdrg/2024.1/ruleset.json']) {
      const text = readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
      const full = parsed(text);
      const list = pointers(JSON.parse(text));
      // Each pointer asked of a Positions of its own: every answer comes from walking the text.
      for (let i = 0; i < list.length; i += 37) expect(parseJson(text).positions.get(list[i]!), list[i]).toEqual(full.get(list[i]!));
    }
  });

  it('finds a key given twice beside exactly one colon in a text, wherever that text stands (a key, a member, a list item)', () => {
    // The duplicate adds one colon to the text; a text's colon counted twice would hide it.
    for (const text of ['{"a:b": 1, "c": 1, "c": 2}', '{"a": "x:y", "c": 1, "c": 2}', '{"a": ["x:y"], "c": 1, "c": 2}', '["x:y", {"c": 1, "c": 2}]']) {
      expect(parseJson(text).problems.map((p) => p.code), text).toEqual(['duplicate-key']);
    }
  });

  it('counts the colons of a key at each place it stands (the walk notes them once per key)', () => {
    const watch = ['namedParams', 'param', 'after'];
    // Taken by the fast path (no key noted as possibly watched), and a duplicate beside them found.
    const clean = '{"a:b": 1, "x": {"a:b": {"a:b": [{"a:b": "c:d"}]}}, "y::": {"y::": 2}}';
    expect(parseJson(clean, watch)).toMatchObject({ problems: [], keys: 0, value: JSON.parse(clean) });
    const twice = '{"a:b": 1, "x": {"a:b": {"a:b": 2}}, "c": 1, "c": 2}';
    expect(parseJson(twice, watch).problems.map((p) => p.code)).toEqual(['duplicate-key']);

    // More keys than the walk notes (16,384): those beyond are counted at each place too.
    const many = Array.from({ length: 20_000 }, (_, i) => `"k${i}:x": 1`).join(', ');
    const wide = `{"a": {${many}}, "b": {${many}}}`;
    expect(parseJson(wide, watch)).toMatchObject({ problems: [], keys: 0 });
    expect(parseJson(`{"a": {${many}}, "b": {${many}, "k19999:x": 2}}`, watch).problems.map((p) => p.code)).toEqual(['duplicate-key']);
  });

  it('notes which watched keys a document holds as keys, at any depth; a text that only holds them as values does not count', () => {
    const watch = ['namedParams', 'param', 'after'];
    const keysOf = (doc: unknown) => parseJson(JSON.stringify(doc), watch).keys;
    expect(keysOf({ a: [{ b: { namedParams: 'x' } }], s: 'param', after: 'after' })).toBe(1 | 4);
    expect(keysOf({ rules: [[[{ value: { param: 'n' } }]]] })).toBe(2);
    expect(keysOf({ namedParamsX: 1, Param: 2, list: ['after', 'param'] })).toBe(0);
    // The forbidden keys are still refused with watched keys beside them.
    expect(parseJson('{"param": 1, "constructor": 2}', watch).problems.map((p) => p.code)).toEqual(['forbidden-key']);
    // A document the positional parser reads (a duplicate key here) may hold any of them.
    expect(parseJson('{"a": 1, "a": 1}', watch).keys).toBe(7);
  });
});

describe('a broken document: its problems placed in one pass that records no offset and builds no value', () => {
  // A list of 20,000 rows (half a megabyte) ends without its brackets; before it a duplicate key, a
  // forbidden one and numbers no double holds, under keys that need escaping in a pointer.
  const rows = Array.from({ length: 20_000 }, (_, i) => `  {"n": ${i}, "s": "x"}`).join(',\n');
  const head = '{"a/b": {"k~": 1, "k~": [1, 9007199254740993, 1e400]},\n "__proto__": 0,\n "rows": [\n';
  const text = `${head}${rows},\n`;

  it('the same problems, pointers and places as the positional parse gave', () => {
    const r = parseJson(text);
    const column = (s: string, from = 0) => head.indexOf(s, from) + 1;
    expect(r.problems.map((p) => [p.code, p.pointer, p.line, p.column])).toEqual([
      ['inexact-number', '/a~1b/k~0/1', 1, column('9007')],
      ['non-finite-number', '/a~1b/k~0/2', 1, column('1e400')],
      ['duplicate-key', '/a~1b/k~0', 1, column('"k~"', column('"k~"'))],
      ['forbidden-key', '/__proto__', 2, 2],
      // The end of the text: after the last row's line.
      ['syntax', '', text.split('\n').length, 1],
    ]);
    expect(r.problems[4]).toMatchObject({ message: 'JSON-Syntaxfehler: Unerwartetes Dateiende.', messageEn: 'JSON syntax error: Unexpected end of file.' });
  });

  it('records no offset and builds no value for it (the recording cost 2 µs a value: 20 s for a broken list of 10 million numbers)', () => {
    for (const t of [text, `[${'1,'.repeat(20_000)}`, `[${'{"a": 1, "a": 2},'.repeat(1000)}{}]`]) {
      const r = parseJson(t);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.value).toBeUndefined();
      expect(r.positions.offsets).toBeNull();
    }
    // Without a problem the value and every offset are recorded (a number of 16 digits sends the text to the positional parse).
    const fine = parseJson(`[${'1,'.repeat(1000)}1234567890123456]`);
    expect(fine.problems).toEqual([]);
    expect(fine.positions.offsets?.size).toBe(1002);
    expect((fine.value as number[])[1000]).toBe(1234567890123456);
  });
});
