import { readFileSync } from 'node:fs';
import { getQuickJS } from 'quickjs-emscripten';
import { beforeAll, describe, expect, it } from 'vitest';
import { built } from './built';

let code = '';

beforeAll(() => {
  // The build npm test made before vitest (never a stale one: built() checks).
  code = readFileSync(built('dist/pvs-rules.standalone.js'), 'utf8');
});

type QuickJsContext = ReturnType<Awaited<ReturnType<typeof getQuickJS>>['newContext']>;

/** Runs `use` in a fresh QuickJS context with the bundle loaded, then disposes of the context. */
async function inQuickJs(use: (vm: QuickJsContext) => void): Promise<void> {
  const vm = (await getQuickJS()).newContext();
  try {
    const load = vm.evalCode(code);
    if (load.error) throw new Error(JSON.stringify(vm.dump(load.error)));
    load.value.dispose();
    use(vm);
  } finally {
    vm.dispose();
  }
}

describe('standalone bundle (dist/pvs-rules.standalone.js)', () => {
  it('has no imports, no require, no eval or new Function', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bnew Function\b|\beval\(/);
    expect(code.startsWith('var PvsRules = (function')).toBe(true);
  });

  it('runs in QuickJS (stand-in for Jint, ClearScript, GraalJS): the KBV 88500 example gets 5012 = 52458', async () => {
    await inQuickJs((vm) => {
      const run = vm.evalCode(`
        var checker = PvsRules.createBundledChecker({ locale: 'de' });
        JSON.stringify([
          checker.check({ date: '2019-01-04', gop: '88500', teamNumber: '001234577', costs: [{ description: '5489' }] }),
          checker.check({ hybridDrg: { code: 'G24M', start: '2026-03-10', end: '2026-03-11', opDate: '2026-03-10' }, ops: [{ code: '5-530.03', laterality: 'L' }], diagnoses: [{ icd: 'K40.90', kind: 'main' }], patient: { birthDate: '1971-01-01' } }),
          checker.check({ date: 'kaputt' }),
          PvsRules.bundledRuleSets().length
        ]);
      `);
      if (run.error) throw new Error(JSON.stringify(vm.dump(run.error)));
      const [kbv, hdrg, bad, documents] = JSON.parse(vm.getString(run.value));
      run.value.dispose();
      expect(kbv.corrections).toEqual([{ field: '5012', index: 0, value: '52458', ruleId: 'asv.5012.set-price' }]);
      expect(kbv.findings.map((f: { code: string }) => f.code)).toEqual(['ASV-5012-FEHLT']);
      expect(hdrg.findings[0].message).toContain('3.713,46 €');
      expect(bad.findings.map((f: { code: string }) => f.code)).toEqual(['INPUT-LEISTUNGSTAG', 'INPUT-GNR']);
      expect(documents).toBeGreaterThanOrEqual(7);
    });
  }, 60_000);

  it('is ASCII only, so a host that reads it as windows-1252 or ISO-8859-1 gets the same messages (umlauts, €, § as \\u escapes)', () => {
    expect(code.search(/[^\x00-\x7f]/)).toBe(-1);
  });

  it('refuses a practice context that does not load, as it refuses an extra document, instead of silently checking without it', async () => {
    const context = readFileSync(new URL('../examples/practice-context.json', import.meta.url), 'utf8');
    await inQuickJs((vm) => {
      const attempt = (options: string) => {
        const run = vm.evalCode(`(function () { try { var c = PvsRules.createBundledChecker(${options}); return 'ok ' + c.contextProblems.length; } catch (e) { return 'threw ' + e.message; } })()`);
        if (run.error) throw new Error(JSON.stringify(vm.dump(run.error)));
        const text = vm.getString(run.value);
        run.value.dispose();
        return text;
      };
      expect(attempt(`{ context: ${JSON.stringify(context)} }`)).toBe('ok 0');
      const broken = attempt(`{ context: ${JSON.stringify(context.replace(/}\s*$/, ',}'))} }`);
      expect(broken).toMatch(/^threw context:\d+:\d+ /);
      expect(attempt('{ context: 42 }')).toMatch(/^threw context:/);
      // null means none, as undefined does: no options object, no extra documents, no context.
      expect(attempt('null')).toBe('ok 0');
      expect(attempt('{ extra: null, context: null, locale: null }')).toBe('ok 0');
    });
  }, 60_000);
});
