/**
 * loadRuleSets never throws: deep or exploding named conditions, hostile sources, an
 * unexpected exception inside the pipeline, numbers a double cannot hold, and no rule set at
 * all — each gives located load problems instead.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPracticeContext, loadRuleSets } from '../plugin-api/index';
import type { LoadProblem, RuleSetSource } from '../plugin-api/types';
import { FACTS } from '../src/facts/facts';
import { ROOT, bundledSources, demoRuleSet } from './helpers';

const catalogue = () => bundledSources().find((s) => s.name.endsWith('goae.json'))!;

const ruleSet = demoRuleSet;
const src = (doc: unknown, name = 'demo.json'): RuleSetSource => ({ name, text: JSON.stringify(doc, null, 2) });
const correction = { type: 'correction', params: { field: '5012', value: '1' } };

function loadSafely(sources: unknown): ReturnType<typeof loadRuleSets> {
  let result: ReturnType<typeof loadRuleSets> | undefined;
  expect(() => (result = loadRuleSets(sources as never))).not.toThrow();
  return result!;
}

describe('loadRuleSets never throws', () => {
  it('refuses a chain of 1,000 named conditions with a located problem', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) conditions[`c${i}`] = i === 999 ? { all: [{ fact: 'gop', operator: 'equal', value: '1' }] } : { all: [{ condition: `c${i + 1}` }] };
    const doc = ruleSet({ conditions, rules: [{ name: 'demo.chain', conditions: { all: [{ condition: 'c0' }] }, event: correction }] });
    const r = loadSafely([src(doc)]);
    expect(r.ok).toBe(false);
    const deep = r.problems.filter((p) => p.code === 'condition-depth');
    expect(deep.length).toBeGreaterThan(0);
    expect(deep[0]).toMatchObject({ file: 'demo.json', pointer: '/rules/0/conditions', severity: 'error' });
    expect(deep[0]!.line).toBeGreaterThan(1);
    expect(deep[0]!.message).toContain('demo.chain');
  });

  it('refuses named conditions whose expansion explodes (each used twice, 24 levels), quickly', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 24; i++) conditions[`c${i}`] = i === 23 ? { all: [{ fact: 'gop', operator: 'equal', value: '1' }] } : { any: [{ condition: `c${i + 1}` }, { condition: `c${i + 1}` }] };
    const doc = ruleSet({ conditions, rules: [{ name: 'demo.fan', conditions: { all: [{ condition: 'c0' }] }, event: correction }] });
    const r = loadSafely([src(doc)]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.pointer} ${p.code}`)).toContain('/rules/0/conditions condition-size');
  });

  it('refuses a rule of more than 100,000 comparisons without named conditions (measured in the walk that finds its trigger keys)', () => {
    const leaf = { fact: 'costCount', operator: 'greaterThan', value: 0 };
    const rule = (n: number) => ({ name: `demo.r${n}`, conditions: { all: [{ fact: 'gop', operator: 'equal', value: '1' }, { any: Array.from({ length: n }, () => leaf) }] }, event: correction });
    const big = loadSafely([src(ruleSet({ rules: [rule(100_000), rule(99_997)] }))]);
    expect(big.problems.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/rules/0/conditions condition-size']);
  });

  it('refuses a chain of 20,000 named conditions without walking it (the stack would not hold the walk)', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) conditions[`c${i}`] = { any: [i === 19_999 ? { fact: 'gop', operator: 'equal', value: '1' } : { condition: `c${i + 1}` }] };
    const r = loadSafely([src(ruleSet({ conditions, rules: [{ name: 'demo.chain', conditions: { all: [{ condition: 'c0' }] }, event: correction }] }))]);
    expect(r.problems.map((p) => p.code)).not.toContain('internal');
    expect(r.problems.filter((p) => p.code === 'condition-depth').map((p) => p.pointer)).toContain('/rules/0/conditions');
  });

  it('accepts named conditions nested within the bounds, and still reports cycles', () => {
    const conditions: Record<string, unknown> = {};
    for (let i = 0; i < 20; i++) conditions[`c${i}`] = { all: [i === 19 ? { fact: 'gop', operator: 'equal', value: '1' } : { condition: `c${i + 1}` }] };
    expect(loadSafely([src(ruleSet({ conditions, rules: [{ name: 'demo.ok', conditions: { all: [{ condition: 'c0' }] }, event: correction }] }))]).ok).toBe(true);
    const cyclic = ruleSet({ conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } }, rules: [{ name: 'demo.cycle', conditions: { all: [{ condition: 'a' }] }, event: correction }] });
    expect(loadSafely([src(cyclic)]).problems.map((p) => p.code)).toContain('condition-cycle');
  });

  it('turns hostile sources into problems: throwing getters, proxies, throwing iterables, null', () => {
    const trap = (): never => {
      throw new Error('host');
    };
    const good = src(ruleSet());
    const cases: unknown[] = [
      null,
      undefined,
      42,
      'rules',
      [null, 7, 'x'],
      [Object.defineProperty({ name: 'a.json' }, 'text', { get: trap, enumerable: true }), good],
      [Object.defineProperty({ text: good.text }, 'name', { get: trap, enumerable: true })],
      new Proxy([good], { get: (t, k) => (k === 'length' ? trap() : Reflect.get(t, k)) }),
      new Proxy([good], { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap }),
      new Proxy({}, { get: trap, getPrototypeOf: trap }),
      {
        *[Symbol.iterator]() {
          yield good;
          throw new Error('host');
        },
      },
      [new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap })],
    ];
    for (const c of cases) {
      const r = loadSafely(c);
      expect(r.ok).toBe(false);
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) expect(typeof p.message).toBe('string');
    }
    // The readable document of a list with a throwing neighbour is still loaded and checked.
    const mixed = loadSafely([Object.defineProperty({ name: 'a.json' }, 'text', { get: trap, enumerable: true }), good]);
    expect(mixed.problems.map((p) => `${p.file} ${p.code}`)).toEqual(['a.json source']);
  });

  it('reads each source property once: a getter that changes its answer cannot split the check from the parse', () => {
    let reads = 0;
    const text = src(ruleSet()).text;
    const flaky = {
      name: 'flaky.json',
      get text() {
        reads++;
        return reads === 1 ? text : '{';
      },
    };
    const r = loadSafely([flaky]);
    expect(r.ok).toBe(true);
    expect(reads).toBe(1);
  });

  it('turns an unexpected exception inside loading into a problem naming file and rule', () => {
    const def = FACTS.get('asvTeamNumberStatus')! as { bind: unknown };
    const original = def.bind;
    def.bind = () => {
      throw new TypeError('a bug in the engine');
    };
    try {
      const doc = ruleSet({ rules: [{ name: 'demo.buggy', conditions: { all: [{ fact: 'asvTeamNumberStatus', operator: 'equal', value: 'ok' }] }, event: correction }] });
      const r = loadSafely([src(doc)]);
      expect(r.ok).toBe(false);
      const p = r.problems.find((x) => x.code === 'internal')!;
      expect(p).toMatchObject({ file: 'demo.json', pointer: '/rules/0', severity: 'error' });
      expect(p.line).toBeGreaterThan(1);
      expect(p.message).toContain('demo.buggy');
      expect(p.message).not.toContain('a bug in the engine');
    } finally {
      def.bind = original;
    }
  });
});

describe('numbers a double cannot hold exactly', () => {
  const inexact = (problems: LoadProblem[]) => problems.filter((p) => p.code === 'inexact-number').map((p) => `${p.file}:${p.line} ${p.pointer}`);

  it('are load problems in a rule value', () => {
    const doc = ruleSet({ rules: [{ name: 'demo.big', conditions: { all: [{ fact: 'costCount', operator: 'greaterThan', value: 0 }] }, event: correction }] });
    const text = JSON.stringify(doc, null, 2).replace('"value": 0', '"value": 123456789012345678901234567890');
    const r = loadSafely([{ name: 'big.json', text }]);
    expect(r.ok).toBe(false);
    expect(inexact(r.problems)).toEqual([`big.json:${text.split('\n').findIndex((l) => l.includes('1234567890123')) + 1} /rules/0/conditions/all/0/value`]);
    expect(r.problems[0]!.message).toBe('Die Zahl kann nicht genau dargestellt werden (sie würde gerundet); als Text schreiben oder mit weniger Stellen.');
    // The number itself is not quoted (in an entry file it may be patient data).
    expect(r.problems[0]!.message).not.toContain('1234567890');
  });

  it('are load problems in a table, also beyond 2^53 and in decimals with too many digits', () => {
    const doc = ruleSet({
      tables: { t: { description: { de: 'T', en: 'T' }, columns: { n: { type: 'number' } }, rows: [{ n: 1, source: 'src', label: 'C' }, { n: 2, source: 'src', label: 'C' }, { n: 3, source: 'src', label: 'C' }] } },
    });
    const text = JSON.stringify(doc).replace('"n":1,', '"n":9007199254740993,').replace('"n":2,', '"n":0.12345678901234567891,').replace('"n":3,', '"n":1e400,');
    const r = loadSafely([{ name: 't.json', text }]);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => `${p.pointer} ${p.code}`)).toEqual(['/tables/t/rows/0/n inexact-number', '/tables/t/rows/1/n inexact-number', '/tables/t/rows/2/n non-finite-number']);
  });

  it('accept every number a double holds as written: 0.1, 1e20, -0, 2^53, 1.5e-7', () => {
    for (const n of ['0.1', '1e20', '-0', '9007199254740992', '1.5e-7', '100', '5.82873', '1E+2']) {
      const doc = ruleSet({ rules: [{ name: 'demo.n', conditions: { all: [{ fact: 'costCount', operator: 'greaterThan', value: 0 }] }, event: correction }] });
      const r = loadSafely([{ name: 'n.json', text: JSON.stringify(doc).replace('"value":0', `"value":${n}`) }]);
      expect([n, r.ok, r.problems]).toEqual([n, true, []]);
    }
  });
});

describe('no rule sets is an error', () => {
  it('an empty list, or only a catalogue and a contract, loads nothing: "keine Regelwerke geladen"', () => {
    const contract = bundledSources().find((s) => s.name.includes('contracts'))!;
    for (const sources of [[], [catalogue()], [catalogue(), contract]]) {
      const r = loadSafely(sources);
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.code)).toEqual(['no-rule-sets']);
      expect(r.problems[0]!.message).toContain('keine Regelwerke geladen');
      expect(r.problems[0]!.messageEn).toContain('no rule sets loaded');
    }
  });
});

describe('load problems name a rule by its id and line', () => {
  it('a duplicate rule id names the id and the line of the first use, not "Regel 0"', () => {
    const doc = ruleSet({
      rules: [
        { name: 'demo.same', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '1' }] }, event: correction },
        { name: 'demo.same', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '2' }] }, event: correction },
      ],
    });
    const text = JSON.stringify(doc, null, 2);
    const firstLine = text.split('\n').findIndex((l) => l.includes('"name": "demo.same"')) + 1;
    const p = loadSafely([{ name: 'dup.json', text }, catalogue()]).problems.find((x) => x.code === 'duplicate-rule')!;
    expect(p.message).toBe(`Die Regel-Id "demo.same" ist schon in Zeile ${firstLine} vergeben.`);
    expect(p.messageEn).toBe(`Rule id "demo.same" is already used on line ${firstLine}.`);
    expect(p.message).not.toMatch(/Regel \d/);
  });

  it('an unreachable rule is named by id and line', () => {
    const doc = ruleSet({
      rules: [{ name: 'demo.never', conditions: { all: [{ fact: 'gop', operator: 'equal', value: '1' }, { fact: 'gop', operator: 'equal', value: '2' }] }, event: correction }],
    });
    const text = JSON.stringify(doc, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"name": "demo.never"')) + 1;
    const p = loadSafely([{ name: 'u.json', text }]).problems.find((x) => x.code === 'unreachable-rule')!;
    expect(p.message).toContain(`"demo.never" (Zeile ${line})`);
    expect(p.messageEn).toContain(`"demo.never" (line ${line})`);
  });
});

describe('a host whose Object.prototype has an enumerable property', () => {
  // Another module of the host set it (prototype pollution); JSON.parse's objects then show it
  // to every for...in. The host must learn that cause, not "internal error, report it".
  function polluted<T>(run: () => T): T {
    (Object.prototype as Record<string, unknown>)['hostFlag'] = true;
    try {
      return run();
    } finally {
      delete (Object.prototype as Record<string, unknown>)['hostFlag'];
    }
  }
  const context = { name: 'practice-context.json', text: readFileSync(join(ROOT, 'examples/practice-context.json'), 'utf8') };

  it('gets one problem that names the cause, for rule sets and for the practice context', () => {
    const sets = polluted(() => loadSafely(bundledSources()));
    const ctx = polluted(() => loadPracticeContext(context));
    for (const r of [sets, ctx]) {
      expect(r.ok).toBe(false);
      const p = r.problems.find((x) => x.severity === 'error')!;
      expect(p.code).toBe('polluted-prototype');
      expect(p.message).toContain('Object.prototype');
      expect(p.messageEn).toContain('Object.prototype');
    }
    // Without the property the same documents load.
    expect(loadSafely(bundledSources()).ok).toBe(true);
    expect(loadPracticeContext(context).ok).toBe(true);
  });
});
